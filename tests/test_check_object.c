/* The checker's objects: pairs that make a wx.navigateToMiniProgram
 * argument (extraData's members as "extraData.<key>") or an App launch
 * request get the navigate.* and launch.* rules, in the caller's order,
 * with what is absent last; each case lists every finding it must give
 * (code, pair, place, key). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

#define S REPAYJUMP_VALUE_STRING
#define NOT_STRING REPAYJUMP_VALUE_NOT_STRING
#define BARE REPAYJUMP_VALUE_JS_BARE
#define EXPR REPAYJUMP_VALUE_JS_EXPRESSION
#define NO REPAYJUMP_NO_OFFSET
#define C(x) REPAYJUMP_CHECK_##x
#define MAX 16

#define TARGET REPAYJUMP_TARGET_APPID
#define PAGE REPAYJUMP_TARGET_PATH
#define USER REPAYJUMP_TARGET_USERNAME
#define QUERY                                                                  \
  "appid=" REF_APPID "&mchid=" REF_MCHID "&nonce_str=" REF_NONCE               \
  "&openid=" REF_OPENID

typedef struct pair_in {
  const char *key, *value;
  int type;
} pair_in;

typedef struct want {
  int code;
  size_t pair; /* NO: none */
  size_t offset, length;
  int in_value;
  const char *key; /* as the finding gives it; NULL: none */
} want;

typedef struct object_case {
  const char *name;
  pair_in in[12];
  int kind, variant;
  want out[10];
} object_case;

#define MEMBERS                                                                \
  {"extraData.appid", REF_APPID, S}, {"extraData.mchid", REF_MCHID, S},        \
      {"extraData.nonce_str", REF_NONCE, S}, {                                 \
    "extraData.openid", REF_OPENID, S                                          \
  }
#define NAV                                                                    \
  {"appId", TARGET, S}, { "path", PAGE, S }

enum {
  NAVIGATE = REPAYJUMP_KIND_NAVIGATE,
  LAUNCH = REPAYJUMP_KIND_APP_LAUNCH,
  FIELDS = REPAYJUMP_KIND_NONE,
  V3 = REPAYJUMP_V3_MERCHANT,
  V2 = REPAYJUMP_V2_MERCHANT
};

static const object_case cases[] = {
    {"clean navigate",
     {NAV,
      {"extraData", "{}", NOT_STRING},
      MEMBERS,
      {"envVersion", "release", S}},
     NAVIGATE,
     V3,
     {{0}}},
    {"members without extraData's own pair: an object",
     {NAV, MEMBERS},
     NAVIGATE,
     V3,
     {{0}}},
    /* The document's bug 1: the AppID with a space after it. */
    {"appId with a space",
     {{"appId", TARGET " ", S}, {"path", PAGE, S}, MEMBERS},
     NAVIGATE,
     V3,
     {{C(NAVIGATE_APP_ID), 0, 18, 1, 1, "appId"}}},
    {"appId, path, envVersion wrong; every finding in its pair's order",
     {{"envVersion", "trial", S},
      {"appId", "wx5e73c65404eee26x", S},
      {"extraData", "{}", NOT_STRING},
      {"extraData.appid", REF_APPID, S},
      {"extraData.mchid", REF_MCHID, S},
      {"extraData.nonce_str", REF_NONCE " ", S},
      {"extraData.openid", REF_OPENID, S},
      {"path", "pages/index/index", S}},
     NAVIGATE,
     V3,
     {{C(NAVIGATE_ENV), 0, 0, 5, 1, "envVersion"},
      {C(NAVIGATE_APP_ID), 1, 17, 1, 1, "appId"},
      {C(VALUE_SPACE), 5, 32, 1, 1, "extraData.nonce_str"},
      {C(NAVIGATE_PATH), 7, 8, 9, 1, "path"}}},
    {"a member missing, a near miss, and a duplicate top-level key",
     {NAV,
      {"extraData.appId", REF_APPID, S},
      {"extraData.mchid", REF_MCHID, S},
      {"extraData.nonce_str", REF_NONCE, S},
      {"path", "x", S}},
     NAVIGATE,
     V3,
     {{C(KEY_UNKNOWN), 2, NO, 5, 0, "extraData.appId"},
      {C(KEY_DUPLICATE), 5, NO, 4, 0, "path"},
      {C(FIELD_MISSING), NO, NO, 0, 0, NULL}}},
    {"extraData encoded twice: said, and its members checked",
     {NAV, {"extraData", "{\"appid\": \"...\"}", S}, MEMBERS},
     NAVIGATE,
     V3,
     {{C(NAVIGATE_EXTRA_DATA), 2, 0, 16, 1, "extraData"}}},
    {"extraData a number",
     {NAV, {"extraData", "1", NOT_STRING}},
     NAVIGATE,
     -1,
     {{C(NAVIGATE_EXTRA_DATA), 2, 0, 1, 1, "extraData"}}},
    {"extraData a plain string",
     {NAV, {"extraData", "appid=x", S}},
     NAVIGATE,
     -1,
     {{C(NAVIGATE_EXTRA_DATA), 2, 0, 7, 1, "extraData"}}},
    {"extraData an expression: a note, nothing missing",
     {{"appId", "APPID", EXPR}, {"path", PAGE, S}, {"extraData", "data", EXPR}},
     NAVIGATE,
     -1,
     {{C(JS_EXPRESSION), 0, 0, 5, 1, "appId"},
      {C(JS_EXPRESSION), 2, 0, 4, 1, "extraData"}}},
    {"an empty object: every field missing",
     {NAV, {"extraData", "{ }", NOT_STRING}},
     NAVIGATE,
     V3,
     {{C(FIELD_MISSING), NO, NO, 0, 0, NULL},
      {C(FIELD_MISSING), NO, NO, 0, 0, NULL},
      {C(FIELD_MISSING), NO, NO, 0, 0, NULL},
      {C(FIELD_MISSING), NO, NO, 0, 0, NULL}}},
    {"envVersion alone: navigate with everything absent",
     {{"envVersion", "release", S}},
     NAVIGATE,
     -1,
     {{C(NAVIGATE_APP_ID), NO, NO, 0, 0, NULL},
      {C(NAVIGATE_PATH), NO, NO, 0, 0, NULL},
      {C(NAVIGATE_EXTRA_DATA), NO, NO, 0, 0, NULL}}},
    {"appId not a string, path a bare name",
     {{"appId", "1", NOT_STRING}, {"path", "page", BARE}, MEMBERS},
     NAVIGATE,
     V3,
     {{C(NAVIGATE_APP_ID), 0, 0, 1, 1, "appId"},
      {C(NAVIGATE_PATH), 1, 0, 4, 1, "path"}}},
    {"members of an APIv2 extraData",
     {NAV,
      {"extraData.appid", REF_APPID, S},
      {"extraData.mch_id", REF_MCHID, S},
      {"extraData.nonce_str", REF_NONCE, S},
      {"extraData.openid", REF_OPENID, S},
      {"extraData.sign_type", "HMAC-SHA256", S},
      {"extraData.sign",
       "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456"
       "789ABCDEF",
       S}},
     NAVIGATE,
     V2,
     {{C(SIGN_UNVERIFIED), 7, 0, 64, 1, "extraData.sign"}}},
    /* App launch requests (WXLaunchMiniProgramReq). */
    {"clean launch",
     {{"userName", USER, S},
      {"path", PAGE "?" QUERY, S},
      {"miniProgramType", "0", NOT_STRING}},
     LAUNCH,
     V3,
     {{0}}},
    {"the document's iOS request",
     {{"userName", "gh_wrong", S},
      {"miniProgramType", "2", NOT_STRING},
      {"path",
       PAGE "?mch_id=" REF_MCHID "&appid=" REF_APPID "&nonce_str=" REF_NONCE
            " &openid=" REF_OPENID "=weixin",
       S},
      {"extMsg", "", S}},
     LAUNCH,
     V3,
     {{C(LAUNCH_USER_NAME), 0, 0, 8, 1, "userName"},
      {C(LAUNCH_TYPE), 1, 0, 1, 1, "miniProgramType"},
      {C(KEY_VERSION), 2, 30, 6, 1, "mch_id"},
      {C(VALUE_SPACE), 2, 115, 1, 1, "nonce_str"},
      {C(VALUE_EQUALS), 2, 152, 1, 1, "openid"}}},
    {"a launch without userName or path",
     {{"miniProgramType", "\"0\"", NOT_STRING}},
     LAUNCH,
     -1,
     {{C(LAUNCH_TYPE), 0, 0, 3, 1, "miniProgramType"},
      {C(LAUNCH_USER_NAME), NO, NO, 0, 0, NULL},
      {C(PATH_PAGE), NO, NO, 0, 0, NULL}}},
    {"a path that is not a string, a type that is a string",
     {{"userName", USER, S},
      {"path", "[]", NOT_STRING},
      {"miniProgramType", "0", S}},
     LAUNCH,
     -1,
     {{C(JSON_NOT_STRING), 1, 0, 2, 1, "path"},
      {C(LAUNCH_TYPE), 2, 0, 1, 1, "miniProgramType"}}},
    {"an expression in a launch",
     {{"userName", "NAME", EXPR},
      {"path", "buildPath()", EXPR},
      {"miniProgramType", "TYPE", EXPR}},
     LAUNCH,
     -1,
     {{C(JS_EXPRESSION), 0, 0, 4, 1, "userName"},
      {C(JS_EXPRESSION), 1, 0, 11, 1, "path"},
      {C(JS_EXPRESSION), 2, 0, 4, 1, "miniProgramType"}}},
    {"an empty path, a duplicate userName",
     {{"userName", USER, S}, {"path", "", S}, {"userName", USER, S}},
     LAUNCH,
     -1,
     {{C(INPUT_EMPTY), 1, 0, 0, 1, NULL},
      {C(KEY_DUPLICATE), 2, NO, 8, 0, "userName"}}},
    /* Every way a fixed value can differ. */
    {"appId cut short, path longer, envVersion of the same length",
     {{"appId", "wx5e73", S},
      {"path", PAGE "x", S},
      {"envVersion", "develop", S},
      {"extraData", " \t\r\n{}", NOT_STRING},
      MEMBERS,
      {"successCallback", "function", EXPR}},
     NAVIGATE,
     V3,
     {{C(NAVIGATE_APP_ID), 0, 6, 0, 1, "appId"},
      {C(NAVIGATE_PATH), 1, 29, 1, 1, "path"},
      {C(NAVIGATE_ENV), 2, 0, 7, 1, "envVersion"}}},
    {"a tab after appId, envVersion not a string, extraData blank",
     {{"appId", TARGET "\t", S},
      {"path", PAGE, S},
      {"envVersion", "1", NOT_STRING},
      {"extraData", "  ", S}},
     NAVIGATE,
     -1,
     {{C(NAVIGATE_APP_ID), 0, 18, 1, 1, "appId"},
      {C(NAVIGATE_ENV), 2, 0, 1, 1, "envVersion"},
      {C(NAVIGATE_EXTRA_DATA), 3, 0, 2, 1, "extraData"}}},
    {"envVersion an expression, extraData a bare '{'",
     {{"appId", TARGET, S},
      {"path", PAGE, S},
      {"envVersion", "env", EXPR},
      {"extraData", "{x", BARE}},
     NAVIGATE,
     -1,
     {{C(JS_EXPRESSION), 2, 0, 3, 1, "envVersion"},
      {C(NAVIGATE_EXTRA_DATA), 3, 0, 2, 1, "extraData"}}},
    {"appId without path: a launch request, appId not its",
     {{"appId", TARGET, S},
      {"userName", "gh_5e259b7a73b2", S},
      {"miniProgramType", "-1", NOT_STRING}},
     LAUNCH,
     -1,
     {{C(LAUNCH_USER_NAME), 1, 0, 15, 1, "userName"},
      {C(LAUNCH_TYPE), 2, 0, 2, 1, "miniProgramType"},
      {C(PATH_PAGE), NO, NO, 0, 0, NULL}}},
    {"userName not a string, miniProgramType empty or not a number",
     {{"userName", "1", NOT_STRING},
      {"miniProgramType", "", NOT_STRING},
      {"path", PAGE "?" QUERY, S},
      {"miniProgramType", "1a", NOT_STRING}},
     LAUNCH,
     V3,
     {{C(LAUNCH_USER_NAME), 0, 0, 1, 1, "userName"},
      {C(LAUNCH_TYPE), 1, 0, 0, 1, "miniProgramType"},
      {C(KEY_DUPLICATE), 3, NO, 15, 0, "miniProgramType"}}},
    {"miniProgramType a word, a bare zero",
     {{"userName", USER, S},
      {"miniProgramType", "a", NOT_STRING},
      {"path", PAGE "?" QUERY, S}},
     LAUNCH,
     V3,
     {{C(LAUNCH_TYPE), 1, 0, 1, 1, "miniProgramType"}}},
    {"a bare zero is release",
     {{"userName", USER, S},
      {"miniProgramType", "0", BARE},
      {"path", PAGE "?" QUERY, S}},
     LAUNCH,
     V3,
     {{0}}},
    {"a path alone: a launch request without userName",
     {{"path", PAGE "?" QUERY, S}},
     LAUNCH,
     V3,
     {{C(LAUNCH_USER_NAME), NO, NO, 0, 0, NULL}}},
    /* Not an object of either: the jump's fields, as before. */
    {"appId alone is the near miss of appid",
     {{"appId", REF_APPID, S},
      {"mchid", REF_MCHID, S},
      {"nonce_str", REF_NONCE, S},
      {"openid", REF_OPENID, S}},
     FIELDS,
     V3,
     {{C(KEY_UNKNOWN), 0, NO, 5, 0, "appId"}}},
};

static size_t pairs_of(const object_case *t, repayjump_pair *pairs) {
  size_t n;
  for (n = 0; n < 12 && t->in[n].key; n++) {
    pairs[n].key = t->in[n].key;
    pairs[n].key_len = strlen(t->in[n].key);
    pairs[n].value = t->in[n].value;
    pairs[n].value_len = strlen(t->in[n].value);
    pairs[n].type = t->in[n].type;
    pairs[n].key_offset = pairs[n].value_offset = NO;
  }
  return n;
}

static void check_case(const object_case *t, const repayjump_pair *pairs,
                       size_t n) {
  repayjump_finding got[MAX];
  repayjump_check_result r;
  size_t j, count = 0, severities[3] = {0, 0, 0};
  assert_int_equal(repayjump_check_pairs(NULL, pairs, n, got, MAX, &r),
                   REPAYJUMP_OK);
  for (j = 0; j < r.count && j < MAX; j++)
    print_message("  %s pair %zu at %zu+%zu%s key %.*s: %s\n",
                  repayjump_check_code_name(got[j].code), got[j].pair,
                  got[j].offset, got[j].length, got[j].in_value ? " in" : "",
                  (int)got[j].key_len, got[j].key ? got[j].key : "",
                  got[j].message);
  while (count < 10 && t->out[count].code)
    count++;
  assert_int_equal(r.kind, t->kind);
  assert_int_equal(r.variant, t->variant);
  assert_int_equal(r.count, count);
  for (j = 0; j < count; j++) {
    const want *w = &t->out[j];
    const repayjump_finding *f = &got[j];
    assert_int_equal(f->code, w->code);
    assert_int_equal(f->severity, repayjump_check_code_severity(w->code));
    assert_int_equal(f->pair, w->pair);
    assert_int_equal(f->offset, w->offset);
    assert_int_equal(f->length, w->length);
    assert_int_equal(f->in_value, w->in_value);
    if (w->key == NULL) {
      assert_null(f->key);
    } else {
      assert_int_equal(f->key_len, strlen(w->key));
      assert_memory_equal(f->key, w->key, f->key_len);
    }
    assert_true(f->message[0] != '\0' && f->fix[0] != '\0');
    severities[f->severity]++;
  }
  assert_int_equal(r.errors, severities[REPAYJUMP_SEVERITY_ERROR]);
  assert_int_equal(r.warnings, severities[REPAYJUMP_SEVERITY_WARNING]);
  assert_int_equal(r.notes, severities[REPAYJUMP_SEVERITY_NOTE]);
}

static void object_table(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    repayjump_pair pairs[12];
    size_t n = pairs_of(&cases[i], pairs);
    print_message("case %zu: %s\n", i, cases[i].name);
    check_case(&cases[i], pairs, n);
  }
}

/* Offsets the caller knows: a member's key is placed at its own name, its
   finding's key is the dotted name; a launch path's findings move into
   the input. */
static void offsets_known(void **state) {
  static const char nav[] = "{appId: 'wx5e73c65404eee268 ', path: '" PAGE
                            "', extraData: {appid: 'x'}}";
  static const char launch[] =
      "{userName: '" USER "', path: '" PAGE "?mch_id=1'}";
  const char *app = strstr(nav, "wx5e"), *page = strstr(nav, PAGE);
  const char *extra = strstr(nav, "extraData"), *inner = strstr(nav, "appid");
  const char *q = strstr(launch, PAGE), *user = strstr(launch, USER);
#define AT(p) ((size_t)((p)-nav))
  repayjump_pair p[4] = {
      {"appId", 5, app, 19, S, AT(app) - 9, AT(app)},
      {"path", 4, page, strlen(PAGE), S, AT(page) - 7, AT(page)},
      {"extraData", 9, extra + 11, 12, NOT_STRING, AT(extra), AT(extra) + 11},
      {"extraData.appid", 15, inner + 8, 1, S, AT(inner), AT(inner) + 8},
  };
#undef AT
  repayjump_pair l[2] = {
      {"userName", 8, user, strlen(USER), S, 1, (size_t)(user - launch)},
      {"path", 4, q, strlen(q) - 2, S, (size_t)(q - launch) - 7,
       (size_t)(q - launch)},
  };
  repayjump_finding got[MAX];
  repayjump_check_result r;
  (void)state;
  assert_int_equal(repayjump_check_pairs(NULL, p, 4, got, MAX, &r),
                   REPAYJUMP_OK);
  assert_true(r.count >= 2);
  assert_int_equal(got[0].code, C(NAVIGATE_APP_ID));
  assert_int_equal(got[0].offset, (size_t)(app - nav) + 18);
  assert_int_equal(got[0].in_value, 0);
  assert_string_equal(got[0].message,
                      "appId: the repayment mini program's AppID followed "
                      "by whitespace");
  assert_int_equal(got[1].code, C(VALUE_RULE));
  assert_int_equal(got[1].offset, (size_t)(inner + 8 - nav));
  assert_int_equal(got[1].key_len, 15);
  assert_ptr_equal(got[1].key, p[3].key);
  assert_string_equal(got[1].message, "appid: byte 0 is 'x'; expected wx "
                                      "followed by 16 lowercase hex digits");

  assert_int_equal(repayjump_check_pairs(NULL, l, 2, got, MAX, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.kind, LAUNCH);
  assert_true(r.count >= 1);
  assert_int_equal(got[0].code, C(KEY_VERSION));
  assert_int_equal(got[0].offset, (size_t)(strstr(launch, "mch_id") - launch));
  assert_int_equal(got[0].in_value, 0);
  assert_int_equal(got[0].pair, 1);
}

/* A value given as NULL with length 0 is the empty string. */
static void null_value(void **state) {
  repayjump_pair p[1] = {{"envVersion", 10, NULL, 0, S, NO, NO}};
  repayjump_finding got[MAX];
  repayjump_check_result r;
  (void)state;
  assert_int_equal(repayjump_check_pairs(NULL, p, 1, got, MAX, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.kind, NAVIGATE);
  assert_int_equal(r.count, 4);
  assert_int_equal(got[0].code, C(NAVIGATE_ENV));
  assert_int_equal(got[0].length, 0);
  assert_string_equal(got[0].message,
                      "envVersion: '' opens a version other than release, "
                      "which WeChat's own program does not have");
}

/* With room for one, the rest are counted, and nothing past it written. */
static void small_storage(void **state) {
  const object_case *t = &cases[3];
  repayjump_pair pairs[12];
  repayjump_finding got[2];
  repayjump_check_result r;
  size_t n = pairs_of(t, pairs);
  (void)state;
  memset(got, 0x5a, sizeof got);
  assert_int_equal(repayjump_check_pairs(NULL, pairs, n, got, 1, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.count, 4);
  assert_int_equal(got[0].code, C(NAVIGATE_ENV));
  assert_int_equal(((unsigned char *)&got[1])[0], 0x5a);
  /* a launch path's findings past the storage are counted too */
  t = &cases[14];
  n = pairs_of(t, pairs);
  assert_int_equal(repayjump_check_pairs(NULL, pairs, n, got, 1, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.count, 5);
  assert_int_equal(got[0].code, C(LAUNCH_USER_NAME));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(object_table),
      cmocka_unit_test(offsets_known),
      cmocka_unit_test(null_value),
      cmocka_unit_test(small_storage),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
