/* Values shared by the C tests: the document's reference case, extended
 * with partner ids and an APIv2 key. */
#ifndef REPAYJUMP_TEST_FIXTURES_H
#define REPAYJUMP_TEST_FIXTURES_H

#include <repayjump.h>

#define REF_APPID "wxcbda96de0b165486"
#define REF_MCHID "1900009231"
#define REF_NONCE "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
#define REF_OPENID "oUpF8uMEb4qRXf22hE3X68TekukE"
#define REF_SUB_APPID "wx8888888888888888"
#define REF_SUB_MCHID "1900000109"
#define REF_SUB_OPENID "oUpF8uN95-Ptaags6E_roPHg7AG0"
#define REF_API_KEY "7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ"

#define REF_APP_PATH                                                           \
  "pages/invest_list/invest_list?appid=" REF_APPID "&mchid=" REF_MCHID         \
  "&nonce_str=" REF_NONCE "&openid=" REF_OPENID

static const char *const variant_file[REPAYJUMP_VARIANT_COUNT] = {
    "v3_merchant", "v3_partner", "v2_merchant", "v2_partner"};

/* Every field the variant uses, set to a valid value. */
static inline repayjump_params fixture(int variant) {
  repayjump_params p = {0};
  p.variant = variant;
  p.appid = REF_APPID;
  p.mchid = REF_MCHID;
  p.nonce_str = REF_NONCE;
  p.openid = REF_OPENID;
  if (variant == REPAYJUMP_V3_PARTNER || variant == REPAYJUMP_V2_PARTNER) {
    p.sub_appid = REF_SUB_APPID;
    p.sub_mchid = REF_SUB_MCHID;
    p.sub_openid = REF_SUB_OPENID;
  }
  if (variant == REPAYJUMP_V2_MERCHANT || variant == REPAYJUMP_V2_PARTNER)
    p.api_key = REF_API_KEY;
  return p;
}

/* Point field f of p at value (the members are in field order). */
static inline void set_field(repayjump_params *p, int f, const char *value) {
  const char **slot[REPAYJUMP_FIELD_COUNT] = {
      NULL,          &p->appid,     &p->mchid,      &p->nonce_str, &p->openid,
      &p->sub_appid, &p->sub_mchid, &p->sub_openid, &p->api_key};
  *slot[f] = value;
}

#endif
