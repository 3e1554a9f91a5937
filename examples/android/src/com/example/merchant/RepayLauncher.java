package com.example.merchant;

import android.content.Context;
import android.os.Handler;
import android.os.Looper;

import com.tencent.mm.opensdk.modelbiz.WXLaunchMiniProgram;
import com.tencent.mm.opensdk.modelmsg.WXMiniProgramObject;
import com.tencent.mm.opensdk.openapi.IWXAPI;
import com.tencent.mm.opensdk.openapi.WXAPIFactory;

import org.json.JSONException;
import org.json.JSONObject;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Opens WeChat's repayment mini program with the backend's app_launch
 * object: userName, path and miniProgramType as they came. The path
 * already holds the merchant's fields (composed and checked by repayjump),
 * so nothing here spells a field name or builds a query: that is where the
 * document's samples went wrong (mch_id, "=weixin", a space, an unclosed
 * string).
 */
public final class RepayLauncher {
    /** The screen that shows the user's repayment status. */
    public interface Listener {
        void onRepaymentStatus(JSONObject status);

        void onRepaymentError(String message);
    }

    private static final ExecutorService IO = Executors.newSingleThreadExecutor();
    private static final Handler MAIN = new Handler(Looper.getMainLooper());
    private static volatile Listener listener;

    private final Context context;
    private final IWXAPI api;

    public RepayLauncher(Context context) {
        this.context = context.getApplicationContext();
        // The App's OWN AppID: see MerchantConfig.WECHAT_APP_ID.
        api = WXAPIFactory.createWXAPI(this.context, MerchantConfig.WECHAT_APP_ID, true);
        api.registerApp(MerchantConfig.WECHAT_APP_ID);
    }

    /** Set in the status screen's onResume, cleared (null) in its onPause. */
    public static void setListener(Listener next) {
        listener = next;
    }

    /** Asks the backend for a fresh jump, then launches it. Main thread. */
    public void open() {
        if (!api.isWXAppInstalled()) {
            report("WeChat is not installed.");
            return;
        }
        final MerchantBackend backend = MerchantBackend.forApp(context);
        IO.execute(() -> {
            try {
                JSONObject appLaunch = backend.fetchJump().getJSONObject("app_launch");
                MAIN.post(() -> launch(appLaunch));
            } catch (IOException | JSONException e) {
                report("Repayment is not available right now (" + e.getMessage() + ").");
            }
        });
    }

    private void launch(JSONObject appLaunch) {
        WXLaunchMiniProgram.Req req = new WXLaunchMiniProgram.Req();
        try {
            req.userName = appLaunch.getString("userName");
            req.path = appLaunch.getString("path");
            req.miniprogramType = appLaunch.getInt("miniProgramType");
        } catch (JSONException e) {
            report("Repayment is not available right now (" + e.getMessage() + ").");
            return;
        }
        // The repayment mini program exists only as a release.
        if (req.miniprogramType != WXMiniProgramObject.MINIPTOGRAM_TYPE_RELEASE) {
            report("Unexpected mini program type " + req.miniprogramType + ".");
            return;
        }
        if (!api.sendReq(req)) {
            report("WeChat could not be opened.");
        }
    }

    /**
     * WeChat is back (WXEntryActivity). The repayment mini program returns
     * nothing, so the only way to know what the user did is to ask the
     * merchant backend for the user's status again.
     */
    public static void refreshStatus(Context context) {
        final MerchantBackend backend = MerchantBackend.forApp(context);
        IO.execute(() -> {
            try {
                JSONObject status = backend.fetchRepaymentStatus();
                MAIN.post(() -> {
                    Listener current = listener;
                    if (current != null) {
                        current.onRepaymentStatus(status);
                    }
                });
            } catch (IOException | JSONException e) {
                report("The repayment status is not available (" + e.getMessage() + ").");
            }
        });
    }

    /** WeChat did not open the mini program (an old WeChat, a refusal). */
    public static void launchFailed(int errCode, String errStr) {
        report("WeChat could not open repayment (" + errCode + (errStr == null ? "" : ": " + errStr) + ").");
    }

    private static void report(String message) {
        MAIN.post(() -> {
            Listener current = listener;
            if (current != null) {
                current.onRepaymentError(message);
            }
        });
    }
}
