/* REPAYJUMP_E_RNG: libsodium failing to start is injected by defining
 * sodium_init in this program, which the linker prefers over libsodium's
 * (the static library calls it through an undefined symbol). The real
 * libsodium cannot be made to fail its start-up from a test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

int sodium_init(void);
int sodium_init(void) { return -1; }

static void rng_unavailable(void **state) {
  static repayjump_result r;
  repayjump_params p = fixture(REPAYJUMP_V3_MERCHANT);
  repayjump_error err;
  char out[33] = "x";
  (void)state;
  assert_int_equal(repayjump_init(), REPAYJUMP_E_RNG);
  assert_int_equal(repayjump_nonce(out, sizeof out, 32), REPAYJUMP_E_RNG);
  assert_int_equal(out[0], '\0');

  p.nonce_str = NULL;
  memset(&r, 'x', sizeof r);
  assert_int_equal(repayjump_compose(&p, &r, &err), REPAYJUMP_E_RNG);
  assert_int_equal(err.status, REPAYJUMP_E_RNG);
  assert_int_equal(err.field, REPAYJUMP_FIELD_NONCE_STR);
  assert_string_equal(r.nonce_str, "");
  assert_string_equal(r.app_path, "");

  /* The status request makes its nonce the same way. */
  {
    repayjump_status_query q = {"PARKING", NULL, NULL};
    char body[REPAYJUMP_STATUS_REQUEST_MAX] = "x";
    size_t n;
    p.api_key = REF_API_KEY;
    assert_int_equal(repayjump_status_request(&p, &q, NULL, 0, &n, &err),
                     REPAYJUMP_OK); /* a size query needs no nonce */
    assert_int_equal(
        repayjump_status_request(&p, &q, body, sizeof body, NULL, &err),
        REPAYJUMP_E_RNG);
    assert_int_equal(err.field, REPAYJUMP_FIELD_NONCE_STR);
    assert_string_equal(body, "");
    p.api_key = NULL;
  }

  /* With a nonce given, compose needs no randomness and still works. */
  p.nonce_str = REF_NONCE;
  assert_int_equal(repayjump_compose(&p, &r, &err), REPAYJUMP_OK);
  assert_string_equal(r.app_path, REF_APP_PATH);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(rng_unavailable)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
