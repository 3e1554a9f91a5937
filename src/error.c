/* Status texts, field names and the filling of repayjump_error. */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

int rj_fail(repayjump_error *err, int status, int field, size_t offset,
            const char *fmt, ...) {
  va_list ap;
  if (!err)
    return status;
  err->status = status;
  err->field = field;
  err->offset = offset;
  va_start(ap, fmt);
  vsnprintf(err->message, sizeof err->message, fmt, ap);
  va_end(ap);
  return status;
}

/* Indexed by -status. */
static const char *const status_text[] = {
    "success",
    "invalid argument",
    "output buffer too small",
    "randomness unavailable",
    "required field absent",
    "value too long",
    "byte outside the field's alphabet",
    "value has the wrong shape",
    "field not used by this variant",
    "fields inconsistent",
    "answer too large",
    "answer is not flat XML",
    "answer has an element twice",
    "WeChat Pay answered return_code FAIL",
    "answer's signature missing or wrong",
    "answer is not for the identity asked",
    "WeChat Pay answered result_code FAIL",
    "answer has no user_state",
};

/* Compared before negating: -INT_MIN overflows an int (and a long where
 * long is 32 bits). */
const char *repayjump_strerror(int status) {
  const int count = (int)(sizeof status_text / sizeof *status_text);
  return status <= 0 && status > -count ? status_text[-status]
                                        : "unknown status";
}

static const char *const field_name[REPAYJUMP_FIELD_ALL_COUNT] = {
    "none",    "appid",       "mchid",      "nonce_str",
    "openid",  "sub_appid",   "sub_mchid",  "sub_openid",
    "api_key", "trade_scene", "jump_scene", "plate_number",
};

const char *repayjump_field_name(int field) {
  return field > 0 && field < REPAYJUMP_FIELD_ALL_COUNT ? field_name[field]
                                                        : field_name[0];
}
