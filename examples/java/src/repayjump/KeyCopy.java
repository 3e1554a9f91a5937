package repayjump;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The builders' copies of the APIv2 key: made without a String, so that no immutable copy is
 * left for the garbage collector, and wiped whenever one is replaced or given up.
 */
final class KeyCopy {
  private KeyCopy() {}

  /** Wipes old, then returns a copy of key, or null for none. */
  static byte[] replace(byte[] old, byte[] key) {
    wipe(old);
    return key == null || key.length == 0 ? null : key.clone();
  }

  /** Wipes old, then returns key encoded to UTF-8, or null for none; the encoder's buffer is wiped. */
  static byte[] replace(byte[] old, char[] key) {
    wipe(old);
    if (key == null || key.length == 0) {
      return null;
    }
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(key));
    byte[] copy = Arrays.copyOf(encoded.array(), encoded.limit());
    Arrays.fill(encoded.array(), (byte) 0);
    return copy;
  }

  /** Zeroes key's bytes; null is allowed. */
  static void wipe(byte[] key) {
    if (key != null) {
      Arrays.fill(key, (byte) 0);
    }
  }
}
