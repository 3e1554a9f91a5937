/* The small functions: version, constants, status texts, field names,
 * and repayjump_init from many threads at once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "fixtures.h"

static void version_matches_macros(void **state) {
  char expected[32];
  (void)state;
  snprintf(expected, sizeof expected, "%d.%d.%d", REPAYJUMP_VERSION_MAJOR,
           REPAYJUMP_VERSION_MINOR, REPAYJUMP_VERSION_PATCH);
  assert_string_equal(repayjump_version(), expected);
  assert_string_equal(repayjump_version(), REPAYJUMP_VERSION_STRING);
  assert_int_equal(repayjump_version_number(), REPAYJUMP_VERSION_NUMBER);
  assert_int_equal(repayjump_version_number(),
                   REPAYJUMP_VERSION_MAJOR << 16 |
                       REPAYJUMP_VERSION_MINOR << 8 | REPAYJUMP_VERSION_PATCH);
}

static void constants_as_functions(void **state) {
  (void)state;
  assert_string_equal(repayjump_target_appid(), "wx5e73c65404eee268");
  assert_string_equal(repayjump_target_username(), "gh_5e259b7a73b1");
  assert_string_equal(repayjump_target_path(), "pages/invest_list/invest_list");
  assert_string_equal(repayjump_target_appid(), REPAYJUMP_TARGET_APPID);
  assert_string_equal(repayjump_target_username(), REPAYJUMP_TARGET_USERNAME);
  assert_string_equal(repayjump_target_path(), REPAYJUMP_TARGET_PATH);
  assert_int_equal(repayjump_output_max(), REPAYJUMP_OUTPUT_MAX);
  assert_int_equal(repayjump_field_max(), 32);
  assert_int_equal(sizeof(((repayjump_result *)0)->nonce_str), 33);
  assert_int_equal(sizeof(((repayjump_result *)0)->sign), 65);
  assert_int_equal(sizeof(((repayjump_error *)0)->message), 192);
}

/* The ABI values of API.md, written out. */
static void abi_numbers(void **state) {
  (void)state;
  assert_int_equal(REPAYJUMP_V3_MERCHANT, 0);
  assert_int_equal(REPAYJUMP_V3_PARTNER, 1);
  assert_int_equal(REPAYJUMP_V2_MERCHANT, 2);
  assert_int_equal(REPAYJUMP_V2_PARTNER, 3);
  assert_int_equal(REPAYJUMP_EXTRA_DATA_JSON, 0);
  assert_int_equal(REPAYJUMP_NAVIGATE_JSON, 1);
  assert_int_equal(REPAYJUMP_APP_PATH, 2);
  assert_int_equal(REPAYJUMP_APP_LAUNCH_JSON, 3);
  assert_int_equal(REPAYJUMP_ALLOW_NO_OPENID, 1);
  assert_int_equal(REPAYJUMP_RELAXED, 2);
  assert_int_equal(REPAYJUMP_E_CONFLICT, -9);
  assert_int_equal(offsetof(repayjump_params, variant), 0);
  assert_true(offsetof(repayjump_params, appid) <
              offsetof(repayjump_params, mchid));
  assert_true(offsetof(repayjump_params, sub_openid) <
              offsetof(repayjump_params, api_key));
  assert_true(offsetof(repayjump_result, sign) <
              offsetof(repayjump_result, extra_data_json));
  assert_true(offsetof(repayjump_result, app_path) <
              offsetof(repayjump_result, app_launch_json));
}

static void status_texts(void **state) {
  static const char *const expected[] = {"success",
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
                                         "answer has no user_state"};
  int s;
  (void)state;
  for (s = 0; s >= REPAYJUMP_E_NO_STATE; s--)
    assert_string_equal(repayjump_strerror(s), expected[-s]);
  assert_string_equal(repayjump_strerror(1), "unknown status");
  assert_string_equal(repayjump_strerror(-18), "unknown status");
  assert_string_equal(repayjump_strerror(-2147483647 - 1), "unknown status");
}

static void field_names(void **state) {
  static const char *const expected[] = {
      "none",    "appid",       "mchid",      "nonce_str",
      "openid",  "sub_appid",   "sub_mchid",  "sub_openid",
      "api_key", "trade_scene", "jump_scene", "plate_number"};
  int f;
  (void)state;
  for (f = 0; f < REPAYJUMP_FIELD_ALL_COUNT; f++)
    assert_string_equal(repayjump_field_name(f), expected[f]);
  assert_string_equal(repayjump_field_name(-1), "none");
  assert_string_equal(repayjump_field_name(12), "none");
}

static int thread_failed;

static void *init_and_nonce(void *arg) {
  char out[33];
  int i;
  (void)arg;
  for (i = 0; i < 100; i++)
    if (repayjump_init() != REPAYJUMP_OK ||
        repayjump_nonce(out, sizeof out, 32) != REPAYJUMP_OK)
      return &thread_failed;
  return NULL;
}

/* Called first from many threads at once: every call succeeds. */
static void init_from_threads(void **state) {
  pthread_t t[8];
  int i;
  (void)state;
  for (i = 0; i < 8; i++)
    assert_int_equal(pthread_create(&t[i], NULL, init_and_nonce, NULL), 0);
  for (i = 0; i < 8; i++) {
    void *failed = &t;
    assert_int_equal(pthread_join(t[i], &failed), 0);
    assert_null(failed);
  }
  assert_int_equal(repayjump_init(), REPAYJUMP_OK);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(init_from_threads), /* first: nothing initialised */
      cmocka_unit_test(version_matches_macros),
      cmocka_unit_test(constants_as_functions),
      cmocka_unit_test(abi_numbers),
      cmocka_unit_test(status_texts),
      cmocka_unit_test(field_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
