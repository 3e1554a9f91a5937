package repayjump;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to compose: the variant, flags and fields, immutable once built and safe to share between
 * threads. Null and "" both mean absent. Values are encoded to UTF-8 once, when built.
 *
 * <p>An APIv2 key is held only as a private byte copy that {@link #close()} wipes; no method returns
 * it and {@link #toString()} shows only whether it is set. Use try-with-resources for a v2 Params.
 */
public final class Params implements AutoCloseable {
  // Slots in the order of repayjump_params' string fields (ABI), numbered like repayjump_field - 1.
  static final int SLOTS = 8;
  private static final int API_KEY_SLOT = 7;

  private final Variant variant;
  private final Set<Flag> flags;
  private final int flagBits;
  private final String[] texts; // every field but the key, for the getters and toString
  private final byte[][] values; // UTF-8 bytes of every field, null when absent
  private volatile boolean closed;

  private Params(Builder builder) {
    variant = builder.variant;
    flags = Collections.unmodifiableSet(EnumSet.copyOf(builder.flags));
    flagBits = Flag.bits(flags);
    texts = builder.texts.clone();
    values = new byte[SLOTS][];
    for (int slot = 0; slot < API_KEY_SLOT; slot++) {
      values[slot] = encode(slot, texts[slot]);
    }
    if (builder.apiKey != null) {
      refuseNul(Field.API_KEY, builder.apiKey);
    }
    values[API_KEY_SLOT] = builder.apiKey;
  }

  /** A builder starting from an APIv3 merchant with the strict rules. */
  public static Builder builder() {
    return new Builder();
  }

  public Variant variant() {
    return variant;
  }

  public Set<Flag> flags() {
    return flags;
  }

  public String appid() {
    return texts[0];
  }

  public String mchid() {
    return texts[1];
  }

  public String nonceStr() {
    return texts[2];
  }

  public String openid() {
    return texts[3];
  }

  public String subAppid() {
    return texts[4];
  }

  public String subMchid() {
    return texts[5];
  }

  public String subOpenid() {
    return texts[6];
  }

  /** Whether an api key is set (the key itself is never returned). */
  public boolean hasApiKey() {
    return values[API_KEY_SLOT] != null;
  }

  /** Wipes this object's copy of the api key; it cannot be used after. Idempotent. */
  @Override
  public void close() {
    closed = true;
    KeyCopy.wipe(values[API_KEY_SLOT]);
  }

  /** The UTF-8 values in slot order, for one native call; the array is not copied. */
  byte[][] values() {
    if (closed) {
      throw new IllegalStateException("these Params are closed: their api key was wiped");
    }
    return values;
  }

  /** The native flag bits. */
  int flagBits() {
    return flagBits;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Params{variant=").append(variant);
    out.append(", flags=").append(flags);
    String[] names = {
      "appid", "mchid", "nonceStr", "openid", "subAppid", "subMchid", "subOpenid"
    };
    for (int slot = 0; slot < API_KEY_SLOT; slot++) {
      if (texts[slot] != null) {
        out.append(", ").append(names[slot]).append('=').append(texts[slot]);
      }
    }
    out.append(", apiKey=").append(hasApiKey() ? "(set, hidden)" : "(none)");
    return out.append('}').toString();
  }

  /** UTF-8 bytes of a value, null when absent; a NUL byte is refused, since C would stop there. */
  private static byte[] encode(int slot, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    refuseNul(Field.of(slot + 1), bytes);
    return bytes;
  }

  /** E_CHARSET at the first NUL byte of field's bytes, which C would stop at. */
  static void refuseNul(Field field, byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw new RepayJumpException(
            Status.E_CHARSET.code(),
            field.code(),
            i,
            field.wireName() + ": byte " + i + " is NUL; a value cannot contain a NUL byte");
      }
    }
  }

  /** Collects the fields; {@link #build()} checks for NUL bytes, the library checks the rest. */
  public static final class Builder {
    private Variant variant = Variant.V3_MERCHANT;
    private final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
    private final String[] texts = new String[API_KEY_SLOT];
    private byte[] apiKey;

    private Builder() {}

    public Builder variant(Variant variant) {
      if (variant == null) {
        throw new NullPointerException("variant");
      }
      this.variant = variant;
      return this;
    }

    /** Sets the flags, replacing any set before. */
    public Builder flags(Flag... flags) {
      this.flags.clear();
      this.flags.addAll(Arrays.asList(flags));
      return this;
    }

    /** The merchant's AppID. */
    public Builder appid(String appid) {
      texts[0] = appid;
      return this;
    }

    /** The merchant id: emitted as mchid (v3) or mch_id (v2). */
    public Builder mchid(String mchid) {
      texts[1] = mchid;
      return this;
    }

    /** A fixed nonce; absent, compose draws a fresh one (render needs one). */
    public Builder nonceStr(String nonceStr) {
      texts[2] = nonceStr;
      return this;
    }

    /** The user's openid under appid. */
    public Builder openid(String openid) {
      texts[3] = openid;
      return this;
    }

    /** Partner variants only. */
    public Builder subAppid(String subAppid) {
      texts[4] = subAppid;
      return this;
    }

    /** Partner variants only; emitted as sub_mch_id. */
    public Builder subMchid(String subMchid) {
      texts[5] = subMchid;
      return this;
    }

    /** Partner variants only; needs subAppid. */
    public Builder subOpenid(String subOpenid) {
      texts[6] = subOpenid;
      return this;
    }

    /** The APIv2 key (v2 variants only). Copied: wipe your array when done with it. */
    public Builder apiKey(byte[] key) {
      apiKey = KeyCopy.replace(apiKey, key);
      return this;
    }

    /** The APIv2 key as characters, encoded to UTF-8 without a String. Copied, like apiKey(byte[]). */
    public Builder apiKey(char[] key) {
      apiKey = KeyCopy.replace(apiKey, key);
      return this;
    }

    /**
     * The Params. The builder gives up its copy of the api key, to the Params or, on failure, by
     * wiping it: set the key again before building another v2 Params from this builder.
     *
     * @throws RepayJumpException E_CHARSET if a value contains a NUL byte
     */
    public Params build() {
      try {
        Params params = new Params(this);
        apiKey = null;
        return params;
      } finally {
        wipeKey();
      }
    }

    private void wipeKey() {
      KeyCopy.wipe(apiKey);
      apiKey = null;
    }
  }
}
