import Foundation

/// This App's own settings. Nothing of the repayment mini program is here:
/// its username, path and version come from the backend with each jump.
enum MerchantConfig {
    /// PLACEHOLDER: this App's own AppID, from its mobile application on the
    /// WeChat Open Platform; also its URL scheme in Info.plist. Never the
    /// repayment mini program's AppID.
    static let weChatAppID = "wxYOUR_OWN_APPID"

    /// PLACEHOLDER: the universal link registered for this App on the Open
    /// Platform: https, ending in "/", on a domain of the App's associated
    /// domains (Merchant.entitlements).
    static let universalLink = "https://merchant.example/wechat/"

    /// PLACEHOLDER: the merchant's HTTPS API, behind its gateway.
    static let backendURL = URL(string: "https://api.merchant.example")!

    /// The header carrying the App's login session to the gateway.
    static let sessionHeader = "X-Merchant-Session"
}
