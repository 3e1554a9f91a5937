/* Edges of the buffer rule and of failures, through the public API only:
 * a real buffer with cap 0 (nothing may be written, not even the NUL), a
 * size query of params that fail, and failures that must still blank every
 * output. Each function is held to repayjump.h, whatever its code looks
 * like inside. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

#define UNTOUCHED 0xa5
#define BUF_SIZE 80

/* True when every byte of buf is still UNTOUCHED. */
static int untouched(const unsigned char *buf, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (buf[i] != UNTOUCHED)
      return 0;
  return 1;
}

/* A real buffer with cap 0: E_BUFFER, the needed length, and not one byte
 * written, in every format; the same for the signature and a nonce. */
static void zero_cap_writes_nothing(void **state) {
  unsigned char buf[BUF_SIZE];
  char *out = (char *)buf;
  repayjump_error err;
  size_t len, need;
  int v, f;
  (void)state;
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    repayjump_params p = fixture(v);
    for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++) {
      assert_int_equal(repayjump_render(&p, f, NULL, 0, &need, NULL),
                       REPAYJUMP_OK);
      memset(buf, UNTOUCHED, sizeof buf);
      len = 0;
      memset(&err, 0, sizeof err);
      assert_int_equal(repayjump_render(&p, f, out, 0, &len, &err),
                       REPAYJUMP_E_BUFFER);
      assert_int_equal(err.status, REPAYJUMP_E_BUFFER);
      assert_int_equal(len, need);
      assert_true(untouched(buf, sizeof buf));
    }
  }

  {
    repayjump_params p = fixture(REPAYJUMP_V2_MERCHANT);
    memset(buf, UNTOUCHED, sizeof buf);
    memset(&err, 0, sizeof err);
    assert_int_equal(repayjump_sign(&p, out, 0, &err), REPAYJUMP_E_BUFFER);
    assert_int_equal(err.status, REPAYJUMP_E_BUFFER);
    assert_true(untouched(buf, sizeof buf));
  }

  memset(buf, UNTOUCHED, sizeof buf);
  assert_int_equal(repayjump_nonce(out, 0, 16), REPAYJUMP_E_BUFFER);
  assert_true(untouched(buf, sizeof buf));
}

/* A size query (out NULL, cap 0) of params that fail reports the failure,
 * not a size: the status, the field and a zero length. */
static void size_query_of_bad_params(void **state) {
  repayjump_params p = fixture(REPAYJUMP_V2_PARTNER);
  repayjump_error err;
  size_t len = 99;
  (void)state;
  p.mchid = "19000x";
  memset(&err, 0, sizeof err);
  assert_int_equal(
      repayjump_render(&p, REPAYJUMP_APP_PATH, NULL, 0, &len, &err),
      REPAYJUMP_E_CHARSET);
  assert_int_equal(err.field, REPAYJUMP_FIELD_MCHID);
  assert_int_equal(err.offset, 5);
  assert_int_equal(len, 0);

  len = 99;
  assert_int_equal(repayjump_render(&p, 7, NULL, 0, &len, NULL),
                   REPAYJUMP_E_ARG);
  assert_int_equal(len, 0);

  memset(&err, 0, sizeof err);
  assert_int_equal(repayjump_sign(&p, NULL, 0, &err), REPAYJUMP_E_CHARSET);
  assert_int_equal(err.field, REPAYJUMP_FIELD_MCHID);

  /* A v3 variant has no signature to size. */
  p = fixture(REPAYJUMP_V3_MERCHANT);
  assert_int_equal(repayjump_sign(&p, NULL, 0, &err), REPAYJUMP_E_ARG);
  assert_int_equal(err.status, REPAYJUMP_E_ARG);

  /* The length is checked before the size query is answered. */
  assert_int_equal(repayjump_nonce(NULL, 0, 0), REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_nonce(NULL, 0, REPAYJUMP_FIELD_MAX + 1),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_nonce(NULL, 0, REPAYJUMP_FIELD_MAX), REPAYJUMP_OK);
}

/* compose with NULL params fails like any other failure: every string of
 * the result empty. */
static void compose_null_params_blanks_result(void **state) {
  static repayjump_result r;
  repayjump_error err;
  (void)state;
  memset(&r, 'x', sizeof r);
  memset(&err, 0, sizeof err);
  assert_int_equal(repayjump_compose(NULL, &r, &err), REPAYJUMP_E_ARG);
  assert_int_equal(err.status, REPAYJUMP_E_ARG);
  assert_int_equal(err.field, REPAYJUMP_FIELD_NONE);
  assert_string_equal(r.nonce_str, "");
  assert_string_equal(r.sign, "");
  assert_string_equal(r.extra_data_json, "");
  assert_string_equal(r.navigate_json, "");
  assert_string_equal(r.app_path, "");
  assert_string_equal(r.app_launch_json, "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(zero_cap_writes_nothing),
      cmocka_unit_test(size_query_of_bad_params),
      cmocka_unit_test(compose_null_params_blanks_result),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
