package repayjump;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The status query's structs of include/repayjump.h: the sizes and offsets the binding reads and
 * writes (LP64), and JNA structures with the same fields in the same order, which LayoutTest
 * compares with them and with what the library reads and writes.
 */
final class NativeStatus {
  private NativeStatus() {}

  /** REPAYJUMP_STATUS_REQUEST_MAX and REPAYJUMP_ANSWER_MAX. */
  static final int REQUEST_MAX = 1024;

  static final int ANSWER_MAX = 16384;

  /** The members' sizes, NUL included (REPAYJUMP_STATUS_*_MAX). */
  static final int CODE_MAX = 64;

  static final int ID_MAX = 129;
  static final int PATH_MAX = 1024;
  static final int INFO_MAX = 4096;
  static final int TEXT_MAX = 512;

  /** repayjump_status_query: three const char *. */
  static final int QUERY_SIZE = 8 * StatusQuery.SLOTS;

  /** repayjump_status_result: int state, then ten char arrays, in this order. */
  static final String[] MEMBERS = {
    "user_state", "deduct_mode", "openid", "sub_openid", "path", "plate_number_info",
    "plate_number", "return_msg", "err_code", "err_code_des"
  };

  static final int[] SIZES = {
    CODE_MAX, CODE_MAX, ID_MAX, ID_MAX, PATH_MAX, INFO_MAX, CODE_MAX, TEXT_MAX, CODE_MAX, TEXT_MAX
  };
  static final int[] OFFSETS = new int[MEMBERS.length];
  static final int RESULT_SIZE;

  static {
    int at = 4; // after int state; char arrays need no alignment
    for (int i = 0; i < MEMBERS.length; i++) {
      OFFSETS[i] = at;
      at += SIZES[i];
    }
    RESULT_SIZE = (at + 3) & ~3; // padded to the int's alignment
  }

  /** Indices into MEMBERS of WeChat's own words, kept by a FAIL. */
  static final int RETURN_MSG = 7;

  static final int ERR_CODE = 8;
  static final int ERR_CODE_DES = 9;

  /** The result's state, from its bytes. */
  static int state(byte[] result) {
    return ByteBuffer.wrap(result).order(ByteOrder.nativeOrder()).getInt(0);
  }

  /** Member i of the result's bytes, decoded as UTF-8 up to its NUL. */
  static String member(byte[] result, int i) {
    int end = OFFSETS[i];
    while (end < OFFSETS[i] + SIZES[i] && result[end] != 0) {
      end++;
    }
    return new String(result, OFFSETS[i], end - OFFSETS[i], StandardCharsets.UTF_8);
  }

  /** repayjump_status_query. */
  @Structure.FieldOrder({"trade_scene", "jump_scene", "plate_number"})
  public static final class Query extends NativeCheck.Struct {
    public Pointer trade_scene;
    public Pointer jump_scene;
    public Pointer plate_number;

    Query(Pointer memory) {
      super(memory);
    }
  }

  /** repayjump_status_result. */
  @Structure.FieldOrder({
    "state",
    "user_state",
    "deduct_mode",
    "openid",
    "sub_openid",
    "path",
    "plate_number_info",
    "plate_number",
    "return_msg",
    "err_code",
    "err_code_des"
  })
  public static final class Result extends NativeCheck.Struct {
    public int state;
    public byte[] user_state = new byte[CODE_MAX];
    public byte[] deduct_mode = new byte[CODE_MAX];
    public byte[] openid = new byte[ID_MAX];
    public byte[] sub_openid = new byte[ID_MAX];
    public byte[] path = new byte[PATH_MAX];
    public byte[] plate_number_info = new byte[INFO_MAX];
    public byte[] plate_number = new byte[CODE_MAX];
    public byte[] return_msg = new byte[TEXT_MAX];
    public byte[] err_code = new byte[CODE_MAX];
    public byte[] err_code_des = new byte[TEXT_MAX];

    Result(Pointer memory) {
      super(memory);
    }
  }
}
