package com.example.merchant.wxapi;

import android.app.Activity;
import android.content.Intent;
import android.os.Bundle;

import com.example.merchant.MerchantConfig;
import com.example.merchant.RepayLauncher;
import com.tencent.mm.opensdk.constants.ConstantsAPI;
import com.tencent.mm.opensdk.modelbase.BaseReq;
import com.tencent.mm.opensdk.modelbase.BaseResp;
import com.tencent.mm.opensdk.modelbiz.WXLaunchMiniProgram;
import com.tencent.mm.opensdk.modelmsg.ShowMessageFromWX;
import com.tencent.mm.opensdk.openapi.IWXAPI;
import com.tencent.mm.opensdk.openapi.IWXAPIEventHandler;
import com.tencent.mm.opensdk.openapi.WXAPIFactory;

/**
 * Where WeChat calls back: on the return from the repayment mini program
 * (onResp) and when a mini program opens the App (onReq). WeChat finds it
 * by name, <applicationId>.wxapi.WXEntryActivity; AndroidManifest.xml
 * declares it exported, singleTask, in the App's own task. It shows
 * nothing and finishes at once.
 */
public class WXEntryActivity extends Activity implements IWXAPIEventHandler {
    /** The app-parameter a mini program passed to the App, if any. */
    public static final String EXTRA_APP_PARAMETER = "com.example.merchant.APP_PARAMETER";

    private IWXAPI api;

    @Override
    protected void onCreate(Bundle savedInstanceState) {
        super.onCreate(savedInstanceState);
        // The App's OWN AppID, as in RepayLauncher.
        api = WXAPIFactory.createWXAPI(this, MerchantConfig.WECHAT_APP_ID, true);
        handle(getIntent());
    }

    @Override
    protected void onNewIntent(Intent intent) {
        super.onNewIntent(intent);
        setIntent(intent);
        handle(intent);
    }

    private void handle(Intent intent) {
        // false: not a callback from WeChat (or a forged one): nothing to do.
        if (!api.handleIntent(intent, this)) {
            finish();
        }
    }

    @Override
    public void onReq(BaseReq req) {
        if (req.getType() == ConstantsAPI.COMMAND_SHOWMESSAGE_FROM_WX) {
            // A mini program's <button open-type="launchApp"> opened the App;
            // its app-parameter is the message's messageExt. Bring up the
            // App's own first screen with it, and refresh the status there.
            ShowMessageFromWX.Req show = (ShowMessageFromWX.Req) req;
            Intent main = getPackageManager().getLaunchIntentForPackage(getPackageName());
            if (main != null) {
                if (show.message != null) {
                    main.putExtra(EXTRA_APP_PARAMETER, show.message.messageExt);
                }
                startActivity(main);
            }
            RepayLauncher.refreshStatus(getApplicationContext());
        }
        finish();
    }

    @Override
    public void onResp(BaseResp resp) {
        if (resp.getType() == ConstantsAPI.COMMAND_LAUNCH_WX_MINIPROGRAM) {
            // extMsg would hold a mini program's app-parameter; the repayment
            // mini program sends none (the document: no parameters come back),
            // whatever the user did there. So ask the backend again for the
            // user's state (GET /v1/status, WeChat Pay's user state query):
            // the status screen then shows the entry again only for OVERDUE,
            // and "repaid" once it is NORMAL.
            WXLaunchMiniProgram.Resp launch = (WXLaunchMiniProgram.Resp) resp;
            if (launch.errCode != BaseResp.ErrCode.ERR_OK) {
                RepayLauncher.launchFailed(launch.errCode, launch.errStr);
            }
            RepayLauncher.refreshStatus(getApplicationContext());
        }
        finish();
    }
}
