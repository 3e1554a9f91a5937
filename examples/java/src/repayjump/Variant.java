package repayjump;

/** The four published versions of the jump; each emits its own fields. */
public enum Variant {
  /** APIv3 merchant: appid, mchid, nonce_str, openid. */
  V3_MERCHANT(0),
  /** APIv3 service provider: adds sub_appid, sub_mch_id, sub_openid. */
  V3_PARTNER(1),
  /** APIv2 merchant: mch_id, plus sign_type and sign; needs an api key. */
  V2_MERCHANT(2),
  /** APIv2 service provider: both of the above. */
  V2_PARTNER(3);

  private final int code;

  Variant(int code) {
    this.code = code;
  }

  /** The library's number for this variant (repayjump_variant). */
  public int code() {
    return code;
  }
}
