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
#include <stdint.h>

#define RJGO_FIELD_COUNT 9          /* REPAYJUMP_FIELD_COUNT */
#define RJGO_FIELD_MAX 32           /* REPAYJUMP_FIELD_MAX */
#define RJGO_SIGN_LEN 64            /* REPAYJUMP_SIGN_LEN */
#define RJGO_OUTPUT_MAX 1024        /* REPAYJUMP_OUTPUT_MAX */
#define RJGO_MESSAGE_MAX 192        /* REPAYJUMP_MESSAGE_MAX */
#define RJGO_E_ARG (-1)             /* REPAYJUMP_E_ARG */
#define RJGO_VARIANT_COUNT 4        /* REPAYJUMP_VARIANT_COUNT */
#define RJGO_FORMAT_COUNT 4         /* REPAYJUMP_FORMAT_COUNT */
#define RJGO_SEVERITY_COUNT 3       /* REPAYJUMP_SEVERITY_COUNT */
#define RJGO_KIND_COUNT 11          /* REPAYJUMP_KIND_COUNT */
#define RJGO_VARIANT_AUTO (-1)      /* REPAYJUMP_VARIANT_AUTO */
#define RJGO_VALUE_STRING 0         /* REPAYJUMP_VALUE_STRING */
#define RJGO_VALUE_NOT_STRING 1     /* REPAYJUMP_VALUE_NOT_STRING */
#define RJGO_NO_OFFSET ((size_t)-1) /* REPAYJUMP_NO_OFFSET */

/* The status query's. */
#define RJGO_FIELD_ALL_COUNT 12      /* REPAYJUMP_FIELD_ALL_COUNT */
#define RJGO_STATUS_REQUEST_MAX 1024 /* REPAYJUMP_STATUS_REQUEST_MAX */
#define RJGO_ANSWER_MAX 16384        /* REPAYJUMP_ANSWER_MAX */
#define RJGO_STATE_COUNT 5           /* REPAYJUMP_STATE_COUNT */
#define RJGO_STATUS_CODE_MAX 64      /* REPAYJUMP_STATUS_CODE_MAX */
#define RJGO_STATUS_ID_MAX 129       /* REPAYJUMP_STATUS_ID_MAX */
#define RJGO_STATUS_PATH_MAX 1024    /* REPAYJUMP_STATUS_PATH_MAX */
#define RJGO_STATUS_INFO_MAX 4096    /* REPAYJUMP_STATUS_INFO_MAX */
#define RJGO_STATUS_TEXT_MAX 512     /* REPAYJUMP_STATUS_TEXT_MAX */
#define RJGO_FIELD_TRADE_SCENE 9     /* REPAYJUMP_FIELD_TRADE_SCENE */
#define RJGO_FIELD_JUMP_SCENE 10     /* REPAYJUMP_FIELD_JUMP_SCENE */
#define RJGO_FIELD_PLATE_NUMBER 11   /* REPAYJUMP_FIELD_PLATE_NUMBER */
#define RJGO_E_RETURN_FAIL (-13)     /* REPAYJUMP_E_RETURN_FAIL */
#define RJGO_E_RESULT_FAIL (-16)     /* REPAYJUMP_E_RESULT_FAIL */

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

/* The check's structs. Where the header has a const char *, the binding
 * has a uintptr_t of the same size: Go fills those slots with offsets into
 * the call's buffer, which the shim turns into addresses and back, so that
 * no Go memory ever holds a pointer that C wrote (cgo's pointer rules). */
typedef struct rjgo_pair {
  uintptr_t key; /* const char * */
  size_t key_len;
  uintptr_t value; /* const char * */
  size_t value_len;
  int type;
  size_t key_offset;
  size_t value_offset;
} rjgo_pair;

typedef struct rjgo_check_options {
  int variant;
  unsigned flags;
  const char *api_key;
} rjgo_check_options;

typedef struct rjgo_finding {
  int code;
  int severity;
  int field;
  int in_value;
  size_t offset;
  size_t length;
  size_t pair;
  uintptr_t key; /* const char * */
  size_t key_len;
  char message[RJGO_MESSAGE_MAX];
  char fix[RJGO_MESSAGE_MAX];
} rjgo_finding;

typedef struct rjgo_check_result {
  size_t count;
  size_t errors, warnings, notes;
  int variant;
  int kind;
} rjgo_check_result;

/* The status query's structs. */
typedef struct rjgo_status_query {
  const char *trade_scene;
  const char *jump_scene;
  const char *plate_number;
} rjgo_status_query;

typedef struct rjgo_status_result {
  int state;
  char user_state[RJGO_STATUS_CODE_MAX];
  char deduct_mode[RJGO_STATUS_CODE_MAX];
  char openid[RJGO_STATUS_ID_MAX];
  char sub_openid[RJGO_STATUS_ID_MAX];
  char path[RJGO_STATUS_PATH_MAX];
  char plate_number_info[RJGO_STATUS_INFO_MAX];
  char plate_number[RJGO_STATUS_CODE_MAX];
  char return_msg[RJGO_STATUS_TEXT_MAX];
  char err_code[RJGO_STATUS_CODE_MAX];
  char err_code_des[RJGO_STATUS_TEXT_MAX];
} rjgo_status_result;

/* Its ten strings, in member order. */
#define RJGO_STATUS_STRINGS 10

#endif
