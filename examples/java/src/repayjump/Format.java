package repayjump;

/** The four outputs of a compose; {@link RepayJump#render} writes one. */
public enum Format {
  /** extraData of {@code <navigator>} and wx.navigateToMiniProgram. */
  EXTRA_DATA_JSON(0),
  /** The whole argument of wx.navigateToMiniProgram. */
  NAVIGATE_JSON(1),
  /** The path of WXLaunchMiniProgramReq (iOS) and WXLaunchMiniProgram.Req (Android). */
  APP_PATH(2),
  /** userName, path and miniProgramType, for an App's launch request. */
  APP_LAUNCH_JSON(3);

  private final int code;

  Format(int code) {
    this.code = code;
  }

  /** The library's number for this format (repayjump_format). */
  public int code() {
    return code;
  }
}
