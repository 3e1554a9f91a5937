/*
 * The C side of the binding: loads the library with dlopen and makes each
 * Go call a single crossing into C. Go owns every buffer passed here; none
 * is kept after a call returns.
 */
#ifndef REPAYJUMP_GO_SHIM_H
#define REPAYJUMP_GO_SHIM_H

#include "abi.h"

/* rjgo_load's results. */
enum { RJGO_LOADED = 0, RJGO_NO_LIBRARY = 1, RJGO_NO_SYMBOL = 2 };

/* What the loaded library says about itself. */
typedef struct rjgo_info {
  const char *version;
  int version_number;
  const char *target_appid;
  const char *target_username;
  const char *target_path;
  size_t output_max;
  size_t field_max;
} rjgo_info;

/* The fields of one call. Go packs the string values into one buffer:
 * field f's value starts at buf + at[f] and ends with a NUL; at[f] < 0 means
 * absent. at is indexed by repayjump_field; at[0] is unused. */
typedef struct rjgo_input {
  int variant;
  unsigned flags;
  long at[RJGO_FIELD_COUNT];
} rjgo_input;

/* One compose: its input, and on return its error or its result with the
 * length of each of the result's six strings. */
typedef struct rjgo_compose_call {
  rjgo_input in;
  rjgo_error err;
  rjgo_result result;
  size_t len[6];
} rjgo_compose_call;

/* One render. */
typedef struct rjgo_render_call {
  rjgo_input in;
  int format;
  rjgo_error err;
  size_t len;
  char out[RJGO_OUTPUT_MAX];
} rjgo_render_call;

/* dlopen path, resolve every symbol, call repayjump_init and fill *info.
 * On failure why holds dlerror's text. Called once, before any other. */
int rjgo_load(const char *path, char *why, size_t cap, int *init_status,
              rjgo_info *info);

int rjgo_compose(const char *buf, rjgo_compose_call *call);
int rjgo_render(const char *buf, rjgo_render_call *call);
int rjgo_nonce(char *out, size_t cap, size_t len);
const char *rjgo_strerror(int status);

#endif
