package com.example.pay;

import android.content.Context;
import com.tencent.mm.opensdk.modelbiz.WXLaunchMiniProgram;
import com.tencent.mm.opensdk.openapi.IWXAPI;
import com.tencent.mm.opensdk.openapi.WXAPIFactory;

/** Sends the user to WeChat's repayment mini program. */
public final class RepayLauncher {
  // The App's own AppID, from WeChat's Open Platform.
  private static final String APP_ID = "wxd930ea5d5a258f4f";

  /** The document's reference case, shown on the demo screen. */
  static final String SAMPLE_PATH = "pages/invest_list/invest_list?appid=wxcbda96de0b165486&mchid=1900009231&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid=oUpF8uMEb4qRXf22hE3X68TekukE";

  private RepayLauncher() {}

  /** path: the App path the merchant's backend composed. */
  public static boolean launch(Context context, String path) {
    IWXAPI api = WXAPIFactory.createWXAPI(context, APP_ID);
    WXLaunchMiniProgram.Req req = new WXLaunchMiniProgram.Req();
    req.userName = "gh_5e259b7a73b1";
    req.path = path;
    req.miniprogramType = WXLaunchMiniProgram.Req.MINIPTOGRAM_TYPE_RELEASE;
    return api.sendReq(req);
  }
}
