<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * Everything one jump needs, as named arguments. null and '' both mean
 * absent. The APIv2 key is kept inside a \SensitiveParameterValue, which
 * var_dump, print_r, var_export and json_encode show empty and serialize
 * refuses.
 */
final class Params
{
    public readonly ?\SensitiveParameterValue $apiKey;

    public function __construct(
        public readonly string $appid,
        public readonly string $mchid,
        public readonly Variant $variant = Variant::V3Merchant,
        public readonly ?string $openid = null,
        public readonly ?string $nonceStr = null,
        public readonly ?string $subAppid = null,
        public readonly ?string $subMchid = null,
        public readonly ?string $subOpenid = null,
        #[\SensitiveParameter] ?string $apiKey = null,
        public readonly int $flags = 0,
    ) {
        $this->apiKey = $apiKey === null || $apiKey === '' ? null : new \SensitiveParameterValue($apiKey);
    }

    /** The same parameters with another nonce, e.g. to render with the nonce a compose used. */
    public function withNonce(?string $nonceStr): self
    {
        return new self(
            $this->appid,
            $this->mchid,
            $this->variant,
            $this->openid,
            $nonceStr,
            $this->subAppid,
            $this->subMchid,
            $this->subOpenid,
            $this->apiKey?->getValue(),
            $this->flags,
        );
    }

    /** @return array<string, mixed> what var_dump and print_r show: the key only as set or not */
    public function __debugInfo(): array
    {
        return [
            'variant' => $this->variant,
            'flags' => $this->flags,
            'appid' => $this->appid,
            'mchid' => $this->mchid,
            'nonceStr' => $this->nonceStr,
            'openid' => $this->openid,
            'subAppid' => $this->subAppid,
            'subMchid' => $this->subMchid,
            'subOpenid' => $this->subOpenid,
            'apiKey' => $this->apiKey === null ? null : '[hidden]',
        ];
    }
}
