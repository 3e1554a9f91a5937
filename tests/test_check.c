/* The checker, table-driven: each input gives exactly the findings listed
 * (code, place, key), with the severity of the code table; the document's
 * own samples; compose's outputs check clean; findings beyond the
 * caller's storage; NULL arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

#define MAX_FINDINGS 16
#define AUTO REPAYJUMP_VARIANT_AUTO
#define PATH REPAYJUMP_TARGET_PATH "?"
#define Q_APPID "appid=" REF_APPID
#define Q_MCHID "&mchid=" REF_MCHID
#define Q_NONCE "&nonce_str=" REF_NONCE
#define Q_OPENID "&openid=" REF_OPENID
#define REF_QUERY Q_APPID Q_MCHID Q_NONCE Q_OPENID

/* The document's App paths, verbatim. */
#define IOS_PATH                                                               \
  "pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486&"  \
  "nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid="                        \
  "oUpF8uMEb4qRXf22hE3X68TekukE=weixin"
#define ANDROID_PATH                                                           \
  "pages/invest_list/invest_list?mchid=1900009231&appid=wxcbda96de0b165486&"   \
  "nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid="                         \
  "oUpF8uMEb4qRXf22hE3X68TekukE=weixin"

/* One expected finding. at: a substring of the input that starts where the
 * finding does ("^" the start, NULL the end); plus: bytes after that. */
typedef struct expect {
  int code;
  const char *at;
  size_t plus, length;
  const char *key; /* NULL: none */
} expect;

typedef struct text_case {
  const char *text;
  int variant;
  unsigned flags;
  const char *api_key;
  int kind;
  int checked; /* the variant checked against */
  expect want[MAX_FINDINGS];
} text_case;

enum {
  V3 = REPAYJUMP_V3_MERCHANT,
  V3P = REPAYJUMP_V3_PARTNER,
  V2 = REPAYJUMP_V2_MERCHANT,
  V2P = REPAYJUMP_V2_PARTNER,
  APP = REPAYJUMP_KIND_APP_PATH,
  QUERY = REPAYJUMP_KIND_QUERY,
  NOKIND = REPAYJUMP_KIND_NONE
};
#define C(x) REPAYJUMP_CHECK_##x

static const text_case text_cases[] = {
    /* The document's samples (CHECK.md). */
    {IOS_PATH,
     AUTO,
     0,
     NULL,
     APP,
     V3,
     {{C(KEY_VERSION), "mch_id", 0, 6, "mch_id"},
      {C(VALUE_SPACE), " &openid", 0, 1, "nonce_str"},
      {C(VALUE_EQUALS), "=weixin", 0, 1, "openid"}}},
    {ANDROID_PATH,
     AUTO,
     0,
     NULL,
     APP,
     V3,
     {{C(VALUE_EQUALS), "=weixin", 0, 1, "openid"}}},
    /* Clean. */
    {PATH REF_QUERY, AUTO, 0, NULL, APP, V3, {{0}}},
    {REF_QUERY, AUTO, 0, NULL, QUERY, V3, {{0}}},
    {PATH,
     AUTO,
     REPAYJUMP_ALLOW_NO_OPENID,
     NULL,
     APP,
     V3,
     {{C(FIELD_MISSING), NULL, 0, 0, NULL},
      {C(FIELD_MISSING), NULL, 0, 0, NULL},
      {C(FIELD_MISSING), NULL, 0, 0, NULL}}},
    /* The input as a whole. */
    {"", AUTO, 0, NULL, NOKIND, -1, {{C(INPUT_EMPTY), "^", 0, 0, NULL}}},
    {" \t\r\n", AUTO, 0, NULL, NOKIND, -1, {{C(INPUT_EMPTY), "^", 0, 4, NULL}}},
    {"{\"appid\"}",
     AUTO,
     0,
     NULL,
     NOKIND,
     -1,
     {{C(INPUT_UNRECOGNIZED), "^", 0, 9, NULL}}},
    {"pages/invest_list/invest_list",
     AUTO,
     0,
     NULL,
     APP,
     V3,
     {{C(PATH_NO_QUERY), NULL, 0, 0, NULL}}},
    {"pages/index",
     V2,
     0,
     NULL,
     APP,
     V2,
     {{C(PATH_PAGE), "^", 0, 11, NULL}, {C(PATH_NO_QUERY), NULL, 0, 0, NULL}}},
    {"/" PATH REF_QUERY,
     AUTO,
     0,
     NULL,
     APP,
     V3,
     {{C(PATH_LEADING_SLASH), "^", 0, 1, NULL}}},
    {"/pages/index?" REF_QUERY,
     AUTO,
     0,
     NULL,
     APP,
     V3,
     {{C(PATH_LEADING_SLASH), "^", 0, 1, NULL},
      {C(PATH_PAGE), "pages", 0, 11, NULL}}},
    /* The query's syntax. */
    {"&" REF_QUERY "&&&",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_EMPTY_PAIR), "^", 0, 1, NULL},
      {C(QUERY_EMPTY_PAIR), "&&&", 1, 1, NULL},
      {C(QUERY_EMPTY_PAIR), "&&&", 2, 1, NULL},
      {C(QUERY_EMPTY_PAIR), "&&&", 2, 1, NULL}}},
    {Q_APPID "&mchid" Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_NO_VALUE), "mchid", 0, 5, "mchid"}}},
    {Q_APPID "&mchid=19%2" Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_BAD_ESCAPE), "%2", 0, 1, "mchid"}}},
    {Q_APPID "&mchid=19%3000" Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_ENCODED), "%30", 0, 3, "mchid"}}},
    /* A space escaped is the space's finding alone. */
    {Q_APPID Q_MCHID "&nonce_str=5K82%20" Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(VALUE_SPACE), "%20", 0, 3, "nonce_str"}}},
    /* Offsets inside escapes: the rule's byte after one. */
    {Q_APPID Q_MCHID "&nonce_str=%41%42_C" Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_ENCODED), "%41", 0, 3, "nonce_str"},
      {C(VALUE_RULE), "_C", 0, 1, "nonce_str"}}},
    {Q_APPID Q_MCHID "&nonce_str=A!%42" Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(VALUE_RULE), "!", 0, 1, "nonce_str"},
      {C(QUERY_ENCODED), "%42", 0, 3, "nonce_str"}}},
    {Q_APPID Q_MCHID "&nonce_str=A%21" Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(VALUE_RULE), "%21", 0, 3, "nonce_str"}}},
    /* Keys. */
    {"openId=x&nonceStr=y&appId=z&mchId=1&nonce=2&sub_mchid=3",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(KEY_UNKNOWN), "openId", 0, 6, "openId"},
      {C(KEY_UNKNOWN), "nonceStr", 0, 8, "nonceStr"},
      {C(KEY_UNKNOWN), "appId", 0, 5, "appId"},
      {C(KEY_UNKNOWN), "mchId", 0, 5, "mchId"},
      {C(KEY_UNKNOWN), "nonce=", 0, 5, "nonce"},
      {C(KEY_UNKNOWN), "sub_mchid", 0, 9, "sub_mchid"}}},
    {REF_QUERY "&foo=1&key=2",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(KEY_UNKNOWN), "foo", 0, 3, "foo"},
      {C(KEY_UNKNOWN), "key", 0, 3, "key"}}},
    {REF_QUERY "&appid=" REF_APPID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(KEY_DUPLICATE), "&appid", 1, 5, "appid"}}},
    {Q_APPID "&mch_id=1&mchid=2" Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(KEY_VERSION), "mch_id", 0, 6, "mch_id"},
      {C(KEY_DUPLICATE), "mchid", 0, 5, "mchid"}}},
    {REF_QUERY "&sub_mch_id=1",
     V3,
     0,
     NULL,
     QUERY,
     V3,
     {{C(KEY_NOT_ALLOWED), "sub_mch_id", 0, 10, "sub_mch_id"}}},
    {REF_QUERY "&sign_type=HMAC-SHA256",
     V3,
     0,
     NULL,
     QUERY,
     V3,
     {{C(KEY_NOT_ALLOWED), "sign_type", 0, 9, "sign_type"}}},
    /* Fields. */
    {"appid=" Q_MCHID Q_NONCE,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(FIELD_EMPTY), "=&", 1, 0, "appid"},
      {C(FIELD_MISSING), NULL, 0, 0, NULL}}},
    {"appid=wx5e73c65404eee268" Q_MCHID Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(APPID_TARGET), "wx5e", 0, 18, "appid"}}},
    {Q_APPID "&mchid=12a4" Q_NONCE "&openid=a\tb",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(VALUE_RULE), "a4", 0, 1, "mchid"},
      {C(VALUE_SPACE), "\t", 0, 1, "openid"}}},
    {Q_APPID "&mchid=12a4" Q_NONCE Q_OPENID,
     AUTO,
     REPAYJUMP_RELAXED,
     NULL,
     QUERY,
     V3,
     {{0}}},
    {Q_APPID Q_MCHID Q_NONCE "&openid=" REF_OPENID "xxxxx",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(VALUE_RULE), "xxxxx", 4, 1, "openid"}}},
    {Q_APPID Q_MCHID Q_NONCE "&openid=" REF_OPENID "xxxx=",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(VALUE_EQUALS), "x=", 1, 1, "openid"}}},
    {"appid=wx12" Q_MCHID Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(VALUE_RULE), "&mchid", 0, 0, "appid"}}},
    /* Partners. */
    {REF_QUERY "&sub_mch_id=1&sub_openid=o",
     AUTO,
     0,
     NULL,
     QUERY,
     V3P,
     {{C(PARTNER_CONFLICT), "sub_openid", 0, 10, "sub_openid"}}},
    {Q_APPID Q_MCHID Q_NONCE "&sub_appid=" REF_SUB_APPID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3P,
     {{C(FIELD_MISSING), NULL, 0, 0, NULL},
      {C(FIELD_MISSING), NULL, 0, 0, NULL}}},
    {Q_APPID Q_MCHID Q_NONCE "&sub_appid=" REF_SUB_APPID
                             "&sub_mch_id=1&sub_openid=o",
     AUTO,
     0,
     NULL,
     QUERY,
     V3P,
     {{0}}},
    /* Signatures. */
    {Q_APPID "&mch_id=1" Q_NONCE Q_OPENID "&sign_type=HMAC-SHA256",
     AUTO,
     0,
     NULL,
     QUERY,
     V2,
     {{C(SIGN_MISSING), NULL, 0, 0, NULL}}},
    {Q_APPID "&mch_id=1" Q_NONCE Q_OPENID,
     V2,
     0,
     NULL,
     QUERY,
     V2,
     {{C(SIGN_MISSING), NULL, 0, 0, NULL}}},
    {Q_APPID "&mch_id=1" Q_NONCE Q_OPENID "&sign=0",
     AUTO,
     0,
     NULL,
     QUERY,
     V2,
     {{C(SIGN_FORMAT), "=0", 2, 0, "sign"},
      {C(FIELD_MISSING), NULL, 0, 0, NULL}}},
    {Q_APPID "&mch_id=1" Q_NONCE Q_OPENID "&sign_type=MD5&sign=a",
     AUTO,
     0,
     NULL,
     QUERY,
     V2,
     {{C(SIGN_TYPE), "MD5", 0, 3, "sign_type"},
      {C(SIGN_FORMAT), "=a", 1, 1, "sign"}}},
};

static size_t place(const char *text, const expect *e) {
  const char *at;
  if (!e->at)
    return strlen(text);
  if (strcmp(e->at, "^") == 0)
    return e->plus;
  at = strstr(text, e->at);
  if (!at)
    fail_msg("\"%s\" not in the input", e->at);
  return (size_t)(at - text) + e->plus;
}

/* Every finding as expected, and the result's counts agree with them. */
static void assert_findings(const char *text, const repayjump_finding *got,
                            const repayjump_check_result *r,
                            const expect *want) {
  size_t i, n = 0, counts[REPAYJUMP_SEVERITY_COUNT] = {0};
  while (n < MAX_FINDINGS && want[n].code)
    n++;
  for (i = 0; i < r->count && i < MAX_FINDINGS; i++)
    print_message("  %s at %zu+%zu: %s\n",
                  repayjump_check_code_name(got[i].code), got[i].offset,
                  got[i].length, got[i].message);
  assert_int_equal(r->count, n);
  for (i = 0; i < n; i++) {
    const repayjump_finding *f = &got[i];
    assert_string_equal(repayjump_check_code_name(f->code),
                        repayjump_check_code_name(want[i].code));
    assert_int_equal(f->severity, repayjump_check_code_severity(f->code));
    assert_int_equal(f->offset, place(text, &want[i]));
    assert_int_equal(f->length, want[i].length);
    assert_int_equal(f->in_value, 0);
    assert_int_equal(f->pair, REPAYJUMP_NO_OFFSET);
    if (want[i].key) {
      assert_non_null(f->key);
      assert_int_equal(f->key_len, strlen(want[i].key));
      assert_memory_equal(f->key, want[i].key, f->key_len);
    } else {
      assert_null(f->key);
    }
    assert_true(strlen(f->message) > 0 && !strchr(f->message, '\n'));
    assert_true(strlen(f->fix) > 0 && !strchr(f->fix, '\n'));
    counts[f->severity]++;
  }
  assert_int_equal(r->errors, counts[REPAYJUMP_SEVERITY_ERROR]);
  assert_int_equal(r->warnings, counts[REPAYJUMP_SEVERITY_WARNING]);
  assert_int_equal(r->notes, counts[REPAYJUMP_SEVERITY_NOTE]);
}

static void text_table(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < sizeof text_cases / sizeof *text_cases; i++) {
    const text_case *t = &text_cases[i];
    repayjump_check_options opt = {t->variant, t->flags, t->api_key};
    repayjump_finding got[MAX_FINDINGS];
    repayjump_check_result r;
    print_message("case %zu: %s\n", i, t->text);
    assert_int_equal(repayjump_check_text(&opt, t->text, strlen(t->text), got,
                                          MAX_FINDINGS, &r),
                     REPAYJUMP_OK);
    assert_int_equal(r.kind, t->kind);
    assert_int_equal(r.variant, t->checked);
    assert_findings(t->text, got, &r, t->want);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(text_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
