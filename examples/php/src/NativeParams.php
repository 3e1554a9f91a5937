<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * @internal Params as a repayjump_params struct whose strings live in one
 * owned buffer, NUL-terminated. wipe() zeroes the buffer, key included; the
 * caller runs it right after the library call, and the destructor again.
 */
final class NativeParams
{
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
        $values = [
            'appid' => $params->appid,
            'mchid' => $params->mchid,
            'nonce_str' => $params->nonceStr,
            'openid' => $params->openid,
            'sub_appid' => $params->subAppid,
            'sub_mchid' => $params->subMchid,
            'sub_openid' => $params->subOpenid,
        ];
        $joined = '';
        $offsets = [];
        foreach ($values as $name => $value) {
            if ($value === null || $value === '') {
                continue;
            }
            $nul = strpos($value, "\0");
            if ($nul !== false) {
                throw Errors::nulByte($ffi, self::field($name), $nul);
            }
            $offsets[$name] = strlen($joined);
            $joined .= $value . "\0";
        }
        $key = $params->apiKey?->getValue();
        if ($key !== null && ($nul = strpos($key, "\0")) !== false) {
            throw Errors::nulByte($ffi, Field::ApiKey, $nul);
        }
        if ($params->flags < 0 || $params->flags > 0xFFFFFFFF) {
            // C's unsigned would wrap it, and might turn a bad value into a good one.
            throw Errors::fromStatus($ffi, Status::Arg->value,
                sprintf('flags %d is not an unsigned 32-bit value', $params->flags));
        }

        $size = strlen($joined) + ($key === null ? 0 : strlen($key) + 1);
        // Owned and zero-filled: freed with this object, every string ends in NUL.
        $strings = $ffi->new(\FFI::arrayType(Library::type('char'), [max($size, 1)]));
        \FFI::memcpy($strings, $joined, strlen($joined));
        $struct = $ffi->new(Library::type('repayjump_params'));
        $struct->variant = $params->variant->value;
        $struct->flags = $params->flags;
        // A fresh cast for each field: an FFI pointer kept in a variable and
        // assigned to a struct field is not safe to use again.
        $pointer = Library::type('char *');
        foreach ($offsets as $name => $offset) {
            $struct->{$name} = $ffi->cast($pointer, $strings) + $offset;
        }
        if ($key !== null) {
            $at = strlen($joined);
            \FFI::memcpy($ffi->cast($pointer, $strings) + $at, $key, strlen($key));
            $struct->api_key = $ffi->cast($pointer, $strings) + $at;
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

    private static function field(string $name): Field
    {
        return match ($name) {
            'appid' => Field::Appid,
            'mchid' => Field::Mchid,
            'nonce_str' => Field::NonceStr,
            'openid' => Field::Openid,
            'sub_appid' => Field::SubAppid,
            'sub_mchid' => Field::SubMchid,
            'sub_openid' => Field::SubOpenid,
        };
    }
}
