package repayjump;

import java.nio.charset.StandardCharsets;

/**
 * What the status query asks besides the merchant's identity: immutable, safe to share. Null and
 * "" both mean absent. Strict rules: tradeScene one of PARKING, PARKING SPACE, GAS, HIGHWAY,
 * BRIDGE; jumpScene APP or H5 (absent: a mini program); plateNumber a province's abbreviation then
 * 6 or 7 of [A-Z0-9] ({@code 粤B888888}). {@link Flag#RELAXED} loosens each.
 */
public final class StatusQuery {
  // Slots in the order of repayjump_status_query (ABI), numbered like repayjump_field - 9.
  static final int SLOTS = 3;
  private static final Field[] FIELDS = {Field.TRADE_SCENE, Field.JUMP_SCENE, Field.PLATE_NUMBER};

  private final String[] texts;
  private final byte[][] values; // UTF-8 bytes, null when absent

  private StatusQuery(String[] texts) {
    this.texts = texts.clone();
    values = new byte[SLOTS][];
    for (int slot = 0; slot < SLOTS; slot++) {
      String text = this.texts[slot];
      if (text != null && !text.isEmpty()) {
        values[slot] = text.getBytes(StandardCharsets.UTF_8);
        Params.refuseNul(FIELDS[slot], values[slot]);
      }
    }
  }

  /** A builder with every field absent. */
  public static Builder builder() {
    return new Builder();
  }

  public String tradeScene() {
    return texts[0];
  }

  public String jumpScene() {
    return texts[1];
  }

  public String plateNumber() {
    return texts[2];
  }

  /** The UTF-8 values in slot order, for one native call; the array is not copied. */
  byte[][] values() {
    return values;
  }

  @Override
  public String toString() {
    return "StatusQuery{tradeScene="
        + texts[0]
        + ", jumpScene="
        + texts[1]
        + ", plateNumber="
        + texts[2]
        + '}';
  }

  /** Collects the fields; {@link #build()} checks for NUL bytes, the library checks the rest. */
  public static final class Builder {
    private final String[] texts = new String[SLOTS];

    private Builder() {}

    /** Required: PARKING, PARKING SPACE, GAS, HIGHWAY or BRIDGE. */
    public Builder tradeScene(String tradeScene) {
      texts[0] = tradeScene;
      return this;
    }

    /** APP or H5; absent for a mini program. */
    public Builder jumpScene(String jumpScene) {
      texts[1] = jumpScene;
      return this;
    }

    /** The user's plate: instead of, or with, an openid. */
    public Builder plateNumber(String plateNumber) {
      texts[2] = plateNumber;
      return this;
    }

    /**
     * The query.
     *
     * @throws RepayJumpException E_CHARSET if a value contains a NUL byte
     */
    public StatusQuery build() {
      return new StatusQuery(texts);
    }
  }
}
