package repayjump;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The native memory of one call, in one block: a repayjump_params laid out as include/repayjump.h
 * does on LP64, the strings it points to, a repayjump_error, and the output area. The strings are
 * zeroed before the block is freed, so no copy of the api key outlives the call.
 */
final class CallFrame implements AutoCloseable {
  // repayjump_params: int variant, unsigned flags, then eight const char * in field order.
  static final int PARAMS_SIZE = 8 + 8 * Params.SLOTS;
  // repayjump_error: int status, int field, size_t offset, char message[192].
  static final int ERROR_STATUS = 0;
  static final int ERROR_FIELD = 4;
  static final int ERROR_OFFSET = 8;
  static final int ERROR_MESSAGE = 16;
  static final int MESSAGE_MAX = 192;
  static final int ERROR_SIZE = ERROR_MESSAGE + MESSAGE_MAX;
  // repayjump_result: nonce_str[33], sign[65], then four char[REPAYJUMP_OUTPUT_MAX].
  static final int FIELD_MAX = 32;
  static final int SIGN_LEN = 64;
  static final int OUTPUT_MAX = 1024;
  static final int RESULT_NONCE = 0;
  static final int RESULT_SIGN = RESULT_NONCE + FIELD_MAX + 1;
  static final int RESULT_EXTRA_DATA = RESULT_SIGN + SIGN_LEN + 1;
  static final int RESULT_SIZE = RESULT_EXTRA_DATA + 4 * OUTPUT_MAX;

  private final long address;
  private final Pointer memory;
  private final int stringsSize;
  private final long errorOffset;
  private final long outputOffset;

  /**
   * Lays out the params for a call that writes outputSize bytes. variant and flags are raw numbers
   * so that tests can pass values the enums cannot; values holds each field's UTF-8 bytes without
   * NUL, null when absent.
   */
  CallFrame(int variant, int flags, byte[][] values, int outputSize) {
    int strings = 0;
    for (byte[] value : values) {
      strings += value == null ? 0 : value.length + 1;
    }
    stringsSize = strings;
    errorOffset = align8(PARAMS_SIZE + strings);
    outputOffset = errorOffset + ERROR_SIZE;
    // malloc and free, not a Memory: the block lives only for this call, so it needs none of
    // Memory's cleaner bookkeeping.
    address = Native.malloc(outputOffset + outputSize);
    if (address == 0) {
      throw new OutOfMemoryError("repayjump: malloc failed");
    }
    memory = new Pointer(address);

    // Built on the heap and copied in one write: one JNI crossing instead of one per field.
    byte[] image = new byte[PARAMS_SIZE + strings];
    ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.nativeOrder());
    buffer.putInt(0, variant).putInt(4, flags);
    int at = PARAMS_SIZE;
    for (int slot = 0; slot < values.length; slot++) {
      byte[] value = values[slot];
      if (value == null) {
        buffer.putLong(8 + 8 * slot, 0L);
      } else {
        buffer.putLong(8 + 8 * slot, address + at);
        buffer.put(at, value); // the NUL after it is the array's zero
        at += value.length + 1;
      }
    }
    memory.write(0, image, 0, image.length);
    Arrays.fill(image, (byte) 0);
  }

  Pointer params() {
    return memory;
  }

  Pointer error() {
    return memory.share(errorOffset, ERROR_SIZE);
  }

  Pointer output() {
    return memory.share(outputOffset);
  }

  /** The exception for a failed call, from the repayjump_error the library filled. */
  RepayJumpException failure() {
    return new RepayJumpException(
        memory.getInt(errorOffset + ERROR_STATUS),
        memory.getInt(errorOffset + ERROR_FIELD),
        memory.getLong(errorOffset + ERROR_OFFSET),
        memory.getString(errorOffset + ERROR_MESSAGE, "UTF-8"));
  }

  /**
   * The output area's first size bytes as one string, copied in one crossing. Every output is
   * ASCII (the library admits only [A-Za-z0-9_-] into values), so ISO-8859-1 decodes it exactly,
   * as a plain copy.
   */
  String outputText(int size) {
    return new String(memory.getByteArray(outputOffset, size), StandardCharsets.ISO_8859_1);
  }

  /** The NUL-terminated string at offset of text, within max characters. */
  static String cString(String text, int offset, int max) {
    int end = text.indexOf('\0', offset);
    return text.substring(offset, end < 0 || end > offset + max ? offset + max : end);
  }

  /** Zeroes the strings, the api key among them. */
  void wipeStrings() {
    if (stringsSize > 0) {
      memory.setMemory(PARAMS_SIZE, stringsSize, (byte) 0);
    }
  }

  @Override
  public void close() {
    wipeStrings();
    Native.free(address);
  }

  private static long align8(long n) {
    return (n + 7) & ~7L;
  }
}
