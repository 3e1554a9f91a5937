package repayjump;

/** Run in a child JVM by LookupTest: loads the library as an application would. */
final class LookupProbe {
  private LookupProbe() {}

  public static void main(String[] args) {
    try {
      System.out.println("loaded " + RepayJump.version());
    } catch (UnsatisfiedLinkError first) {
      System.err.println(first.getMessage());
      try {
        RepayJump.nonce(8);
        System.err.println("second call succeeded");
      } catch (UnsatisfiedLinkError second) {
        // The same clear error on every call, not a NoClassDefFoundError.
        System.err.println(second.getMessage().equals(first.getMessage()) ? "same" : "different");
      }
      System.exit(3);
    }
  }
}
