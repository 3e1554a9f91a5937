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
#define V2_TAIL "&sign_type=HMAC-SHA256&sign="
/* 64 uppercase hex digits once decoded, one of them escaped ("%44", 'D'):
 * well-formed, and not the signature of any input here. */
#define SIGN_ESCAPED                                                           \
  "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABC%44EF"

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
      {C(QUERY_EMPTY_PAIR), "&&&", 2, 1, NULL}}},
    {REF_QUERY "&",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_EMPTY_PAIR), Q_OPENID "&", sizeof Q_OPENID - 1, 1, NULL}}},
    {PATH "&",
     AUTO,
     REPAYJUMP_ALLOW_NO_OPENID,
     NULL,
     APP,
     V3,
     {{C(QUERY_EMPTY_PAIR), "&", 0, 1, NULL},
      {C(FIELD_MISSING), NULL, 0, 0, NULL},
      {C(FIELD_MISSING), NULL, 0, 0, NULL},
      {C(FIELD_MISSING), NULL, 0, 0, NULL}}},
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
    /* Escapes: each way one can be bad, and decoded offsets past the end. */
    {Q_APPID "&mchid=%!1" Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_BAD_ESCAPE), "%!", 0, 1, "mchid"}}},
    {Q_APPID "&mchid=%:1" Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_BAD_ESCAPE), "%:", 0, 1, "mchid"}}},
    {Q_APPID "&mchid=%g1" Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_BAD_ESCAPE), "%g", 0, 1, "mchid"}}},
    {Q_APPID "&mchid=%4g" Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_BAD_ESCAPE), "%4g", 0, 1, "mchid"}}},
    {Q_APPID Q_NONCE Q_OPENID "&mchid=12%",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_BAD_ESCAPE), "%", 0, 1, "mchid"}}},
    {"appid=wx%31" Q_MCHID Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_ENCODED), "%31", 0, 3, "appid"},
      {C(VALUE_RULE), Q_MCHID, 0, 0, "appid"}}},
    /* The first whitespace and the first '=' only; a long value. */
    {Q_APPID Q_MCHID Q_NONCE "&openid=a b=c d=e",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(VALUE_SPACE), " b", 0, 1, "openid"},
      {C(VALUE_EQUALS), "=c", 0, 1, "openid"}}},
    {Q_APPID Q_MCHID Q_NONCE "&openid=%41" REF_OPENID REF_OPENID REF_OPENID " ",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(QUERY_ENCODED), "%41", 0, 3, "openid"},
      {C(VALUE_SPACE), " ", 0, 1, "openid"}}},
    {Q_APPID Q_MCHID Q_NONCE "&openid=abc=wechat",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(VALUE_EQUALS), "=wechat", 0, 1, "openid"}}},
    /* Keys that fold to nothing, or past any key, or with odd bytes. */
    {REF_QUERY "&=1&__=2&open-id=3&app1d=4&apid=5",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(KEY_UNKNOWN), "&=1", 1, 0, ""},
      {C(KEY_UNKNOWN), "__", 0, 2, "__"},
      {C(KEY_UNKNOWN), "open-id", 0, 7, "open-id"},
      {C(KEY_UNKNOWN), "app1d", 0, 5, "app1d"},
      {C(KEY_UNKNOWN), "apid", 0, 4, "apid"}}},
    {REF_QUERY
     "&abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH=1&k\x01\x7f\xc3y=2",
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(KEY_UNKNOWN), "abcd", 0, 44,
       "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"},
      {C(KEY_UNKNOWN), "k\x01", 0, 5, "k\x01\x7f\xc3y"}}},
    /* What is a path, and what a query. */
    {"\x01",
     AUTO,
     0,
     NULL,
     NOKIND,
     -1,
     {{C(INPUT_UNRECOGNIZED), "^", 0, 1, NULL}}},
    {"foo&bar?x",
     AUTO,
     REPAYJUMP_ALLOW_NO_OPENID,
     NULL,
     QUERY,
     V3,
     {{C(KEY_UNKNOWN), "^", 0, 3, "foo"},
      {C(KEY_UNKNOWN), "bar", 0, 5, "bar?x"},
      {C(FIELD_MISSING), NULL, 0, 0, NULL},
      {C(FIELD_MISSING), NULL, 0, 0, NULL},
      {C(FIELD_MISSING), NULL, 0, 0, NULL}}},
    {"pages/invest_list/invest_lisX?" REF_QUERY,
     AUTO,
     0,
     NULL,
     APP,
     V3,
     {{C(PATH_PAGE), "^", 0, 29, NULL}}},
    /* Signatures: too long, a byte below '0', a type of the right length. */
    {Q_APPID
     "&mch_id=1" Q_NONCE Q_OPENID "&sign_type=HMAC-SHA512&sign="
     "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEFA1",
     AUTO,
     0,
     NULL,
     QUERY,
     V2,
     {{C(SIGN_TYPE), "HMAC-SHA512", 0, 11, "sign_type"},
      {C(SIGN_FORMAT), "FA1", 1, 2, "sign"}}},
    {Q_APPID "&mch_id=1" Q_NONCE Q_OPENID "&sign_type=HMAC-SHA256&sign="
             "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDE+",
     AUTO,
     0,
     NULL,
     QUERY,
     V2,
     {{C(SIGN_FORMAT), "+", 0, 1, "sign"}}},
    /* A signed value that cannot be signed as given. */
    {Q_APPID "&mch_id=1" Q_NONCE "&openid=%zz&sign_type=HMAC-SHA256&sign="
             "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     AUTO,
     0,
     REF_API_KEY,
     QUERY,
     V2,
     {{C(QUERY_BAD_ESCAPE), "%zz", 0, 1, "openid"},
      {C(SIGN_UNVERIFIED), "=0123", 1, 64, "sign"}}},
    {Q_APPID "&mch_id=1" Q_NONCE "&openid=" REF_OPENID REF_OPENID REF_OPENID
             "&sign_type=HMAC-SHA256&sign="
             "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     AUTO,
     0,
     REF_API_KEY,
     QUERY,
     V2,
     {{C(VALUE_RULE), "&openid=", 40, 52, "openid"},
      {C(SIGN_UNVERIFIED), "=0123", 1, 64, "sign"}}},
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
    /* An explicit APIv2 variant with neither: both are missing. */
    {Q_APPID "&mch_id=1" Q_NONCE Q_OPENID,
     V2,
     0,
     NULL,
     QUERY,
     V2,
     {{C(FIELD_MISSING), NULL, 0, 0, NULL},
      {C(SIGN_MISSING), NULL, 0, 0, NULL}}},
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
    /* An escaped value that decodes clean: the verdict on the whole value
     * is at its first byte, before the escape inside it (a finding of
     * fuzz_check: sign.mismatch came after the query.encoded at "%44"). */
    {PATH Q_APPID "&mch_id=1" Q_NONCE Q_OPENID V2_TAIL SIGN_ESCAPED,
     AUTO,
     0,
     REF_API_KEY,
     APP,
     V2,
     {{C(SIGN_MISMATCH), "=0123", 1, 66, "sign"},
      {C(QUERY_ENCODED), "%44", 0, 3, "sign"}}},
    {PATH Q_APPID "&mch_id=1" Q_NONCE Q_OPENID V2_TAIL SIGN_ESCAPED,
     AUTO,
     0,
     NULL,
     APP,
     V2,
     {{C(SIGN_UNVERIFIED), "=0123", 1, 66, "sign"},
      {C(QUERY_ENCODED), "%44", 0, 3, "sign"}}},
    {"appid=wx5e73c65404eee2%368" Q_MCHID Q_NONCE Q_OPENID,
     AUTO,
     0,
     NULL,
     QUERY,
     V3,
     {{C(APPID_TARGET), "wx5e", 0, 20, "appid"},
      {C(QUERY_ENCODED), "%36", 0, 3, "appid"}}},
    /* At one offset, the verdict first. */
    {Q_APPID
     "&mch_id=1" Q_NONCE Q_OPENID V2_TAIL
     "%30123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
     AUTO,
     0,
     REF_API_KEY,
     QUERY,
     V2,
     {{C(SIGN_MISMATCH), "%30", 0, 66, "sign"},
      {C(QUERY_ENCODED), "%30", 0, 3, "sign"}}},
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

/* ---- pairs ---- */

#define S REPAYJUMP_VALUE_STRING
#define NOT_STRING REPAYJUMP_VALUE_NOT_STRING
#define BARE REPAYJUMP_VALUE_JS_BARE
#define EXPR REPAYJUMP_VALUE_JS_EXPRESSION
#define NO REPAYJUMP_NO_OFFSET

typedef struct pair_in {
  const char *key, *value;
  int type;
} pair_in;

typedef struct pair_expect {
  int code;
  size_t pair; /* NO: none */
  size_t offset, length;
  int in_value;
} pair_expect;

typedef struct pairs_case {
  pair_in in[10];
  int variant;
  pair_expect want[8];
} pairs_case;

#define REF_PAIRS                                                              \
  {"appid", REF_APPID, S}, {"mchid", REF_MCHID, S}, {                          \
    "nonce_str", REF_NONCE, S                                                  \
  }

static const pairs_case pairs_cases[] = {
    {{REF_PAIRS, {"openid", REF_OPENID, S}}, V3, {{0}}},
    /* The document's extraData literal, as a JavaScript reader gives it. */
    {{{"appid", "wxcbda96de0b165486", BARE},
      {"mchid", "1900009231", BARE},
      {"nonce_str", "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", BARE},
      {"openid", REF_OPENID, S}},
     V3,
     {{C(JS_UNQUOTED), 0, 0, 18, 1},
      {C(JS_UNQUOTED), 1, 0, 10, 1},
      {C(JS_UNQUOTED), 2, 0, 32, 1}}},
    /* A bare value is also checked by the rule, as a second bug. */
    {{REF_PAIRS, {"openid", "a.b", BARE}},
     V3,
     {{C(JS_UNQUOTED), 3, 0, 3, 1}, {C(VALUE_RULE), 3, 1, 1, 1}}},
    {{{"appid", REF_APPID, S},
      {"mchid", "1900009231", NOT_STRING},
      {"nonce_str", "this.nonce()", EXPR},
      {"openid", "null", NOT_STRING}},
     V3,
     {{C(JSON_NOT_STRING), 1, 0, 10, 1},
      {C(JS_EXPRESSION), 2, 0, 12, 1},
      {C(JSON_NOT_STRING), 3, 0, 4, 1}}},
    /* NUL is just another bad byte. */
    {{REF_PAIRS, {"openid", "oUpF\0evil", S}},
     V3,
     {{C(VALUE_RULE), 3, 4, 1, 1}}},
    {{REF_PAIRS, {"openid", "", S}}, V3, {{C(FIELD_EMPTY), 3, 0, 0, 1}}},
    /* Not quoted in the fix: too long, or holding a '"'. */
    {{REF_PAIRS, {"openid", "{\"id\": 1}", NOT_STRING}},
     V3,
     {{C(JSON_NOT_STRING), 3, 0, 9, 1}}},
    {{REF_PAIRS,
      {"openid", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]",
       NOT_STRING}},
     V3,
     {{C(JSON_NOT_STRING), 3, 0, 47, 1}}},
    {{REF_PAIRS, {"openid", "a b", S}}, V3, {{C(VALUE_SPACE), 3, 1, 1, 1}}},
    /* No escapes in pairs: '%' is a byte like any other. */
    {{REF_PAIRS, {"openid", "a%41", S}}, V3, {{C(VALUE_RULE), 3, 1, 1, 1}}},
    {{REF_PAIRS}, V3, {{C(FIELD_MISSING), NO, NO, 0, 0}}},
    {{{"openId", REF_OPENID, S}, REF_PAIRS},
     V3,
     {{C(KEY_UNKNOWN), 0, NO, 6, 0}}},
};

static size_t pairs_of(const pairs_case *t, repayjump_pair *pairs) {
  size_t n;
  for (n = 0; n < 10 && t->in[n].key; n++) {
    pairs[n].key = t->in[n].key;
    pairs[n].key_len = strlen(t->in[n].key);
    pairs[n].value = t->in[n].value;
    /* "oUpF\0evil": the length past the NUL */
    pairs[n].value_len = strlen(t->in[n].value);
    if (pairs[n].value_len == 4 && !memcmp(t->in[n].value, "oUpF", 4))
      pairs[n].value_len = 9;
    pairs[n].type = t->in[n].type;
    pairs[n].key_offset = pairs[n].value_offset = NO;
  }
  return n;
}

static void pairs_table(void **state) {
  size_t i, j;
  (void)state;
  for (i = 0; i < sizeof pairs_cases / sizeof *pairs_cases; i++) {
    const pairs_case *t = &pairs_cases[i];
    repayjump_pair pairs[10];
    repayjump_finding got[MAX_FINDINGS];
    repayjump_check_result r;
    size_t n = pairs_of(t, pairs), want = 0;
    print_message("pairs case %zu\n", i);
    assert_int_equal(
        repayjump_check_pairs(NULL, pairs, n, got, MAX_FINDINGS, &r),
        REPAYJUMP_OK);
    assert_int_equal(r.kind, REPAYJUMP_KIND_NONE);
    assert_int_equal(r.variant, t->variant);
    while (want < 8 && t->want[want].code)
      want++;
    for (j = 0; j < r.count && j < MAX_FINDINGS; j++)
      print_message("  %s pair %zu at %zu+%zu: %s\n",
                    repayjump_check_code_name(got[j].code), got[j].pair,
                    got[j].offset, got[j].length, got[j].message);
    assert_int_equal(r.count, want);
    for (j = 0; j < want; j++) {
      const pair_expect *e = &t->want[j];
      assert_int_equal(got[j].code, e->code);
      assert_int_equal(got[j].pair, e->pair);
      assert_int_equal(got[j].offset, e->offset);
      assert_int_equal(got[j].length, e->length);
      assert_int_equal(got[j].in_value, e->in_value);
      if (e->pair == NO) {
        assert_null(got[j].key);
      } else {
        assert_ptr_equal(got[j].key, pairs[e->pair].key);
        assert_int_equal(got[j].key_len, pairs[e->pair].key_len);
      }
    }
  }
}

/* Offsets the caller knows are used: key and value in its input. */
static void pairs_with_offsets(void **state) {
  static const char input[] = "{appid: wxcbda96de0b165486, mchid: 'x1'}";
  repayjump_pair pairs[4] = {
      {"appid", 5, input + 8, 18, BARE, 1, 8},
      {"mchid", 5, input + 36, 2, S, 28, 36},
      {"nonce_str", 9, REF_NONCE, 32, S, NO, NO},
      {"openid", 6, REF_OPENID, 28, S, NO, NO},
  };
  repayjump_finding got[4];
  repayjump_check_result r;
  (void)state;
  assert_int_equal(repayjump_check_pairs(NULL, pairs, 4, got, 4, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.count, 2);
  assert_int_equal(got[0].code, C(JS_UNQUOTED));
  assert_int_equal(got[0].offset, 8);
  assert_int_equal(got[0].in_value, 0);
  assert_int_equal(got[1].code, C(VALUE_RULE));
  assert_int_equal(got[1].offset, 36);
  assert_int_equal(got[1].length, 1);
  assert_string_equal(got[1].message, "mchid: byte 0 is 'x'; expected a digit");
}

/* ---- storage, arguments, options ---- */

/* With room for fewer, the first ones in input order are stored, the
 * rest counted; bytes past cap are never written. */
static void cap_smaller_than_count(void **state) {
  static const char text[] = "a=1&b=2&c=3&d=4&e=5";
  repayjump_finding all[8], few[3];
  repayjump_check_result r_all, r_few;
  size_t cap;
  (void)state;
  assert_int_equal(
      repayjump_check_text(NULL, text, sizeof text - 1, all, 8, &r_all),
      REPAYJUMP_OK);
  assert_true(r_all.count > 3);
  for (cap = 0; cap <= 3; cap++) {
    memset(few, 0x5a, sizeof few);
    assert_int_equal(repayjump_check_text(NULL, text, sizeof text - 1,
                                          cap ? few : NULL, cap, &r_few),
                     REPAYJUMP_OK);
    assert_int_equal(r_few.count, r_all.count);
    assert_int_equal(r_few.errors, r_all.errors);
    assert_int_equal(r_few.warnings, r_all.warnings);
    assert_int_equal(r_few.notes, r_all.notes);
    if (cap)
      assert_memory_equal(few, all, cap * sizeof *few);
    if (cap < 3)
      assert_int_equal(((unsigned char *)&few[cap])[0], 0x5a);
  }
}

static void bad_arguments(void **state) {
  repayjump_check_options bad_variant = {4, 0, NULL};
  repayjump_check_options bad_flags = {AUTO, 8, NULL};
  repayjump_check_options below = {-2, 0, NULL};
  repayjump_finding f[1];
  repayjump_check_result r;
  repayjump_pair null_key = {NULL, 1, "x", 1, S, NO, NO};
  repayjump_pair null_value = {"a", 1, NULL, 1, S, NO, NO};
  repayjump_pair bad_type = {"a", 1, "x", 1, 4, NO, NO};
  repayjump_pair negative_type = {"a", 1, "x", 1, -1, NO, NO};
  repayjump_pair empty = {NULL, 0, NULL, 0, S, NO, NO};
  (void)state;
  assert_int_equal(repayjump_check_text(NULL, "a", 1, f, 1, NULL),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_text(NULL, NULL, 1, f, 1, &r),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_text(NULL, "a", 1, NULL, 1, &r),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_text(&bad_variant, "a", 1, f, 1, &r),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_text(&bad_flags, "a", 1, f, 1, &r),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_text(&below, "a", 1, f, 1, &r),
                   REPAYJUMP_E_ARG);
  /* NULL text of length 0 is an empty input. */
  assert_int_equal(repayjump_check_text(NULL, NULL, 0, NULL, 0, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.count, 1);
  assert_int_equal(r.variant, -1);

  assert_int_equal(repayjump_check_pairs(NULL, NULL, 0, f, 1, NULL),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_pairs(NULL, NULL, 1, f, 1, &r),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_pairs(NULL, &null_key, 1, NULL, 1, &r),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_pairs(&bad_flags, &null_key, 0, f, 1, &r),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_pairs(NULL, &null_key, 1, f, 1, &r),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_pairs(NULL, &null_value, 1, f, 1, &r),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_pairs(NULL, &bad_type, 1, f, 1, &r),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_pairs(NULL, &negative_type, 1, f, 1, &r),
                   REPAYJUMP_E_ARG);
  /* A NULL key and value of length 0: an empty key, an empty value. */
  assert_int_equal(repayjump_check_pairs(NULL, &empty, 1, f, 1, &r),
                   REPAYJUMP_OK);
  assert_int_equal(f[0].code, C(KEY_UNKNOWN));
  assert_null(f[0].key);
  /* NULL options: the variant inferred, even with no pairs at all. */
  assert_int_equal(repayjump_check_text(NULL, "pages/x", 7, f, 1, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.variant, V3);
  assert_int_equal(r.count, 2);
  /* No pairs at all: every field is missing. */
  assert_int_equal(repayjump_check_pairs(NULL, NULL, 0, NULL, 0, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.count, 4);
}

/* ---- messages ---- */

typedef struct message_case {
  const char *text;
  const char *api_key;
  size_t index;
  const char *message, *fix;
} message_case;

static const message_case message_cases[] = {
    {IOS_PATH, NULL, 0,
     "mch_id: APIv2's spelling; the APIv3 merchant variant's key is mchid",
     "rename it to mchid"},
    {IOS_PATH, NULL, 1, "nonce_str: byte 32 is a space", "remove the space"},
    {IOS_PATH, NULL, 2,
     "openid: byte 28 is '='; no value of this jump holds one",
     "remove \"=weixin\": it is not part of the openid (a slip in WeChat's "
     "document)"},
    {"sub_mchid=1", NULL, 0,
     "sub_mchid: not a key of this jump; WeChat Pay's APIv3 payment APIs say "
     "sub_mchid, this jump says sub_mch_id",
     "rename it to sub_mch_id"},
    {"openId=1", NULL, 0,
     "openId: not a key of this jump (keys are case-sensitive)",
     "rename it to openid"},
    {"mchid=1x", NULL, 0, "mchid: byte 1 is 'x'; expected a digit",
     "remove or replace byte 1: expected a digit"},
    {Q_APPID Q_MCHID Q_OPENID "&nonce_str=1&sign_type=HMAC-SHA256&sign="
                              "ABCDEF0123456789ABCDEF0123456789ABCDEF01234567"
                              "89ABCDEF0123456789",
     NULL, 0, "mch_id", "rename it to mch_id"},
};

static void messages(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < sizeof message_cases / sizeof *message_cases; i++) {
    const message_case *m = &message_cases[i];
    repayjump_check_options opt = {AUTO, 0, m->api_key};
    repayjump_finding got[MAX_FINDINGS];
    repayjump_check_result r;
    assert_int_equal(repayjump_check_text(&opt, m->text, strlen(m->text), got,
                                          MAX_FINDINGS, &r),
                     REPAYJUMP_OK);
    assert_true(r.count > m->index);
    if (strchr(m->message, ' '))
      assert_string_equal(got[m->index].message, m->message);
    else /* a key the message starts with */
      assert_memory_equal(got[m->index].message, "mchid: APIv3's", 14);
    assert_string_equal(got[m->index].fix, m->fix);
  }
}

/* Which field a finding concerns, by name: sign_type and sign too. */
static void fields(void **state) {
  static const char q[] = Q_APPID "&mch_id=1" Q_OPENID;
  repayjump_check_options opt = {V2, 0, NULL};
  repayjump_finding got[MAX_FINDINGS];
  repayjump_check_result r;
  (void)state;
  assert_int_equal(
      repayjump_check_text(&opt, q, strlen(q), got, MAX_FINDINGS, &r),
      REPAYJUMP_OK);
  assert_int_equal(r.count, 3);
  assert_int_equal(got[0].code, C(FIELD_MISSING));
  assert_int_equal(got[0].field, REPAYJUMP_FIELD_NONCE_STR);
  assert_string_equal(repayjump_check_field_name(got[0].field), "nonce_str");
  assert_int_equal(got[1].code, C(FIELD_MISSING));
  assert_int_equal(got[1].field, REPAYJUMP_CHECK_FIELD_SIGN_TYPE);
  assert_string_equal(repayjump_check_field_name(got[1].field), "sign_type");
  assert_int_equal(got[2].code, C(SIGN_MISSING));
  assert_int_equal(got[2].field, REPAYJUMP_CHECK_FIELD_SIGN);
  assert_string_equal(repayjump_check_field_name(got[2].field), "sign");
  assert_null(repayjump_check_field_name(REPAYJUMP_FIELD_NONE));
  assert_null(repayjump_check_field_name(REPAYJUMP_FIELD_API_KEY));
  assert_null(repayjump_check_field_name(-1));
  assert_string_equal(repayjump_check_field_name(REPAYJUMP_FIELD_SUB_OPENID),
                      "sub_openid");
}

/* With a key, sign is verified and the expected value given; the key is
 * never in any message or fix. */
static void signatures(void **state) {
  repayjump_params p = fixture(REPAYJUMP_V2_PARTNER);
  repayjump_result out;
  repayjump_check_options opt = {AUTO, 0, REF_API_KEY};
  repayjump_finding got[MAX_FINDINGS];
  repayjump_check_result r;
  char path[REPAYJUMP_OUTPUT_MAX], *sign;
  size_t i, len;
  (void)state;
  assert_int_equal(repayjump_compose(&p, &out, NULL), REPAYJUMP_OK);
  len = strlen(out.app_path);
  memcpy(path, out.app_path, len + 1);
  sign = strstr(path, "&sign=") + 6;
  sign[0] = sign[0] == 'A' ? 'B' : 'A'; /* a wrong but well-formed sign */
  assert_int_equal(repayjump_check_text(&opt, path, len, got, MAX_FINDINGS, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.count, 1);
  assert_int_equal(got[0].code, C(SIGN_MISMATCH));
  assert_int_equal(got[0].offset, (size_t)(sign - path));
  assert_int_equal(got[0].length, 64);
  /* The expected signature only when the caller asks for it: a server
   * checking a client's pairs with its key hands out none. */
  assert_null(strstr(got[0].message, out.sign));
  assert_null(strstr(got[0].fix, out.sign));
  opt.flags = REPAYJUMP_CHECK_EXPECTED_SIGN;
  assert_int_equal(repayjump_check_text(&opt, path, len, got, MAX_FINDINGS, &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.count, 1);
  assert_int_equal(got[0].code, C(SIGN_MISMATCH));
  assert_string_equal(got[0].message + strlen(got[0].message) - 64, out.sign);
  for (i = 0; i < r.count; i++) {
    assert_null(strstr(got[i].message, REF_API_KEY));
    assert_null(strstr(got[i].fix, REF_API_KEY));
  }
  /* An optional field left out is left out of the signature too. */
  p.sub_appid = NULL;
  p.sub_openid = NULL;
  assert_int_equal(repayjump_compose(&p, &out, NULL), REPAYJUMP_OK);
  assert_int_equal(repayjump_check_text(&opt, out.app_path,
                                        strlen(out.app_path), got, MAX_FINDINGS,
                                        &r),
                   REPAYJUMP_OK);
  assert_int_equal(r.count, 0);
  p = fixture(REPAYJUMP_V2_PARTNER);
  assert_int_equal(repayjump_compose(&p, &out, NULL), REPAYJUMP_OK);
  len = strlen(out.app_path);
  /* A value escaped is decoded before it is signed. */
  memcpy(path, out.app_path, len + 1);
  {
    char escaped[REPAYJUMP_OUTPUT_MAX];
    const char *o = strstr(path, "openid=") + 7;
    /* The openid's first byte, 'o', as %6f. */
    snprintf(escaped, sizeof escaped, "%.*s%%6f%s", (int)(o - path), path,
             o + 1);
    assert_int_equal(strlen(escaped), len + 2);
    assert_int_equal(
        repayjump_check_text(&opt, escaped, len + 2, got, MAX_FINDINGS, &r),
        REPAYJUMP_OK);
    assert_int_equal(r.count, 1);
    assert_int_equal(got[0].code, C(QUERY_ENCODED));
  }
  /* A signed value that cannot be signed as given: a note, not a verdict. */
  {
    repayjump_pair pairs[9];
    static const char *const keys[] = {"appid",      "sub_appid", "mch_id",
                                       "sub_mch_id", "nonce_str", "openid",
                                       "sub_openid", "sign_type", "sign"};
    const char *values[] = {REF_APPID,      REF_SUB_APPID, REF_MCHID,
                            REF_SUB_MCHID,  REF_NONCE,     REF_OPENID,
                            REF_SUB_OPENID, "HMAC-SHA256", out.sign};
    for (i = 0; i < 9; i++) {
      repayjump_pair one = {
          keys[i], strlen(keys[i]), values[i], strlen(values[i]), S, NO, NO};
      pairs[i] = one;
    }
    assert_int_equal(
        repayjump_check_pairs(&opt, pairs, 9, got, MAX_FINDINGS, &r),
        REPAYJUMP_OK);
    assert_int_equal(r.count, 0);
    pairs[5].type = NOT_STRING;
    assert_int_equal(
        repayjump_check_pairs(&opt, pairs, 9, got, MAX_FINDINGS, &r),
        REPAYJUMP_OK);
    assert_int_equal(r.count, 2);
    assert_int_equal(got[1].code, C(SIGN_UNVERIFIED));
    assert_string_equal(got[1].message, "sign: not verified: a signed "
                                        "field's value cannot be signed as "
                                        "given");
    pairs[5].type = EXPR;
    assert_int_equal(
        repayjump_check_pairs(&opt, pairs, 9, got, MAX_FINDINGS, &r),
        REPAYJUMP_OK);
    assert_int_equal(r.count, 2);
    assert_int_equal(got[0].code, C(JS_EXPRESSION));
    assert_int_equal(got[1].code, C(SIGN_UNVERIFIED));
  }
}

/* ---- names ---- */

static void names(void **state) {
  static const char *const codes[REPAYJUMP_CHECK_CODE_COUNT] = {
      "unknown",
      "input.empty",
      "input.unrecognized",
      "path.page",
      "path.leading_slash",
      "path.no_query",
      "query.empty_pair",
      "query.no_value",
      "query.bad_escape",
      "query.encoded",
      "key.unknown",
      "key.version",
      "key.duplicate",
      "key.not_allowed",
      "field.missing",
      "field.empty",
      "value.space",
      "value.equals",
      "value.rule",
      "appid.target",
      "partner.conflict",
      "sign.missing",
      "sign.type",
      "sign.format",
      "sign.mismatch",
      "sign.unverified",
      "json.syntax",
      "json.not_object",
      "json.not_string",
      "js.unquoted",
      "js.expression",
      "js.unclosed",
      "navigate.app_id",
      "navigate.path",
      "navigate.env",
      "navigate.extra_data",
      "launch.user_name",
      "launch.type",
      "wxml.target",
      "src.unclosed",
      "app.own_appid",
      "manifest.entry",
      "manifest.exported",
      "manifest.launch_mode",
      "manifest.task_affinity",
      "plist.url_scheme"};
  /* CHECK.md's severities: the warnings and notes; all others errors. */
  static const int warnings[] = {
      C(PATH_LEADING_SLASH),   C(QUERY_EMPTY_PAIR),      C(QUERY_ENCODED),
      C(APPID_TARGET),         C(NAVIGATE_ENV),          C(LAUNCH_TYPE),
      C(MANIFEST_LAUNCH_MODE), C(MANIFEST_TASK_AFFINITY)};
  static const int notes[] = {C(SIGN_UNVERIFIED), C(JS_EXPRESSION)};
  int i;
  size_t j;
  (void)state;
  assert_int_equal(repayjump_check_code_count(), REPAYJUMP_CHECK_CODE_COUNT);
  for (i = 0; i < REPAYJUMP_CHECK_CODE_COUNT; i++) {
    int want = REPAYJUMP_SEVERITY_ERROR;
    assert_string_equal(repayjump_check_code_name(i), codes[i]);
    for (j = 0; j < sizeof warnings / sizeof *warnings; j++)
      if (warnings[j] == i)
        want = REPAYJUMP_SEVERITY_WARNING;
    for (j = 0; j < sizeof notes / sizeof *notes; j++)
      if (notes[j] == i)
        want = REPAYJUMP_SEVERITY_NOTE;
    assert_int_equal(repayjump_check_code_severity(i),
                     i ? want : REPAYJUMP_E_ARG);
  }
  assert_string_equal(repayjump_check_code_name(-1), "unknown");
  assert_string_equal(repayjump_check_code_name(REPAYJUMP_CHECK_CODE_COUNT),
                      "unknown");
  assert_int_equal(repayjump_check_code_severity(-1), REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_check_code_severity(REPAYJUMP_CHECK_CODE_COUNT),
                   REPAYJUMP_E_ARG);

  assert_string_equal(repayjump_severity_name(0), "error");
  assert_string_equal(repayjump_severity_name(1), "warning");
  assert_string_equal(repayjump_severity_name(2), "note");
  assert_string_equal(repayjump_severity_name(3), "unknown");
  assert_string_equal(repayjump_severity_name(-1), "unknown");

  assert_string_equal(repayjump_variant_name(0), "v3");
  assert_string_equal(repayjump_variant_name(1), "v3-partner");
  assert_string_equal(repayjump_variant_name(2), "v2");
  assert_string_equal(repayjump_variant_name(3), "v2-partner");
  assert_string_equal(repayjump_variant_name(4), "unknown");
  assert_string_equal(repayjump_variant_name(REPAYJUMP_VARIANT_AUTO),
                      "unknown");

  assert_string_equal(repayjump_format_name(0), "extra-data");
  assert_string_equal(repayjump_format_name(1), "navigate");
  assert_string_equal(repayjump_format_name(2), "app-path");
  assert_string_equal(repayjump_format_name(3), "app-launch");
  assert_string_equal(repayjump_format_name(4), "unknown");
  assert_string_equal(repayjump_format_name(-1), "unknown");

  assert_string_equal(repayjump_input_kind_name(0), "none");
  assert_string_equal(repayjump_input_kind_name(1), "app_path");
  assert_string_equal(repayjump_input_kind_name(2), "query");
  assert_string_equal(repayjump_input_kind_name(3), "extra_data");
  assert_string_equal(repayjump_input_kind_name(4), "navigate");
  assert_string_equal(repayjump_input_kind_name(5), "app_launch");
  assert_string_equal(repayjump_input_kind_name(6), "js_object");
  assert_string_equal(repayjump_input_kind_name(7), "wxml");
  assert_string_equal(repayjump_input_kind_name(8), "app_source");
  assert_string_equal(repayjump_input_kind_name(9), "manifest");
  assert_string_equal(repayjump_input_kind_name(10), "plist");
  assert_string_equal(repayjump_input_kind_name(11), "unknown");
  assert_string_equal(repayjump_input_kind_name(-1), "unknown");

  assert_int_equal(repayjump_sign_len(), 64);
  assert_int_equal(repayjump_message_max(), 192);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(text_table),
      cmocka_unit_test(pairs_table),
      cmocka_unit_test(pairs_with_offsets),
      cmocka_unit_test(cap_smaller_than_count),
      cmocka_unit_test(bad_arguments),
      cmocka_unit_test(messages),
      cmocka_unit_test(signatures),
      cmocka_unit_test(fields),
      cmocka_unit_test(names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
