package com.example.merchant;

/**
 * This App's own settings. Nothing of the repayment mini program is here:
 * its username, path and version come from the backend with each jump.
 */
public final class MerchantConfig {
    /**
     * PLACEHOLDER: this App's own AppID, from its mobile application on the
     * WeChat Open Platform. It is what WXAPIFactory.createWXAPI takes, never
     * the repayment mini program's AppID (the document's sample passes that
     * one, and WeChat then refuses the request as not coming from this App).
     */
    public static final String WECHAT_APP_ID = "wxYOUR_OWN_APPID";

    /** PLACEHOLDER: the merchant's HTTPS API, behind its gateway. */
    public static final String BACKEND_URL = "https://api.merchant.example";

    /** The header carrying the App's login session to the gateway. */
    public static final String SESSION_HEADER = "X-Merchant-Session";

    private MerchantConfig() {}
}
