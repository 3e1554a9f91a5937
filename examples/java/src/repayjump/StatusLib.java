package repayjump;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The status query's C functions, bound apart from {@link NativeLib} by JNA direct mapping, on
 * first use, as {@link CheckLib}: a library older than the status query still composes and checks.
 */
final class StatusLib {
  private static volatile boolean loaded;
  private static String failure;

  private StatusLib() {}

  /** Binds the functions once, thread-safely; throws the same clear error every time. */
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
        Native.register(StatusLib.class, NativeLib.library());
        if (repayjump_status_request_max() != NativeStatus.REQUEST_MAX
            || repayjump_answer_max() != NativeStatus.ANSWER_MAX
            || repayjump_status_result_size() != NativeStatus.RESULT_SIZE) {
          failure =
              "repayjump: the loaded library's status_request_max ("
                  + repayjump_status_request_max()
                  + "), answer_max ("
                  + repayjump_answer_max()
                  + ") or status_result_size ("
                  + repayjump_status_result_size()
                  + ") differ from this binding's; use librepayjump.so.1 of the same ABI";
        }
      } catch (UnsatisfiedLinkError e) {
        failure =
            "repayjump: librepayjump "
                + NativeLib.repayjump_version()
                + " has no status query ("
                + e.getMessage()
                + "); install one that has it";
      }
    }
    if (failure != null) {
      throw new UnsatisfiedLinkError(failure);
    }
    loaded = true;
  }

  static native int repayjump_status_request(
      Pointer params, Pointer query, Pointer out, long cap, Pointer len, Pointer error);

  static native String repayjump_status_url(int variant, int backup);

  static native int repayjump_status_parse(
      Pointer params, Pointer answer, long len, Pointer result, Pointer error);

  static native String repayjump_user_state_name(int state);

  static native long repayjump_status_request_max();

  static native long repayjump_answer_max();

  static native long repayjump_status_result_size();
}
