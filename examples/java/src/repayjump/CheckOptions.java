package repayjump;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How to check: the variant (null infers it from the keys), the flags, and an APIv2 key to verify
 * a sign with. Immutable once built and safe to share between threads. The key is held only as a
 * private byte copy that {@link #close()} wipes; no method returns it and {@link #toString()} shows
 * only whether it is set. Use try-with-resources for options with a key.
 */
public final class CheckOptions implements AutoCloseable {
  private static final CheckOptions DEFAULTS = builder().build();

  private final Variant variant;
  private final Set<Flag> flags;
  private final int flagBits;
  private final byte[] apiKey;
  private volatile boolean closed;

  private CheckOptions(Builder builder) {
    variant = builder.variant;
    flags = Collections.unmodifiableSet(EnumSet.copyOf(builder.flags));
    flagBits = Flag.bits(flags);
    apiKey = builder.apiKey;
  }

  /** A builder starting from: infer the variant, strict rules, openid required, no key. */
  public static Builder builder() {
    return new Builder();
  }

  /** Infer the variant, strict rules, openid required, no key. */
  public static CheckOptions defaults() {
    return DEFAULTS;
  }

  /** The variant checked against, or null to infer it from the keys. */
  public Variant variant() {
    return variant;
  }

  public Set<Flag> flags() {
    return flags;
  }

  /** Whether an api key is set (the key itself is never returned). */
  public boolean hasApiKey() {
    return apiKey != null;
  }

  /** Wipes this object's copy of the api key; it cannot be used after. Idempotent. */
  @Override
  public void close() {
    if (this == DEFAULTS) {
      return;
    }
    closed = true;
    KeyCopy.wipe(apiKey);
  }

  int variantCode() {
    return variant == null ? NativeCheck.VARIANT_AUTO : variant.code();
  }

  int flagBits() {
    return flagBits;
  }

  /** The key's UTF-8 bytes for one native call, not copied; null when none. */
  byte[] apiKey() {
    if (closed) {
      throw new IllegalStateException("these CheckOptions are closed: their api key was wiped");
    }
    return apiKey;
  }

  @Override
  public String toString() {
    return "CheckOptions{variant="
        + (variant == null ? "auto" : variant)
        + ", flags="
        + flags
        + ", apiKey="
        + (hasApiKey() ? "(set, hidden)" : "(none)")
        + "}";
  }

  /** Collects the options; not thread-safe. */
  public static final class Builder {
    private Variant variant;
    private final EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
    private byte[] apiKey;

    private Builder() {}

    /** Checks against this variant (a key it does not use is key.not_allowed); null infers it. */
    public Builder variant(Variant variant) {
      this.variant = variant;
      return this;
    }

    /** Sets the flags, replacing any set before. */
    public Builder flags(Flag... flags) {
      this.flags.clear();
      this.flags.addAll(Arrays.asList(flags));
      return this;
    }

    /** The APIv2 key, to verify a sign. Copied: wipe your array when done with it. */
    public Builder apiKey(byte[] key) {
      apiKey = KeyCopy.replace(apiKey, key);
      return this;
    }

    /** The APIv2 key as characters, encoded to UTF-8 without a String. Copied. */
    public Builder apiKey(char[] key) {
      apiKey = KeyCopy.replace(apiKey, key);
      return this;
    }

    /**
     * The options; the builder gives up its copy of the key to them (or wipes it on failure).
     *
     * @throws RepayJumpException E_CHARSET if the key contains a NUL byte, which C would stop at
     */
    public CheckOptions build() {
      try {
        if (apiKey != null) {
          Params.refuseNul(Field.API_KEY, apiKey);
        }
        CheckOptions options = new CheckOptions(this);
        apiKey = null;
        return options;
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
