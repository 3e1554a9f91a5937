<?php

declare(strict_types=1);

namespace Repayjump;

/** Every output of one compose. Holds no secret: the key signs and is never emitted. */
final class Result
{
    public function __construct(
        public readonly Variant $variant,
        /** the nonce used, given or fresh */
        public readonly string $nonceStr,
        /** 64 uppercase hex digits for the APIv2 variants, null for APIv3 */
        public readonly ?string $sign,
        public readonly string $extraDataJson,
        public readonly string $navigateJson,
        public readonly string $appPath,
        public readonly string $appLaunchJson,
    ) {
    }

    public function output(Format $format): string
    {
        return match ($format) {
            Format::ExtraDataJson => $this->extraDataJson,
            Format::NavigateJson => $this->navigateJson,
            Format::AppPath => $this->appPath,
            Format::AppLaunchJson => $this->appLaunchJson,
        };
    }
}
