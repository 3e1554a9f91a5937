/* Everything compose writes checks clean, for every variant and format:
 * the App path (and the path inside the App launch JSON) as text, the
 * extraData object (alone and inside the navigate JSON) as pairs parsed
 * by jansson. APIv2 with the key: no finding; without it: one
 * sign.unverified note; with another key: one sign.mismatch. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "fixtures.h"

#define MAX_PAIRS 16
#define OTHER_KEY "OTHERkeyOTHERkeyOTHERkeyOTHERkey"

enum { CLEAN, KEYLESS, WRONG_KEY };

/* The one finding an APIv2 input gets, if any, in each mode. */
static int expected_code(int variant, int mode) {
  if (variant < REPAYJUMP_V2_MERCHANT || mode == CLEAN)
    return REPAYJUMP_CHECK_NONE;
  return mode == KEYLESS ? REPAYJUMP_CHECK_SIGN_UNVERIFIED
                         : REPAYJUMP_CHECK_SIGN_MISMATCH;
}

static repayjump_check_options options(int variant, int mode, int auto_) {
  /* with the expected signature in sign.mismatch, to compare it */
  repayjump_check_options opt = {auto_ ? REPAYJUMP_VARIANT_AUTO : variant,
                                 REPAYJUMP_CHECK_EXPECTED_SIGN, NULL};
  if (mode == CLEAN)
    opt.api_key = REF_API_KEY;
  else if (mode == WRONG_KEY)
    opt.api_key = OTHER_KEY;
  return opt;
}

static void assert_result(const repayjump_check_result *r,
                          const repayjump_finding *f, int variant, int mode,
                          const repayjump_result *out) {
  int code = expected_code(variant, mode);
  assert_int_equal(r->variant, variant);
  assert_int_equal(r->count, code ? 1 : 0);
  assert_int_equal(r->errors, code == REPAYJUMP_CHECK_SIGN_MISMATCH);
  assert_int_equal(r->warnings, 0);
  assert_int_equal(r->notes, code == REPAYJUMP_CHECK_SIGN_UNVERIFIED);
  if (!code)
    return;
  assert_int_equal(f->code, code);
  assert_int_equal(f->key_len, 4);
  assert_memory_equal(f->key, "sign", 4);
  assert_int_equal(f->length, REPAYJUMP_SIGN_LEN);
  if (code == REPAYJUMP_CHECK_SIGN_MISMATCH) {
    /* The expected signature, computed with the other key. */
    repayjump_params p = fixture(variant);
    char sign[REPAYJUMP_SIGN_LEN + 1];
    p.nonce_str = out->nonce_str;
    p.api_key = OTHER_KEY;
    assert_int_equal(repayjump_sign(&p, sign, sizeof sign, NULL), REPAYJUMP_OK);
    assert_non_null(strstr(f->message, sign));
    assert_null(strstr(f->message, out->sign));
    assert_null(strstr(f->message, OTHER_KEY));
    assert_null(strstr(f->fix, OTHER_KEY));
  }
}

static void check_path(const char *path, int variant, int mode,
                       const repayjump_result *out) {
  int a;
  for (a = 0; a < 2; a++) {
    repayjump_check_options opt = options(variant, mode, a);
    repayjump_finding f[4];
    repayjump_check_result r;
    assert_int_equal(repayjump_check_text(&opt, path, strlen(path), f, 4, &r),
                     REPAYJUMP_OK);
    assert_int_equal(r.kind, REPAYJUMP_KIND_APP_PATH);
    assert_result(&r, f, variant, mode, out);
    if (r.count)
      assert_memory_equal(path + f->offset, out->sign, REPAYJUMP_SIGN_LEN);
  }
}

/* The members of a JSON object as pairs, with no positions. */
static size_t object_pairs(json_t *obj, repayjump_pair *pairs) {
  const char *key;
  json_t *value;
  size_t n = 0;
  assert_true(json_is_object(obj));
  json_object_foreach(obj, key, value) {
    assert_true(n < MAX_PAIRS);
    assert_true(json_is_string(value));
    pairs[n].key = key;
    pairs[n].key_len = strlen(key);
    pairs[n].value = json_string_value(value);
    pairs[n].value_len = json_string_length(value);
    pairs[n].type = REPAYJUMP_VALUE_STRING;
    pairs[n].key_offset = pairs[n].value_offset = REPAYJUMP_NO_OFFSET;
    n++;
  }
  return n;
}

static void check_object(json_t *obj, int variant, int mode,
                         const repayjump_result *out) {
  repayjump_pair pairs[MAX_PAIRS];
  size_t n = object_pairs(obj, pairs);
  int a;
  for (a = 0; a < 2; a++) {
    repayjump_check_options opt = options(variant, mode, a);
    repayjump_finding f[4];
    repayjump_check_result r;
    assert_int_equal(repayjump_check_pairs(&opt, pairs, n, f, 4, &r),
                     REPAYJUMP_OK);
    assert_int_equal(r.kind, REPAYJUMP_KIND_NONE);
    assert_result(&r, f, variant, mode, out);
    if (r.count) {
      assert_int_equal(f->in_value, 1);
      assert_int_equal(f->offset, 0);
      assert_int_equal(pairs[f->pair].key_len, 4);
    }
  }
}

static json_t *parse(const char *text) {
  json_error_t error;
  json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &error);
  if (!j)
    fail_msg("%s: %s", error.text, text);
  return j;
}

static void composed_outputs_check_clean(void **state) {
  int variant, mode;
  (void)state;
  for (variant = 0; variant < REPAYJUMP_VARIANT_COUNT; variant++)
    for (mode = CLEAN; mode <= WRONG_KEY; mode++) {
      repayjump_params p = fixture(variant);
      repayjump_result out;
      json_t *extra, *navigate, *launch;
      p.nonce_str = NULL; /* a fresh one each time */
      assert_int_equal(repayjump_compose(&p, &out, NULL), REPAYJUMP_OK);
      check_path(out.app_path, variant, mode, &out);
      launch = parse(out.app_launch_json);
      check_path(json_string_value(json_object_get(launch, "path")), variant,
                 mode, &out);
      extra = parse(out.extra_data_json);
      check_object(extra, variant, mode, &out);
      navigate = parse(out.navigate_json);
      check_object(json_object_get(navigate, "extraData"), variant, mode, &out);
      json_decref(extra);
      json_decref(navigate);
      json_decref(launch);
    }
}

/* Relaxed values and no openid check clean under the same flags. */
static void flags_carry_over(void **state) {
  repayjump_params p = fixture(REPAYJUMP_V3_MERCHANT);
  repayjump_check_options opt = {REPAYJUMP_VARIANT_AUTO,
                                 REPAYJUMP_RELAXED | REPAYJUMP_ALLOW_NO_OPENID,
                                 NULL};
  repayjump_result out;
  repayjump_check_result r;
  (void)state;
  p.flags = opt.flags;
  p.appid = "merchant-app_1";
  p.mchid = "M-1900009231";
  p.openid = NULL;
  assert_int_equal(repayjump_compose(&p, &out, NULL), REPAYJUMP_OK);
  assert_int_equal(repayjump_check_text(&opt, out.app_path,
                                        strlen(out.app_path), NULL, 0, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.count, 0);
  opt.flags = 0; /* strict: appid and mchid break their rules, no openid */
  assert_int_equal(repayjump_check_text(&opt, out.app_path,
                                        strlen(out.app_path), NULL, 0, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.count, 3);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(composed_outputs_check_clean),
      cmocka_unit_test(flags_carry_over),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
