<?php

declare(strict_types=1);

namespace Repayjump;

/** The four published versions of the jump; the values are the C enum's. */
enum Variant: int
{
    /** appid, mchid, nonce_str, openid */
    case V3Merchant = 0;
    /** adds sub_appid, sub_mch_id, sub_openid */
    case V3Partner = 1;
    /** mch_id instead of mchid, adds sign_type and sign */
    case V2Merchant = 2;
    /** both of the above */
    case V2Partner = 3;
}
