package repayjump;

import static repayjump.CallFrame.FIELD_MAX;
import static repayjump.CallFrame.OUTPUT_MAX;
import static repayjump.CallFrame.RESULT_EXTRA_DATA;
import static repayjump.CallFrame.RESULT_NONCE;
import static repayjump.CallFrame.RESULT_SIGN;
import static repayjump.CallFrame.RESULT_SIZE;
import static repayjump.CallFrame.SIGN_LEN;

import com.sun.jna.Memory;

/**
 * The repayjump library: validated parameters for WeChat Pay's repayment mini program jump.
 *
 * <p>Every method is thread-safe and crosses into C once. The library is found on first use:
 * {@code REPAYJUMP_LIBRARY} (a path) if set, else the system loader's librepayjump.so or
 * librepayjump.so.1; when neither loads, an {@link UnsatisfiedLinkError} says what to set.
 */
public final class RepayJump {
  private RepayJump() {}

  /**
   * Validates, draws a nonce if params has none, signs (v2), and returns every output.
   *
   * @throws RepayJumpException with the status, field and byte offset of the first fault
   */
  public static Result compose(Params params) {
    NativeLib.ensureLoaded();
    try (CallFrame frame =
        new CallFrame(params.variant().code(), params.flagBits(), params.values(), RESULT_SIZE)) {
      if (NativeLib.repayjump_compose(frame.params(), frame.output(), frame.error()) != 0) {
        throw frame.failure();
      }
      String out = frame.outputText(RESULT_SIZE);
      int at = RESULT_EXTRA_DATA;
      return new Result(
          CallFrame.cString(out, RESULT_NONCE, FIELD_MAX + 1),
          CallFrame.cString(out, RESULT_SIGN, SIGN_LEN + 1),
          CallFrame.cString(out, at, OUTPUT_MAX),
          CallFrame.cString(out, at + OUTPUT_MAX, OUTPUT_MAX),
          CallFrame.cString(out, at + 2 * OUTPUT_MAX, OUTPUT_MAX),
          CallFrame.cString(out, at + 3 * OUTPUT_MAX, OUTPUT_MAX));
    }
  }

  /**
   * Validates and returns one output. Deterministic, so params needs a nonceStr.
   *
   * @throws RepayJumpException with the status, field and byte offset of the first fault
   */
  public static String render(Format format, Params params) {
    NativeLib.ensureLoaded();
    // The output, then its size_t length.
    try (CallFrame frame =
        new CallFrame(params.variant().code(), params.flagBits(), params.values(), OUTPUT_MAX + 8)) {
      if (NativeLib.repayjump_render(
              frame.params(),
              format.code(),
              frame.output(),
              OUTPUT_MAX,
              frame.output().share(OUTPUT_MAX),
              frame.error())
          != 0) {
        throw frame.failure();
      }
      return CallFrame.cString(frame.outputText(OUTPUT_MAX), 0, OUTPUT_MAX);
    }
  }

  /**
   * Only checks params against its variant's rules; nonceStr may be absent.
   *
   * @throws RepayJumpException with the status, field and byte offset of the first fault
   */
  public static void validate(Params params) {
    NativeLib.ensureLoaded();
    try (CallFrame frame =
        new CallFrame(params.variant().code(), params.flagBits(), params.values(), 0)) {
      if (NativeLib.repayjump_validate(frame.params(), frame.error()) != 0) {
        throw frame.failure();
      }
    }
  }

  /**
   * length (1 to 32) characters of [A-Za-z0-9] from libsodium's CSPRNG, each exactly uniform.
   *
   * @throws RepayJumpException E_ARG for a length outside 1 to 32
   */
  public static String nonce(int length) {
    NativeLib.ensureLoaded();
    try (Memory out = new Memory(FIELD_MAX + 1)) {
      // A negative int would become a huge size_t; the library refuses both alike.
      int status = NativeLib.repayjump_nonce(out, FIELD_MAX + 1, length < 0 ? -1L : length);
      if (status != 0) {
        throw new RepayJumpException(
            status,
            Field.NONE.code(),
            0,
            "nonce: length " + length + " is out of range; expected 1 to " + FIELD_MAX);
      }
      return out.getString(0, "UTF-8");
    }
  }

  /** The repayment mini program's AppID, the appId of wx.navigateToMiniProgram. */
  public static String targetAppid() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_target_appid();
  }

  /** The repayment mini program's original id, the userName of an App's launch request. */
  public static String targetUsername() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_target_username();
  }

  /** The page the jump opens. */
  public static String targetPath() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_target_path();
  }

  /** A size that holds every output of every variant, NUL included (1024). */
  public static long outputMax() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_output_max();
  }

  /** The longest emitted field value (32). */
  public static long fieldMax() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_field_max();
  }

  /** The loaded library's version, "MAJOR.MINOR.PATCH". */
  public static String version() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_version();
  }

  /** The loaded library's version as MAJOR << 16 | MINOR << 8 | PATCH. */
  public static int versionNumber() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_version_number();
  }

  /** The library's English text for a status number. */
  public static String strerror(int status) {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_strerror(status);
  }
}
