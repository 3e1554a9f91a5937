package repayjump;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The native memory of one call, in one block: a repayjump_params laid out as include/repayjump.h
 * does on LP64, for the status request a repayjump_status_query after it, the strings they point
 * to, a repayjump_error, and the output area. The strings are zeroed before the block is freed, so
 * no copy of the api key outlives the call.
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
  private final int stringsStart;
  private final int stringsSize;
  private final long errorOffset;
  private final long outputOffset;

  /**
   * Lays out the params for a call that writes outputSize bytes. variant and flags are raw numbers
   * so that tests can pass values the enums cannot; values holds each field's UTF-8 bytes without
   * NUL, null when absent.
   */
  CallFrame(int variant, int flags, byte[][] values, long outputSize) {
    this(variant, flags, values, null, outputSize);
  }

  /** The same, with a repayjump_status_query of query's values (null: none) after the params. */
  CallFrame(int variant, int flags, byte[][] values, byte[][] query, long outputSize) {
    stringsStart = PARAMS_SIZE + (query == null ? 0 : NativeStatus.QUERY_SIZE);
    int strings = size(values) + (query == null ? 0 : size(query));
    stringsSize = strings;
    errorOffset = align8(stringsStart + strings);
    outputOffset = errorOffset + ERROR_SIZE;
    // malloc and free, not a Memory: the block lives only for this call, so it needs none of
    // Memory's cleaner bookkeeping.
    address = Native.malloc(outputOffset + outputSize);
    if (address == 0) {
      throw new OutOfMemoryError("repayjump: malloc failed");
    }
    memory = new Pointer(address);

    // Built on the heap and copied in one write: one JNI crossing instead of one per field.
    byte[] image = new byte[stringsStart + strings];
    ByteBuffer buffer = ByteBuffer.wrap(image).order(ByteOrder.nativeOrder());
    buffer.putInt(0, variant).putInt(4, flags);
    int at = place(buffer, 8, values, stringsStart);
    if (query != null) {
      place(buffer, PARAMS_SIZE, query, at);
    }
    memory.write(0, image, 0, image.length);
    Arrays.fill(image, (byte) 0);
  }

  private static int size(byte[][] values) {
    int size = 0;
    for (byte[] value : values) {
      size += value == null ? 0 : value.length + 1;
    }
    return size;
  }

  /** Writes the pointer slots from slots on and the strings from at on; returns the end. */
  private int place(ByteBuffer buffer, int slots, byte[][] values, int at) {
    for (int slot = 0; slot < values.length; slot++) {
      byte[] value = values[slot];
      if (value == null) {
        buffer.putLong(slots + 8 * slot, 0L);
      } else {
        buffer.putLong(slots + 8 * slot, address + at);
        buffer.put(at, value); // the NUL after it is the array's zero
        at += value.length + 1;
      }
    }
    return at;
  }

  Pointer params() {
    return memory;
  }

  /** The repayjump_status_query, for a frame made with one. */
  Pointer query() {
    return memory.share(PARAMS_SIZE, NativeStatus.QUERY_SIZE);
  }

  Pointer error() {
    return memory.share(errorOffset, ERROR_SIZE);
  }

  Pointer output() {
    return memory.share(outputOffset);
  }

  /** The exception for a failed call, from the repayjump_error the library filled. */
  RepayJumpException failure() {
    return failure(null);
  }

  /** The same, with WeChat Pay's words from an answer's result bytes (null: none). */
  RepayJumpException failure(byte[] statusResult) {
    int status = memory.getInt(errorOffset + ERROR_STATUS);
    int field = memory.getInt(errorOffset + ERROR_FIELD);
    long offset = memory.getLong(errorOffset + ERROR_OFFSET);
    String message = memory.getString(errorOffset + ERROR_MESSAGE, "UTF-8");
    if (statusResult == null) {
      return new RepayJumpException(status, field, offset, message);
    }
    return new RepayJumpException(
        status,
        field,
        offset,
        message,
        NativeStatus.member(statusResult, NativeStatus.RETURN_MSG),
        NativeStatus.member(statusResult, NativeStatus.ERR_CODE),
        NativeStatus.member(statusResult, NativeStatus.ERR_CODE_DES));
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
      memory.setMemory(stringsStart, stringsSize, (byte) 0);
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
