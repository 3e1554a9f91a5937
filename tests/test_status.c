/* The status query: the request's bytes and rules, and every verdict on an
 * answer, each from exactly the answer that should get it. Answers are
 * signed here with libsodium's HMAC over fields this file sorts itself. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "fixtures.h"

#define ANSWER_CAP ((size_t)2 * REPAYJUMP_ANSWER_MAX)

/* ---- answers, signed the way WeChat Pay signs them ---- */

typedef struct kv {
  const char *k, *v;
} kv;

static int by_key(const void *a, const void *b) {
  return strcmp(((const kv *)a)->k, ((const kv *)b)->k);
}

/* 64 uppercase hex digits of HMAC-SHA256 over the sorted non-empty
 * fields but sign, "k=v&...&key=KEY". */
static void sign_fields(const kv *fields, size_t n, const char *key,
                        char out[65]) {
  kv sorted[64];
  char text[ANSWER_CAP];
  unsigned char mac[32];
  size_t i, at = 0;
  memcpy(sorted, fields, n * sizeof *fields);
  qsort(sorted, n, sizeof *sorted, by_key);
  for (i = 0; i < n; i++)
    if (*sorted[i].v && strcmp(sorted[i].k, "sign") != 0)
      at += (size_t)snprintf(text + at, sizeof text - at, "%s=%s&", sorted[i].k,
                             sorted[i].v);
  at += (size_t)snprintf(text + at, sizeof text - at, "key=%s", key);
  crypto_auth_hmacsha256(mac, (const unsigned char *)text, at,
                         (const unsigned char *)key);
  for (i = 0; i < 32; i++)
    snprintf(out + 2 * i, 3, "%02X", mac[i]);
}

/* "<xml><k>v</k>...[<sign>...</sign>]</xml>", signed with key unless
 * key is NULL. */
static size_t answer(char *out, const kv *fields, size_t n, const char *key) {
  size_t i, at = (size_t)snprintf(out, ANSWER_CAP, "<xml>");
  for (i = 0; i < n; i++)
    at += (size_t)snprintf(out + at, ANSWER_CAP - at, "<%s>%s</%s>",
                           fields[i].k, fields[i].v, fields[i].k);
  if (key) {
    char sign[65];
    sign_fields(fields, n, key, sign);
    at += (size_t)snprintf(out + at, ANSWER_CAP - at, "<sign>%s</sign>", sign);
  }
  at += (size_t)snprintf(out + at, ANSWER_CAP - at, "</xml>");
  return at;
}

/* A trusted merchant answer's fields; a test changes what it needs. */
#define OK_FIELDS                                                              \
  {"return_code", "SUCCESS"}, {"return_msg", "OK"}, {"appid", REF_APPID},      \
      {"mch_id", REF_MCHID}, {"nonce_str", "IITRi8Iabbblz1Jc"},                \
      {"result_code", "SUCCESS"}, {"user_state", "OVERDUE"},                   \
      {"deduct_mode", "PROACTIVE"}, {"openid", REF_OPENID}, {                  \
    "path", "pages/index/index"                                                \
  }

static repayjump_params identity(int variant) {
  repayjump_params p = fixture(variant);
  p.api_key = REF_API_KEY;
  return p;
}

static int parse(const repayjump_params *p, const char *a, size_t n,
                 repayjump_status_result *r, repayjump_error *err) {
  memset(r, 'x', sizeof *r);
  memset(err, 0, sizeof *err);
  return repayjump_status_parse(p, a, n, r, err);
}

static void assert_cleared(const repayjump_status_result *r) {
  assert_int_equal(r->state, 0);
  assert_string_equal(r->user_state, "");
  assert_string_equal(r->deduct_mode, "");
  assert_string_equal(r->openid, "");
  assert_string_equal(r->sub_openid, "");
  assert_string_equal(r->path, "");
  assert_string_equal(r->plate_number_info, "");
  assert_string_equal(r->plate_number, "");
  assert_string_equal(r->return_msg, "");
  assert_string_equal(r->err_code, "");
  assert_string_equal(r->err_code_des, "");
}

/* ---- trusted answers ---- */

static void trusted_answer(void **state) {
  static char a[ANSWER_CAP];
  repayjump_params p = identity(REPAYJUMP_V3_MERCHANT);
  repayjump_status_result r;
  repayjump_error err;
  kv f[] = {OK_FIELDS,
            {"sub_openid", ""},
            {"err_code_des", "caf\xc3\xa9"},
            {"plate_number", "粤B888888"},
            {"plate_number_info", "{\"plate_number_info\":[]}"},
            {"channel_type", "ETC"}};
  size_t n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
  (void)state;
  assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_OK);
  assert_int_equal(r.state, REPAYJUMP_STATE_OVERDUE);
  assert_string_equal(r.user_state, "OVERDUE");
  assert_string_equal(r.deduct_mode, "PROACTIVE");
  assert_string_equal(r.openid, REF_OPENID);
  assert_string_equal(r.sub_openid, "");
  assert_string_equal(r.path, "pages/index/index");
  assert_string_equal(r.plate_number, "粤B888888");
  assert_string_equal(r.plate_number_info, "{\"plate_number_info\":[]}");
  assert_string_equal(r.return_msg, "OK");
  assert_string_equal(r.err_code, "");
  assert_string_equal(r.err_code_des, "caf\xc3\xa9");
}

static void every_state(void **state) {
  static const struct {
    const char *text;
    int state;
  } states[] = {{"NORMAL", REPAYJUMP_STATE_NORMAL},
                {"PAUSED", REPAYJUMP_STATE_PAUSED},
                {"OVERDUE", REPAYJUMP_STATE_OVERDUE},
                {"UNAUTHORIZED", REPAYJUMP_STATE_UNAUTHORIZED},
                {"FROZEN", REPAYJUMP_STATE_UNKNOWN},
                {"NORMAL2", REPAYJUMP_STATE_UNKNOWN}};
  static char a[ANSWER_CAP];
  repayjump_params p = identity(REPAYJUMP_V2_MERCHANT);
  repayjump_status_result r;
  repayjump_error err;
  size_t i;
  (void)state;
  for (i = 0; i < sizeof states / sizeof *states; i++) {
    kv f[] = {OK_FIELDS};
    size_t n;
    f[6].v = states[i].text;
    n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_OK);
    assert_int_equal(r.state, states[i].state);
    assert_string_equal(r.user_state, states[i].text); /* verbatim */
  }
  assert_string_equal(repayjump_user_state_name(REPAYJUMP_STATE_OVERDUE),
                      "OVERDUE");
  assert_string_equal(repayjump_user_state_name(REPAYJUMP_STATE_NORMAL),
                      "NORMAL");
  assert_string_equal(repayjump_user_state_name(0), "unknown");
  assert_string_equal(repayjump_user_state_name(REPAYJUMP_STATE_COUNT),
                      "unknown");
  assert_string_equal(repayjump_user_state_name(-1), "unknown");
}

static void partner_answer(void **state) {
  static char a[ANSWER_CAP];
  repayjump_params p = identity(REPAYJUMP_V3_PARTNER);
  repayjump_status_result r;
  repayjump_error err;
  kv f[] = {OK_FIELDS, {"sub_mch_id", REF_SUB_MCHID}, {"sub_openid", "oS"}};
  size_t n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
  (void)state;
  assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_OK);
  assert_string_equal(r.sub_openid, "oS");

  f[10].v = "1900000000";
  n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
  assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_ECHO);
  assert_int_equal(err.field, REPAYJUMP_FIELD_SUB_MCHID);
  assert_int_equal(err.offset, (size_t)(strstr(a, "1900000000") - a));
  assert_cleared(&r);

  /* A merchant's answer (no sub_mch_id) is not a partner's. */
  n = answer(a, f, 10, REF_API_KEY);
  assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_ECHO);
  assert_int_equal(err.field, REPAYJUMP_FIELD_SUB_MCHID);
  assert_string_equal(err.message,
                      "answer: no sub_mch_id; expected " REF_SUB_MCHID);
}

/* Decoding: CDATA, the five entities, character references of 1 to 4
 * UTF-8 bytes, a declaration, whitespace between elements and empty
 * elements; the signature covers the decoded values. */
static void decoded_values(void **state) {
  static char a[ANSWER_CAP], b[ANSWER_CAP];
  repayjump_params p = identity(REPAYJUMP_V3_MERCHANT);
  repayjump_status_result r;
  repayjump_error err;
  kv f[] = {OK_FIELDS};
  char sign[65], *at;
  size_t n;
  (void)state;
  f[9].v = "<a&b>'\"A\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80";
  sign_fields(f, sizeof f / sizeof *f, REF_API_KEY, sign);
  f[9].v = "PATH";
  (void)answer(b, f, sizeof f / sizeof *f, NULL);
  at = strstr(b, "PATH");
  n = (size_t)snprintf(
      a, sizeof a,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%.*s"
      "&lt;a&amp;b&gt;<![CDATA['\"]]>&#65;&#xe9;&#x4E2D;&#128512;%s",
      (int)(at - b), b, at + 4);
  /* whitespace between elements, an empty element, the sign */
  n -= 6;
  n += (size_t)snprintf(a + n, sizeof a - n,
                        "\n <empty/>\t<e2 ></e2 ><sign>%s</sign>\r\n</xml>\n",
                        sign);
  assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_OK);
  assert_string_equal(r.path, "<a&b>'\"A\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80");
}

/* ---- refusals: one answer each, its verdict and where ---- */

typedef struct refusal {
  const char *answer;
  int status;
  size_t offset;
  const char *message;
} refusal;

static const refusal xml_refusals[] = {
    {"", REPAYJUMP_E_XML, 0, "answer: byte 0: expected the <xml> root element"},
    {" x", REPAYJUMP_E_XML, 1,
     "answer: byte 1: expected the <xml> root element"},
    {"<", REPAYJUMP_E_XML, 0,
     "answer: byte 0: markup other than an element (refused)"},
    {"<!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml>&e;</xml>",
     REPAYJUMP_E_XML, 0, "answer: byte 0: a DOCTYPE (refused: no DTD is read)"},
    {"<?xml version=\"1.0\"?><!DOCTYPE x><xml/>", REPAYJUMP_E_XML, 21,
     "answer: byte 21: a DOCTYPE (refused: no DTD is read)"},
    {"<xml><!ENTITY e \"x\"></xml>", REPAYJUMP_E_XML, 5,
     "answer: byte 5: an entity declaration (refused)"},
    {"<xml><!-- c --></xml>", REPAYJUMP_E_XML, 5,
     "answer: byte 5: a comment (refused)"},
    {"<xml><a><!-- c --></a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a comment (refused)"},
    {"<xml><?pi x?></xml>", REPAYJUMP_E_XML, 5,
     "answer: byte 5: a processing instruction (refused)"},
    {"<?xml-stylesheet href=\"a\"?><xml/>", REPAYJUMP_E_XML, 0,
     "answer: byte 0: a processing instruction (refused)"},
    {"<?xml version=\"1.0\"", REPAYJUMP_E_XML, 0,
     "answer: byte 0: a malformed XML declaration"},
    {"<?xml <xml/>?><xml/>", REPAYJUMP_E_XML, 0,
     "answer: byte 0: a malformed XML declaration"},
    {"<xml><![CDATA[x]]></xml>", REPAYJUMP_E_XML, 5,
     "answer: byte 5: markup other than an element (refused)"},
    {"<root/>", REPAYJUMP_E_XML, 0,
     "answer: byte 0: the root element is not <xml>"},
    {"<xmlx/>", REPAYJUMP_E_XML, 0,
     "answer: byte 0: the root element is not <xml>"},
    {"<xml id=\"1\"/>", REPAYJUMP_E_XML, 5,
     "answer: byte 5: an attribute (refused)"},
    {"<xml><a b=\"1\">1</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: an attribute (refused)"},
    {"<xml><a$>1</a></xml>", REPAYJUMP_E_XML, 7,
     "answer: byte 7: expected '>'"},
    {"<xml", REPAYJUMP_E_XML, 4, "answer: byte 4: expected '>'"},
    {"<xml><a><b>1</b></a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a nested element (refused)"},
    {"<xml><a><!x></a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: markup other than an element (refused)"},
    {"<xml><a>1</b></xml>", REPAYJUMP_E_XML, 9,
     "answer: byte 9: an end tag that does not match its element"},
    {"<xml><a>1</ab></xml>", REPAYJUMP_E_XML, 9,
     "answer: byte 9: an end tag that does not match its element"},
    {"<xml><a>1</1></xml>", REPAYJUMP_E_XML, 9,
     "answer: byte 9: an end tag that does not match its element"},
    {"<xml><a>1</a x></xml>", REPAYJUMP_E_XML, 13,
     "answer: byte 13: expected '>'"},
    {"<xml><a>1", REPAYJUMP_E_XML, 9,
     "answer: byte 9: the document ends inside an element"},
    {"<xml><a>1</a>", REPAYJUMP_E_XML, 13,
     "answer: byte 13: the document ends inside <xml>"},
    {"<xml><a>1</a></xm>", REPAYJUMP_E_XML, 13,
     "answer: byte 13: an end tag that does not match its element"},
    {"<xml>x<a>1</a></xml>", REPAYJUMP_E_XML, 5,
     "answer: byte 5: text outside an element"},
    {"<xml><a>1</a><1/></xml>", REPAYJUMP_E_XML, 13,
     "answer: byte 13: markup other than an element (refused)"},
    {"<xml><</xml>", REPAYJUMP_E_XML, 5,
     "answer: byte 5: markup other than an element (refused)"},
    {"<xml/><xml/>", REPAYJUMP_E_XML, 6,
     "answer: byte 6: content after the root (refused)"},
    {"<xml/> x", REPAYJUMP_E_XML, 7, "answer: byte 7: text after the root"},
    {"<xml><a><![CDATA[x</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a CDATA section that never ends"},
    {"<xml><a>x]]>y</a></xml>", REPAYJUMP_E_XML, 9,
     "answer: byte 9: \"]]>\" in text"},
    {"<xml><a>&e;</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: an entity other than XML's five (entities are refused)"},
    {"<xml><a>&amp</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: an entity other than XML's five (entities are refused)"},
    {"<xml><a>&#;</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    {"<xml><a>&#x;</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    {"<xml><a>&#xZ;</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    {"<xml><a>&#1a;</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    {"<xml><a>&#123456789;</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    {"<xml><a>&#0;</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    {"<xml><a>&#xD800;</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    {"<xml><a>&#x110000;</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    {"<xml><a>&#65", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    {"<xml><a>\x01</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a character XML does not allow"},
    {"<xml><a>\xef\xbf\xbe</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a character XML does not allow"},
    {"<xml><a>\xef\xbf\xbf</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a character XML does not allow"},
    {"<xml><a>\x80</a></xml>", REPAYJUMP_E_XML, 8, "answer: byte 8: not UTF-8"},
    {"<xml><a>\xc1\xbf</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: not UTF-8"},
    {"<xml><a>\xe0\x9f\xbf</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: not UTF-8"},
    {"<xml><a>\xed\xa0\x80</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: not UTF-8"},
    {"<xml><a>\xf0\x8f\xbf\xbf</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: not UTF-8"},
    {"<xml><a>\xf4\x90\x80\x80</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: not UTF-8"},
    {"<xml><a>\xf5\x80\x80\x80</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: not UTF-8"},
    {"<xml><a>\xe4\xb8</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: not UTF-8"},
    {"<xml><a>\xf1\x80\x41\x80</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: not UTF-8"},
    {"<xml><a>\xe4", REPAYJUMP_E_XML, 8, "answer: byte 8: not UTF-8"},
    {"<?xml", REPAYJUMP_E_XML, 0,
     "answer: byte 0: a processing instruction (refused)"},
    {"<abc/>", REPAYJUMP_E_XML, 0,
     "answer: byte 0: the root element is not <xml>"},
    {"<xml><", REPAYJUMP_E_XML, 5,
     "answer: byte 5: markup other than an element (refused)"},
    {"<xml><a>1<", REPAYJUMP_E_XML, 9,
     "answer: byte 9: markup other than an element (refused)"},
    {"<xml><a>1</", REPAYJUMP_E_XML, 9,
     "answer: byte 9: an end tag that does not match its element"},
    {"<xml><a>&#", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    {"<xml><a>&#xFFFE;</a></xml>", REPAYJUMP_E_XML, 8,
     "answer: byte 8: a malformed character reference"},
    /* Flat XML, but no answer: an empty root; names with '-' and '.';
     * characters of every UTF-8 length, raw and referenced. */
    {"<xml/>", REPAYJUMP_E_RETURN_FAIL, 0, "answer: no return_code"},
    {"<xml></xml >", REPAYJUMP_E_RETURN_FAIL, 0, "answer: no return_code"},
    {"<xml><a-b.c>\xef\xbc\x8c\xef\xbf\xbd\xf0\x9f\x98\x80&#xE000;&#9;</a-b.c>"
     "</xml>",
     REPAYJUMP_E_RETURN_FAIL, 0, "answer: no return_code"},
    {"<xml><return_code>FAIL</return_code><return_code>FAIL</return_code>"
     "</xml>",
     REPAYJUMP_E_DUPLICATE, 36, "answer: byte 36: <return_code> a second time"},
};

static void refusals(void **state) {
  repayjump_params p = identity(REPAYJUMP_V3_MERCHANT);
  repayjump_status_result r;
  repayjump_error err;
  size_t i;
  (void)state;
  for (i = 0; i < sizeof xml_refusals / sizeof *xml_refusals; i++) {
    const refusal *t = &xml_refusals[i];
    int rc = parse(&p, t->answer, strlen(t->answer), &r, &err);
    if (rc != t->status || err.offset != t->offset ||
        strcmp(err.message, t->message) != 0)
      fail_msg("answer %zu \"%s\": %d at %zu \"%s\"", i, t->answer, rc,
               err.offset, err.message);
    assert_int_equal(err.status, rc);
    assert_int_equal(err.field, 0);
    assert_cleared(&r);
  }
}

/* No more elements than an answer has: 48 are read, the 49th refused. */
static void element_limit(void **state) {
  static char a[ANSWER_CAP];
  repayjump_params p = identity(REPAYJUMP_V3_MERCHANT);
  repayjump_status_result r;
  repayjump_error err;
  size_t i, n = (size_t)snprintf(a, sizeof a, "<xml>");
  (void)state;
  for (i = 0; i < 48; i++)
    n += (size_t)snprintf(a + n, sizeof a - n, "<e%zu/>", i);
  memcpy(a + n, "</xml>", 7);
  assert_int_equal(parse(&p, a, n + 6, &r, &err), REPAYJUMP_E_RETURN_FAIL);
  memcpy(a + n, "<x/></xml>", 11);
  assert_int_equal(parse(&p, a, n + 10, &r, &err), REPAYJUMP_E_XML);
  assert_int_equal(err.offset, n);
  assert_string_equal(err.message + strlen(err.message) - 32,
                      "more elements than an answer has");
}

/* STATUS.md's checks after the XML, in order, each failing alone. */
static void checks_in_order(void **state) {
  static char a[ANSWER_CAP];
  repayjump_params p = identity(REPAYJUMP_V3_MERCHANT);
  repayjump_status_result r;
  repayjump_error err;
  size_t n;
  (void)state;

  { /* too large: refused before a byte is read */
    static char big[REPAYJUMP_ANSWER_MAX + 1];
    assert_int_equal(parse(&p, big, sizeof big, &r, &err),
                     REPAYJUMP_E_TOO_LARGE);
    assert_int_equal(err.offset, REPAYJUMP_ANSWER_MAX);
    assert_cleared(&r);
  }
  { /* return_code FAIL: unsigned, WeChat's return_msg kept */
    kv f[] = {{"return_code", "FAIL"}, {"return_msg", "签名错误"}};
    n = answer(a, f, 2, NULL);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_RETURN_FAIL);
    assert_string_equal(r.return_msg, "签名错误");
    assert_string_equal(r.user_state, "");
    assert_int_equal(err.offset, 18);
    assert_string_equal(err.message,
                        "answer: return_code is not SUCCESS (see return_msg)");
  }
  { /* a return_msg too long for its member: nothing kept */
    static char msg[REPAYJUMP_STATUS_TEXT_MAX + 1];
    kv f[] = {{"return_code", "FAIL"}, {"return_msg", msg}};
    memset(msg, 'm', sizeof msg - 1);
    n = answer(a, f, 2, NULL);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_TOO_LONG);
    assert_cleared(&r);
    msg[sizeof msg - 2] = '\0'; /* 511 bytes fit */
    n = answer(a, f, 2, NULL);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_RETURN_FAIL);
    assert_int_equal(strlen(r.return_msg), REPAYJUMP_STATUS_TEXT_MAX - 1);
  }
  { /* no sign */
    kv f[] = {OK_FIELDS};
    n = answer(a, f, sizeof f / sizeof *f, NULL);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_SIGNATURE);
    assert_string_equal(err.message,
                        "answer: no sign; an unsigned SUCCESS is not trusted");
    assert_cleared(&r);
  }
  { /* another key; a changed value; a short or lowercase sign */
    kv f[] = {OK_FIELDS};
    char *s;
    n = answer(a, f, sizeof f / sizeof *f, "00000000000000000000000000000000");
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_SIGNATURE);
    s = strstr(a, "<sign>") + 6;
    assert_int_equal(err.offset, (size_t)(s - a));
    assert_null(strstr(err.message, REF_API_KEY));
    { /* signed as OVERDUE, then changed to NORMAL */
      char sign[65];
      sign_fields(f, sizeof f / sizeof *f, REF_API_KEY, sign);
      f[6].v = "NORMAL";
      n = answer(a, f, sizeof f / sizeof *f, NULL) - 6;
      n += (size_t)snprintf(a + n, sizeof a - n, "<sign>%s</sign></xml>", sign);
      assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_SIGNATURE);
      f[6].v = "OVERDUE";
    }
    { /* the right sign in lowercase */
      size_t k;
      n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
      s = strstr(a, "<sign>") + 6;
      for (k = 0; k < REPAYJUMP_SIGN_LEN; k++)
        s[k] = (char)tolower((unsigned char)s[k]);
      assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_SIGNATURE);
    }
    /* one hex digit short */
    n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
    s = strstr(a, "<sign>") + 6;
    memmove(s, s + 1, n - (size_t)(s - a));
    assert_int_equal(parse(&p, a, n - 1, &r, &err), REPAYJUMP_E_SIGNATURE);
  }
  { /* echoes: another appid, another mch_id, no mch_id */
    kv f[] = {OK_FIELDS};
    f[2].v = "wx0000000000000000";
    n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_ECHO);
    assert_int_equal(err.field, REPAYJUMP_FIELD_APPID);
    assert_string_equal(err.message,
                        "answer: appid is not " REF_APPID ", the one asked");
    f[2].v = REF_APPID;
    f[3].v = "19000092310";
    n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_ECHO);
    assert_int_equal(err.field, REPAYJUMP_FIELD_MCHID);
    f[3].k = "mchid"; /* the APIv3 spelling is not the answer's */
    f[3].v = REF_MCHID;
    n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_ECHO);
    assert_int_equal(err.field, REPAYJUMP_FIELD_MCHID);
    assert_int_equal(err.offset, 0);
    assert_cleared(&r);
  }
  { /* result_code FAIL: signed, WeChat's words kept */
    kv f[] = {
        OK_FIELDS, {"err_code", "SYSTEMERROR"}, {"err_code_des", "系统错误"}};
    f[5].v = "FAIL";
    f[6].v = "";
    n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_RESULT_FAIL);
    assert_string_equal(r.err_code, "SYSTEMERROR");
    assert_string_equal(r.err_code_des, "系统错误");
    assert_string_equal(r.return_msg, "OK");
    assert_string_equal(r.user_state, "");
    assert_int_equal(r.state, 0);
    f[5].k = "result"; /* no result_code at all */
    n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_RESULT_FAIL);
    assert_string_equal(err.message, "answer: no result_code");
    assert_int_equal(err.offset, 0);
  }
  { /* no user_state, an empty one */
    kv f[] = {OK_FIELDS};
    f[6].v = "";
    n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_NO_STATE);
    f[6].k = "state";
    f[6].v = "OVERDUE";
    n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_NO_STATE);
    assert_cleared(&r);
  }
  { /* a trusted value too long for its member */
    static char path[REPAYJUMP_STATUS_PATH_MAX + 1];
    kv f[] = {OK_FIELDS};
    memset(path, 'p', sizeof path - 1);
    f[9].v = path;
    n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
    assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_TOO_LONG);
    assert_int_equal(err.offset, (size_t)(strstr(a, "ppp") - a));
    assert_string_equal(err.message,
                        "answer: path is 1024 bytes; at most 1023 fit");
    assert_cleared(&r);
  }
}

static void parse_arguments(void **state) {
  static char a[ANSWER_CAP];
  repayjump_params p = identity(REPAYJUMP_V3_MERCHANT);
  repayjump_status_result r;
  repayjump_error err;
  kv f[] = {OK_FIELDS};
  size_t n = answer(a, f, sizeof f / sizeof *f, REF_API_KEY);
  (void)state;
  assert_int_equal(repayjump_status_parse(&p, a, n, NULL, &err),
                   REPAYJUMP_E_ARG);
  assert_int_equal(parse(&p, NULL, 1, &r, &err), REPAYJUMP_E_ARG);
  assert_cleared(&r);
  assert_int_equal(parse(&p, NULL, 0, &r, &err), REPAYJUMP_E_XML);
  assert_int_equal(parse(NULL, a, n, &r, &err), REPAYJUMP_E_ARG);
  assert_cleared(&r);
  assert_int_equal(repayjump_status_parse(&p, a, n, &r, NULL), REPAYJUMP_OK);

  /* The identity: the key is required in every variant, openid in none. */
  p.api_key = NULL;
  assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_MISSING);
  assert_int_equal(err.field, REPAYJUMP_FIELD_API_KEY);
  assert_string_equal(err.message, "api_key: the status query is signed with "
                                   "the APIv2 key in every variant");
  p.api_key = "short";
  assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_FORMAT);
  assert_null(strstr(err.message, "short"));
  p.api_key = REF_API_KEY;
  p.openid = NULL;
  p.nonce_str = NULL;
  assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_OK);
  p.sub_mchid = REF_SUB_MCHID; /* not a merchant's field */
  assert_int_equal(parse(&p, a, n, &r, &err), REPAYJUMP_E_NOT_ALLOWED);
}

/* ---- the request ---- */

static void request_bytes(void **state) {
  repayjump_params p = identity(REPAYJUMP_V3_MERCHANT);
  repayjump_status_query q = {"PARKING SPACE", "APP", "粤B888888"};
  kv f[] = {{"appid", REF_APPID},
            {"mch_id", REF_MCHID},
            {"nonce_str", REF_NONCE},
            {"sign_type", "HMAC-SHA256"},
            {"trade_scene", "PARKING SPACE"},
            {"jump_scene", "APP"},
            {"openid", REF_OPENID},
            {"plate_number", "粤B888888"},
            {"version", "3.0"}};
  char want[REPAYJUMP_STATUS_REQUEST_MAX], out[REPAYJUMP_STATUS_REQUEST_MAX];
  size_t n, len;
  repayjump_error err;
  (void)state;
  n = answer(want, f, sizeof f / sizeof *f, REF_API_KEY);
  assert_int_equal(
      repayjump_status_request(&p, &q, out, sizeof out, &len, &err),
      REPAYJUMP_OK);
  assert_string_equal(out, want);
  assert_int_equal(len, n);

  /* Size query, a buffer one byte short, no len. */
  assert_int_equal(repayjump_status_request(&p, &q, NULL, 0, &len, &err),
                   REPAYJUMP_OK);
  assert_int_equal(len, n);
  assert_int_equal(repayjump_status_request(&p, &q, out, n, &len, &err),
                   REPAYJUMP_E_BUFFER);
  assert_int_equal(len, n);
  assert_string_equal(out, "");
  assert_int_equal(repayjump_status_request(&p, &q, out, n + 1, NULL, NULL),
                   REPAYJUMP_OK);
  assert_string_equal(out, want);

  /* A partner's with sub_openid only; the nonce made when absent. */
  p = identity(REPAYJUMP_V2_PARTNER);
  p.openid = NULL;
  p.nonce_str = NULL;
  q.jump_scene = "";
  q.plate_number = NULL;
  assert_int_equal(
      repayjump_status_request(&p, &q, out, sizeof out, &len, &err),
      REPAYJUMP_OK);
  assert_int_equal(len, strlen(out));
  assert_non_null(strstr(out, "<sub_appid>" REF_SUB_APPID "</sub_appid>"
                              "<sub_mch_id>" REF_SUB_MCHID "</sub_mch_id>"
                              "<nonce_str>"));
  assert_non_null(strstr(out, "<sub_openid>" REF_SUB_OPENID "</sub_openid>"
                              "<version>3.0</version><sign>"));
  assert_null(strstr(out, "jump_scene"));
  assert_null(strstr(out, REF_API_KEY));
  { /* its nonce is 32 letters and digits, and signed */
    char *nonce = strstr(out, "<nonce_str>") + 11;
    kv g[] = {{"appid", REF_APPID},
              {"mch_id", REF_MCHID},
              {"sub_appid", REF_SUB_APPID},
              {"sub_mch_id", REF_SUB_MCHID},
              {"nonce_str", ""},
              {"sign_type", "HMAC-SHA256"},
              {"trade_scene", "PARKING SPACE"},
              {"sub_openid", REF_SUB_OPENID},
              {"version", "3.0"}};
    char nonce_copy[33];
    assert_int_equal(strspn(nonce, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
                                   "qrstuvwxyz0123456789"),
                     32);
    memcpy(nonce_copy, nonce, 32);
    nonce_copy[32] = '\0';
    g[4].v = nonce_copy;
    answer(want, g, sizeof g / sizeof *g, REF_API_KEY);
    assert_string_equal(out, want);
  }
}

static void request_urls(void **state) {
  (void)state;
  assert_string_equal(repayjump_status_url(REPAYJUMP_V3_MERCHANT, 0),
                      "https://api.mch.weixin.qq.com/vehicle/pay/querystate");
  assert_string_equal(repayjump_status_url(REPAYJUMP_V2_MERCHANT, 1),
                      "https://api2.mch.weixin.qq.com/vehicle/pay/querystate");
  assert_string_equal(
      repayjump_status_url(REPAYJUMP_V3_PARTNER, 0),
      "https://api.mch.weixin.qq.com/vehicle/partnerpay/querystate");
  assert_string_equal(
      repayjump_status_url(REPAYJUMP_V2_PARTNER, 1),
      "https://api2.mch.weixin.qq.com/vehicle/partnerpay/querystate");
  assert_null(repayjump_status_url(-1, 0));
  assert_null(repayjump_status_url(REPAYJUMP_VARIANT_COUNT, 0));
  assert_null(repayjump_status_url(0, 2));
  assert_null(repayjump_status_url(0, -1));
  assert_int_equal(repayjump_status_request_max(),
                   REPAYJUMP_STATUS_REQUEST_MAX);
  assert_int_equal(repayjump_answer_max(), REPAYJUMP_ANSWER_MAX);
  assert_int_equal(repayjump_status_result_size(),
                   sizeof(repayjump_status_result));
  assert_string_equal(repayjump_field_name(REPAYJUMP_FIELD_TRADE_SCENE),
                      "trade_scene");
  assert_string_equal(repayjump_field_name(REPAYJUMP_FIELD_PLATE_NUMBER),
                      "plate_number");
  assert_string_equal(repayjump_field_name(REPAYJUMP_FIELD_ALL_COUNT), "none");
  assert_string_equal(repayjump_strerror(REPAYJUMP_E_NO_STATE),
                      "answer has no user_state");
  assert_string_equal(repayjump_strerror(REPAYJUMP_E_NO_STATE - 1),
                      "unknown status");
}

/* The longest request of every variant fits REPAYJUMP_STATUS_REQUEST_MAX. */
static void request_max(void **state) {
  static const char v32[] = "01234567890123456789012345678901";
  static const char id32[] = "abcdefghijklmnopqrstuvwxyz012345";
  repayjump_status_query q = {"ABCDEFGHIJKLMNOPQRSTUVWXYZ ABCDE",
                              "ABCDEFGHIJ"
                              "KLMNOPQRSTU"
                              "VWXYZ012345",
                              "使用中文字符十个字符"};
  size_t len;
  int v;
  (void)state;
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    repayjump_params p = identity(v);
    p.flags = REPAYJUMP_RELAXED;
    p.appid = p.mchid = id32;
    p.nonce_str = v32;
    p.openid = id32;
    if (p.sub_mchid)
      p.sub_appid = p.sub_mchid = p.sub_openid = id32;
    assert_int_equal(repayjump_status_request(&p, &q, NULL, 0, &len, NULL),
                     REPAYJUMP_OK);
    assert_true(len < REPAYJUMP_STATUS_REQUEST_MAX);
  }
}

typedef struct rule_case {
  int relaxed;
  const char *trade, *jump, *plate;
  int status, field;
  size_t offset;
  const char *message;
} rule_case;

static const rule_case rule_cases[] = {
    {0, "PARKING", "H5", "京A12345", 0, 0, 0, ""},
    {0, "GAS", NULL, "琼Z123456", 0, 0, 0, ""},
    {0, "BRIDGE", "", "", 0, 0, 0, ""},
    {0, NULL, NULL, NULL, REPAYJUMP_E_MISSING, 9, 0,
     "trade_scene: required by the status query"},
    {0, "", NULL, NULL, REPAYJUMP_E_MISSING, 9, 0,
     "trade_scene: required by the status query"},
    {0, "parking", NULL, NULL, REPAYJUMP_E_CHARSET, 9, 0,
     "trade_scene: byte 0 is 'p'; expected an uppercase letter or a space"},
    {0, "PARKING_SPACE", NULL, NULL, REPAYJUMP_E_CHARSET, 9, 7,
     "trade_scene: byte 7 is '_'; expected an uppercase letter or a space"},
    {0, "PARK", NULL, NULL, REPAYJUMP_E_FORMAT, 9, 0,
     "trade_scene: not PARKING, PARKING SPACE, GAS, HIGHWAY or BRIDGE"},
    {0, "PARKINGPARKINGPARKINGPARKINGPARKI", NULL, NULL, REPAYJUMP_E_TOO_LONG,
     9, 32, "trade_scene: longer than 32 bytes"},
    {1, "MY_SCENE", NULL, NULL, 0, 0, 0, ""},
    {1, " GAS", NULL, NULL, REPAYJUMP_E_FORMAT, 9, 0,
     "trade_scene: starts or ends with a space"},
    {1, "GAS ", NULL, NULL, REPAYJUMP_E_FORMAT, 9, 3,
     "trade_scene: starts or ends with a space"},
    {1, "GAS-1", NULL, NULL, REPAYJUMP_E_CHARSET, 9, 3,
     "trade_scene: byte 3 is '-'; expected an uppercase letter, '_' or a "
     "space"},
    {0, "GAS", "app", NULL, REPAYJUMP_E_CHARSET, 10, 0,
     "jump_scene: byte 0 is 'a'; expected an uppercase letter or digit"},
    {0, "GAS", "WEB", NULL, REPAYJUMP_E_FORMAT, 10, 0,
     "jump_scene: not APP or H5 (absent: a mini program)"},
    {1, "GAS", "WEB", NULL, 0, 0, 0, ""},
    {0, "GAS", NULL, "XB12345", REPAYJUMP_E_FORMAT, 11, 0,
     "plate_number: does not start with one of the 31 province abbreviations"},
    {0, "GAS", NULL, "粤", REPAYJUMP_E_FORMAT, 11, 3,
     "plate_number: ends at byte 3; expected 6 or 7 letters and digits after "
     "the province"},
    {0, "GAS", NULL, "X", REPAYJUMP_E_FORMAT, 11, 0,
     "plate_number: does not start with one of the 31 province abbreviations"},
    {0, "GAS", NULL, "粤b12345", REPAYJUMP_E_CHARSET, 11, 3,
     "plate_number: byte 3 is 'b'; expected an uppercase letter or digit"},
    {0, "GAS", NULL, "粤B1234 ", REPAYJUMP_E_CHARSET, 11, 8,
     "plate_number: byte 8 is a space; expected an uppercase letter or digit"},
    {0, "GAS", NULL, "粤B1234", REPAYJUMP_E_FORMAT, 11, 8,
     "plate_number: ends at byte 8; expected 6 or 7 letters and digits after "
     "the province"},
    {0, "GAS", NULL, "粤B12345678", REPAYJUMP_E_TOO_LONG, 11, 10,
     "plate_number: more than 7 letters and digits after the province"},
    {1, "GAS", NULL, "使b-1", REPAYJUMP_E_CHARSET, 11, 4,
     "plate_number: byte 4 is '-'; expected a letter, a digit or a non-ASCII "
     "character"},
    {1, "GAS", NULL, "使用b1", 0, 0, 0, ""},
    {1, "GAS", NULL, "b\xe4\xb8", REPAYJUMP_E_CHARSET, 11, 1,
     "plate_number: byte 1 is not UTF-8"},
    {1, "GAS", NULL, "使用中文字符十一个字符", REPAYJUMP_E_TOO_LONG, 11, 32,
     "plate_number: longer than 32 bytes"},
};

static void request_rules(void **state) {
  char out[REPAYJUMP_STATUS_REQUEST_MAX];
  size_t i;
  (void)state;
  for (i = 0; i < sizeof rule_cases / sizeof *rule_cases; i++) {
    const rule_case *t = &rule_cases[i];
    repayjump_params p = identity(REPAYJUMP_V3_MERCHANT);
    repayjump_status_query q = {t->trade, t->jump, t->plate};
    repayjump_error err = {0};
    int rc;
    p.flags = t->relaxed ? REPAYJUMP_RELAXED : 0;
    rc = repayjump_status_request(&p, &q, out, sizeof out, NULL, &err);
    if (rc != t->status ||
        (rc && (err.field != t->field || err.offset != t->offset ||
                strcmp(err.message, t->message) != 0)))
      fail_msg("case %zu: %d field %d at %zu \"%s\"", i, rc, err.field,
               err.offset, err.message);
  }
}

static void request_arguments(void **state) {
  repayjump_params p = identity(REPAYJUMP_V3_MERCHANT);
  repayjump_status_query q = {"GAS", NULL, NULL};
  char out[REPAYJUMP_STATUS_REQUEST_MAX] = "x";
  size_t len = 7;
  repayjump_error err;
  (void)state;
  assert_int_equal(repayjump_status_request(&p, &q, NULL, 1, &len, &err),
                   REPAYJUMP_E_ARG);
  assert_int_equal(len, 0);
  assert_int_equal(repayjump_status_request(&p, NULL, out, 8, NULL, &err),
                   REPAYJUMP_E_ARG);
  assert_string_equal(out, "");
  assert_int_equal(repayjump_status_request(NULL, &q, out, 8, NULL, &err),
                   REPAYJUMP_E_ARG);
  /* The key in every variant; then an openid or a plate. */
  p.api_key = NULL;
  assert_int_equal(repayjump_status_request(&p, &q, out, 8, NULL, &err),
                   REPAYJUMP_E_MISSING);
  assert_int_equal(err.field, REPAYJUMP_FIELD_API_KEY);
  p.api_key = REF_API_KEY;
  p.openid = NULL;
  assert_int_equal(repayjump_status_request(&p, &q, out, 8, NULL, &err),
                   REPAYJUMP_E_MISSING);
  assert_int_equal(err.field, REPAYJUMP_FIELD_OPENID);
  assert_string_equal(err.message,
                      "openid: the status query needs openid or plate_number");
  p = identity(REPAYJUMP_V3_PARTNER);
  p.openid = p.sub_openid = NULL;
  assert_int_equal(repayjump_status_request(&p, &q, out, 8, NULL, &err),
                   REPAYJUMP_E_MISSING);
  assert_string_equal(err.message, "openid: the status query needs openid, "
                                   "sub_openid or plate_number");
  q.plate_number = "粤B888888"; /* a plate instead of any openid */
  assert_int_equal(repayjump_status_request(&p, &q, NULL, 0, &len, &err),
                   REPAYJUMP_OK);
  /* A buffer of size 0 is no size query: too small, and left alone. */
  out[0] = 'x';
  assert_int_equal(repayjump_status_request(&p, &q, out, 0, &len, &err),
                   REPAYJUMP_E_BUFFER);
  assert_int_equal(out[0], 'x');
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(trusted_answer),    cmocka_unit_test(every_state),
      cmocka_unit_test(partner_answer),    cmocka_unit_test(decoded_values),
      cmocka_unit_test(refusals),          cmocka_unit_test(element_limit),
      cmocka_unit_test(checks_in_order),   cmocka_unit_test(parse_arguments),
      cmocka_unit_test(request_bytes),     cmocka_unit_test(request_urls),
      cmocka_unit_test(request_max),       cmocka_unit_test(request_rules),
      cmocka_unit_test(request_arguments),
  };
  if (sodium_init() < 0)
    return 1;
  return cmocka_run_group_tests(tests, NULL, NULL);
}
