package repayjump;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The check's C functions, bound apart from {@link NativeLib} by JNA direct mapping, on first use:
 * direct mapping binds a whole class or nothing, and a library older than the check still
 * composes.
 */
final class CheckLib {
  private static volatile boolean loaded;
  private static String failure;

  private CheckLib() {}

  /** Binds the check's functions once, thread-safely; throws the same clear error every time. */
  static void ensureLoaded() {
    NativeLib.ensureLoaded();
    if (!loaded) {
      load();
    }
  }

  private static synchronized void load() {
    if (loaded) {
      return;
    }
    if (failure == null) {
      try {
        Native.register(CheckLib.class, NativeLib.library());
        if (repayjump_message_max() != CallFrame.MESSAGE_MAX
            || repayjump_sign_len() != CallFrame.SIGN_LEN) {
          failure =
              "repayjump: the loaded library's message_max ("
                  + repayjump_message_max()
                  + ") or sign_len ("
                  + repayjump_sign_len()
                  + ") differ from this binding's; use librepayjump.so.1 of the same ABI";
        }
      } catch (UnsatisfiedLinkError e) {
        failure =
            "repayjump: librepayjump "
                + NativeLib.repayjump_version()
                + " has no check functions ("
                + e.getMessage()
                + "); install one that has them";
      }
    }
    if (failure != null) {
      throw new UnsatisfiedLinkError(failure);
    }
    loaded = true;
  }

  static native long repayjump_sign_len();

  static native long repayjump_message_max();

  static native int repayjump_check_text(
      Pointer options, Pointer text, long len, Pointer findings, long cap, Pointer result);

  static native int repayjump_check_pairs(
      Pointer options, Pointer pairs, long count, Pointer findings, long cap, Pointer result);

  static native String repayjump_check_code_name(int code);

  static native String repayjump_severity_name(int severity);

  static native String repayjump_input_kind_name(int kind);

  static native int repayjump_check_code_severity(int code);

  static native int repayjump_check_code_count();

  static native String repayjump_variant_name(int variant);

  static native String repayjump_format_name(int format);
}
