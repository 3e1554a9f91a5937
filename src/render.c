/* The four output formats, as rows of one table, and the one loop that
 * writes any of them. */
#include <string.h>

#include "internal.h"

/* An output is prefix, then each pair as open key between value close,
 * separated by sep, then suffix. Keys and values are never escaped: keys
 * are the table's, and rules.c admits only [A-Za-z0-9_-] into emitted
 * values (sign_type is "HMAC-SHA256", sign is hex), bytes that are
 * literal in a JSON string and unreserved in a URL query. */
typedef struct rj_format {
  rj_str prefix, open, between, close, sep, suffix;
} rj_format;

#define JSON_PAIR RJ_STR("\""), RJ_STR("\":\""), RJ_STR("\"")
#define QUERY_PAIR RJ_STR(""), RJ_STR("="), RJ_STR("")

static const rj_format formats[REPAYJUMP_FORMAT_COUNT] = {
    [REPAYJUMP_EXTRA_DATA_JSON] = {RJ_STR("{"), JSON_PAIR, RJ_STR(","),
                                   RJ_STR("}")},
    [REPAYJUMP_NAVIGATE_JSON] = {RJ_STR("{\"appId\":\"" REPAYJUMP_TARGET_APPID
                                        "\",\"path\":\"" REPAYJUMP_TARGET_PATH
                                        "\",\"extraData\":{"),
                                 JSON_PAIR, RJ_STR(","),
                                 RJ_STR("},\"envVersion\":\"release\"}")},
    [REPAYJUMP_APP_PATH] = {RJ_STR(REPAYJUMP_TARGET_PATH "?"), QUERY_PAIR,
                            RJ_STR("&"), RJ_STR("")},
    [REPAYJUMP_APP_LAUNCH_JSON] =
        {RJ_STR("{\"userName\":\"" REPAYJUMP_TARGET_USERNAME
                "\",\"path\":\"" REPAYJUMP_TARGET_PATH "?"),
         QUERY_PAIR, RJ_STR("&"), RJ_STR("\",\"miniProgramType\":0}")},
};

static const rj_str sign_type = RJ_STR("HMAC-SHA256");

void rj_items_collect(int variant, const rj_fields *fields, rj_items *items) {
  const rj_variant *v = &rj_variants[variant];
  size_t k;
  items->count = 0;
  items->text_len = 0;
  items->sign[0] = '\0';
  for (k = 0; k < v->key_count; k++) {
    const rj_key *key = &v->keys[k];
    rj_item *it = &items->item[items->count];
    if (key->src == RJ_SRC_SIGN_TYPE) {
      it->val = sign_type;
    } else if (key->src == RJ_SRC_SIGN) {
      /* sign is last: it covers every pair collected before it. */
      const rj_str *api_key = &fields->val[REPAYJUMP_FIELD_API_KEY];
      rj_sign_pairs(items->item, items->count, api_key->s, api_key->n,
                    items->sign);
      it->val.s = items->sign;
      it->val.n = REPAYJUMP_SIGN_LEN;
    } else if (fields->val[key->src].s) {
      it->val = fields->val[key->src];
    } else {
      continue; /* absent optional fields are left out, never empty */
    }
    it->key = key->name;
    items->text_len += it->key.n + it->val.n;
    items->count++;
  }
}

static char *put(char *at, const rj_str *s) {
  memcpy(at, s->s, s->n);
  return at + s->n;
}

int rj_items_render(const rj_items *items, int format, char *out, size_t cap,
                    size_t *len, repayjump_error *err) {
  const rj_format *f = &formats[format];
  size_t per_pair = f->open.n + f->between.n + f->close.n;
  /* count >= 1: appid is required by every variant. */
  size_t need = f->prefix.n + items->text_len + items->count * per_pair +
                (items->count - 1) * f->sep.n + f->suffix.n;
  size_t i;
  char *at = out;

  if (len)
    *len = need;
  if (!out)
    return REPAYJUMP_OK; /* size query */
  if (cap <= need)
    return rj_fail(err, REPAYJUMP_E_BUFFER, 0, 0,
                   "out: the output needs %zu bytes and a NUL; cap is %zu",
                   need, cap);
  at = put(at, &f->prefix);
  for (i = 0; i < items->count; i++) {
    if (i)
      at = put(at, &f->sep);
    at = put(at, &f->open);
    at = put(at, &items->item[i].key);
    at = put(at, &f->between);
    at = put(at, &items->item[i].val);
    at = put(at, &f->close);
  }
  at = put(at, &f->suffix);
  *at = '\0';
  return REPAYJUMP_OK;
}

int repayjump_render(const repayjump_params *p, int format, char *out,
                     size_t cap, size_t *len, repayjump_error *err) {
  rj_fields fields;
  rj_items items;
  int rc;

  if (len)
    *len = 0;
  if (!out && cap)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0, "out: NULL with cap %zu", cap);
  if (format < 0 || format >= REPAYJUMP_FORMAT_COUNT)
    rc = rj_fail(err, REPAYJUMP_E_ARG, 0, 0,
                 "format: %d is not a format (0 to %d)", format,
                 REPAYJUMP_FORMAT_COUNT - 1);
  else
    rc = rj_validate(p, 1, &fields, err);
  if (rc == REPAYJUMP_OK) {
    rj_items_collect(p->variant, &fields, &items);
    rc = rj_items_render(&items, format, out, cap, len, err);
  }
  if (rc && out && cap)
    out[0] = '\0'; /* what every failure leaves */
  return rc;
}
