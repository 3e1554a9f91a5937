/* The entry points that produce outputs from params: everything at once
 * (validate, pick a nonce, sign, render every format), and the signature
 * alone. */
#include <string.h>

#include "internal.h"

int repayjump_compose(const repayjump_params *p, repayjump_result *result,
                      repayjump_error *err) {
  rj_fields fields;
  rj_pairs pairs;
  rj_str written[REPAYJUMP_FORMAT_COUNT];
  rj_str *nonce = &fields.val[REPAYJUMP_FIELD_NONCE_STR];
  int rc, f;

  if (!result)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0, "result: NULL pointer");
  char *const outputs[REPAYJUMP_FORMAT_COUNT] = {
      [REPAYJUMP_EXTRA_DATA_JSON] = result->extra_data_json,
      [REPAYJUMP_NAVIGATE_JSON] = result->navigate_json,
      [REPAYJUMP_APP_PATH] = result->app_path,
      [REPAYJUMP_APP_LAUNCH_JSON] = result->app_launch_json,
  };

  /* Validated before *result is touched: p->nonce_str may be
   * result->nonce_str, to compose again with the same nonce. */
  rc = rj_validate(p, 0, &fields, err);
  if (rc == REPAYJUMP_OK && !nonce->s && repayjump_init())
    rc = rj_fail(err, REPAYJUMP_E_RNG, REPAYJUMP_FIELD_NONCE_STR, 0,
                 "nonce_str: libsodium could not be initialised");
  if (rc) {
    result->nonce_str[0] = result->sign[0] = '\0';
    for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++)
      outputs[f][0] = '\0';
    return rc;
  }
  if (nonce->s) {
    memmove(result->nonce_str, nonce->s, nonce->n);
  } else {
    rj_nonce_fill(result->nonce_str, REPAYJUMP_FIELD_MAX);
    nonce->n = REPAYJUMP_FIELD_MAX;
  }
  result->nonce_str[nonce->n] = '\0';
  nonce->s = result->nonce_str;

  rj_pairs_collect(p->variant, &fields, &pairs);
  /* Nothing past a NUL is written: no stack bytes, no slack. */
  memcpy(result->sign, pairs.sign, strlen(pairs.sign) + 1);
  /* Each format in table order, written with slack here, then copied
   * exactly; a wrapping format copies the output it wraps, written
   * before it. */
  for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++) {
    char buf[REPAYJUMP_OUTPUT_MAX];
    written[f].n = rj_render_write(&pairs, f, buf, written);
    written[f].s = memcpy(outputs[f], buf, written[f].n + 1);
  }
  return REPAYJUMP_OK;
}

int repayjump_sign(const repayjump_params *p, char *out, size_t cap,
                   repayjump_error *err) {
  rj_fields fields;
  rj_pairs pairs;
  int rc;

  if (!out && cap)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0, "out: NULL with cap %zu", cap);
  rc = rj_validate(p, RJ_NEED_NONCE, &fields, err);
  if (rc == REPAYJUMP_OK && !fields.val[REPAYJUMP_FIELD_API_KEY].s)
    rc = rj_fail(err, REPAYJUMP_E_ARG, 0, 0,
                 "variant: the %s variant is not signed",
                 rj_variants[p->variant].name);
  if (rc == REPAYJUMP_OK && out && cap <= REPAYJUMP_SIGN_LEN)
    rc = rj_fail(err, REPAYJUMP_E_BUFFER, 0, 0,
                 "out: the signature needs %d bytes and a NUL; cap is %zu",
                 REPAYJUMP_SIGN_LEN, cap);
  if (rc) {
    if (out && cap)
      out[0] = '\0'; /* what every failure leaves */
    return rc;
  }
  if (!out)
    return REPAYJUMP_OK; /* size query */
  rj_pairs_collect(p->variant, &fields, &pairs);
  memcpy(out, pairs.sign, sizeof pairs.sign);
  return REPAYJUMP_OK;
}
