package com.example.merchant;

import android.content.Context;
import android.content.SharedPreferences;
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
 * Asks the merchant's backend for the user's state (GET /v1/status, which
 * asks WeChat Pay), offers the repayment entry only for OVERDUE, and opens
 * WeChat's repayment mini program with the backend's app_launch object:
 * userName, path and miniProgramType as they came. The path already holds
 * the merchant's fields (composed and checked by repayjump), so nothing
 * here spells a field name or builds a query: that is where the document's
 * samples went wrong (mch_id, "=weixin", a space, an unclosed string).
 */
public final class RepayLauncher {
    /** What the status screen shows for the user's state. */
    public enum Offer {
        /** OVERDUE: show the repayment entry, which calls open(). */
        REPAY,
        /** NORMAL, after OVERDUE: say the user has repaid; no entry. */
        REPAID,
        /** Any other state: nothing to repay; no entry. */
        NOTHING,
        /** The state could not be had (the message follows): no entry. */
        UNKNOWN
    }

    /** The screen that shows the user's repayment state. */
    public interface Listener {
        /** userState: WeChat Pay's word, verbatim; null for UNKNOWN. */
        void onRepaymentOffer(Offer offer, String userState);

        void onRepaymentError(String message);
    }

    private static final ExecutorService IO = Executors.newSingleThreadExecutor();
    private static final Handler MAIN = new Handler(Looper.getMainLooper());
    private static volatile Listener listener;
    /** Whether the last state was OVERDUE: open() does nothing otherwise. */
    private static volatile boolean offered;
    /** Where the last state is kept, so that the App, even restarted while
     * the user was in WeChat, can tell "repaid" from "nothing to repay". */
    private static final String PREFERENCES = "merchant";
    private static final String OWED = "repayment_owed";

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

    /**
     * Asks the backend for a fresh jump, then launches it. Main thread; only
     * while the last state was OVERDUE (the entry is shown only then).
     */
    public void open() {
        if (!offered) {
            return;
        }
        if (!api.isWXAppInstalled()) {
            report("WeChat is not installed.");
            return;
        }
        final MerchantBackend backend = MerchantBackend.forApp(context);
        IO.execute(() -> {
            try {
                JSONObject appLaunch = backend.fetchJump().getJSONObject("app_launch");
                MAIN.post(() -> {
                    // Not if a query since the tap took the offer back.
                    if (offered) {
                        launch(appLaunch);
                    }
                });
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
     * Asks the backend for the user's state, and tells the screen what to
     * offer. From the status screen when it is first shown, and from
     * WXEntryActivity when WeChat is back: the repayment mini program
     * returns nothing, so the only way to know what the user did is to ask
     * again. Until the answer, nothing can be opened.
     */
    public static void refreshStatus(Context context) {
        final Context app = context.getApplicationContext();
        final MerchantBackend backend = MerchantBackend.forApp(app);
        offered = false;
        IO.execute(() -> {
            MerchantBackend.UserState state;
            try {
                state = backend.fetchState();
            } catch (IOException | JSONException e) {
                // 502, 503, 504 or no connection: the state is unknown, so
                // no entry; the last known state is kept for the next answer.
                offer(Offer.UNKNOWN, null);
                report("Your repayment status is not available right now (" + e.getMessage() + ").");
                return;
            }
            SharedPreferences preferences = app.getSharedPreferences(PREFERENCES, Context.MODE_PRIVATE);
            boolean owed = preferences.getBoolean(OWED, false);
            preferences.edit().putBoolean(OWED, state.repay).apply();
            Offer offer = Offer.NOTHING;
            if (state.repay) {
                offer = Offer.REPAY;
            } else if (owed && state.isNormal()) {
                offer = Offer.REPAID;
            }
            offered = state.repay;
            offer(offer, state.name);
        });
    }

    private static void offer(Offer offer, String userState) {
        MAIN.post(() -> {
            Listener current = listener;
            if (current != null) {
                current.onRepaymentOffer(offer, userState);
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
