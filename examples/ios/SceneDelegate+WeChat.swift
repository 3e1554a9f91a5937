import UIKit

// WeChat returns to the App through its URL scheme (the App's own AppID,
// Info.plist) or its universal link; both go to the SDK, which calls
// RepayLauncher.onResp. Where SceneDelegate already has one of these
// methods, put the line into it instead.
//
// Xcode's SceneDelegate template already has sceneDidBecomeActive(_:):
// add `RepayLauncher.shared.sceneDidBecomeActive()` to it, so that a user
// who switches back by hand also gets a fresh status.
extension SceneDelegate {
    func scene(_ scene: UIScene, openURLContexts URLContexts: Set<UIOpenURLContext>) {
        for context in URLContexts {
            _ = WXApi.handleOpen(context.url, delegate: RepayLauncher.shared)
        }
    }

    func scene(_ scene: UIScene, continue userActivity: NSUserActivity) {
        _ = WXApi.handleOpenUniversalLink(userActivity, delegate: RepayLauncher.shared)
    }
}
