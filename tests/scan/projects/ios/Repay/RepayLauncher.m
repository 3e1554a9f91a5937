#import "RepayLauncher.h"
#import "WXApi.h"

@implementation RepayLauncher

+ (void)registerWithWeChat {
  [WXApi registerApp:@"wxd930ea5d5a258f4f"
       universalLink:@"https://merchant.example.com/app/"];
}

+ (void)launchSample {
  WXLaunchMiniProgramReq *req = [WXLaunchMiniProgramReq object];
  req.userName = @"gh_5e259b7a73b1"; // the repayment program's original id
  req.path = @"pages/invest_list/invest_list?appid=wxcbda96de0b165486&mchid=1900009231&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid=oUpF8uMEb4qRXf22hE3X68TekukE";
  req.miniProgramType = WXMiniProgramTypeRelease;
  [WXApi sendReq:req completion:nil];
}

@end
