import UIKit

// WeChat returns to the App through its URL scheme (the App's own AppID,
// Info.plist) or its universal link; both go to the SDK, which calls
// RepayLauncher.onResp. Where SceneDelegate already has one of these
// methods, put the line into it instead.
extension SceneDelegate {
    func scene(_ scene: UIScene, openURLContexts URLContexts: Set<UIOpenURLContext>) {
        for context in URLContexts {
            _ = WXApi.handleOpen(context.url, delegate: RepayLauncher.shared)
        }
    }

    func scene(_ scene: UIScene, continue userActivity: NSUserActivity) {
        _ = WXApi.handleOpenUniversalLink(userActivity, delegate: RepayLauncher.shared)
    }

    func sceneDidBecomeActive(_ scene: UIScene) {
        RepayLauncher.shared.sceneDidBecomeActive()
    }
}
