/* The contract of API.md as a reference model: which fields each variant
 * uses and emits, the value rules, and the order of the checks. Written
 * from the document, not from src/, so that the two can disagree. */
#include <string.h>

#include "fuzz.h"

enum use { UNUSED, REQUIRED, OPTIONAL, OPENID /* at least one of these */ };

enum {
  APPID = REPAYJUMP_FIELD_APPID,
  MCHID = REPAYJUMP_FIELD_MCHID,
  NONCE = REPAYJUMP_FIELD_NONCE_STR,
  OPEN = REPAYJUMP_FIELD_OPENID,
  SUB_APPID = REPAYJUMP_FIELD_SUB_APPID,
  SUB_MCHID = REPAYJUMP_FIELD_SUB_MCHID,
  SUB_OPEN = REPAYJUMP_FIELD_SUB_OPENID,
  KEY = REPAYJUMP_FIELD_API_KEY,
  SIGN_TYPE = 100, /* emitted keys that come from no field */
  SIGN
};

static const unsigned char
    uses[REPAYJUMP_VARIANT_COUNT][REPAYJUMP_FIELD_COUNT] = {
        /* none, appid, mchid, nonce, openid, sub_appid, sub_mchid, sub_openid,
           api_key */
        {0, REQUIRED, REQUIRED, REQUIRED, OPENID, UNUSED, UNUSED, UNUSED,
         UNUSED},
        {0, REQUIRED, REQUIRED, REQUIRED, OPENID, OPTIONAL, REQUIRED, OPENID,
         UNUSED},
        {0, REQUIRED, REQUIRED, REQUIRED, OPENID, UNUSED, UNUSED, UNUSED,
         REQUIRED},
        {0, REQUIRED, REQUIRED, REQUIRED, OPENID, OPTIONAL, REQUIRED, OPENID,
         REQUIRED},
};

typedef struct emitted {
  const char *key;
  int from;
} emitted;

static const emitted keys[REPAYJUMP_VARIANT_COUNT][FZ_PAIRS_MAX + 1] = {
    {{"appid", APPID},
     {"mchid", MCHID},
     {"nonce_str", NONCE},
     {"openid", OPEN}},
    {{"appid", APPID},
     {"sub_appid", SUB_APPID},
     {"mchid", MCHID},
     {"sub_mch_id", SUB_MCHID},
     {"nonce_str", NONCE},
     {"openid", OPEN},
     {"sub_openid", SUB_OPEN}},
    {{"appid", APPID},
     {"mch_id", MCHID},
     {"nonce_str", NONCE},
     {"openid", OPEN},
     {"sign_type", SIGN_TYPE},
     {"sign", SIGN}},
    {{"appid", APPID},
     {"sub_appid", SUB_APPID},
     {"mch_id", MCHID},
     {"sub_mch_id", SUB_MCHID},
     {"nonce_str", NONCE},
     {"openid", OPEN},
     {"sub_openid", SUB_OPEN},
     {"sign_type", SIGN_TYPE},
     {"sign", SIGN}},
};

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
static int is_id(int c) { return is_alnum(c) || c == '_' || c == '-'; }
static int is_graph(int c) { return c > ' ' && c < 0x7f; }
static int is_hex_lower(int c) { return is_digit(c) || (c >= 'a' && c <= 'f'); }

enum shape { ANY, WX_APPID, EXACTLY_32 };
typedef struct rule {
  int (*allowed)(int c);
  size_t max;
  enum shape shape;
} rule;

/* The table "Value rules" of API.md. */
static rule rule_for(int f, int relaxed) {
  rule r = {is_id, 32, ANY};
  switch (f) {
  case APPID:
  case SUB_APPID:
    if (!relaxed)
      r.shape = WX_APPID;
    break;
  case MCHID:
  case SUB_MCHID:
    if (!relaxed)
      r.allowed = is_digit;
    break;
  case NONCE:
    r.allowed = is_alnum;
    break;
  case KEY:
    if (relaxed)
      r.allowed = is_graph, r.max = 128;
    else
      r.allowed = is_alnum, r.shape = EXACTLY_32;
    break;
  default: /* the openids */
    break;
  }
  return r;
}

static fz_expect fail(int status, int field, size_t offset) {
  fz_expect e = {status, field, offset};
  return e;
}

fz_expect fz_expect_status(int status) { return fail(status, 0, 0); }

/* API.md, "Which failure a value reports": the first byte outside the
 * alphabet among the first max + 1, then the length, then the shape; the
 * offset of the first failure. */
static fz_expect check_value(int f, const char *v, int relaxed) {
  rule r = rule_for(f, relaxed);
  size_t len = strlen(v), i;
  for (i = 0; i < len && i <= r.max; i++)
    if (!r.allowed((unsigned char)v[i]))
      return fail(REPAYJUMP_E_CHARSET, f, i);
  if (len > r.max)
    return fail(REPAYJUMP_E_TOO_LONG, f, r.max);
  if (r.shape == WX_APPID) {
    for (i = 0; i < 18; i++) {
      int c = (unsigned char)v[i];
      if (i >= len)
        return fail(REPAYJUMP_E_FORMAT, f, len);
      if (i < 2 ? c != "wx"[i] : !is_hex_lower(c))
        return fail(REPAYJUMP_E_FORMAT, f, i);
    }
    if (len > 18)
      return fail(REPAYJUMP_E_FORMAT, f, 18);
  }
  if (r.shape == EXACTLY_32 && len != 32)
    return fail(REPAYJUMP_E_FORMAT, f, len);
  return fail(REPAYJUMP_OK, 0, 0);
}

static int present(const char *v) { return v && *v; }

fz_expect fz_reference_validate(const repayjump_params *p, int nonce_required) {
  int f, relaxed, openids = 0;
  if (!p || p->variant < 0 || p->variant >= REPAYJUMP_VARIANT_COUNT ||
      (p->flags & ~(unsigned)(REPAYJUMP_ALLOW_NO_OPENID | REPAYJUMP_RELAXED)))
    return fail(REPAYJUMP_E_ARG, 0, 0);
  relaxed = (p->flags & REPAYJUMP_RELAXED) != 0;
  for (f = 1; f < REPAYJUMP_FIELD_COUNT; f++) {
    const char *v = fz_field(p, f);
    int use = uses[p->variant][f];
    fz_expect e;
    if (!present(v)) {
      if (use == REQUIRED && (f != NONCE || nonce_required))
        return fail(REPAYJUMP_E_MISSING, f, 0);
      continue;
    }
    if (use == UNUSED)
      return fail(REPAYJUMP_E_NOT_ALLOWED, f, 0);
    e = check_value(f, v, relaxed);
    if (e.status)
      return e;
    openids += use == OPENID;
  }
  if (!openids && !(p->flags & REPAYJUMP_ALLOW_NO_OPENID))
    return fail(REPAYJUMP_E_MISSING, OPEN, 0);
  if (present(p->sub_openid) && !present(p->sub_appid))
    return fail(REPAYJUMP_E_CONFLICT, SUB_OPEN, 0);
  return fail(REPAYJUMP_OK, 0, 0);
}

void fz_expected_pairs(const repayjump_params *p, const char *nonce,
                       fz_pairs *out) {
  const emitted *k;
  out->count = 0;
  out->sign[0] = '\0';
  for (k = keys[p->variant]; k->key; k++) {
    const char *v;
    if (k->from == SIGN_TYPE) {
      v = "HMAC-SHA256";
    } else if (k->from == SIGN) {
      fz_reference_sign(out->pair, out->count, p->api_key, out->sign);
      v = out->sign;
    } else {
      v = k->from == NONCE ? nonce : fz_field(p, k->from);
      if (!present(v))
        continue; /* absent optional fields are left out */
    }
    out->pair[out->count].key = k->key;
    out->pair[out->count].val = v;
    out->count++;
  }
}
