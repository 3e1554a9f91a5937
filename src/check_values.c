/* The checker: one value of a key of the variant. A clean value costs one
 * vector check (check.h); only a failing one is scanned and explained
 * byte by byte, each of its bugs once, in input order. */
#include <string.h>

#include "check_ctx.h"

static const rj_str hmac_sha256 = RJ_STR("HMAC-SHA256");

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
    f = rj_ck_at_value(c, REPAYJUMP_CHECK_APPID_TARGET, APPID, it, 0,
                       it->q.val.n);
    rj_ck_say(
        f->message,
        "appid: %s is the repayment program's own AppID; the document's "
        "table says so, but its examples and App table send the merchant's",
        REPAYJUMP_TARGET_APPID);
    rj_ck_say(f->fix,
              "send your own AppID, the one the user's openid belongs to");
  }
  if (src != SIGN)
    return;
  if (c->sign_state == SIGN_EXPECTED) {
    if (memcmp(d, c->expected, REPAYJUMP_SIGN_LEN) == 0)
      return;
    f = rj_ck_at_value(c, REPAYJUMP_CHECK_SIGN_MISMATCH, rj_ck_field_of(SIGN),
                       it, 0, it->q.val.n);
    if (c->flags & REPAYJUMP_CHECK_EXPECTED_SIGN)
      rj_ck_say(f->message,
                "sign: does not match the fields signed with the given key; "
                "expected %s",
                c->expected);
    else
      rj_ck_say(f->message,
                "sign: does not match the fields signed with the given key");
    rj_ck_say(f->fix,
              "sign the fields as sent, with the merchant's APIv2 key, or "
              "check that this is that key");
    return;
  }
  f = rj_ck_at_value(c, REPAYJUMP_CHECK_SIGN_UNVERIFIED, rj_ck_field_of(SIGN),
                     it, 0, it->q.val.n);
  if (c->sign_state == SIGN_NO_KEY) {
    rj_ck_say(f->message, "sign: not verified: no APIv2 key was given");
    rj_ck_say(f->fix, "give the merchant's APIv2 key to verify it");
  } else {
    rj_ck_say(f->message,
              "sign: not verified: a signed field's value cannot be "
              "signed as given");
    rj_ck_say(f->fix, "fix the other findings, then check again");
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
    f = rj_ck_at_value(c, REPAYJUMP_CHECK_SIGN_TYPE, rj_ck_field_of(SIGN_TYPE),
                       it, 0, it->q.val.n);
    rj_ck_say(f->message,
              "sign_type: is not HMAC-SHA256, the one type this jump is "
              "signed with");
    rj_ck_say(f->fix, "send sign_type=HMAC-SHA256 and sign with HMAC-SHA256");
    return;
  }
  if (src == SIGN) {
    size_t i = sign_break(d, n);
    char b[8];
    len = raw_span(it, i, &at);
    if (i == REPAYJUMP_SIGN_LEN)
      len = it->q.val.n - at;
    f = rj_ck_at_value(c, REPAYJUMP_CHECK_SIGN_FORMAT, rj_ck_field_of(SIGN), it,
                       at, len);
    if (i == REPAYJUMP_SIGN_LEN)
      rj_ck_say(f->message,
                "sign: longer than %d bytes; expected 64 uppercase hex "
                "digits",
                REPAYJUMP_SIGN_LEN);
    else if (i >= n)
      rj_ck_say(f->message,
                "sign: ends at byte %zu; expected 64 uppercase hex digits", i);
    else
      rj_ck_say(f->message,
                "sign: byte %zu is %s; expected 64 uppercase hex digits", i,
                rj_describe_byte((unsigned char)d[i], b));
    rj_ck_say(f->fix, "send the 64 uppercase hex digits of the HMAC-SHA256 "
                      "signature");
    return;
  }
  status = rj_explain((int)src, name, d, n, relaxed, &err);
  len = raw_span(it, err.offset, &at);
  if (status == REPAYJUMP_E_TOO_LONG)
    len = it->q.val.n - at;
  f = rj_ck_at_value(c, REPAYJUMP_CHECK_VALUE_RULE, (int)src, it, at, len);
  rj_ck_say(f->message, "%s", err.message); /* the rest stays zero */
  if (status == REPAYJUMP_E_TOO_LONG)
    rj_ck_say(f->fix, "shorten it to at most %u bytes",
              (unsigned)rj_rules[src][relaxed]->max_len);
  else if (status == REPAYJUMP_E_CHARSET)
    rj_ck_say(f->fix, "remove or replace byte %zu: expected %s", err.offset,
              rj_rules[src][relaxed]->expected);
  else
    rj_ck_say(f->fix, "send %s", rj_rules[src][relaxed]->expected);
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
  int field = rj_ck_field_of(src);
  size_t at[RULE + 1];
  repayjump_finding *f;
  rj_scan s;
  int order[RULE + 1], count, i;
  rj_value_scan(v->s, v->n, it->q.encoded, d, sizeof d, &s);
  if (s.bad_escape != RJ_NONE) {
    f = rj_ck_at_value(c, REPAYJUMP_CHECK_QUERY_BAD_ESCAPE, field, it,
                       s.bad_escape, 1);
    rj_ck_say(f->message,
              "%s: byte %zu is a '%%' not followed by two hex digits", name,
              s.bad_escape);
    rj_ck_say(f->fix, "remove the '%%': no value of this jump needs one");
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
      f = rj_ck_at_value(c, REPAYJUMP_CHECK_QUERY_ENCODED, field, it, a, 3);
      rj_ck_say(f->message,
                "%s: percent-encoded at byte %zu; no value of this jump "
                "needs escapes (the decoded value is checked)",
                name, a);
      rj_ck_say(f->fix, "send the value as it is, without %%XX escapes");
    } else if (order[i] == SPACE) {
      f = rj_ck_at_value(c, REPAYJUMP_CHECK_VALUE_SPACE, field, it, a,
                         raw_span(it, s.space, &a));
      rj_ck_say(f->message, "%s: byte %zu is %s", name, s.space,
                rj_describe_byte(s.space_byte, b));
      rj_ck_say(f->fix, "remove the %s", rj_describe_byte(s.space_byte, b) + 2);
    } else if (order[i] == RULE) {
      rule_finding(c, it, src, d, s.len, name);
    } else {
      f = rj_ck_at_value(c, REPAYJUMP_CHECK_VALUE_EQUALS, field, it, a,
                         raw_span(it, s.equals, &a));
      rj_ck_say(f->message,
                "%s: byte %zu is '='; no value of this jump holds one", name,
                s.equals);
      if (weixin_tail(v, a))
        rj_ck_say(f->fix,
                  "remove \"=weixin\": it is not part of the %s (a slip "
                  "in WeChat's document)",
                  name);
      else
        rj_ck_say(f->fix,
                  "remove the '=' and check what was joined to the value");
    }
  }
}

/* A pair whose key is the variant's: its value. */
void rj_ck_check_value(ctx *c, const item *it, unsigned src, const char *name) {
  int field = rj_ck_field_of(src);
  repayjump_finding *f;
  char buf[48];
  if (it->q.no_value) {
    f = rj_ck_at_key(c, REPAYJUMP_CHECK_QUERY_NO_VALUE, field, it);
    rj_ck_say(f->message, "%s: has no '=' and no value", name);
    rj_ck_say(f->fix, "write %s=<value>", name);
    return;
  }
  if (it->type == REPAYJUMP_VALUE_NOT_STRING) {
    int quotable = it->q.val.n <= 40 && !memchr(it->q.val.s, '"', it->q.val.n);
    f = rj_ck_at_value(c, REPAYJUMP_CHECK_JSON_NOT_STRING, field, it, 0,
                       it->q.val.n);
    rj_ck_say(f->message, "%s: the value is not a JSON string", name);
    if (quotable)
      rj_ck_say(f->fix, "quote it: \"%s\"",
                rj_ck_show(it->q.val.s, it->q.val.n, buf));
    else
      rj_ck_say(f->fix, "send %s as a JSON string", name);
    return;
  }
  if (it->type == REPAYJUMP_VALUE_JS_EXPRESSION) {
    f = rj_ck_at_value(c, REPAYJUMP_CHECK_JS_EXPRESSION, field, it, 0,
                       it->q.val.n);
    rj_ck_say(f->message,
              "%s: the value is an expression, known only when the code "
              "runs; not checked",
              name);
    rj_ck_say(f->fix, "make sure it holds the %s as text", name);
    return;
  }
  if (it->type == REPAYJUMP_VALUE_JS_BARE) {
    f = rj_ck_at_value(c, REPAYJUMP_CHECK_JS_UNQUOTED, field, it, 0,
                       it->q.val.n);
    rj_ck_say(f->message,
              "%s: the value is not quoted: JavaScript reads it as a "
              "variable name, a number or a syntax error, not as text",
              name);
    rj_ck_say(f->fix, "quote it: \"%s\"",
              rj_ck_show(it->q.val.s, it->q.val.n, buf));
  }
  if (it->q.val.n == 0) {
    f = rj_ck_at_value(c, REPAYJUMP_CHECK_FIELD_EMPTY, field, it, 0, 0);
    rj_ck_say(f->message, "%s: the value is empty", name);
    rj_ck_say(f->fix,
              "give %s its value, or leave the key out if it is optional",
              name);
    return;
  }
  if (!it->q.encoded && value_ok(c, src, it->q.val.s, it->q.val.n))
    clean_value(c, it, src, it->q.val.s, it->q.val.n);
  else
    value_findings(c, it, src, name);
}
