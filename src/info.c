/* Start-up, version and the fixed values, also as functions for bindings
 * that cannot see macros. */
#include <stdatomic.h>

#include <sodium.h>

#include "internal.h"

/* Caches that sodium_init() succeeded: sodium_init() takes a lock on every
 * call, and nonce generation calls this once per nonce. */
static atomic_int sodium_ready;

int repayjump_init(void) {
  if (atomic_load_explicit(&sodium_ready, memory_order_acquire))
    return REPAYJUMP_OK;
  if (sodium_init() < 0) /* thread-safe, idempotent */
    return REPAYJUMP_E_RNG;
  atomic_store_explicit(&sodium_ready, 1, memory_order_release);
  return REPAYJUMP_OK;
}

const char *repayjump_version(void) { return REPAYJUMP_VERSION_STRING; }
int repayjump_version_number(void) { return REPAYJUMP_VERSION_NUMBER; }

const char *repayjump_target_appid(void) { return REPAYJUMP_TARGET_APPID; }
const char *repayjump_target_username(void) {
  return REPAYJUMP_TARGET_USERNAME;
}
const char *repayjump_target_path(void) { return REPAYJUMP_TARGET_PATH; }

size_t repayjump_output_max(void) { return REPAYJUMP_OUTPUT_MAX; }
size_t repayjump_field_max(void) { return REPAYJUMP_FIELD_MAX; }
size_t repayjump_sign_len(void) { return REPAYJUMP_SIGN_LEN; }
size_t repayjump_message_max(void) { return REPAYJUMP_MESSAGE_MAX; }

size_t repayjump_status_request_max(void) {
  return REPAYJUMP_STATUS_REQUEST_MAX;
}
size_t repayjump_answer_max(void) { return REPAYJUMP_ANSWER_MAX; }
size_t repayjump_status_result_size(void) {
  return sizeof(repayjump_status_result);
}
