import Foundation

// WechatOpenSDK (WXApi.h) comes in through the bridging header.

/// What the status screen shows for the user's state.
enum RepaymentOffer {
    /// OVERDUE: show the repayment entry, which calls open().
    case repay
    /// NORMAL, after OVERDUE: say the user has repaid; no entry.
    case repaid
    /// Any other state: nothing to repay; no entry.
    case nothing
    /// The state could not be had (onError says why): no entry.
    case unknown
}

/// Asks the merchant's backend for the user's state (GET /v1/status, which
/// asks WeChat Pay), offers the repayment entry only for OVERDUE, opens
/// WeChat's repayment mini program with the backend's app_launch object,
/// and asks for the state again when WeChat returns.
final class RepayLauncher: NSObject, WXApiDelegate {
    static let shared = RepayLauncher()

    /// The App's login session; set after the App's own login.
    var backend: MerchantBackend?
    /// The screen that shows the state (called on the main queue), with
    /// WeChat Pay's word verbatim (nil for .unknown).
    var onOffer: ((RepaymentOffer, String?) -> Void)?
    var onError: ((String) -> Void)?

    /// Whether a launch was sent and the App has not heard back since.
    private var awaitingReturn = false
    /// Whether the last state was OVERDUE: open() does nothing otherwise.
    private var offered = false
    /// State queries so far: an answer to an earlier one is dropped.
    private var queries = 0
    /// Where the last state is kept, so that the App, even relaunched while
    /// the user was in WeChat, can tell "repaid" from "nothing to repay".
    private static let owedKey = "repaymentOwed"

    /// Once, from application(_:didFinishLaunchingWithOptions:). The App's
    /// OWN AppID and universal link: see MerchantConfig.
    @discardableResult
    func register() -> Bool {
        WXApi.registerApp(MerchantConfig.weChatAppID, universalLink: MerchantConfig.universalLink)
    }

    /// Asks the backend for a fresh jump, then launches it; only while the
    /// last state was OVERDUE (the entry is shown only then).
    func open() {
        guard offered else {
            return
        }
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
                    // Not if a query since the tap took the offer back.
                    guard self.offered else {
                        return
                    }
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
        // the backend again for the user's state: the entry comes back only
        // for OVERDUE, and NORMAL is "repaid".
        if Int(launch.errCode) != Int(WXSuccess.rawValue) {
            report("WeChat could not open repayment (error \(launch.errCode)).")
        }
        refreshStatus()
    }

    /// Asks the backend for the user's state, and tells the screen what to
    /// offer. From the status screen when it first appears, and when WeChat
    /// returns: the document says nothing comes back, so query the user's
    /// state again. Until the answer, nothing can be opened. Main queue.
    func refreshStatus() {
        awaitingReturn = false
        offered = false
        queries += 1
        let query = queries
        guard let backend = backend else {
            onOffer?(.unknown, nil)
            report("Log in first.")
            return
        }
        backend.fetchState { result in
            DispatchQueue.main.async {
                guard query == self.queries else {
                    return
                }
                switch result {
                case .success(let state):
                    let defaults = UserDefaults.standard
                    let owed = defaults.bool(forKey: RepayLauncher.owedKey)
                    defaults.set(state.repay, forKey: RepayLauncher.owedKey)
                    self.offered = state.repay
                    var offer = RepaymentOffer.nothing
                    if state.repay {
                        offer = .repay
                    } else if owed && state.isNormal {
                        offer = .repaid
                    }
                    self.onOffer?(offer, state.name)
                case .failure(let error):
                    // 502, 503, 504 or no connection: the state is unknown,
                    // so no entry; the last known state is kept.
                    self.onOffer?(.unknown, nil)
                    self.report("Your repayment status is not available right now (\(error)).")
                }
            }
        }
    }

    private func report(_ message: String) {
        onError?(message)
    }
}
