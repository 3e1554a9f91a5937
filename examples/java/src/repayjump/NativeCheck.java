package repayjump;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The check's structs of include/repayjump.h as JNA structures: the same fields in the same order,
 * size_t as a Java long (LP64, checked on load). LayoutTest checks their sizes and offsets against
 * the header's declarations and against what the library reads and writes.
 */
final class NativeCheck {
  private NativeCheck() {}

  /** A structure at given memory, whose layout the tests can read. */
  abstract static class Struct extends Structure {
    Struct(Pointer memory) {
      super(memory);
    }

    /** The field's offset as JNA lays it out. */
    int offsetOf(String field) {
      return fieldOffset(field);
    }
  }

  /** repayjump_check_options. */
  @Structure.FieldOrder({"variant", "flags", "api_key"})
  public static final class Options extends Struct {
    public int variant;
    public int flags;
    public Pointer api_key;

    Options(Pointer memory) {
      super(memory);
    }
  }

  /** repayjump_pair. */
  @Structure.FieldOrder({
    "key", "key_len", "value", "value_len", "type", "key_offset", "value_offset"
  })
  public static final class Pair extends Struct {
    public Pointer key;
    public long key_len;
    public Pointer value;
    public long value_len;
    public int type;
    public long key_offset;
    public long value_offset;

    Pair(Pointer memory) {
      super(memory);
    }
  }

  /** repayjump_finding. */
  @Structure.FieldOrder({
    "code",
    "severity",
    "field",
    "in_value",
    "offset",
    "length",
    "pair",
    "key",
    "key_len",
    "message",
    "fix"
  })
  public static final class Finding extends Struct {
    public int code;
    public int severity;
    public int field;
    public int in_value;
    public long offset;
    public long length;
    public long pair;
    public Pointer key;
    public long key_len;
    public byte[] message = new byte[CallFrame.MESSAGE_MAX];
    public byte[] fix = new byte[CallFrame.MESSAGE_MAX];

    Finding(Pointer memory) {
      super(memory);
    }
  }

  /** repayjump_check_result. */
  @Structure.FieldOrder({"count", "errors", "warnings", "notes", "variant", "kind"})
  public static final class Result extends Struct {
    public long count;
    public long errors;
    public long warnings;
    public long notes;
    public int variant;
    public int kind;

    Result(Pointer memory) {
      super(memory);
    }
  }

  /** repayjump_value_type: what a pair's value was. */
  static final int VALUE_STRING = 0;

  static final int VALUE_NOT_STRING = 1;

  /** REPAYJUMP_VARIANT_AUTO. */
  static final int VARIANT_AUTO = -1;

  /** REPAYJUMP_NO_OFFSET, (size_t)-1. */
  static final long NO_OFFSET = -1L;

  /** The header's sizes on LP64, from its declarations; LayoutTest compares them with JNA's. */
  static final int OPTIONS_SIZE = 4 + 4 + 8;

  static final int PAIR_SIZE = 8 + 8 + 8 + 8 + 4 + 4 /* padding */ + 8 + 8;
  static final int FINDING_SIZE = 4 * 4 + 3 * 8 + 8 + 8 + 2 * CallFrame.MESSAGE_MAX;
  static final int RESULT_SIZE = 4 * 8 + 4 + 4;
}
