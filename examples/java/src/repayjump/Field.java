package repayjump;

/** The fields an error can name, in the order the library checks them. */
public enum Field {
  /** The error concerns no single field. */
  NONE(0),
  APPID(1),
  MCHID(2),
  NONCE_STR(3),
  OPENID(4),
  SUB_APPID(5),
  SUB_MCHID(6),
  SUB_OPENID(7),
  API_KEY(8),
  /** The status query's own ({@link StatusQuery}). */
  TRADE_SCENE(9),
  JUMP_SCENE(10),
  PLATE_NUMBER(11),
  /** A check finding's only ({@link Finding#field()}): keys of the jump that are not params. */
  SIGN_TYPE(64),
  SIGN(65),
  /** A field added to the library after this binding was written. */
  UNKNOWN(-1);

  private final int code;

  Field(int code) {
    this.code = code;
  }

  /** The field's name as the library writes it: "appid", "api_key", "none". */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The library's number (repayjump_field). */
  public int code() {
    return code;
  }

  /** The field with this number, or UNKNOWN. */
  public static Field of(int code) {
    for (Field field : values()) {
      if (field.code == code) {
        return field;
      }
    }
    return UNKNOWN;
  }
}
