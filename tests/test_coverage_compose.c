/* repayjump_compose agrees with repayjump_validate, repayjump_render and
 * repayjump_sign for every combination of present and absent optional
 * fields, strict and relaxed, shortest and longest values: the same status
 * on failure (with every output empty), the same bytes on success. Only
 * the public API is used, so this holds whatever way compose builds its
 * outputs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

#define ID32 "abcdefghijklmnopqrstuvwxyz_-0123"
#define ALNUM32 "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
#define KEY32 "XQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9Z"
#define KEY128 KEY32 "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" KEY32 KEY32

static int is_partner(int v) {
  return v == REPAYJUMP_V3_PARTNER || v == REPAYJUMP_V2_PARTNER;
}
static int is_signed(int v) {
  return v == REPAYJUMP_V2_MERCHANT || v == REPAYJUMP_V2_PARTNER;
}

static void expect_blank(const repayjump_result *r, const char *what) {
  if (r->nonce_str[0] || r->sign[0] || r->extra_data_json[0] ||
      r->navigate_json[0] || r->app_path[0] || r->app_launch_json[0])
    fail_msg("%s: a failed compose left an output", what);
}

/* compose p (nonce given) and hold it to validate, render and sign. */
static void check_agreement(const repayjump_params *p, const char *what) {
  static repayjump_result r;
  const char *const outputs[REPAYJUMP_FORMAT_COUNT] = {
      r.extra_data_json, r.navigate_json, r.app_path, r.app_launch_json};
  repayjump_error verr, cerr;
  char out[REPAYJUMP_OUTPUT_MAX];
  int vrc, crc, f;

  memset(&r, 'x', sizeof r);
  vrc = repayjump_validate(p, &verr);
  crc = repayjump_compose(p, &r, &cerr);
  if (vrc != crc)
    fail_msg("%s: validate gave %d, compose %d", what, vrc, crc);
  if (crc != REPAYJUMP_OK) {
    assert_int_equal(cerr.field, verr.field);
    assert_int_equal(cerr.offset, verr.offset);
    assert_string_equal(cerr.message, verr.message);
    expect_blank(&r, what);
    return;
  }

  assert_string_equal(r.nonce_str, p->nonce_str);
  for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++) {
    size_t len = 0;
    assert_int_equal(repayjump_render(p, f, out, sizeof out, &len, NULL),
                     REPAYJUMP_OK);
    if (!memchr(outputs[f], '\0', REPAYJUMP_OUTPUT_MAX))
      fail_msg("%s: format %d: compose left no NUL", what, f);
    if (strcmp(out, outputs[f]) != 0)
      fail_msg("%s: format %d: compose wrote\n%s\nrender wrote\n%s", what, f,
               outputs[f], out);
    assert_int_equal(strlen(outputs[f]), len);
  }
  if (is_signed(p->variant)) {
    char sign[REPAYJUMP_SIGN_LEN + 1];
    assert_int_equal(repayjump_sign(p, sign, sizeof sign, NULL), REPAYJUMP_OK);
    assert_string_equal(r.sign, sign);
    assert_non_null(strstr(r.app_path, sign));
  } else {
    assert_string_equal(r.sign, "");
  }
}

/* Bit i of mask set: field i of the optional ones below is absent. */
static const int optional_fields[] = {REPAYJUMP_FIELD_OPENID,
                                      REPAYJUMP_FIELD_SUB_APPID,
                                      REPAYJUMP_FIELD_SUB_OPENID};
#define OPTIONAL_COUNT (sizeof optional_fields / sizeof *optional_fields)

/* The longest values the rules allow: 32 bytes, a 128-byte relaxed key. */
static void set_longest(repayjump_params *p) {
  p->nonce_str = ALNUM32;
  p->openid = ID32;
  if (is_partner(p->variant))
    p->sub_openid = ID32;
  if (!(p->flags & REPAYJUMP_RELAXED))
    return; /* the strict ids and key have one length: the fixture's */
  p->appid = p->mchid = ID32;
  if (is_partner(p->variant))
    p->sub_appid = p->sub_mchid = ID32;
  if (is_signed(p->variant))
    p->api_key = KEY128;
}

/* The shortest values the rules allow: one byte, where a rule lets it. */
static void set_shortest(repayjump_params *p) {
  p->nonce_str = "n";
  p->openid = "o";
  if (is_partner(p->variant)) {
    p->sub_openid = "-";
    p->sub_mchid = "1";
  }
  if (!(p->flags & REPAYJUMP_RELAXED))
    return;
  p->appid = "a";
  p->mchid = "m";
  if (is_partner(p->variant))
    p->sub_appid = p->sub_mchid = "_";
  if (is_signed(p->variant))
    p->api_key = "~";
}

static repayjump_params make_params(int v, unsigned flags, int longest,
                                    unsigned absent_mask) {
  repayjump_params p = fixture(v);
  size_t i;
  p.flags = flags;
  if (longest)
    set_longest(&p);
  else
    set_shortest(&p);
  for (i = 0; i < OPTIONAL_COUNT; i++)
    if (absent_mask & 1u << i)
      set_field(&p, optional_fields[i], NULL);
  return p;
}

static void every_presence_combination(void **state) {
  static const unsigned flag_sets[] = {
      0, REPAYJUMP_ALLOW_NO_OPENID, REPAYJUMP_RELAXED,
      REPAYJUMP_RELAXED | REPAYJUMP_ALLOW_NO_OPENID};
  char what[96];
  int v, longest, successes = 0, failures = 0;
  size_t fs;
  unsigned mask;
  (void)state;
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++)
    for (fs = 0; fs < sizeof flag_sets / sizeof *flag_sets; fs++)
      for (longest = 0; longest < 2; longest++)
        for (mask = 0; mask < 1u << OPTIONAL_COUNT; mask++) {
          repayjump_params p = make_params(v, flag_sets[fs], longest, mask);
          snprintf(what, sizeof what,
                   "variant %d flags %u %s values, absent mask %u", v,
                   flag_sets[fs], longest ? "longest" : "shortest", mask);
          check_agreement(&p, what);
          if (repayjump_validate(&p, NULL) == REPAYJUMP_OK)
            successes++;
          else
            failures++;
        }
  /* Both outcomes were exercised, not only one. */
  assert_true(successes > 0);
  assert_true(failures > 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_presence_combination),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
