import Foundation

// WechatOpenSDK (WXApi.h) comes in through the bridging header.

/// Opens WeChat's repayment mini program with the backend's app_launch
/// object, and asks the backend for the user's status when WeChat returns.
final class RepayLauncher: NSObject, WXApiDelegate {
    static let shared = RepayLauncher()

    /// The App's login session; set after the App's own login.
    var backend: MerchantBackend?
    /// The screen that shows the status (called on the main queue).
    var onStatus: ((Data) -> Void)?
    var onError: ((String) -> Void)?

    /// Whether a launch was sent and the App has not heard back since.
    private var awaitingReturn = false

    /// Once, from application(_:didFinishLaunchingWithOptions:). The App's
    /// OWN AppID and universal link: see MerchantConfig.
    @discardableResult
    func register() -> Bool {
        WXApi.registerApp(MerchantConfig.weChatAppID, universalLink: MerchantConfig.universalLink)
    }

    /// Asks the backend for a fresh jump, then launches it.
    func open() {
        guard WXApi.isWXAppInstalled() else {
            report("WeChat is not installed.")
            return
        }
        guard let backend = backend else {
            report("Log in first.")
            return
        }
        backend.fetchJump { result in
            DispatchQueue.main.async {
                switch result {
                case .success(let jump):
                    self.launch(jump.appLaunch)
                case .failure(let error):
                    self.report("Repayment is not available right now (\(error)).")
                }
            }
        }
    }

    private func launch(_ appLaunch: AppLaunch) {
        // The repayment mini program exists only as a release.
        guard appLaunch.miniProgramType == WXMiniProgramType.release.rawValue else {
            report("Unexpected mini program type \(appLaunch.miniProgramType).")
            return
        }
        let req = WXLaunchMiniProgramReq.object()
        req.userName = appLaunch.userName
        req.path = appLaunch.path
        req.miniProgramType = .release
        WXApi.send(req) { sent in
            if sent {
                self.awaitingReturn = true
            } else {
                self.report("WeChat could not be opened.")
            }
        }
    }

    /// The scene became active again. WeChat may not call back when the
    /// user switches back by hand: ask for the status then too.
    func sceneDidBecomeActive() {
        if awaitingReturn {
            refreshStatus()
        }
    }

    // MARK: WXApiDelegate

    func onReq(_ req: BaseReq) {
        // A mini program opening the App (launchApp): the App's own routing.
    }

    func onResp(_ resp: BaseResp) {
        guard let launch = resp as? WXLaunchMiniProgramResp else {
            return
        }
        // extMsg would hold a mini program's app-parameter; the repayment
        // mini program returns nothing, whatever the user did there. So ask
        // the backend again.
        if Int(launch.errCode) != Int(WXSuccess.rawValue) {
            report("WeChat could not open repayment (error \(launch.errCode)).")
        }
        refreshStatus()
    }

    /// The document: nothing comes back, so query the user's status again.
    func refreshStatus() {
        awaitingReturn = false
        backend?.fetchRepaymentStatus { result in
            DispatchQueue.main.async {
                switch result {
                case .success(let status):
                    self.onStatus?(status)
                case .failure(let error):
                    self.report("The repayment status is not available (\(error)).")
                }
            }
        }
    }

    private func report(_ message: String) {
        onError?(message)
    }
}
