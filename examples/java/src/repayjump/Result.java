package repayjump;

/**
 * Every output of one compose, immutable. No output needs escaping: the library admits only
 * [A-Za-z0-9_-] into emitted values.
 *
 * @param nonceStr the nonce used, given or freshly drawn
 * @param sign the APIv2 signature, 64 uppercase hex digits; "" for the v3 variants
 * @param extraDataJson extraData of {@code <navigator>} and wx.navigateToMiniProgram
 * @param navigateJson the whole argument of wx.navigateToMiniProgram
 * @param appPath the path of WXLaunchMiniProgramReq
 * @param appLaunchJson userName, path and miniProgramType for an App
 */
public record Result(
    String nonceStr,
    String sign,
    String extraDataJson,
    String navigateJson,
    String appPath,
    String appLaunchJson) {

  /** The output of one format. */
  public String get(Format format) {
    switch (format) {
      case EXTRA_DATA_JSON:
        return extraDataJson;
      case NAVIGATE_JSON:
        return navigateJson;
      case APP_PATH:
        return appPath;
      case APP_LAUNCH_JSON:
        return appLaunchJson;
      default:
        throw new AssertionError(format);
    }
  }
}
