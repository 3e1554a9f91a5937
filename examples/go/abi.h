/*
 * The binding's copy of repayjump.h's ABI: the structs in their exact field
 * order and sizes, and the few constants the binding needs. The library is
 * loaded with dlopen, so the Go package builds without the library's headers;
 * abicheck.go (build tag abicheck) proves at compile time that this copy
 * matches the real header.
 */
#ifndef REPAYJUMP_GO_ABI_H
#define REPAYJUMP_GO_ABI_H

#include <stddef.h>

#define RJGO_FIELD_COUNT 9   /* REPAYJUMP_FIELD_COUNT */
#define RJGO_FIELD_MAX 32    /* REPAYJUMP_FIELD_MAX */
#define RJGO_SIGN_LEN 64     /* REPAYJUMP_SIGN_LEN */
#define RJGO_OUTPUT_MAX 1024 /* REPAYJUMP_OUTPUT_MAX */
#define RJGO_MESSAGE_MAX 192 /* REPAYJUMP_MESSAGE_MAX */
#define RJGO_E_ARG (-1)      /* REPAYJUMP_E_ARG */

typedef struct rjgo_params {
  int variant;
  unsigned flags;
  const char *appid;
  const char *mchid;
  const char *nonce_str;
  const char *openid;
  const char *sub_appid;
  const char *sub_mchid;
  const char *sub_openid;
  const char *api_key;
} rjgo_params;

typedef struct rjgo_error {
  int status;
  int field;
  size_t offset;
  char message[RJGO_MESSAGE_MAX];
} rjgo_error;

typedef struct rjgo_result {
  char nonce_str[RJGO_FIELD_MAX + 1];
  char sign[RJGO_SIGN_LEN + 1];
  char extra_data_json[RJGO_OUTPUT_MAX];
  char navigate_json[RJGO_OUTPUT_MAX];
  char app_path[RJGO_OUTPUT_MAX];
  char app_launch_json[RJGO_OUTPUT_MAX];
} rjgo_result;

#endif
