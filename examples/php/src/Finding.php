<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * One problem Client::check found. Offsets count bytes of the UTF-8 input;
 * when $inValue is true, $offset counts bytes of the value of $key, whose
 * place in the input is unknown (an array's values). $message and $fix are
 * one English line each and never hold the api_key.
 */
final class Finding
{
    public function __construct(
        /** the stable name of what is wrong, e.g. "value.space" (CHECK.md) */
        public readonly string $code,
        /** "error", "warning" or "note" */
        public readonly string $severity,
        /** a Field value, 0 when none; Field::SignType and Field::Sign for those keys */
        public readonly int $field,
        /** the library's name of the field: "appid", ..., "sign_type", "sign"; "none" when none */
        public readonly string $fieldName,
        /** the key as written in the input ("extraData.<key>" for a member of a navigate argument's extraData), null when none */
        public readonly ?string $key,
        public readonly int $offset,
        public readonly int $length,
        public readonly bool $inValue,
        public readonly string $message,
        public readonly string $fix,
    ) {
    }
}
