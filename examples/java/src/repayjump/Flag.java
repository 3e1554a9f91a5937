package repayjump;

import java.util.Set;

/** Options of {@link Params}; the library's flag bits. */
public enum Flag {
  /** openid may be absent, and is then left out of the outputs. */
  ALLOW_NO_OPENID(1),
  /** Looser appid, mchid and api key rules, for test accounts. */
  RELAXED(2);

  private final int bit;

  Flag(int bit) {
    this.bit = bit;
  }

  /** The library's bit for this flag. */
  public int bit() {
    return bit;
  }

  static int bits(Set<Flag> flags) {
    int bits = 0;
    for (Flag flag : flags) {
      bits |= flag.bit;
    }
    return bits;
  }
}
