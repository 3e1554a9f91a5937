/* The four published variants of the jump: which fields each uses and the
 * keys it emits, in output order (API.md, "Variants"). */
#include "internal.h"

#define KEY(lit, src)                                                          \
  {                                                                            \
    RJ_STR(lit), RJ_PIECE("\",\"" lit "\":\""), RJ_PIECE("&" lit "="), (src)    \
  }

enum {
  APPID = REPAYJUMP_FIELD_APPID,
  MCHID = REPAYJUMP_FIELD_MCHID,
  NONCE = REPAYJUMP_FIELD_NONCE_STR,
  OPENID = REPAYJUMP_FIELD_OPENID,
  SUB_APPID = REPAYJUMP_FIELD_SUB_APPID,
  SUB_MCHID = REPAYJUMP_FIELD_SUB_MCHID,
  SUB_OPENID = REPAYJUMP_FIELD_SUB_OPENID,
  API_KEY = REPAYJUMP_FIELD_API_KEY
};

/* nonce_str is RJ_REQUIRED everywhere; validate lets it be absent for
 * compose, which generates it. */
const rj_variant rj_variants[REPAYJUMP_VARIANT_COUNT] = {
    [REPAYJUMP_V3_MERCHANT] = {"APIv3 merchant",
                               {[APPID] = RJ_REQUIRED,
                                [MCHID] = RJ_REQUIRED,
                                [NONCE] = RJ_REQUIRED,
                                [OPENID] = RJ_OPENID},
                               4,
                               {KEY("appid", APPID), KEY("mchid", MCHID),
                                KEY("nonce_str", NONCE),
                                KEY("openid", OPENID)}},
    [REPAYJUMP_V3_PARTNER] = {"APIv3 partner",
                              {[APPID] = RJ_REQUIRED,
                               [MCHID] = RJ_REQUIRED,
                               [NONCE] = RJ_REQUIRED,
                               [OPENID] = RJ_OPENID,
                               [SUB_APPID] = RJ_OPTIONAL,
                               [SUB_MCHID] = RJ_REQUIRED,
                               [SUB_OPENID] = RJ_OPENID},
                              7,
                              {KEY("appid", APPID), KEY("sub_appid", SUB_APPID),
                               KEY("mchid", MCHID),
                               KEY("sub_mch_id", SUB_MCHID),
                               KEY("nonce_str", NONCE), KEY("openid", OPENID),
                               KEY("sub_openid", SUB_OPENID)}},
    [REPAYJUMP_V2_MERCHANT] = {"APIv2 merchant",
                               {[APPID] = RJ_REQUIRED,
                                [MCHID] = RJ_REQUIRED,
                                [NONCE] = RJ_REQUIRED,
                                [OPENID] = RJ_OPENID,
                                [API_KEY] = RJ_REQUIRED},
                               6,
                               {KEY("appid", APPID), KEY("mch_id", MCHID),
                                KEY("nonce_str", NONCE), KEY("openid", OPENID),
                                KEY("sign_type", RJ_SRC_SIGN_TYPE),
                                KEY("sign", RJ_SRC_SIGN)}},
    [REPAYJUMP_V2_PARTNER] = {"APIv2 partner",
                              {[APPID] = RJ_REQUIRED,
                               [MCHID] = RJ_REQUIRED,
                               [NONCE] = RJ_REQUIRED,
                               [OPENID] = RJ_OPENID,
                               [SUB_APPID] = RJ_OPTIONAL,
                               [SUB_MCHID] = RJ_REQUIRED,
                               [SUB_OPENID] = RJ_OPENID,
                               [API_KEY] = RJ_REQUIRED},
                              9,
                              {KEY("appid", APPID), KEY("sub_appid", SUB_APPID),
                               KEY("mch_id", MCHID),
                               KEY("sub_mch_id", SUB_MCHID),
                               KEY("nonce_str", NONCE), KEY("openid", OPENID),
                               KEY("sub_openid", SUB_OPENID),
                               KEY("sign_type", RJ_SRC_SIGN_TYPE),
                               KEY("sign", RJ_SRC_SIGN)}},
};
