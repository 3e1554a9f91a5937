package repayjump;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * The C functions, bound by JNA direct mapping (static natives: far cheaper per call than interface
 * mapping). size_t is a Java long: the binding supports LP64 platforms only, checked on load.
 */
final class NativeLib {
  static final String ENV = "REPAYJUMP_LIBRARY";

  private static volatile boolean loaded;
  private static boolean registered;
  private static NativeLibrary library;
  private static String failure;

  private NativeLib() {}

  /** Loads and starts the library once, thread-safely; throws the same clear error every time. */
  static void ensureLoaded() {
    if (!loaded) {
      load();
    }
  }

  private static synchronized void load() {
    if (loaded) {
      return;
    }
    if (failure != null) {
      throw linkError(failure, null);
    }
    if (Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8) {
      failure = "repayjump: the Java binding supports 64-bit (LP64) platforms only";
      throw linkError(failure, null);
    }
    if (!registered) {
      library = open(System.getenv(ENV));
      Native.register(NativeLib.class, library);
      registered = true;
    }
    // The struct offsets of CallFrame follow from these two constants (and LP64).
    if (repayjump_output_max() != CallFrame.OUTPUT_MAX
        || repayjump_field_max() != CallFrame.FIELD_MAX) {
      failure =
          "repayjump: the loaded library's structs (output_max "
              + repayjump_output_max()
              + ", field_max "
              + repayjump_field_max()
              + ") do not match this binding's; use librepayjump.so.1 of the same ABI";
      throw linkError(failure, null);
    }
    int status = repayjump_init();
    if (status != 0) {
      throw new RepayJumpException(status, 0, 0, "repayjump_init: " + repayjump_strerror(status));
    }
    loaded = true;
  }

  /** The loaded library, for the functions bound apart (CheckLib); after ensureLoaded. */
  static NativeLibrary library() {
    return library;
  }

  /** REPAYJUMP_LIBRARY if set, else the system loader: librepayjump.so, then librepayjump.so.1. */
  private static NativeLibrary open(String path) {
    if (path != null && !path.isEmpty()) {
      try {
        return NativeLibrary.getInstance(path);
      } catch (UnsatisfiedLinkError e) {
        failure =
            "repayjump: cannot load "
                + ENV
                + "="
                + path
                + " ("
                + reason(e.getMessage())
                + "); point "
                + ENV
                + " at librepayjump.so.1, or unset it to use the installed library";
        throw linkError(failure, e);
      }
    }
    UnsatisfiedLinkError first;
    try {
      return NativeLibrary.getInstance("repayjump");
    } catch (UnsatisfiedLinkError e) {
      first = e;
    }
    try {
      return NativeLibrary.getInstance("librepayjump.so.1");
    } catch (UnsatisfiedLinkError e) {
      failure =
          "repayjump: librepayjump.so.1 not found; set "
              + ENV
              + " to its path, or install the library (cmake --install build) where the"
              + " system loader finds it";
      throw linkError(failure, first);
    }
  }

  /** The loader's reason: JNA's message is a header line, then dlopen's error. */
  private static String reason(String message) {
    if (message == null) {
      return "no detail";
    }
    String[] lines = message.split("\n");
    return (lines.length > 1 ? lines[1] : lines[0]).trim();
  }

  private static UnsatisfiedLinkError linkError(String message, Throwable cause) {
    UnsatisfiedLinkError error = new UnsatisfiedLinkError(message);
    if (cause != null) {
      error.initCause(cause);
    }
    return error;
  }

  static native int repayjump_init();

  static native int repayjump_validate(Pointer params, Pointer error);

  static native int repayjump_render(
      Pointer params, int format, Pointer out, long cap, Pointer len, Pointer error);

  static native int repayjump_compose(Pointer params, Pointer result, Pointer error);

  static native int repayjump_nonce(Pointer out, long cap, long len);

  static native String repayjump_strerror(int status);

  static native String repayjump_field_name(int field);

  static native String repayjump_version();

  static native int repayjump_version_number();

  static native String repayjump_target_appid();

  static native String repayjump_target_username();

  static native String repayjump_target_path();

  static native long repayjump_output_max();

  static native long repayjump_field_max();
}
