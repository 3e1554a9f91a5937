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
  int has_check;             /* the library has the check functions (below) */
  size_t message_max;        /* when has_check */
  size_t sign_len;           /* when has_check */
  int has_status;            /* the library has the status query (below) */
  size_t status_request_max; /* when has_status */
  size_t answer_max;         /* when has_status */
  size_t status_result_size; /* when has_status */
} rjgo_info;

/* The fields of one call. Go packs the string values into one buffer:
 * field f's value starts at buf + at[f] and ends with a NUL; at[f] < 0 means
 * absent. at is indexed by repayjump_field; at[0] is unused, and the status
 * query's own fields (trade_scene, jump_scene, plate_number) follow those of
 * repayjump_params. */
typedef struct rjgo_input {
  int variant;
  unsigned flags;
  long at[RJGO_FIELD_ALL_COUNT];
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

/* One check: the options, and on return the result. The buffer holds the
 * text to check (check_text) or the pairs' keys and values, then the API
 * key and its NUL at api_key_at (-1: none). */
typedef struct rjgo_check_call {
  int variant;
  unsigned flags;
  long api_key_at;
  rjgo_check_result result;
} rjgo_check_call;

/* One status request: its input, and on return its error or the body and
 * its length. */
typedef struct rjgo_status_request_call {
  rjgo_input in;
  rjgo_error err;
  size_t len;
  char out[RJGO_STATUS_REQUEST_MAX];
} rjgo_status_request_call;

/* One answer read: the identity, and on return the error and the result
 * with the length of each of its ten strings, in member order. */
typedef struct rjgo_status_parse_call {
  rjgo_input in;
  rjgo_error err;
  rjgo_status_result result;
  size_t len[RJGO_STATUS_STRINGS];
} rjgo_status_parse_call;

/* A finding's key as the shim returns it: an offset into the buffer. */
#define RJGO_NO_KEY UINTPTR_MAX

/* dlopen path, resolve every symbol, call repayjump_init and fill *info.
 * On failure why holds dlerror's text. Called once, before any other. */
int rjgo_load(const char *path, char *why, size_t cap, int *init_status,
              rjgo_info *info);

int rjgo_compose(const char *buf, rjgo_compose_call *call);
int rjgo_render(const char *buf, rjgo_render_call *call);
int rjgo_nonce(char *out, size_t cap, size_t len);
const char *rjgo_strerror(int status);

/* The check, when info.has_check: the first len bytes of buf are the text.
 * Stores up to cap findings, each key turned into its offset in buf. */
int rjgo_check_text(const char *buf, size_t len, rjgo_check_call *call,
                    rjgo_finding *findings, size_t cap);
/* pairs[i].key and .value hold offsets into buf; the shim makes them
 * addresses for the call and offsets again after it. */
int rjgo_check_pairs(const char *buf, rjgo_check_call *call, rjgo_pair *pairs,
                     size_t count, rjgo_finding *findings, size_t cap);

/* The library's names and code table, when info.has_check. */
const char *rjgo_check_code_name(int code);
int rjgo_check_code_severity(int code);
int rjgo_check_code_count(void);
const char *rjgo_severity_name(int severity);
const char *rjgo_input_kind_name(int kind);
const char *rjgo_variant_name(int variant);
const char *rjgo_format_name(int format);

/* The status query, when info.has_status. answer is len bytes that C only
 * reads during the call (NULL when len is 0). */
int rjgo_status_request(const char *buf, rjgo_status_request_call *call);
int rjgo_status_parse(const char *buf, const char *answer, size_t len,
                      rjgo_status_parse_call *call);
const char *rjgo_status_url(int variant, int backup);
const char *rjgo_user_state_name(int state);

#endif
