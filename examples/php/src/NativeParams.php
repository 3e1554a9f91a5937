<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * @internal Params as a repayjump_params struct whose strings live in one
 * owned buffer, NUL-terminated. The key's bytes are zeroed by wipe(), which
 * the caller runs right after the library call, and again on destruction.
 */
final class NativeParams
{
    private const STRING_FIELDS = [
        'appid' => Field::Appid,
        'mchid' => Field::Mchid,
        'nonceStr' => Field::NonceStr,
        'openid' => Field::Openid,
        'subAppid' => Field::SubAppid,
        'subMchid' => Field::SubMchid,
        'subOpenid' => Field::SubOpenid,
    ];
    private const C_NAMES = [
        'appid' => 'appid',
        'mchid' => 'mchid',
        'nonceStr' => 'nonce_str',
        'openid' => 'openid',
        'subAppid' => 'sub_appid',
        'subMchid' => 'sub_mchid',
        'subOpenid' => 'sub_openid',
    ];

    private function __construct(
        public readonly \FFI\CData $struct,
        private readonly \FFI\CData $strings,
        private readonly int $size,
    ) {
    }

    public static function from(\FFI $ffi, Params $params): self
    {
        // The plain values are joined into one string and copied at once;
        // the key is copied on its own, so that no PHP string holds it twice.
        $joined = '';
        $offsets = [];
        foreach (self::STRING_FIELDS as $property => $field) {
            $value = $params->{$property};
            if ($value === null || $value === '') {
                continue;
            }
            $nul = strpos($value, "\0");
            if ($nul !== false) {
                throw Errors::nulByte($ffi, $field, $nul);
            }
            $offsets[self::C_NAMES[$property]] = strlen($joined);
            $joined .= $value . "\0";
        }
        $key = $params->apiKey?->getValue();
        if ($key !== null) {
            $nul = strpos($key, "\0");
            if ($nul !== false) {
                throw Errors::nulByte($ffi, Field::ApiKey, $nul);
            }
        }

        $size = strlen($joined) + ($key === null ? 0 : strlen($key) + 1);
        // Owned and zero-filled: freed with this object, every string ends in NUL.
        $strings = $ffi->new('char[' . max($size, 1) . ']');
        \FFI::memcpy($strings, $joined, strlen($joined));

        if ($params->flags < 0 || $params->flags > 0xFFFFFFFF) {
            // C's unsigned would wrap it and might turn a bad value into a good one.
            throw Errors::fromStatus($ffi, Status::Arg->value, sprintf('flags %d is not an unsigned 32-bit value', $params->flags));
        }
        $struct = $ffi->new('repayjump_params');
        $struct->variant = $params->variant->value;
        $struct->flags = $params->flags;
        // A fresh pointer for each field: an FFI pointer kept in a variable
        // and assigned to a field may be taken over by it.
        foreach ($offsets as $name => $offset) {
            $struct->{$name} = $ffi->cast('char *', $strings) + $offset;
        }
        if ($key !== null) {
            \FFI::memcpy($ffi->cast('char *', $strings) + strlen($joined), $key, strlen($key));
            $struct->api_key = $ffi->cast('char *', $strings) + strlen($joined);
        }
        return new self($struct, $strings, $size);
    }

    public function wipe(): void
    {
        if ($this->size > 0) {
            \FFI::memset($this->strings, 0, $this->size);
        }
    }

    public function __destruct()
    {
        $this->wipe();
    }
}
