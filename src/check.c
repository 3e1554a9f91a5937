/* The checker: key/value pairs, from query.c or from a caller's parser,
 * against a variant's keys and rules, as findings (CHECK.md).
 *
 * Two passes over the pairs: the first notes which keys are present (to
 * infer the variant, to know what is missing, and to collect what the
 * signature covers); the second reports, pair by pair, in input order.
 * Whatever is absent is reported last, at the end of the input. A clean
 * value costs one vector check (check.h); only a failing one is scanned
 * and explained byte by byte. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

enum {
  APPID = REPAYJUMP_FIELD_APPID,
  MCHID = REPAYJUMP_FIELD_MCHID,
  SUB_APPID = REPAYJUMP_FIELD_SUB_APPID,
  SUB_MCHID = REPAYJUMP_FIELD_SUB_MCHID,
  SUB_OPENID = REPAYJUMP_FIELD_SUB_OPENID,
  API_KEY = REPAYJUMP_FIELD_API_KEY,
  SIGN_TYPE = RJ_SRC_SIGN_TYPE,
  SIGN = RJ_SRC_SIGN,
  SRC_COUNT
};
#define BIT(s) (1u << (s))
#define NONE REPAYJUMP_NO_OFFSET
#define KNOWN_FLAGS                                                            \
  (REPAYJUMP_ALLOW_NO_OPENID | REPAYJUMP_RELAXED |                             \
   REPAYJUMP_CHECK_EXPECTED_SIGN)
/* Decoded bytes kept of a value: every rule's max_len + 1, and a sign. */
#define VALUE_BUF (REPAYJUMP_SIGN_LEN + 1)
_Static_assert(REPAYJUMP_FIELD_MAX < VALUE_BUF, "a field's max + 1 fits");

static const rj_str hmac_sha256 = RJ_STR("HMAC-SHA256");

/* A pair as the checker sees it. */
typedef struct item {
  rj_qpair q;
  int type;    /* a repayjump_value_type */
  size_t pair; /* its index among the caller's pairs, or NONE */
} item;

/* Where the pairs come from: a query of the text, or the caller's array. */
typedef struct source {
  const char *text;
  size_t start, end;
  rj_query q;
  const repayjump_pair *pairs;
  size_t count, next;
} source;

typedef struct ctx {
  repayjump_finding *out;
  size_t cap;
  repayjump_check_result *res;
  const rj_variant *v;
  unsigned flags;
  const char *api_key;
  size_t api_key_len;
  size_t end; /* where something absent is reported: the text's length */
  /* From the first pass. */
  unsigned seen;    /* sources of the keys given */
  unsigned covered; /* fields that have a pair, or a finding of their own */
  size_t first[SRC_COUNT]; /* ordinal of the first pair of each source */
  item first_item[SRC_COUNT];
  int sign_state;          /* SIGN_*: below */
  repayjump_finding spare; /* takes the text of findings past cap */
  char expected[REPAYJUMP_SIGN_LEN + 1];
} ctx;

enum { SIGN_NO_KEY, SIGN_UNSIGNABLE, SIGN_EXPECTED };

/* ---- sources ---- */

static void source_rewind(source *s) {
  s->next = 0;
  if (s->text)
    rj_query_start(&s->q, s->text, s->start, s->end);
}

static int source_next(source *s, item *it) {
  const repayjump_pair *p;
  if (s->text) {
    it->type = REPAYJUMP_VALUE_STRING;
    it->pair = NONE;
    return rj_query_next(&s->q, &it->q);
  }
  if (s->next == s->count)
    return RJ_QUERY_END;
  p = &s->pairs[s->next];
  it->q.key.s = p->key;
  it->q.key.n = p->key_len;
  it->q.val.s = p->value ? p->value : ""; /* NULL with length 0 */
  it->q.val.n = p->value_len;
  it->q.key_off = p->key_offset;
  it->q.val_off = p->value_offset;
  it->q.no_value = it->q.encoded = 0;
  it->type = p->type;
  it->pair = s->next++;
  return RJ_QUERY_PAIR;
}

/* ---- keys ---- */

static const rj_key *find_key(const rj_variant *v, const char *k, size_t n) {
  size_t i;
  for (i = 0; i < v->key_count; i++)
    if (v->keys[i].name.n == n && memcmp(v->keys[i].name.s, k, n) == 0)
      return &v->keys[i];
  return NULL;
}

/* Any key of the jump: the two partner rows hold every key of both API
 * versions between them. */
static const rj_key *find_any_key(const char *k, size_t n) {
  const rj_key *key = find_key(&rj_variants[REPAYJUMP_V3_PARTNER], k, n);
  return key ? key : find_key(&rj_variants[REPAYJUMP_V2_PARTNER], k, n);
}

static int has_src(const rj_variant *v, unsigned src) {
  size_t i;
  for (i = 0; i < v->key_count; i++)
    if (v->keys[i].src == src)
      return 1;
  return 0;
}

/* Lowercase, without '_' and '-': "nonceStr" and "nonce_str" agree. */
static size_t fold(const char *s, size_t n, char out[RJ_PIECE_MAX]) {
  size_t i, m = 0;
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (c == '_' || c == '-')
      continue;
    if (m == RJ_PIECE_MAX)
      return RJ_PIECE_MAX + 1; /* longer than any key */
    out[m++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  }
  return m;
}

/* Levenshtein distance of two folded keys. */
static size_t distance(const char *a, size_t an, const char *b, size_t bn) {
  size_t row[RJ_PIECE_MAX + 1], i, j;
  for (j = 0; j <= bn; j++)
    row[j] = j;
  for (i = 1; i <= an; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (j = 1; j <= bn; j++) {
      size_t up = row[j];
      size_t best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[bn];
}

/* How close a folded key is to key: 0 the same, 1 a prefix of it ("nonce"),
 * else its edit distance plus one; beyond 3 it is not close. */
static size_t closeness(const char *k, size_t n, const rj_key *key) {
  char f[RJ_PIECE_MAX];
  size_t m = fold(key->name.s, key->name.n, f), d;
  if (n == m && memcmp(k, f, n) == 0)
    return 0;
  if (n >= 4 && n < m && memcmp(k, f, n) == 0)
    return 1;
  d = distance(k, n, f, m) + 1;
  return d <= (m >= 6 ? 3u : 2u) ? d : (size_t)-1;
}

/* The key of the jump nearest an unknown one, those of v first; NULL when
 * none is close. */
static const rj_key *nearest(const rj_variant *v, const char *k, size_t n) {
  const rj_variant *rows[3] = {v, &rj_variants[REPAYJUMP_V3_PARTNER],
                               &rj_variants[REPAYJUMP_V2_PARTNER]};
  const rj_key *best = NULL;
  size_t best_d = (size_t)-1, r, i, m;
  char f[RJ_PIECE_MAX];
  m = fold(k, n, f);
  if (m > RJ_PIECE_MAX || m == 0)
    return NULL;
  for (r = v ? 0 : 1; r < 3; r++)
    for (i = 0; i < rows[r]->key_count; i++) {
      size_t d = closeness(f, m, &rows[r]->keys[i]);
      if (d < best_d)
        best = &rows[r]->keys[i], best_d = d;
    }
  return best;
}

/* ---- findings ---- */

/* A key or a value's bytes in a message: printable ASCII, at most 40
 * bytes, others as '?'. */
static const char *show(const char *s, size_t n, char buf[48]) {
  size_t i, m = n > 40 ? 40 : n;
  for (i = 0; i < m; i++) {
    unsigned char b = (unsigned char)s[i];
    buf[i] = '?';
    if (b >= 0x20 && b < 0x7f)
      buf[i] = s[i];
  }
  memcpy(buf + m, n > m ? "...\0" : "\0", n > m ? 4 : 1);
  return buf;
}

/* Count a finding and fill it: in the caller's storage when it is among
 * the first cap, else in a spare one, whose text is dropped. */
static repayjump_finding *add(ctx *c, int code, int field, const item *it,
                              size_t offset, size_t length, int in_value) {
  repayjump_check_result *r = c->res;
  repayjump_finding *f;
  int severity = rj_check_codes[code].severity;
  r->errors += severity == REPAYJUMP_SEVERITY_ERROR;
  r->warnings += severity == REPAYJUMP_SEVERITY_WARNING;
  r->notes += severity == REPAYJUMP_SEVERITY_NOTE;
  f = r->count < c->cap ? &c->out[r->count] : &c->spare;
  r->count++;
  f->code = code;
  f->severity = severity;
  f->field = field;
  f->in_value = in_value;
  f->offset = offset;
  f->length = length;
  f->pair = it ? it->pair : NONE;
  f->key = it ? it->q.key.s : NULL;
  f->key_len = it ? it->q.key.n : 0;
  /* All of them: a finding is the same bytes for the same input. */
  memset(f->message, 0, sizeof f->message);
  memset(f->fix, 0, sizeof f->fix);
  return f;
}

static void say(char *to, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void say(char *to, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  /* Every message fits (the longest is under 160 bytes); a longer one
   * would be cut, never overflow. */
  (void)vsnprintf(to, REPAYJUMP_MESSAGE_MAX, fmt, ap);
  va_end(ap);
}

/* A finding about the pair's key. */
static repayjump_finding *at_key(ctx *c, int code, int field, const item *it) {
  return add(c, code, field, it, it->q.key_off, it->q.key.n, 0);
}

/* A finding about raw bytes [at, at + n) of the pair's value; offsets
 * within the value when the caller knows no place for it. */
static repayjump_finding *at_value(ctx *c, int code, int field, const item *it,
                                   size_t at, size_t n) {
  int in_value = it->q.val_off == NONE;
  return add(c, code, field, it, in_value ? at : it->q.val_off + at, n,
             in_value);
}

/* A finding about something absent. */
static repayjump_finding *at_end(ctx *c, int code, int field) {
  return add(c, code, field, NULL, c->end, 0, 0);
}

/* The finding's field of a key's source: every key of the variants' rows
 * comes from a field below API_KEY (the key is never sent), sign_type or
 * sign. */
static int field_of(unsigned src) {
  if (src == SIGN_TYPE)
    return REPAYJUMP_CHECK_FIELD_SIGN_TYPE;
  if (src == SIGN)
    return REPAYJUMP_CHECK_FIELD_SIGN;
  return (int)src;
}

/* ---- the first pass ---- */

static void note_pair(ctx *c, const item *it, size_t ordinal) {
  const rj_key *key = find_any_key(it->q.key.s, it->q.key.n);
  if (!key) {
    /* A near miss ("openId") is that field's finding, not field.missing. */
    key = nearest(NULL, it->q.key.s, it->q.key.n);
    if (key)
      c->covered |= BIT(key->src);
    return;
  }
  c->seen |= BIT(key->src);
  c->covered |= BIT(key->src);
  if (c->first[key->src] == NONE) {
    c->first[key->src] = ordinal;
    c->first_item[key->src] = *it;
  }
}

static int infer(unsigned seen) {
  int v2 = (seen & (BIT(SIGN) | BIT(SIGN_TYPE))) != 0;
  int partner =
      (seen & (BIT(SUB_APPID) | BIT(SUB_MCHID) | BIT(SUB_OPENID))) != 0;
  return v2 ? (partner ? REPAYJUMP_V2_PARTNER : REPAYJUMP_V2_MERCHANT)
            : (partner ? REPAYJUMP_V3_PARTNER : REPAYJUMP_V3_MERCHANT);
}

/* The signature the pairs should carry: over the first pair of each key
 * the variant signs, with their keys as written and values decoded. */
static void expect_sign(ctx *c) {
  char bufs[RJ_KEYS_MAX][VALUE_BUF];
  rj_kv pairs[RJ_KEYS_MAX];
  size_t i, n = 0;
  if (!c->api_key_len || c->first[SIGN] == NONE) {
    c->sign_state = SIGN_NO_KEY;
    return;
  }
  for (i = 0; i < c->v->key_count; i++) {
    unsigned src = c->v->keys[i].src;
    const item *it = &c->first_item[src];
    rj_scan s;
    if (src == SIGN || c->first[src] == NONE)
      continue;
    if (it->type == REPAYJUMP_VALUE_NOT_STRING ||
        it->type == REPAYJUMP_VALUE_JS_EXPRESSION) {
      c->sign_state = SIGN_UNSIGNABLE;
      return;
    }
    rj_value_scan(it->q.val.s, it->q.val.n, it->q.encoded, bufs[n], VALUE_BUF,
                  &s);
    if (s.bad_escape != RJ_NONE || s.len > VALUE_BUF) {
      c->sign_state = SIGN_UNSIGNABLE;
      return;
    }
    pairs[n].key = it->q.key;
    pairs[n].val.s = bufs[n];
    pairs[n].val.n = s.len;
    n++;
  }
  rj_sign(pairs, n, c->api_key, c->api_key_len, c->expected);
  c->sign_state = SIGN_EXPECTED;
}

/* ---- the second pass: one pair ---- */

/* Where 64 uppercase hex digits break: RJ_NONE when they do not. */
static size_t sign_break(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n && i < REPAYJUMP_SIGN_LEN; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'F')))
      return i;
  return n == REPAYJUMP_SIGN_LEN ? RJ_NONE : i;
}

/* Whether the n decoded bytes at d keep src's rule (a field's rule, or
 * sign_type's and sign's own). */
static int value_ok(const ctx *c, unsigned src, const char *d, size_t n) {
  if (src == SIGN_TYPE)
    return n == hmac_sha256.n && memcmp(d, hmac_sha256.s, n) == 0;
  if (src == SIGN)
    return sign_break(d, n) == RJ_NONE;
  return rj_value_ok(rj_rules[src][(c->flags & REPAYJUMP_RELAXED) != 0], d, n);
}

/* What a clean value may still say: the target's AppID as appid, the
 * signature's verdict. */
static void clean_value(ctx *c, const item *it, unsigned src, const char *d,
                        size_t n) {
  static const rj_str target = RJ_STR(REPAYJUMP_TARGET_APPID);
  repayjump_finding *f;
  if (src == APPID && n == target.n && memcmp(d, target.s, n) == 0) {
    f = at_value(c, REPAYJUMP_CHECK_APPID_TARGET, APPID, it, 0, it->q.val.n);
    say(f->message,
        "appid: %s is the repayment program's own AppID; the document's "
        "table says so, but its examples and App table send the merchant's",
        REPAYJUMP_TARGET_APPID);
    say(f->fix, "send your own AppID, the one the user's openid belongs to");
  }
  if (src != SIGN)
    return;
  if (c->sign_state == SIGN_EXPECTED) {
    if (memcmp(d, c->expected, REPAYJUMP_SIGN_LEN) == 0)
      return;
    f = at_value(c, REPAYJUMP_CHECK_SIGN_MISMATCH, field_of(SIGN), it, 0,
                 it->q.val.n);
    if (c->flags & REPAYJUMP_CHECK_EXPECTED_SIGN)
      say(f->message,
          "sign: does not match the fields signed with the given key; "
          "expected %s",
          c->expected);
    else
      say(f->message,
          "sign: does not match the fields signed with the given key");
    say(f->fix, "sign the fields as sent, with the merchant's APIv2 key, or "
                "check that this is that key");
    return;
  }
  f = at_value(c, REPAYJUMP_CHECK_SIGN_UNVERIFIED, field_of(SIGN), it, 0,
               it->q.val.n);
  if (c->sign_state == SIGN_NO_KEY) {
    say(f->message, "sign: not verified: no APIv2 key was given");
    say(f->fix, "give the merchant's APIv2 key to verify it");
  } else {
    say(f->message, "sign: not verified: a signed field's value cannot be "
                    "signed as given");
    say(f->fix, "fix the other findings, then check again");
  }
}

/* Raw bytes that decoded byte index of the pair's value spans: [*at, *at +
 * return). 0 past the end. */
static size_t raw_span(const item *it, size_t index, size_t *at) {
  const rj_str *v = &it->q.val;
  *at = rj_value_raw_offset(v->s, v->n, it->q.encoded, index);
  if (*at == v->n)
    return 0;
  return it->q.encoded && v->s[*at] == '%' ? 3 : 1;
}

/* Where the rule of a value (decoded: n bytes at d) breaks, as a raw
 * offset; for a field, its explanation in *err. */
static size_t rule_at(const ctx *c, const item *it, unsigned src, const char *d,
                      size_t n, repayjump_error *err) {
  size_t at;
  if (src == SIGN_TYPE)
    return 0;
  if (src == SIGN) {
    raw_span(it, sign_break(d, n), &at);
    return at;
  }
  rj_explain((int)src, "", d, n, (c->flags & REPAYJUMP_RELAXED) != 0, err);
  raw_span(it, err->offset, &at);
  return at;
}

/* The finding of a value (decoded: n bytes at d) that breaks its rule. */
static void rule_finding(ctx *c, const item *it, unsigned src, const char *d,
                         size_t n, const char *name) {
  int relaxed = (c->flags & REPAYJUMP_RELAXED) != 0;
  repayjump_finding *f;
  repayjump_error err;
  size_t at, len;
  int status;
  if (src == SIGN_TYPE) {
    f = at_value(c, REPAYJUMP_CHECK_SIGN_TYPE, field_of(SIGN_TYPE), it, 0,
                 it->q.val.n);
    say(f->message, "sign_type: is not HMAC-SHA256, the one type this jump is "
                    "signed with");
    say(f->fix, "send sign_type=HMAC-SHA256 and sign with HMAC-SHA256");
    return;
  }
  if (src == SIGN) {
    size_t i = sign_break(d, n);
    char b[8];
    len = raw_span(it, i, &at);
    if (i == REPAYJUMP_SIGN_LEN)
      len = it->q.val.n - at;
    f = at_value(c, REPAYJUMP_CHECK_SIGN_FORMAT, field_of(SIGN), it, at, len);
    if (i == REPAYJUMP_SIGN_LEN)
      say(f->message,
          "sign: longer than %d bytes; expected 64 uppercase hex "
          "digits",
          REPAYJUMP_SIGN_LEN);
    else if (i >= n)
      say(f->message,
          "sign: ends at byte %zu; expected 64 uppercase hex digits", i);
    else
      say(f->message, "sign: byte %zu is %s; expected 64 uppercase hex digits",
          i, rj_describe_byte((unsigned char)d[i], b));
    say(f->fix, "send the 64 uppercase hex digits of the HMAC-SHA256 "
                "signature");
    return;
  }
  status = rj_explain((int)src, name, d, n, relaxed, &err);
  len = raw_span(it, err.offset, &at);
  if (status == REPAYJUMP_E_TOO_LONG)
    len = it->q.val.n - at;
  f = at_value(c, REPAYJUMP_CHECK_VALUE_RULE, (int)src, it, at, len);
  say(f->message, "%s", err.message); /* the rest stays zero */
  if (status == REPAYJUMP_E_TOO_LONG)
    say(f->fix, "shorten it to at most %u bytes",
        (unsigned)rj_rules[src][relaxed]->max_len);
  else if (status == REPAYJUMP_E_CHARSET)
    say(f->fix, "remove or replace byte %zu: expected %s", err.offset,
        rj_rules[src][relaxed]->expected);
  else
    say(f->fix, "send %s", rj_rules[src][relaxed]->expected);
}

/* The document's "=weixin" after an openid. */
static int weixin_tail(const rj_str *v, size_t at) {
  return v->n - at == 7 && memcmp(v->s + at, "=weixin", 7) == 0;
}

/* The indices of the n places at[] that are not RJ_NONE, into order[] by
 * place; stable: at one place, by index. Returns how many. */
static int by_place(const size_t *at, int n, int *order) {
  int count = 0, i, j;
  for (i = 0; i < n; i++) {
    if (at[i] == RJ_NONE)
      continue;
    for (j = count++; j > 0 && at[order[j - 1]] > at[i]; j--)
      order[j] = order[j - 1];
    order[j] = i;
  }
  return count;
}

/* A value that failed the fast check: scanned, decoded, and each of its
 * bugs reported once, in input order. Every finding of the value takes its
 * place in one sort by raw offset, the verdict on a clean decoded value
 * (clean_value's, over the whole value from byte 0) included: it comes
 * before an escape inside the value, not after it. */
static void value_findings(ctx *c, const item *it, unsigned src,
                           const char *name) {
  enum { VERDICT, ESCAPE, SPACE, EQUALS, RULE }; /* at one offset, this order */
  const rj_str *v = &it->q.val;
  char d[VALUE_BUF], b[8];
  int field = field_of(src);
  size_t at[RULE + 1];
  repayjump_finding *f;
  rj_scan s;
  int order[RULE + 1], count, i;
  rj_value_scan(v->s, v->n, it->q.encoded, d, sizeof d, &s);
  if (s.bad_escape != RJ_NONE) {
    f = at_value(c, REPAYJUMP_CHECK_QUERY_BAD_ESCAPE, field, it, s.bad_escape,
                 1);
    say(f->message, "%s: byte %zu is a '%%' not followed by two hex digits",
        name, s.bad_escape);
    say(f->fix, "remove the '%%': no value of this jump needs one");
    return;
  }
  at[ESCAPE] = s.escape, at[SPACE] = s.space_at, at[EQUALS] = s.equals_at;
  /* An escape that is itself the bad byte is part of that finding (and
   * below, of the rule's). */
  if (s.escape == s.space_at || s.escape == s.equals_at)
    at[ESCAPE] = RJ_NONE;
  /* One bug, one finding: whitespace and '=' are why the rule breaks. */
  at[RULE] = RJ_NONE;
  if (s.space_at == RJ_NONE && s.equals_at == RJ_NONE &&
      !value_ok(c, src, d, s.len)) {
    repayjump_error err;
    at[RULE] = rule_at(c, it, src, d, s.len, &err);
    if (at[ESCAPE] == at[RULE])
      at[ESCAPE] = RJ_NONE;
  }
  /* With no space, '=' or rule broken, the decoded value is clean. */
  at[VERDICT] =
      s.space_at == RJ_NONE && s.equals_at == RJ_NONE && at[RULE] == RJ_NONE
          ? 0
          : RJ_NONE;
  count = by_place(at, RULE + 1, order);
  for (i = 0; i < count; i++) {
    size_t a = at[order[i]];
    if (order[i] == VERDICT) {
      clean_value(c, it, src, d, s.len);
    } else if (order[i] == ESCAPE) {
      f = at_value(c, REPAYJUMP_CHECK_QUERY_ENCODED, field, it, a, 3);
      say(f->message,
          "%s: percent-encoded at byte %zu; no value of this jump "
          "needs escapes (the decoded value is checked)",
          name, a);
      say(f->fix, "send the value as it is, without %%XX escapes");
    } else if (order[i] == SPACE) {
      f = at_value(c, REPAYJUMP_CHECK_VALUE_SPACE, field, it, a,
                   raw_span(it, s.space, &a));
      say(f->message, "%s: byte %zu is %s", name, s.space,
          rj_describe_byte(s.space_byte, b));
      say(f->fix, "remove the %s", rj_describe_byte(s.space_byte, b) + 2);
    } else if (order[i] == RULE) {
      rule_finding(c, it, src, d, s.len, name);
    } else {
      f = at_value(c, REPAYJUMP_CHECK_VALUE_EQUALS, field, it, a,
                   raw_span(it, s.equals, &a));
      say(f->message, "%s: byte %zu is '='; no value of this jump holds one",
          name, s.equals);
      if (weixin_tail(v, a))
        say(f->fix,
            "remove \"=weixin\": it is not part of the %s (a slip "
            "in WeChat's document)",
            name);
      else
        say(f->fix, "remove the '=' and check what was joined to the value");
    }
  }
}

/* A pair whose key is the variant's: its value. */
static void check_value(ctx *c, const item *it, unsigned src,
                        const char *name) {
  int field = field_of(src);
  repayjump_finding *f;
  char buf[48];
  if (it->q.no_value) {
    f = at_key(c, REPAYJUMP_CHECK_QUERY_NO_VALUE, field, it);
    say(f->message, "%s: has no '=' and no value", name);
    say(f->fix, "write %s=<value>", name);
    return;
  }
  if (it->type == REPAYJUMP_VALUE_NOT_STRING) {
    int quotable = it->q.val.n <= 40 && !memchr(it->q.val.s, '"', it->q.val.n);
    f = at_value(c, REPAYJUMP_CHECK_JSON_NOT_STRING, field, it, 0, it->q.val.n);
    say(f->message, "%s: the value is not a JSON string", name);
    if (quotable)
      say(f->fix, "quote it: \"%s\"", show(it->q.val.s, it->q.val.n, buf));
    else
      say(f->fix, "send %s as a JSON string", name);
    return;
  }
  if (it->type == REPAYJUMP_VALUE_JS_EXPRESSION) {
    f = at_value(c, REPAYJUMP_CHECK_JS_EXPRESSION, field, it, 0, it->q.val.n);
    say(f->message,
        "%s: the value is an expression, known only when the code "
        "runs; not checked",
        name);
    say(f->fix, "make sure it holds the %s as text", name);
    return;
  }
  if (it->type == REPAYJUMP_VALUE_JS_BARE) {
    f = at_value(c, REPAYJUMP_CHECK_JS_UNQUOTED, field, it, 0, it->q.val.n);
    say(f->message,
        "%s: the value is not quoted: JavaScript reads it as a "
        "variable name, a number or a syntax error, not as text",
        name);
    say(f->fix, "quote it: \"%s\"", show(it->q.val.s, it->q.val.n, buf));
  }
  if (it->q.val.n == 0) {
    f = at_value(c, REPAYJUMP_CHECK_FIELD_EMPTY, field, it, 0, 0);
    say(f->message, "%s: the value is empty", name);
    say(f->fix, "give %s its value, or leave the key out if it is optional",
        name);
    return;
  }
  if (!it->q.encoded && value_ok(c, src, it->q.val.s, it->q.val.n))
    clean_value(c, it, src, it->q.val.s, it->q.val.n);
  else
    value_findings(c, it, src, name);
}

static void check_pair(ctx *c, const item *it, size_t ordinal) {
  const rj_key *key = find_key(c->v, it->q.key.s, it->q.key.n);
  const rj_key *any = key ? key : find_any_key(it->q.key.s, it->q.key.n);
  repayjump_finding *f;
  char buf[48];
  /* A key of the jump is named as written: it is the table's name. */
  const char *name = any ? any->name.s : show(it->q.key.s, it->q.key.n, buf);
  if (!any) {
    const rj_key *near = nearest(c->v, it->q.key.s, it->q.key.n);
    f = at_key(c, REPAYJUMP_CHECK_KEY_UNKNOWN, near ? field_of(near->src) : 0,
               it);
    if (it->q.key.n == 3 && memcmp(it->q.key.s, "key", 3) == 0) {
      say(f->message, "key: the APIv2 key signs the fields; it is never sent");
      say(f->fix, "remove it, and treat that key as leaked: reset it");
    } else if (near && near->src == SUB_MCHID) {
      say(f->message,
          "%s: not a key of this jump; WeChat Pay's APIv3 payment "
          "APIs say sub_mchid, this jump says sub_mch_id",
          name);
      say(f->fix, "rename it to sub_mch_id");
    } else if (near) {
      say(f->message, "%s: not a key of this jump (keys are case-sensitive)",
          name);
      say(f->fix, "rename it to %s", near->name.s);
    } else {
      say(f->message, "%s: not a key of this jump", name);
      say(f->fix, "remove it: the %s variant sends only its own keys",
          c->v->name);
    }
    return;
  }
  if (c->first[any->src] != ordinal) {
    f = at_key(c, REPAYJUMP_CHECK_KEY_DUPLICATE, field_of(any->src), it);
    /* The first one is a key of the jump too: printable, as written. */
    say(f->message, "%s: given again; %.*s was given before", name,
        (int)c->first_item[any->src].q.key.n, c->first_item[any->src].q.key.s);
    say(f->fix, "keep one of them");
    return;
  }
  if (!key) {
    if (!has_src(c->v, any->src)) {
      f = at_key(c, REPAYJUMP_CHECK_KEY_NOT_ALLOWED, field_of(any->src), it);
      say(f->message, "%s: not used by the %s variant", name, c->v->name);
      say(f->fix, "remove it, or check against the variant that uses it");
      return;
    }
    key = any; /* the same field in the other API version */
    f = at_key(c, REPAYJUMP_CHECK_KEY_VERSION, field_of(any->src), it);
    {
      size_t i;
      for (i = 0; c->v->keys[i].src != any->src; i++)
        ;
      say(f->message, "%s: APIv%c's spelling; the %s variant's key is %s", name,
          c->res->variant >= REPAYJUMP_V2_MERCHANT ? '3' : '2', c->v->name,
          c->v->keys[i].name.s);
      say(f->fix, "rename it to %s", c->v->keys[i].name.s);
    }
  }
  /* At the key: before the value's findings, in input order. */
  if (key->src == SUB_OPENID && !(c->covered & BIT(SUB_APPID))) {
    f = at_key(c, REPAYJUMP_CHECK_PARTNER_CONFLICT, SUB_OPENID, it);
    say(f->message, "sub_openid: given without sub_appid, the AppID it belongs "
                    "to");
    say(f->fix, "add sub_appid, or send the user's openid under appid "
                "instead");
  }
  check_value(c, it, key->src, name);
}

/* ---- what is absent ---- */

static void check_absent(ctx *c) {
  const rj_variant *v = c->v;
  repayjump_finding *f;
  unsigned required = v->required & ~BIT(API_KEY);
  size_t i;
  for (i = 0; i < v->key_count; i++) {
    unsigned src = v->keys[i].src;
    const char *name = v->keys[i].name.s;
    if (c->covered & BIT(src))
      continue;
    if (required & BIT(src)) {
      f = at_end(c, REPAYJUMP_CHECK_FIELD_MISSING, field_of(src));
      say(f->message, "%s: required by the %s variant", name, v->name);
      say(f->fix, "add %s", name);
    } else if (src == SIGN && (c->covered & BIT(SIGN_TYPE))) {
      f = at_end(c, REPAYJUMP_CHECK_SIGN_MISSING, field_of(SIGN));
      say(f->message, "sign: an APIv2 input (sign_type is given) without sign");
      say(f->fix, "add sign, the HMAC-SHA256 signature of the other fields");
    } else if (src == SIGN || src == SIGN_TYPE) {
      /* An APIv2 variant: sign_type was given, inferred from sign, or
       * neither was given and the variant is explicit. */
      f = at_end(c,
                 src == SIGN ? REPAYJUMP_CHECK_SIGN_MISSING
                             : REPAYJUMP_CHECK_FIELD_MISSING,
                 field_of(src));
      say(f->message, "%s: required by the %s variant", name, v->name);
      say(f->fix, src == SIGN ? "add sign, the HMAC-SHA256 signature of the "
                                "other fields"
                              : "add sign_type=HMAC-SHA256");
    }
  }
  if (!(c->covered & v->openids) && !(c->flags & REPAYJUMP_ALLOW_NO_OPENID)) {
    int partner = (v->openids & BIT(SUB_OPENID)) != 0;
    f = at_end(c, REPAYJUMP_CHECK_FIELD_MISSING, REPAYJUMP_FIELD_OPENID);
    say(f->message,
        partner ? "openid: the %s variant needs openid or sub_openid"
                : "openid: required by the %s variant",
        v->name);
    say(f->fix, "add openid, the user's openid under appid");
  }
}

/* ---- the checker ---- */

static int check_options(const repayjump_check_options *opt) {
  return !opt ||
         ((opt->variant == REPAYJUMP_VARIANT_AUTO ||
           (opt->variant >= 0 && opt->variant < REPAYJUMP_VARIANT_COUNT)) &&
          !(opt->flags & ~KNOWN_FLAGS));
}

static void start(ctx *c, const repayjump_check_options *opt,
                  repayjump_finding *out, size_t cap,
                  repayjump_check_result *res) {
  memset(res, 0, sizeof *res);
  res->variant = -1;
  c->out = out;
  c->cap = cap;
  c->res = res;
  c->flags = opt ? opt->flags : 0;
  c->api_key = opt && opt->api_key ? opt->api_key : "";
  c->api_key_len = strlen(c->api_key);
}

static void check_source(ctx *c, const repayjump_check_options *opt,
                         source *s) {
  item it;
  size_t ordinal = 0, i;
  int kind;
  c->seen = c->covered = 0;
  for (i = 0; i < SRC_COUNT; i++)
    c->first[i] = NONE;
  source_rewind(s);
  while ((kind = source_next(s, &it)) != RJ_QUERY_END)
    if (kind == RJ_QUERY_PAIR)
      note_pair(c, &it, ordinal++);
  c->res->variant = opt && opt->variant != REPAYJUMP_VARIANT_AUTO
                        ? opt->variant
                        : infer(c->seen);
  c->v = &rj_variants[c->res->variant];
  expect_sign(c);

  source_rewind(s);
  ordinal = 0;
  while ((kind = source_next(s, &it)) != RJ_QUERY_END) {
    if (kind == RJ_QUERY_PAIR) {
      check_pair(c, &it, ordinal++);
    } else {
      repayjump_finding *f =
          add(c, REPAYJUMP_CHECK_QUERY_EMPTY_PAIR, 0, NULL, it.q.key_off, 1, 0);
      say(f->message, "an empty pair: '&&', or a leading or trailing '&'");
      say(f->fix, "remove the extra '&'");
    }
  }
  check_absent(c);
}

static int is_space(char ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }

int repayjump_check_text(const repayjump_check_options *opt, const char *text,
                         size_t len, repayjump_finding *findings, size_t cap,
                         repayjump_check_result *result) {
  static const rj_str page = RJ_STR(REPAYJUMP_TARGET_PATH);
  ctx c;
  source s = {0};
  repayjump_finding *f;
  size_t i, page_end, slash;
  int what;
  if (!result || (!text && len) || (!findings && cap) || !check_options(opt))
    return REPAYJUMP_E_ARG;
  start(&c, opt, findings, cap, result);
  c.end = len;
  for (i = 0; i < len && is_space(text[i]); i++)
    ;
  if (i == len) {
    f = add(&c, REPAYJUMP_CHECK_INPUT_EMPTY, 0, NULL, 0, len, 0);
    say(f->message, "nothing to check: the input is empty");
    say(f->fix, "give the App path or the query string the App sends");
    return REPAYJUMP_OK;
  }
  what = rj_text_kind(text, len, &page_end);
  s.text = text;
  s.end = len;
  if (what == RJ_TEXT_QUERY) {
    result->kind = REPAYJUMP_KIND_QUERY;
    check_source(&c, opt, &s);
    return REPAYJUMP_OK;
  }
  if (what == RJ_TEXT_NEITHER) {
    f = add(&c, REPAYJUMP_CHECK_INPUT_UNRECOGNIZED, 0, NULL, 0, len, 0);
    say(f->message,
        "neither an App path (pages/invest_list/invest_list?...) nor "
        "a query (appid=...&mchid=...)");
    say(f->fix, "give the App path or the query; give a JSON or JavaScript "
                "object's fields as pairs");
    return REPAYJUMP_OK;
  }
  result->kind = REPAYJUMP_KIND_APP_PATH;
  slash = text[0] == '/';
  if (slash) {
    f = add(&c, REPAYJUMP_CHECK_PATH_LEADING_SLASH, 0, NULL, 0, 1, 0);
    say(f->message, "the page starts with '/'");
    say(f->fix, "remove the leading '/': the page is %s", page.s);
  }
  if (page_end - slash != page.n || memcmp(text + slash, page.s, page.n) != 0) {
    char buf[48];
    f = add(&c, REPAYJUMP_CHECK_PATH_PAGE, 0, NULL, slash, page_end - slash, 0);
    say(f->message, "the page is \"%s\", not %s",
        show(text + slash, page_end - slash, buf), page.s);
    say(f->fix, "send the page %s", page.s);
  }
  if (page_end == len) { /* no '?' */
    result->variant = opt && opt->variant != REPAYJUMP_VARIANT_AUTO
                          ? opt->variant
                          : REPAYJUMP_V3_MERCHANT;
    f = add(&c, REPAYJUMP_CHECK_PATH_NO_QUERY, 0, NULL, len, 0, 0);
    say(f->message, "the path has no '?' and so no fields");
    say(f->fix, "append ?appid=...&mchid=...&nonce_str=...&openid=...");
    return REPAYJUMP_OK;
  }
  s.start = page_end + 1;
  check_source(&c, opt, &s);
  return REPAYJUMP_OK;
}

int repayjump_check_pairs(const repayjump_check_options *opt,
                          const repayjump_pair *pairs, size_t count,
                          repayjump_finding *findings, size_t cap,
                          repayjump_check_result *result) {
  ctx c;
  source s = {0};
  size_t i;
  if (!result || (!pairs && count) || (!findings && cap) || !check_options(opt))
    return REPAYJUMP_E_ARG;
  for (i = 0; i < count; i++)
    if ((!pairs[i].key && pairs[i].key_len) ||
        (!pairs[i].value && pairs[i].value_len) || pairs[i].type < 0 ||
        pairs[i].type > REPAYJUMP_VALUE_JS_EXPRESSION)
      return REPAYJUMP_E_ARG;
  start(&c, opt, findings, cap, result);
  c.end = NONE;
  s.pairs = pairs;
  s.count = count;
  check_source(&c, opt, &s);
  return REPAYJUMP_OK;
}
