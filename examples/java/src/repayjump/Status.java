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
