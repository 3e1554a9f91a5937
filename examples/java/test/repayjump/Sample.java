package repayjump;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The document's example values, a sub-merchant, and the fields each variant must emit, in the
 * order of the contract's variant table (written out here, not taken from the library).
 */
final class Sample {
  static final String APPID = "wxcbda96de0b165486";
  static final String MCHID = "1900009231";
  static final String NONCE = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
  static final String OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE";
  static final String SUB_APPID = "wx8888888888888888";
  static final String SUB_MCHID = "1900000109";
  static final String SUB_OPENID = "oUpF8uN95-Ptaags6E_roPHg7AG0";
  static final String KEY = "7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ";

  static final String TARGET_APPID = "wx5e73c65404eee268";
  static final String TARGET_USERNAME = "gh_5e259b7a73b1";
  static final String TARGET_PATH = "pages/invest_list/invest_list";

  private Sample() {}

  static boolean isPartner(Variant variant) {
    return variant == Variant.V3_PARTNER || variant == Variant.V2_PARTNER;
  }

  static boolean isV2(Variant variant) {
    return variant == Variant.V2_MERCHANT || variant == Variant.V2_PARTNER;
  }

  /** Every field the variant takes, with the given nonce (null: none). */
  static Params.Builder builder(Variant variant, String nonce) {
    Params.Builder builder =
        Params.builder().variant(variant).appid(APPID).mchid(MCHID).nonceStr(nonce).openid(OPENID);
    if (isPartner(variant)) {
      builder.subAppid(SUB_APPID).subMchid(SUB_MCHID).subOpenid(SUB_OPENID);
    }
    if (isV2(variant)) {
      builder.apiKey(KEY.getBytes(StandardCharsets.US_ASCII));
    }
    return builder;
  }

  /** The fields the variant emits for builder(variant, nonce), in order, sign included. */
  static Map<String, String> expected(Variant variant, String nonce) {
    boolean partner = isPartner(variant);
    boolean v2 = isV2(variant);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("appid", APPID);
    if (partner) {
      fields.put("sub_appid", SUB_APPID);
    }
    fields.put(v2 ? "mch_id" : "mchid", MCHID);
    if (partner) {
      fields.put("sub_mch_id", SUB_MCHID);
    }
    fields.put("nonce_str", nonce);
    fields.put("openid", OPENID);
    if (partner) {
      fields.put("sub_openid", SUB_OPENID);
    }
    if (v2) {
      fields.put("sign_type", "HMAC-SHA256");
      fields.put("sign", V2Sign.of(fields, KEY.getBytes(StandardCharsets.US_ASCII)));
    }
    return fields;
  }
}
