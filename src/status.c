/* The return trip (STATUS.md): the merchant's identity and the scene to a
 * signed querystate body, and WeChat Pay's answer through xml.c and
 * STATUS.md's checks, in their order, to the user's state. */
#include <stddef.h>
#include <string.h>

#include <sodium.h>

#include "internal.h"

enum {
  TRADE_SCENE = REPAYJUMP_FIELD_TRADE_SCENE,
  JUMP_SCENE = REPAYJUMP_FIELD_JUMP_SCENE,
  PLATE = REPAYJUMP_FIELD_PLATE_NUMBER,
  /* Sources of the request's constant values. */
  SRC_SIGN_TYPE = REPAYJUMP_FIELD_ALL_COUNT,
  SRC_VERSION
};

#define VALUE_MAX 32 /* the document's string(32), for the query's fields */

static const char *const urls[REPAYJUMP_VARIANT_COUNT][2] = {
    [REPAYJUMP_V3_MERCHANT] = {"https://api.mch.weixin.qq.com/vehicle/pay/"
                               "querystate",
                               "https://api2.mch.weixin.qq.com/vehicle/pay/"
                               "querystate"},
    [REPAYJUMP_V3_PARTNER] = {"https://api.mch.weixin.qq.com/vehicle/"
                              "partnerpay/querystate",
                              "https://api2.mch.weixin.qq.com/vehicle/"
                              "partnerpay/querystate"},
    [REPAYJUMP_V2_MERCHANT] = {"https://api.mch.weixin.qq.com/vehicle/pay/"
                               "querystate",
                               "https://api2.mch.weixin.qq.com/vehicle/pay/"
                               "querystate"},
    [REPAYJUMP_V2_PARTNER] = {"https://api.mch.weixin.qq.com/vehicle/"
                              "partnerpay/querystate",
                              "https://api2.mch.weixin.qq.com/vehicle/"
                              "partnerpay/querystate"},
};

const char *repayjump_status_url(int variant, int backup) {
  if (variant < 0 || variant >= REPAYJUMP_VARIANT_COUNT || backup < 0 ||
      backup > 1)
    return NULL;
  return urls[variant][backup];
}

/* ---- the query's own fields ---- */

static const char *const trade_scenes[] = {"PARKING", "PARKING SPACE", "GAS",
                                           "HIGHWAY", "BRIDGE"};
static const char *const jump_scenes[] = {"APP", "H5"};
/* The 31 province-level abbreviations that begin a plate, each 3 bytes of
 * UTF-8. */
static const char provinces[] = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋"
                                "蒙陕吉闽贵粤青藏川宁琼";
_Static_assert(sizeof provinces - 1 == (size_t)31 * 3,
               "31 provinces of 3 bytes");

static int upper(unsigned char c) { return (unsigned)(c - 'A') < 26u; }
static int digit(unsigned char c) { return (unsigned)(c - '0') < 10u; }

/* Bytes of the query's fields: a trade scene's (the strict list has one
 * space; relaxed adds '_'), a jump scene's, a plate's after its province. */
static int scene_byte(unsigned char c, int relaxed) {
  return upper(c) || c == ' ' || (relaxed && c == '_');
}
static int jump_byte(unsigned char c) { return upper(c) || digit(c); }
static int plate_byte(unsigned char c) { return upper(c) || digit(c); }

static int fail_byte(repayjump_error *err, int status, int field, size_t at,
                     const char *value, const char *expected) {
  char buf[8];
  return rj_fail(err, status, field, at, "%s: byte %zu is %s; expected %s",
                 repayjump_field_name(field), at,
                 rj_describe_byte((unsigned char)value[at], buf), expected);
}

/* One of names, after the alphabet and the length passed. */
static int one_of(const char *v, size_t n, const char *const *names,
                  size_t count) {
  size_t i;
  for (i = 0; i < count; i++)
    if (strlen(names[i]) == n && memcmp(v, names[i], n) == 0)
      return 1;
  return 0;
}

/* A scene: in the alphabet among the first VALUE_MAX + 1 bytes, then the
 * length, then the shape (API.md's order). */
static int check_scene(int field, const char *v, size_t n, int relaxed,
                       repayjump_error *err) {
  int trade = field == TRADE_SCENE;
  size_t i;
  for (i = 0; i < n; i++) /* n <= VALUE_MAX + 1 (strnlen) */
    if (!(trade ? scene_byte((unsigned char)v[i], relaxed)
                : jump_byte((unsigned char)v[i])))
      return fail_byte(err, REPAYJUMP_E_CHARSET, field, i, v,
                       trade ? relaxed ? "an uppercase letter, '_' or a space"
                                       : "an uppercase letter or a space"
                             : "an uppercase letter or digit");
  if (n > VALUE_MAX)
    return rj_fail(err, REPAYJUMP_E_TOO_LONG, field, VALUE_MAX,
                   "%s: longer than %d bytes", repayjump_field_name(field),
                   VALUE_MAX);
  if (relaxed && trade && (v[0] == ' ' || v[n - 1] == ' '))
    return rj_fail(err, REPAYJUMP_E_FORMAT, field, v[0] == ' ' ? 0 : n - 1,
                   "trade_scene: starts or ends with a space");
  if (!relaxed && trade &&
      !one_of(v, n, trade_scenes, sizeof trade_scenes / sizeof *trade_scenes))
    return rj_fail(err, REPAYJUMP_E_FORMAT, field, 0,
                   "trade_scene: not PARKING, PARKING SPACE, GAS, HIGHWAY or "
                   "BRIDGE");
  if (!relaxed && !trade &&
      !one_of(v, n, jump_scenes, sizeof jump_scenes / sizeof *jump_scenes))
    return rj_fail(err, REPAYJUMP_E_FORMAT, field, 0,
                   "jump_scene: not APP or H5 (absent: a mini program)");
  return REPAYJUMP_OK;
}

/* A strict plate: a province, then 6 or 7 of [A-Z0-9]. */
static int check_plate_strict(const char *v, size_t n, repayjump_error *err) {
  size_t i, k;
  for (k = 0; k < sizeof provinces - 1; k += 3)
    if (n >= 3 && memcmp(v, provinces + k, 3) == 0)
      break;
  if (k == sizeof provinces - 1)
    return rj_fail(err, REPAYJUMP_E_FORMAT, PLATE, 0,
                   "plate_number: does not start with one of the 31 "
                   "province abbreviations");
  for (i = 3; i < n && i <= 3 + 7; i++)
    if (!plate_byte((unsigned char)v[i]))
      return fail_byte(err, REPAYJUMP_E_CHARSET, PLATE, i, v,
                       "an uppercase letter or digit");
  if (n > 3 + 7)
    return rj_fail(err, REPAYJUMP_E_TOO_LONG, PLATE, 3 + 7,
                   "plate_number: more than 7 letters and digits after the "
                   "province");
  if (n < 3 + 6)
    return rj_fail(err, REPAYJUMP_E_FORMAT, PLATE, n,
                   "plate_number: ends at byte %zu; expected 6 or 7 letters "
                   "and digits after the province",
                   n);
  return REPAYJUMP_OK;
}

/* A relaxed plate: 1..32 bytes of UTF-8 whose ASCII bytes are letters and
 * digits. */
static int check_plate_relaxed(const char *v, size_t n, repayjump_error *err) {
  const unsigned char *u = (const unsigned char *)v;
  size_t i = 0, k;
  while (i < n) { /* n <= VALUE_MAX + 1 (strnlen) */
    if (u[i] >= 0x80) {
      if ((k = rj_utf8_len(u + i, n - i)) == 0)
        return rj_fail(err, REPAYJUMP_E_CHARSET, PLATE, i,
                       "plate_number: byte %zu is not UTF-8", i);
      i += k;
    } else if (plate_byte(u[i]) || (unsigned)(u[i] - 'a') < 26u) {
      i++;
    } else {
      return fail_byte(err, REPAYJUMP_E_CHARSET, PLATE, i, v,
                       "a letter, a digit or a non-ASCII character");
    }
  }
  if (n > VALUE_MAX)
    return rj_fail(err, REPAYJUMP_E_TOO_LONG, PLATE, VALUE_MAX,
                   "plate_number: longer than %d bytes", VALUE_MAX);
  return REPAYJUMP_OK;
}

static int check_plate(const char *v, size_t n, int relaxed,
                       repayjump_error *err) {
  return relaxed ? check_plate_relaxed(v, n, err)
                 : check_plate_strict(v, n, err);
}

/* ---- the request ---- */

/* The request's elements, in the order written; absent ones are left out. */
static const struct {
  rj_str name;
  uint8_t src; /* a repayjump_field, or SRC_* */
} request_keys[] = {
    {RJ_STR("appid"), REPAYJUMP_FIELD_APPID},
    {RJ_STR("mch_id"), REPAYJUMP_FIELD_MCHID},
    {RJ_STR("sub_appid"), REPAYJUMP_FIELD_SUB_APPID},
    {RJ_STR("sub_mch_id"), REPAYJUMP_FIELD_SUB_MCHID},
    {RJ_STR("nonce_str"), REPAYJUMP_FIELD_NONCE_STR},
    {RJ_STR("sign_type"), SRC_SIGN_TYPE},
    {RJ_STR("trade_scene"), TRADE_SCENE},
    {RJ_STR("jump_scene"), JUMP_SCENE},
    {RJ_STR("openid"), REPAYJUMP_FIELD_OPENID},
    {RJ_STR("sub_openid"), REPAYJUMP_FIELD_SUB_OPENID},
    {RJ_STR("plate_number"), PLATE},
    {RJ_STR("version"), SRC_VERSION},
};
#define REQUEST_KEYS (sizeof request_keys / sizeof *request_keys)
_Static_assert(REQUEST_KEYS < RJ_SIGN_MAX, "the request fits rj_sign");

static char *put(char *o, const char *s, size_t n) {
  memcpy(o, s, n);
  return o + n;
}

/* "<name>value</name>" */
static char *put_element(char *o, rj_str name, rj_str value) {
  *o++ = '<';
  o = put(o, name.s, name.n);
  *o++ = '>';
  o = put(o, value.s, value.n);
  o = put(o, "</", 2);
  o = put(o, name.s, name.n);
  *o++ = '>';
  return o;
}

static size_t element_len(rj_str name, rj_str value) {
  return 2 * name.n + value.n + 5;
}

/* The query's fields into val[TRADE_SCENE..PLATE], each checked by its
 * rule; then whether anyone is named: an openid or a plate. */
static int check_query(const repayjump_status_query *q, int relaxed,
                       unsigned openids, rj_str *val, repayjump_error *err) {
  const char *const given[] = {q->trade_scene, q->jump_scene, q->plate_number};
  int f, rc;
  for (f = TRADE_SCENE; f <= PLATE; f++) {
    const char *v = given[f - TRADE_SCENE];
    val[f].s = v && *v ? v : NULL;
    val[f].n = val[f].s ? strnlen(v, VALUE_MAX + 1) : 0;
    if (!val[f].s && f == TRADE_SCENE)
      return rj_fail(err, REPAYJUMP_E_MISSING, f, 0,
                     "trade_scene: required by the status query");
    if (!val[f].s)
      continue;
    rc = f == PLATE ? check_plate(v, val[f].n, relaxed, err)
                    : check_scene(f, v, val[f].n, relaxed, err);
    if (rc)
      return rc;
  }
  if (!val[REPAYJUMP_FIELD_OPENID].s && !val[REPAYJUMP_FIELD_SUB_OPENID].s &&
      !val[PLATE].s)
    return rj_fail(err, REPAYJUMP_E_MISSING, REPAYJUMP_FIELD_OPENID, 0,
                   "openid: the status query needs openid%s or plate_number",
                   openids & RJ_BIT(REPAYJUMP_FIELD_SUB_OPENID) ? ", sub_openid"
                                                                : "");
  return REPAYJUMP_OK;
}

/* "<xml>", the present fields in request_keys' order, the sign over them,
 * "</xml>" and a NUL, into out (which has room). */
static void write_request(const rj_str *val, char *out) {
  static const rj_str sign_name = RJ_STR("sign");
  const rj_str *key = &val[REPAYJUMP_FIELD_API_KEY];
  rj_kv kv[REQUEST_KEYS];
  char sign[REPAYJUMP_SIGN_LEN + 1];
  size_t i, n = 0;
  char *o;
  for (i = 0; i < REQUEST_KEYS; i++)
    if (val[request_keys[i].src].s) {
      kv[n].key = request_keys[i].name;
      kv[n].val = val[request_keys[i].src];
      n++;
    }
  rj_sign(kv, n, key->s, key->n, sign);
  o = put(out, "<xml>", 5);
  for (i = 0; i < n; i++)
    o = put_element(o, kv[i].key, kv[i].val);
  o = put_element(o, sign_name, (rj_str){sign, REPAYJUMP_SIGN_LEN});
  o = put(o, "</xml>", 6);
  *o = '\0';
}

int repayjump_status_request(const repayjump_params *p,
                             const repayjump_status_query *q, char *out,
                             size_t cap, size_t *len, repayjump_error *err) {
  /* By source: the fields, the query's, then the constants. */
  rj_str val[SRC_VERSION + 1];
  rj_fields fields;
  char nonce[REPAYJUMP_FIELD_MAX];
  size_t i, need = sizeof "<xml></xml><sign></sign>" - 1 + REPAYJUMP_SIGN_LEN;
  int rc;

  if (len)
    *len = 0;
  if (out && cap)
    out[0] = '\0'; /* what every failure leaves */
  if (!out && cap)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0, "out: NULL with cap %zu", cap);
  if (!q)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0, "query: NULL pointer");
  if ((rc = rj_validate(p, RJ_STATUS_IDENTITY, &fields, err)) != REPAYJUMP_OK)
    return rc;
  memcpy(val, fields.val, sizeof fields.val);
  rc = check_query(q, (p->flags & REPAYJUMP_RELAXED) != 0,
                   rj_variants[p->variant].openids, val, err);
  if (rc)
    return rc;
  val[SRC_SIGN_TYPE] = (rj_str)RJ_STR("HMAC-SHA256");
  val[SRC_VERSION] = (rj_str)RJ_STR("3.0");
  if (!val[REPAYJUMP_FIELD_NONCE_STR].s) {
    /* Made below; a size query needs only its length. */
    val[REPAYJUMP_FIELD_NONCE_STR].s = nonce;
    val[REPAYJUMP_FIELD_NONCE_STR].n = sizeof nonce;
    if (out && repayjump_init())
      return rj_fail(err, REPAYJUMP_E_RNG, REPAYJUMP_FIELD_NONCE_STR, 0,
                     "nonce_str: libsodium could not be initialised");
  }

  for (i = 0; i < REQUEST_KEYS; i++)
    if (val[request_keys[i].src].s)
      need += element_len(request_keys[i].name, val[request_keys[i].src]);
  if (len)
    *len = need;
  if (!out)
    return REPAYJUMP_OK; /* size query */
  if (cap <= need)
    return rj_fail(err, REPAYJUMP_E_BUFFER, 0, 0,
                   "out: the request needs %zu bytes and a NUL; cap is %zu",
                   need, cap);
  if (val[REPAYJUMP_FIELD_NONCE_STR].s == nonce)
    rj_nonce_fill(nonce, sizeof nonce);
  write_request(val, out);
  return REPAYJUMP_OK;
}

/* ---- the answer ---- */

static const char *const state_names[REPAYJUMP_STATE_COUNT] = {
    [REPAYJUMP_STATE_UNKNOWN] = "unknown",
    [REPAYJUMP_STATE_NORMAL] = "NORMAL",
    [REPAYJUMP_STATE_PAUSED] = "PAUSED",
    [REPAYJUMP_STATE_OVERDUE] = "OVERDUE",
    [REPAYJUMP_STATE_UNAUTHORIZED] = "UNAUTHORIZED",
};

const char *repayjump_user_state_name(int state) {
  return state > 0 && state < REPAYJUMP_STATE_COUNT ? state_names[state]
                                                    : state_names[0];
}

/* The members of repayjump_status_result an answer fills, by element. */
#define MEMBER(name)                                                           \
  {                                                                            \
    RJ_STR(#name), offsetof(repayjump_status_result, name),                    \
        sizeof(((repayjump_status_result *)0)->name)                           \
  }
static const struct {
  rj_str name;
  size_t offset, size;
} members[] = {
    MEMBER(user_state),   MEMBER(deduct_mode), MEMBER(openid),
    MEMBER(sub_openid),   MEMBER(path),        MEMBER(plate_number_info),
    MEMBER(plate_number), MEMBER(return_msg),  MEMBER(err_code),
    MEMBER(err_code_des),
};
#define MEMBERS (sizeof members / sizeof *members)
/* What a FAIL keeps: WeChat's words, the last three members. */
enum { FAIL_WORDS = 3 };

static void clear(repayjump_status_result *r) {
  size_t i;
  r->state = REPAYJUMP_STATE_UNKNOWN;
  for (i = 0; i < MEMBERS; i++)
    ((char *)r + members[i].offset)[0] = '\0';
}

static int is(rj_str s, const char *lit) {
  return s.n == strlen(lit) && memcmp(s.s, lit, s.n) == 0;
}

/* The index of the element named name, or doc->count. */
static size_t lookup(const rj_xml *doc, const char *name) {
  size_t i;
  for (i = 0; i < doc->count && !is(doc->kv[i].key, name); i++)
    ;
  return i;
}

/* Copy the elements of members[from..to) that are present; E_TOO_LONG for
 * one that does not fit. */
static int copy(const rj_xml *doc, size_t from, size_t to,
                repayjump_status_result *r, repayjump_error *err) {
  size_t i, e;
  for (i = from; i < to; i++) {
    char *dst = (char *)r + members[i].offset;
    for (e = 0; e < doc->count && !is(doc->kv[e].key, members[i].name.s); e++)
      ;
    if (e == doc->count)
      continue;
    if (doc->kv[e].val.n >= members[i].size)
      return rj_fail(err, REPAYJUMP_E_TOO_LONG, 0, doc->value_off[e],
                     "answer: %s is %zu bytes; at most %zu fit",
                     members[i].name.s, doc->kv[e].val.n, members[i].size - 1);
    memcpy(dst, doc->kv[e].val.s, doc->kv[e].val.n);
    dst[doc->kv[e].val.n] = '\0';
  }
  return REPAYJUMP_OK;
}

/* WeChat's own words for a FAIL (the first keep of the last FAIL_WORDS
 * members), then the verdict; words that do not fit leave every member
 * empty. */
static int fail_with_words(const rj_xml *doc, repayjump_status_result *r,
                           size_t keep, int status, size_t at,
                           repayjump_error *err, const char *message) {
  int rc = copy(doc, MEMBERS - FAIL_WORDS, MEMBERS - FAIL_WORDS + keep, r, err);
  if (rc) {
    clear(r);
    return rc;
  }
  return rj_fail(err, status, 0, at, "%s", message);
}

/* The echoes an answer must carry: what the request asked. */
static const struct {
  const char *element;
  int field;
  int partner_only;
} echoes[] = {
    {"appid", REPAYJUMP_FIELD_APPID, 0},
    {"mch_id", REPAYJUMP_FIELD_MCHID, 0},
    {"sub_mch_id", REPAYJUMP_FIELD_SUB_MCHID, 1},
};

/* No element twice: E_DUPLICATE at the second's '<'. */
static int check_unique(const rj_xml *doc, repayjump_error *err) {
  size_t i, j;
  for (i = 1; i < doc->count; i++)
    for (j = 0; j < i; j++)
      if (doc->kv[i].key.n == doc->kv[j].key.n &&
          memcmp(doc->kv[i].key.s, doc->kv[j].key.s, doc->kv[i].key.n) == 0)
        return rj_fail(err, REPAYJUMP_E_DUPLICATE, 0, doc->name_off[i] - 1,
                       "answer: byte %zu: <%.*s> a second time",
                       doc->name_off[i] - 1, (int)doc->kv[i].key.n,
                       doc->kv[i].key.s);
  return REPAYJUMP_OK;
}

/* Signed over its own fields with the caller's key, compared in constant
 * time: nothing in it is trusted before this. */
static int check_sign(const rj_xml *doc, const rj_str *key,
                      repayjump_error *err) {
  char expected[REPAYJUMP_SIGN_LEN + 1];
  size_t at = lookup(doc, "sign");
  int same;
  if (at == doc->count)
    return rj_fail(err, REPAYJUMP_E_SIGNATURE, 0, 0,
                   "answer: no sign; an unsigned SUCCESS is not trusted");
  rj_sign(doc->kv, doc->count, key->s, key->n, expected);
  same = doc->kv[at].val.n == REPAYJUMP_SIGN_LEN &&
         sodium_memcmp(doc->kv[at].val.s, expected, REPAYJUMP_SIGN_LEN) == 0;
  sodium_memzero(expected, sizeof expected);
  if (!same)
    return rj_fail(err, REPAYJUMP_E_SIGNATURE, 0, doc->value_off[at],
                   "answer: sign is not the answer's signature with this "
                   "key");
  return REPAYJUMP_OK;
}

/* The answer names what was asked: appid, mch_id and a partner's
 * sub_mch_id. */
static int check_echoes(const rj_xml *doc, const rj_fields *fields, int partner,
                        repayjump_error *err) {
  size_t i, at;
  for (i = 0; i < sizeof echoes / sizeof *echoes; i++) {
    const rj_str *asked = &fields->val[echoes[i].field];
    if (echoes[i].partner_only && !partner)
      continue;
    at = lookup(doc, echoes[i].element);
    if (at == doc->count)
      return rj_fail(err, REPAYJUMP_E_ECHO, echoes[i].field, 0,
                     "answer: no %s; expected %.*s", echoes[i].element,
                     (int)asked->n, asked->s);
    if (doc->kv[at].val.n != asked->n ||
        memcmp(doc->kv[at].val.s, asked->s, asked->n) != 0)
      return rj_fail(err, REPAYJUMP_E_ECHO, echoes[i].field, doc->value_off[at],
                     "answer: %s is not %.*s, the one asked", echoes[i].element,
                     (int)asked->n, asked->s);
  }
  return REPAYJUMP_OK;
}

/* STATUS.md's checks after the XML, in its order; the state on success. */
static int verdict(const repayjump_params *p, const rj_fields *fields,
                   const rj_xml *doc, repayjump_status_result *result,
                   repayjump_error *err) {
  size_t i, at;
  int rc, partner = (rj_variants[p->variant].required &
                     RJ_BIT(REPAYJUMP_FIELD_SUB_MCHID)) != 0;

  if ((rc = check_unique(doc, err)) != REPAYJUMP_OK)
    return rc;
  at = lookup(doc, "return_code");
  if (at == doc->count || !is(doc->kv[at].val, "SUCCESS"))
    return fail_with_words(doc, result, 1, REPAYJUMP_E_RETURN_FAIL,
                           at < doc->count ? doc->value_off[at] : 0, err,
                           at < doc->count
                               ? "answer: return_code is not SUCCESS (see "
                                 "return_msg)"
                               : "answer: no return_code");
  if ((rc = check_sign(doc, &fields->val[REPAYJUMP_FIELD_API_KEY], err)) ||
      (rc = check_echoes(doc, fields, partner, err)))
    return rc;
  at = lookup(doc, "result_code");
  if (at == doc->count || !is(doc->kv[at].val, "SUCCESS"))
    return fail_with_words(doc, result, FAIL_WORDS, REPAYJUMP_E_RESULT_FAIL,
                           at < doc->count ? doc->value_off[at] : 0, err,
                           at < doc->count
                               ? "answer: result_code is not SUCCESS (see "
                                 "err_code and err_code_des)"
                               : "answer: no result_code");
  at = lookup(doc, "user_state");
  if (at == doc->count || doc->kv[at].val.n == 0)
    return rj_fail(err, REPAYJUMP_E_NO_STATE, 0, 0,
                   "answer: trusted, but without user_state");
  if (copy(doc, 0, MEMBERS, result, err))
    return REPAYJUMP_E_TOO_LONG;
  for (i = 1; i < REPAYJUMP_STATE_COUNT; i++)
    if (is(doc->kv[at].val, state_names[i]))
      result->state = (int)i;
  return REPAYJUMP_OK;
}

int repayjump_status_parse(const repayjump_params *p, const char *answer,
                           size_t len, repayjump_status_result *result,
                           repayjump_error *err) {
  rj_fields fields;
  rj_xml doc;
  char scratch[REPAYJUMP_ANSWER_MAX];
  int rc;

  if (!result)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0, "result: NULL pointer");
  clear(result);
  if (!answer && len)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0, "answer: NULL with len %zu",
                   len);
  if ((rc = rj_validate(p, RJ_STATUS_IDENTITY, &fields, err)) != REPAYJUMP_OK)
    return rc;
  if (len > REPAYJUMP_ANSWER_MAX)
    return rj_fail(err, REPAYJUMP_E_TOO_LARGE, 0, REPAYJUMP_ANSWER_MAX,
                   "answer: %zu bytes; at most %d are read", len,
                   REPAYJUMP_ANSWER_MAX);
  if ((rc = rj_xml_read(answer ? answer : "", len, &doc, scratch, err)) ==
      REPAYJUMP_OK)
    rc = verdict(p, &fields, &doc, result, err);
  if (rc && rc != REPAYJUMP_E_RETURN_FAIL && rc != REPAYJUMP_E_RESULT_FAIL)
    clear(result);
  return rc;
}
