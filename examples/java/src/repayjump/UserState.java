package repayjump;

/** The user's state in a trusted answer to the status query (repayjump_user_state). */
public enum UserState {
  /** A value this library does not list: {@link StatusResult#userState()} has it verbatim. */
  UNKNOWN(0),
  /** Nothing owed. */
  NORMAL(1),
  PAUSED(2),
  /** Owes what WeChat advanced: offer the repayment jump. */
  OVERDUE(3),
  UNAUTHORIZED(4);

  private final int code;

  UserState(int code) {
    this.code = code;
  }

  /** The library's number. */
  public int code() {
    return code;
  }

  /** The state with this number, or UNKNOWN. */
  public static UserState of(int code) {
    for (UserState state : values()) {
      if (state.code == code) {
        return state;
      }
    }
    return UNKNOWN;
  }
}
