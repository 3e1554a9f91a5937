<?php

declare(strict_types=1);

namespace Repayjump;

/** Bits of the flags argument, combined with |. */
final class Flag
{
    /** openid may be absent, and is then left out */
    public const ALLOW_NO_OPENID = 1;
    /** looser appid, mchid and api_key rules, for test accounts */
    public const RELAXED = 2;

    private function __construct()
    {
    }
}
