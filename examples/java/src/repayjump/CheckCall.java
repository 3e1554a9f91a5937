package repayjump;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The native memory of one check: the options, the result, the input (a text, or the pairs and the
 * bytes of their keys and values), the api key, and room for the findings. The key's native copy
 * is zeroed before the memory is freed.
 */
final class CheckCall implements AutoCloseable {
  /** How many findings the first call stores; an input with more is checked again. */
  static final int FIRST_CAP = 32;

  private final Memory memory;
  private final byte[] bytes;
  private final long bytesAt;
  private final long pairsAt;
  private final boolean isText;
  private final int pairCount;
  private final long keyAt;
  private final int keyLength;
  private final NativeCheck.Result result;

  /**
   * Lays out one check. bytes is the text, or every key and value one after the other; pairs is
   * null for a text, else five ints for each pair: key start, key length, value start, value
   * length (into bytes) and the value's type.
   */
  CheckCall(CheckOptions options, byte[] bytes, int[] pairs) {
    byte[] key = options.apiKey();
    this.bytes = bytes;
    isText = pairs == null;
    pairCount = pairs == null ? 0 : pairs.length / 5;
    keyLength = key == null ? 0 : key.length;
    pairsAt = NativeCheck.OPTIONS_SIZE + NativeCheck.RESULT_SIZE;
    bytesAt = pairsAt + (long) pairCount * NativeCheck.PAIR_SIZE;
    keyAt = bytesAt + bytes.length;
    // One byte more than the key and its NUL, so that the block and the text are never empty.
    memory = new Memory(keyAt + keyLength + 2);
    memory.clear();
    memory.write(bytesAt, bytes, 0, bytes.length);
    NativeCheck.Options opt = new NativeCheck.Options(memory);
    opt.variant = options.variantCode();
    opt.flags = options.flagBits();
    if (key != null) {
      memory.write(keyAt, key, 0, key.length); // the NUL after it is clear()'s
      opt.api_key = memory.share(keyAt);
    }
    opt.write();
    for (int i = 0; i < pairCount; i++) {
      NativeCheck.Pair pair =
          new NativeCheck.Pair(memory.share(pairsAt + (long) i * NativeCheck.PAIR_SIZE));
      pair.key = memory.share(bytesAt + pairs[5 * i]);
      pair.key_len = pairs[5 * i + 1];
      pair.value = memory.share(bytesAt + pairs[5 * i + 2]);
      pair.value_len = pairs[5 * i + 3];
      pair.type = pairs[5 * i + 4];
      pair.key_offset = NativeCheck.NO_OFFSET;
      pair.value_offset = NativeCheck.NO_OFFSET;
      pair.write();
    }
    result = new NativeCheck.Result(memory.share(NativeCheck.OPTIONS_SIZE));
  }

  /**
   * Pairs as the library takes them: every key and value one after the other, and five ints for
   * each pair (see the constructor). A CharSequence value is a string; any other, null included,
   * is written as JSON ({@link JsonText}) and is not one.
   */
  static final class Pairs {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int[] ints = new int[5 * 8];
    private int count;

    /** Appends one pair. */
    void add(String key, Object value) {
      boolean isString = value instanceof CharSequence;
      byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
      byte[] text =
          (isString ? value.toString() : JsonText.of(value)).getBytes(StandardCharsets.UTF_8);
      if (5 * count + 5 > ints.length) {
        ints = Arrays.copyOf(ints, 2 * ints.length);
      }
      int i = 5 * count++;
      ints[i] = bytes.size();
      ints[i + 1] = keyBytes.length;
      bytes.writeBytes(keyBytes);
      ints[i + 2] = bytes.size();
      ints[i + 3] = text.length;
      bytes.writeBytes(text);
      ints[i + 4] = isString ? NativeCheck.VALUE_STRING : NativeCheck.VALUE_NOT_STRING;
    }

    /** Lays out a check of the pairs added so far. */
    CheckCall call(CheckOptions options) {
      return new CheckCall(options, bytes.toByteArray(), Arrays.copyOf(ints, 5 * count));
    }
  }

  /** Checks with room for FIRST_CAP findings, then again with room for all if there were more. */
  CheckResult run() {
    CheckLib.ensureLoaded();
    Memory findings = new Memory((long) FIRST_CAP * NativeCheck.FINDING_SIZE);
    try {
      int status = call(findings, FIRST_CAP);
      if (status == 0 && result.count > FIRST_CAP) {
        findings.close();
        findings = new Memory(result.count * NativeCheck.FINDING_SIZE);
        status = call(findings, result.count);
      }
      if (status != 0) {
        throw new RepayJumpException(
            status,
            Field.NONE.code(),
            0,
            "check: options refused (flags "
                + memory.getInt(4)
                + "): "
                + NativeLib.repayjump_strerror(status));
      }
      return read(findings, CheckNames.get());
    } finally {
      findings.close();
    }
  }

  private int call(Memory findings, long cap) {
    Pointer opt = memory;
    Pointer out = memory.share(NativeCheck.OPTIONS_SIZE);
    int status =
        isText
            ? CheckLib.repayjump_check_text(
                opt, memory.share(bytesAt), bytes.length, findings, cap, out)
            : CheckLib.repayjump_check_pairs(
                opt, memory.share(pairsAt), pairCount, findings, cap, out);
    result.read();
    return status;
  }

  private CheckResult read(Memory findings, CheckNames names) {
    int count = (int) Math.min(result.count, findings.size() / NativeCheck.FINDING_SIZE);
    List<Finding> out = new ArrayList<>(count);
    long base = Pointer.nativeValue(memory) + bytesAt;
    for (int i = 0; i < count; i++) {
      NativeCheck.Finding f =
          new NativeCheck.Finding(findings.share((long) i * NativeCheck.FINDING_SIZE));
      f.read();
      String key = null;
      if (f.key != null) {
        int at = (int) (Pointer.nativeValue(f.key) - base);
        key = new String(bytes, at, (int) f.key_len, StandardCharsets.UTF_8);
      }
      out.add(
          new Finding(
              CheckNames.name(names.codes, f.code),
              CheckNames.name(names.severities, f.severity),
              Field.of(f.field),
              key,
              f.offset,
              f.length,
              f.in_value != 0,
              f.pair == NativeCheck.NO_OFFSET ? -1 : (int) f.pair,
              cString(f.message),
              cString(f.fix)));
    }
    Variant[] variants = Variant.values();
    return new CheckResult(
        CheckNames.name(names.kinds, result.kind),
        result.variant >= 0 && result.variant < variants.length ? variants[result.variant] : null,
        (int) result.errors,
        (int) result.warnings,
        (int) result.notes,
        Collections.unmodifiableList(out));
  }

  private static String cString(byte[] text) {
    int end = 0;
    while (end < text.length && text[end] != 0) {
      end++;
    }
    return new String(text, 0, end, StandardCharsets.UTF_8);
  }

  /** The repayjump_check_options the call passes. */
  Pointer nativeOptions() {
    return memory;
  }

  /** Zeroes the native copy of the key. */
  void wipeKey() {
    if (keyLength > 0) {
      memory.setMemory(keyAt, keyLength, (byte) 0);
    }
  }

  @Override
  public void close() {
    wipeKey();
    memory.close();
  }
}
