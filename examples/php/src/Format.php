<?php

declare(strict_types=1);

namespace Repayjump;

/** The four outputs; the values are the C enum's. */
enum Format: int
{
    /** extraData of <navigator> and wx.navigateToMiniProgram */
    case ExtraDataJson = 0;
    /** the whole argument of wx.navigateToMiniProgram */
    case NavigateJson = 1;
    /** path of WXLaunchMiniProgramReq (iOS) and WXLaunchMiniProgram.Req (Android) */
    case AppPath = 2;
    /** userName, path and miniProgramType for an App's launch request */
    case AppLaunchJson = 3;
}
