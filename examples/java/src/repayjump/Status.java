package repayjump;

/** The library's failure statuses; numbers are stable and never reused. */
public enum Status {
  /** NULL pointer, unknown variant, format or flag bit, bad length. */
  E_ARG(-1),
  /** Output buffer too small (the binding's buffers always suffice). */
  E_BUFFER(-2),
  /** Randomness unavailable. */
  E_RNG(-3),
  /** A required field is absent. */
  E_MISSING(-4),
  /** A value is longer than its rule allows. */
  E_TOO_LONG(-5),
  /** A byte outside the field's alphabet. */
  E_CHARSET(-6),
  /** Right alphabet, wrong shape. */
  E_FORMAT(-7),
  /** A field this variant does not use is set. */
  E_NOT_ALLOWED(-8),
  /** Fields inconsistent: sub_openid without sub_appid. */
  E_CONFLICT(-9),
  /** A WeChat Pay answer over 16 KiB (the answer's checks follow, in the order they run). */
  E_TOO_LARGE(-10),
  /** An answer that is not flat XML: a DOCTYPE, an entity, a comment, an attribute, nesting... */
  E_XML(-11),
  /** An answer with an element twice. */
  E_DUPLICATE(-12),
  /** return_code is not SUCCESS (unsigned): {@link RepayJumpException#returnMsg()}. */
  E_RETURN_FAIL(-13),
  /** The answer's sign is missing, or not its HMAC with the key. */
  E_SIGNATURE(-14),
  /** The answer's appid, mch_id or sub_mch_id is not what was asked. */
  E_ECHO(-15),
  /** result_code is not SUCCESS (signed): {@link RepayJumpException#errCode()}. */
  E_RESULT_FAIL(-16),
  /** A trusted answer without user_state. */
  E_NO_STATE(-17),
  /** A status added to the library after this binding was written. */
  UNKNOWN(Integer.MIN_VALUE);

  private final int code;

  Status(int code) {
    this.code = code;
  }

  /** The library's number, e.g. -4 for E_MISSING. */
  public int code() {
    return code;
  }

  /** The status with this number, or UNKNOWN. */
  public static Status of(int code) {
    for (Status status : values()) {
      if (status.code == code) {
        return status;
      }
    }
    return UNKNOWN;
  }
}
