/* The four published variants of the jump: which fields each uses and the
 * keys it emits, in output order (API.md, "Variants"). */
#include "internal.h"

/* A key and its lead-ins. Each lead-in is written by one 16-byte move
 * (render.c): a key too long for that is a compile error, not an output
 * cut short. */
#define KEY(lit, src)                                                          \
  {                                                                            \
    RJ_STR(lit), RJ_PIECE("\",\"" lit "\":\""), RJ_PIECE("&" lit "="),         \
        (uint8_t)((src) + RJ_ASSERT_ZERO(sizeof("\",\"" lit "\":\"") - 1 <=    \
                                         RJ_PIECE_MAX))                        \
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

#define B(f) RJ_BIT(f)

/* Each row: name; required, optional and openid fields; keys. nonce_str
 * is required everywhere; validate lets it be absent for
 * compose, which generates it. */
const rj_variant rj_variants[REPAYJUMP_VARIANT_COUNT] = {
    [REPAYJUMP_V3_MERCHANT] = {"APIv3 merchant",
                               B(APPID) | B(MCHID) | B(NONCE),
                               0,
                               B(OPENID),
                               4,
                               {KEY("appid", APPID), KEY("mchid", MCHID),
                                KEY("nonce_str", NONCE),
                                KEY("openid", OPENID)}},
    [REPAYJUMP_V3_PARTNER] = {"APIv3 partner",
                              B(APPID) | B(MCHID) | B(NONCE) | B(SUB_MCHID),
                              B(SUB_APPID),
                              B(OPENID) | B(SUB_OPENID),
                              7,
                              {KEY("appid", APPID), KEY("sub_appid", SUB_APPID),
                               KEY("mchid", MCHID),
                               KEY("sub_mch_id", SUB_MCHID),
                               KEY("nonce_str", NONCE), KEY("openid", OPENID),
                               KEY("sub_openid", SUB_OPENID)}},
    [REPAYJUMP_V2_MERCHANT] = {"APIv2 merchant",
                               B(APPID) | B(MCHID) | B(NONCE) | B(API_KEY),
                               0,
                               B(OPENID),
                               6,
                               {KEY("appid", APPID), KEY("mch_id", MCHID),
                                KEY("nonce_str", NONCE), KEY("openid", OPENID),
                                KEY("sign_type", RJ_SRC_SIGN_TYPE),
                                KEY("sign", RJ_SRC_SIGN)}},
    [REPAYJUMP_V2_PARTNER] =
        {"APIv2 partner",
         B(APPID) | B(MCHID) | B(NONCE) | B(SUB_MCHID) | B(API_KEY),
         B(SUB_APPID),
         B(OPENID) | B(SUB_OPENID),
         9,
         {KEY("appid", APPID), KEY("sub_appid", SUB_APPID),
          KEY("mch_id", MCHID), KEY("sub_mch_id", SUB_MCHID),
          KEY("nonce_str", NONCE), KEY("openid", OPENID),
          KEY("sub_openid", SUB_OPENID), KEY("sign_type", RJ_SRC_SIGN_TYPE),
          KEY("sign", RJ_SRC_SIGN)}},
};
