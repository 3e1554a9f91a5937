import Foundation

/// Sends the user to WeChat's repayment mini program with the App path
/// the merchant's backend composed.
final class Launcher {
    static let appID = "wxd930ea5d5a258f4f"

    static func register() {
        WXApi.registerApp(appID, universalLink: "https://merchant.example.com/app/")
    }

    static func launch(path: String) {
        let req = WXLaunchMiniProgramReq.object()
        req.userName = "gh_5e259b7a73b1"
        req.path = path
        req.miniProgramType = .release
        WXApi.send(req)
    }
}
