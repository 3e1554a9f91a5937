/* Validation of a whole repayjump_params against its variant's row: each
 * value is checked 16 bytes at a time (check.h), and only a value that
 * fails is walked byte by byte (rules.c) to report where and why; tests
 * prove the two agree on every byte at every offset. */
#include <stddef.h>

#include "check.h"

#define KNOWN_FLAGS (REPAYJUMP_ALLOW_NO_OPENID | REPAYJUMP_RELAXED)
#define FIELDS (REPAYJUMP_FIELD_COUNT - 1) /* those of repayjump_params */

/* The params' members from appid to api_key are FIELDS pointers in field
 * order, read as one array. */
_Static_assert(offsetof(repayjump_params, api_key) -
                       offsetof(repayjump_params, appid) ==
                   (FIELDS - 1) * sizeof(const char *),
               "repayjump_params holds the fields in field order");

int repayjump_validate(const repayjump_params *p, repayjump_error *err) {
  rj_fields fields;
  return rj_validate(p, 0, &fields, err);
}

/* sub_openid belongs to sub_appid. */
static int check_sub_openid(const rj_fields *fields, repayjump_error *err) {
  if (fields->val[REPAYJUMP_FIELD_SUB_OPENID].s &&
      !fields->val[REPAYJUMP_FIELD_SUB_APPID].s)
    return rj_fail(err, REPAYJUMP_E_CONFLICT, REPAYJUMP_FIELD_SUB_OPENID, 0,
                   "sub_openid: set without sub_appid, the AppID it belongs "
                   "to");
  return REPAYJUMP_OK;
}

/* A jump names its user: openid, or a partner's sub_openid, unless
 * REPAYJUMP_ALLOW_NO_OPENID. */
static int check_openids(const repayjump_params *p, const rj_variant *v,
                         const rj_fields *fields, repayjump_error *err) {
  if (!fields->val[REPAYJUMP_FIELD_OPENID].s &&
      !fields->val[REPAYJUMP_FIELD_SUB_OPENID].s &&
      !(p->flags & REPAYJUMP_ALLOW_NO_OPENID))
    return rj_fail(err, REPAYJUMP_E_MISSING, REPAYJUMP_FIELD_OPENID, 0,
                   v->openids & RJ_BIT(REPAYJUMP_FIELD_SUB_OPENID)
                       ? "openid: the %s variant needs openid or sub_openid; "
                         "set REPAYJUMP_ALLOW_NO_OPENID to leave both out"
                       : "openid: required by the %s variant; set "
                         "REPAYJUMP_ALLOW_NO_OPENID to leave it out",
                   v->name);
  return check_sub_openid(fields, err);
}

int rj_validate(const repayjump_params *p, unsigned mode, rj_fields *fields,
                repayjump_error *err) {
  const char *values[REPAYJUMP_FIELD_COUNT];
  const rj_variant *v;
  unsigned required, allowed;
  int f, relaxed;

  memset(fields, 0, sizeof *fields);
  if (!p)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0, "params: NULL pointer");
  if (p->variant < 0 || p->variant >= REPAYJUMP_VARIANT_COUNT)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0,
                   "variant: %d is not a variant (0 to %d)", p->variant,
                   REPAYJUMP_VARIANT_COUNT - 1);
  if (p->flags & ~KNOWN_FLAGS)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0, "flags: unknown bits 0x%x",
                   p->flags & ~KNOWN_FLAGS);
  v = &rj_variants[p->variant];
  relaxed = (p->flags & REPAYJUMP_RELAXED) != 0;
  required = v->required;
  if (!(mode & RJ_NEED_NONCE))
    required &= ~RJ_BIT(REPAYJUMP_FIELD_NONCE_STR);
  allowed = v->required | v->optional | v->openids;
  if (mode & RJ_STATUS_IDENTITY) {
    required |= RJ_BIT(REPAYJUMP_FIELD_API_KEY);
    allowed |= RJ_BIT(REPAYJUMP_FIELD_API_KEY);
  }
  memcpy(&values[1], &p->appid, FIELDS * sizeof(const char *));

  /* In field order: the first failing field is the one reported. */
  for (f = 1; f <= FIELDS; f++) {
    rj_str *out = &fields->val[f];
    if (!values[f] || !*values[f]) { /* NULL and "" are both absent */
      if (f == REPAYJUMP_FIELD_API_KEY && (mode & RJ_STATUS_IDENTITY))
        return rj_fail(err, REPAYJUMP_E_MISSING, f, 0,
                       "api_key: the status query is signed with the APIv2 "
                       "key in every variant");
      if (required & RJ_BIT(f))
        return rj_fail(err, REPAYJUMP_E_MISSING, f, 0,
                       "%s: required by the %s variant",
                       repayjump_field_name(f), v->name);
      continue;
    }
    if (!(allowed & RJ_BIT(f)))
      return rj_fail(err, REPAYJUMP_E_NOT_ALLOWED, f, 0,
                     "%s: not used by the %s variant; leave it absent",
                     repayjump_field_name(f), v->name);
    /* Never more than max_len + 1 bytes are read: enough to know a value
     * is too long, and every byte a message may name. */
    out->n = strnlen(values[f], (size_t)rj_rules[f][relaxed]->max_len + 1);
    if (!rj_value_ok(rj_rules[f][relaxed], values[f], out->n))
      return rj_explain(f, repayjump_field_name(f), values[f], out->n, relaxed,
                        err); /* where and why */
    out->s = values[f];
  }

  /* The status query may name its user by plate instead (status.c). */
  return mode & RJ_STATUS_IDENTITY ? check_sub_openid(fields, err)
                                   : check_openids(p, v, fields, err);
}
