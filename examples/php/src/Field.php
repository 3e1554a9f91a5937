<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * The fields an error or a check finding can name; the values are the C enum
 * repayjump_field's, and a finding's SignType and Sign
 * (REPAYJUMP_CHECK_FIELD_SIGN_TYPE, REPAYJUMP_CHECK_FIELD_SIGN).
 */
enum Field: int
{
    case None = 0;
    case Appid = 1;
    case Mchid = 2;
    case NonceStr = 3;
    case Openid = 4;
    case SubAppid = 5;
    case SubMchid = 6;
    case SubOpenid = 7;
    case ApiKey = 8;
    // The status query's own (Client::statusRequest):
    case TradeScene = 9;
    case JumpScene = 10;
    case PlateNumber = 11;
    // A check finding's only (Finding::$field): keys of the jump that are not fields of its params.
    case SignType = 64;
    case Sign = 65;
}
