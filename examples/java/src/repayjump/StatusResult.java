package repayjump;

/**
 * A trusted answer to the status query, its values decoded from the XML as UTF-8; "" when absent.
 *
 * @param state the state; UNKNOWN for a value the library does not list
 * @param userState the state as WeChat Pay wrote it, kept also when unknown
 * @param deductMode "PROACTIVE" or "AUTOPAY"
 * @param openid the user's openid
 * @param subOpenid the user's sub_openid (partners)
 * @param path a path WeChat Pay gives
 * @param plateNumberInfo a JSON text, as WeChat Pay sent it
 * @param plateNumber the plate
 */
public record StatusResult(
    UserState state,
    String userState,
    String deductMode,
    String openid,
    String subOpenid,
    String path,
    String plateNumberInfo,
    String plateNumber) {

  /** Whether to offer the repayment jump: the user is OVERDUE. */
  public boolean repay() {
    return state == UserState.OVERDUE;
  }
}
