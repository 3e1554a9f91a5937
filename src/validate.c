/* Validation of a whole repayjump_params against its variant's row. */
#include <stddef.h>
#include <string.h>

#include "internal.h"

#define KNOWN_FLAGS (REPAYJUMP_ALLOW_NO_OPENID | REPAYJUMP_RELAXED)

/* The params members in repayjump_field order. */
static const size_t member[REPAYJUMP_FIELD_COUNT] = {
    [REPAYJUMP_FIELD_APPID] = offsetof(repayjump_params, appid),
    [REPAYJUMP_FIELD_MCHID] = offsetof(repayjump_params, mchid),
    [REPAYJUMP_FIELD_NONCE_STR] = offsetof(repayjump_params, nonce_str),
    [REPAYJUMP_FIELD_OPENID] = offsetof(repayjump_params, openid),
    [REPAYJUMP_FIELD_SUB_APPID] = offsetof(repayjump_params, sub_appid),
    [REPAYJUMP_FIELD_SUB_MCHID] = offsetof(repayjump_params, sub_mchid),
    [REPAYJUMP_FIELD_SUB_OPENID] = offsetof(repayjump_params, sub_openid),
    [REPAYJUMP_FIELD_API_KEY] = offsetof(repayjump_params, api_key),
};

static const char *member_value(const repayjump_params *p, int f) {
  const char *v;
  memcpy(&v, (const char *)p + member[f], sizeof v);
  return v && *v ? v : NULL;
}

int repayjump_validate(const repayjump_params *p, repayjump_error *err) {
  rj_fields fields;
  return rj_validate(p, 0, &fields, err);
}

int rj_validate(const repayjump_params *p, int nonce_required,
                rj_fields *fields, repayjump_error *err) {
  const rj_variant *v;
  int relaxed, f, rc, openids = 0;

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

  for (f = 1; f < REPAYJUMP_FIELD_COUNT; f++) {
    const char *value = member_value(p, f);
    int use = v->use[f];
    fields->val[f].s = NULL;
    fields->val[f].n = 0;
    if (!value) {
      if (use == RJ_REQUIRED &&
          (f != REPAYJUMP_FIELD_NONCE_STR || nonce_required))
        return rj_fail(err, REPAYJUMP_E_MISSING, f, 0,
                       "%s: required by the %s variant",
                       repayjump_field_name(f), v->name);
      continue;
    }
    if (use == RJ_UNUSED)
      return rj_fail(err, REPAYJUMP_E_NOT_ALLOWED, f, 0,
                     "%s: not used by the %s variant; leave it absent",
                     repayjump_field_name(f), v->name);
    rc = rj_check_value(f, value, relaxed, &fields->val[f], err);
    if (rc)
      return rc;
    openids += use == RJ_OPENID;
  }

  if (!openids && !(p->flags & REPAYJUMP_ALLOW_NO_OPENID))
    return rj_fail(err, REPAYJUMP_E_MISSING, REPAYJUMP_FIELD_OPENID, 0,
                   v->use[REPAYJUMP_FIELD_SUB_OPENID]
                       ? "openid: the %s variant needs openid or sub_openid; "
                         "set REPAYJUMP_ALLOW_NO_OPENID to leave both out"
                       : "openid: required by the %s variant; set "
                         "REPAYJUMP_ALLOW_NO_OPENID to leave it out",
                   v->name);
  if (fields->val[REPAYJUMP_FIELD_SUB_OPENID].s &&
      !fields->val[REPAYJUMP_FIELD_SUB_APPID].s)
    return rj_fail(err, REPAYJUMP_E_CONFLICT, REPAYJUMP_FIELD_SUB_OPENID, 0,
                   "sub_openid: set without sub_appid, the AppID it belongs "
                   "to");
  return REPAYJUMP_OK;
}
