/* The checker: key/value pairs, from query.c or from a caller's parser,
 * against a variant's keys and rules, as findings (CHECK.md).
 *
 * Two passes over the pairs: the first notes which keys are present (to
 * infer the variant, to know what is missing, and to collect what the
 * signature covers); the second reports, pair by pair, in input order.
 * Whatever is absent is reported last, at the end of the input. A clean
 * value costs one vector check (check.h); only a failing one is scanned
 * and explained byte by byte. */
#include <string.h>

#include "check_ctx.h"

/* ---- sources ---- */

static void source_rewind(source *s) {
  s->next = 0;
  if (s->text)
    rj_query_start(&s->q, s->text, s->start, s->end);
}

/* Is the caller's pair p among those the source gives: all of them, or
 * those whose key starts with the prefix? */
static int source_has(const source *s, const repayjump_pair *p) {
  return s->prefix_len == 0 || (p->key_len > s->prefix_len &&
                                memcmp(p->key, s->prefix, s->prefix_len) == 0);
}

static int source_next(source *s, item *it) {
  const repayjump_pair *p;
  if (s->text) {
    it->type = REPAYJUMP_VALUE_STRING;
    it->pair = NONE;
    it->key_prefix = 0;
    return rj_query_next(&s->q, &it->q);
  }
  while (s->next < s->count && !source_has(s, &s->pairs[s->next])) {
    if (s->reporting) {
      it->pair = s->next++;
      return SRC_OTHER;
    }
    s->next++;
  }
  if (s->next == s->count)
    return RJ_QUERY_END;
  p = &s->pairs[s->next];
  /* A member of a nested object is checked by its own name. */
  it->key_prefix = s->prefix_len;
  it->q.key.s = p->key + s->prefix_len;
  it->q.key.n = p->key_len - s->prefix_len;
  it->q.val.s = p->value ? p->value : ""; /* NULL with length 0 */
  it->q.val.n = p->value_len;
  it->q.key_off = p->key_offset;
  it->q.val_off = p->value_offset;
  it->q.no_value = it->q.encoded = 0;
  it->type = p->type;
  it->pair = s->next++;
  return RJ_QUERY_PAIR;
}

/* ---- the first pass ---- */

static void note_pair(ctx *c, const item *it, size_t ordinal) {
  const rj_key *key = rj_ck_find_any_key(it->q.key.s, it->q.key.n);
  if (!key) {
    /* A near miss ("openId") is that field's finding, not field.missing. */
    key = rj_ck_nearest(NULL, it->q.key.s, it->q.key.n);
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

static void check_pair(ctx *c, const item *it, size_t ordinal) {
  const rj_key *key = rj_ck_find_key(c->v, it->q.key.s, it->q.key.n);
  const rj_key *any = key ? key : rj_ck_find_any_key(it->q.key.s, it->q.key.n);
  repayjump_finding *f;
  char buf[48];
  /* A key of the jump is named as written: it is the table's name. */
  const char *name =
      any ? any->name.s : rj_ck_show(it->q.key.s, it->q.key.n, buf);
  if (!any) {
    const rj_key *near = rj_ck_nearest(c->v, it->q.key.s, it->q.key.n);
    f = rj_ck_at_key(c, REPAYJUMP_CHECK_KEY_UNKNOWN,
                     near ? rj_ck_field_of(near->src) : 0, it);
    if (it->q.key.n == 3 && memcmp(it->q.key.s, "key", 3) == 0) {
      rj_ck_say(f->message,
                "key: the APIv2 key signs the fields; it is never sent");
      rj_ck_say(f->fix, "remove it, and treat that key as leaked: reset it");
    } else if (near && near->src == SUB_MCHID) {
      rj_ck_say(f->message,
                "%s: not a key of this jump; WeChat Pay's APIv3 payment "
                "APIs say sub_mchid, this jump says sub_mch_id",
                name);
      rj_ck_say(f->fix, "rename it to sub_mch_id");
    } else if (near) {
      rj_ck_say(f->message,
                "%s: not a key of this jump (keys are case-sensitive)", name);
      rj_ck_say(f->fix, "rename it to %s", near->name.s);
    } else {
      rj_ck_say(f->message, "%s: not a key of this jump", name);
      rj_ck_say(f->fix, "remove it: the %s variant sends only its own keys",
                c->v->name);
    }
    return;
  }
  if (c->first[any->src] != ordinal) {
    f = rj_ck_at_key(c, REPAYJUMP_CHECK_KEY_DUPLICATE, rj_ck_field_of(any->src),
                     it);
    /* The first one is a key of the jump too: printable, as written. */
    rj_ck_say(f->message, "%s: given again; %.*s was given before", name,
              (int)c->first_item[any->src].q.key.n,
              c->first_item[any->src].q.key.s);
    rj_ck_say(f->fix, "keep one of them");
    return;
  }
  if (!key) {
    if (!rj_ck_has_src(c->v, any->src)) {
      f = rj_ck_at_key(c, REPAYJUMP_CHECK_KEY_NOT_ALLOWED,
                       rj_ck_field_of(any->src), it);
      rj_ck_say(f->message, "%s: not used by the %s variant", name, c->v->name);
      rj_ck_say(f->fix, "remove it, or check against the variant that uses it");
      return;
    }
    key = any; /* the same field in the other API version */
    f = rj_ck_at_key(c, REPAYJUMP_CHECK_KEY_VERSION, rj_ck_field_of(any->src),
                     it);
    {
      size_t i;
      for (i = 0; c->v->keys[i].src != any->src; i++)
        ;
      rj_ck_say(f->message, "%s: APIv%c's spelling; the %s variant's key is %s",
                name, c->res->variant >= REPAYJUMP_V2_MERCHANT ? '3' : '2',
                c->v->name, c->v->keys[i].name.s);
      rj_ck_say(f->fix, "rename it to %s", c->v->keys[i].name.s);
    }
  }
  /* At the key: before the value's findings, in input order. */
  if (key->src == SUB_OPENID && !(c->covered & BIT(SUB_APPID))) {
    f = rj_ck_at_key(c, REPAYJUMP_CHECK_PARTNER_CONFLICT, SUB_OPENID, it);
    rj_ck_say(f->message,
              "sub_openid: given without sub_appid, the AppID it belongs "
              "to");
    rj_ck_say(f->fix, "add sub_appid, or send the user's openid under appid "
                      "instead");
  }
  rj_ck_check_value(c, it, key->src, name);
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
      f = rj_ck_at_end(c, REPAYJUMP_CHECK_FIELD_MISSING, rj_ck_field_of(src));
      rj_ck_say(f->message, "%s: required by the %s variant", name, v->name);
      rj_ck_say(f->fix, "add %s", name);
    } else if (src == SIGN && (c->covered & BIT(SIGN_TYPE))) {
      f = rj_ck_at_end(c, REPAYJUMP_CHECK_SIGN_MISSING, rj_ck_field_of(SIGN));
      rj_ck_say(f->message,
                "sign: an APIv2 input (sign_type is given) without sign");
      rj_ck_say(f->fix,
                "add sign, the HMAC-SHA256 signature of the other fields");
    } else if (src == SIGN || src == SIGN_TYPE) {
      /* An APIv2 variant: sign_type was given, inferred from sign, or
       * neither was given and the variant is explicit. */
      f = rj_ck_at_end(c,
                       src == SIGN ? REPAYJUMP_CHECK_SIGN_MISSING
                                   : REPAYJUMP_CHECK_FIELD_MISSING,
                       rj_ck_field_of(src));
      rj_ck_say(f->message, "%s: required by the %s variant", name, v->name);
      rj_ck_say(f->fix, src == SIGN
                            ? "add sign, the HMAC-SHA256 signature of the "
                              "other fields"
                            : "add sign_type=HMAC-SHA256");
    }
  }
  if (!(c->covered & v->openids) && !(c->flags & REPAYJUMP_ALLOW_NO_OPENID)) {
    int partner = (v->openids & BIT(SUB_OPENID)) != 0;
    f = rj_ck_at_end(c, REPAYJUMP_CHECK_FIELD_MISSING, REPAYJUMP_FIELD_OPENID);
    rj_ck_say(f->message,
              partner ? "openid: the %s variant needs openid or sub_openid"
                      : "openid: required by the %s variant",
              v->name);
    rj_ck_say(f->fix, "add openid, the user's openid under appid");
  }
}

/* ---- the checker ---- */

int rj_ck_options_ok(const repayjump_check_options *opt) {
  return !opt ||
         ((opt->variant == REPAYJUMP_VARIANT_AUTO ||
           (opt->variant >= 0 && opt->variant < REPAYJUMP_VARIANT_COUNT)) &&
          !(opt->flags & ~KNOWN_FLAGS));
}

void rj_ck_start(ctx *c, const repayjump_check_options *opt,
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
  s->reporting = 1;
  ordinal = 0;
  while ((kind = source_next(s, &it)) != RJ_QUERY_END) {
    if (kind == RJ_QUERY_PAIR) {
      check_pair(c, &it, ordinal++);
    } else if (kind == SRC_OTHER) {
      s->other(c, it.pair, s->other_arg);
    } else {
      repayjump_finding *f = rj_ck_add(c, REPAYJUMP_CHECK_QUERY_EMPTY_PAIR, 0,
                                       NULL, it.q.key_off, 1, 0);
      rj_ck_say(f->message,
                "an empty pair: '&&', or a leading or trailing '&'");
      rj_ck_say(f->fix, "remove the extra '&'");
    }
  }
  check_absent(c);
}

static int is_space(char ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }

void rj_ck_text(ctx *c, const repayjump_check_options *opt, const char *text,
                size_t len) {
  static const rj_str page = RJ_STR(REPAYJUMP_TARGET_PATH);
  repayjump_check_result *result = c->res;
  source s = {0};
  repayjump_finding *f;
  size_t i, page_end, slash;
  int what;
  c->end = len;
  for (i = 0; i < len && is_space(text[i]); i++)
    ;
  if (i == len) {
    f = rj_ck_add(c, REPAYJUMP_CHECK_INPUT_EMPTY, 0, NULL, 0, len, 0);
    rj_ck_say(f->message, "nothing to check: the input is empty");
    rj_ck_say(f->fix, "give the App path or the query string the App sends");
    return;
  }
  what = rj_text_kind(text, len, &page_end);
  s.text = text;
  s.end = len;
  if (what == RJ_TEXT_QUERY) {
    result->kind = REPAYJUMP_KIND_QUERY;
    check_source(c, opt, &s);
    return;
  }
  if (what == RJ_TEXT_NEITHER) {
    f = rj_ck_add(c, REPAYJUMP_CHECK_INPUT_UNRECOGNIZED, 0, NULL, 0, len, 0);
    rj_ck_say(f->message,
              "neither an App path (pages/invest_list/invest_list?...) nor "
              "a query (appid=...&mchid=...)");
    rj_ck_say(f->fix,
              "give the App path or the query; give a JSON or JavaScript "
              "object's fields as pairs");
    return;
  }
  result->kind = REPAYJUMP_KIND_APP_PATH;
  slash = text[0] == '/';
  if (slash) {
    f = rj_ck_add(c, REPAYJUMP_CHECK_PATH_LEADING_SLASH, 0, NULL, 0, 1, 0);
    rj_ck_say(f->message, "the page starts with '/'");
    rj_ck_say(f->fix, "remove the leading '/': the page is %s", page.s);
  }
  if (page_end - slash != page.n || memcmp(text + slash, page.s, page.n) != 0) {
    char buf[48];
    f = rj_ck_add(c, REPAYJUMP_CHECK_PATH_PAGE, 0, NULL, slash,
                  page_end - slash, 0);
    rj_ck_say(f->message, "the page is \"%s\", not %s",
              rj_ck_show(text + slash, page_end - slash, buf), page.s);
    rj_ck_say(f->fix, "send the page %s", page.s);
  }
  if (page_end == len) { /* no '?' */
    result->variant = opt && opt->variant != REPAYJUMP_VARIANT_AUTO
                          ? opt->variant
                          : REPAYJUMP_V3_MERCHANT;
    f = rj_ck_add(c, REPAYJUMP_CHECK_PATH_NO_QUERY, 0, NULL, len, 0, 0);
    rj_ck_say(f->message, "the path has no '?' and so no fields");
    rj_ck_say(f->fix, "append ?appid=...&mchid=...&nonce_str=...&openid=...");
    return;
  }
  s.start = page_end + 1;
  check_source(c, opt, &s);
}

int repayjump_check_text(const repayjump_check_options *opt, const char *text,
                         size_t len, repayjump_finding *findings, size_t cap,
                         repayjump_check_result *result) {
  ctx c;
  if (!result || (!text && len) || (!findings && cap) || !rj_ck_options_ok(opt))
    return REPAYJUMP_E_ARG;
  rj_ck_start(&c, opt, findings, cap, result);
  rj_ck_text(&c, opt, text, len);
  return REPAYJUMP_OK;
}

void rj_ck_pairs(ctx *c, const repayjump_check_options *opt,
                 const repayjump_pair *pairs, size_t count, const char *prefix,
                 void (*other)(ctx *c, size_t pair, void *arg), void *arg) {
  source s = {0};
  c->end = NONE;
  s.pairs = pairs;
  s.count = count;
  s.prefix = prefix;
  s.prefix_len = prefix ? strlen(prefix) : 0;
  s.other = other;
  s.other_arg = arg;
  check_source(c, opt, &s);
}
