<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * @internal The status query's own fields as a repayjump_status_query whose
 * strings live in one owned buffer, NUL-terminated. null and '' both mean
 * absent; a value with a NUL byte is refused, as NativeParams refuses one.
 */
final class NativeQuery
{
    private function __construct(
        public readonly \FFI\CData $struct,
        private readonly \FFI\CData $strings,
    ) {
    }

    public static function from(\FFI $ffi, ?string $tradeScene, ?string $jumpScene, ?string $plateNumber): self
    {
        $values = [
            'trade_scene' => [$tradeScene, Field::TradeScene],
            'jump_scene' => [$jumpScene, Field::JumpScene],
            'plate_number' => [$plateNumber, Field::PlateNumber],
        ];
        $joined = '';
        $offsets = [];
        foreach ($values as $name => [$value, $field]) {
            if ($value === null || $value === '') {
                continue;
            }
            $nul = strpos($value, "\0");
            if ($nul !== false) {
                throw Errors::nulByte($ffi, $field, $nul);
            }
            $offsets[$name] = strlen($joined);
            $joined .= $value . "\0";
        }
        $strings = $ffi->new(\FFI::arrayType(Library::type('char'), [max(strlen($joined), 1)]));
        \FFI::memcpy($strings, $joined, strlen($joined));
        $struct = $ffi->new(Library::type('repayjump_status_query'));
        $pointer = Library::type('char *');
        foreach ($offsets as $name => $offset) {
            // A fresh cast for each field, as in NativeParams.
            $struct->{$name} = $ffi->cast($pointer, $strings) + $offset;
        }
        return new self($struct, $strings);
    }
}
