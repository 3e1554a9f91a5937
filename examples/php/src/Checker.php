<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * @internal Client::check and Client::checkArray: the input copied into one
 * owned buffer that the library reads as pointer and length (a NUL is just
 * another byte), findings storage that grows to the total the library
 * reports, and the findings read back as PHP objects.
 */
final class Checker
{
    // repayjump_value_type, REPAYJUMP_VARIANT_AUTO, REPAYJUMP_NO_OFFSET.
    private const VALUE_STRING = 0;
    private const VALUE_NOT_STRING = 1;
    /** A value as written in JSON, so that the fix can quote it. */
    private const JSON_FLAGS = JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
        | JSON_PRESERVE_ZERO_FRACTION | JSON_THROW_ON_ERROR;
    /** A navigate argument's key whose members are checked as the jump's fields. */
    private const EXTRA_DATA = 'extraData';
    private const VARIANT_AUTO = -1;
    private const NO_OFFSET = -1; // as size_t: SIZE_MAX
    /** Room for the first call's findings; a check that found more runs again with room for all. */
    private const FIRST_CAP = 32;

    /** @var array<int, string> names asked of the library once: no copy of its tables here */
    private static array $codes = [];

    private function __construct()
    {
    }

    public static function text(string $text, ?Variant $variant, int $flags,
        #[\SensitiveParameter] ?string $apiKey): CheckResult
    {
        $ffi = Library::ffi();
        $bytes = self::owned($ffi, $text);
        return self::run($ffi, $variant, $flags, $apiKey,
            static fn ($opt, $found, int $cap, $result): int => $ffi->repayjump_check_text(
                $opt, $bytes, strlen($text), $found, $cap, $result));
    }

    /** @param array<array-key, mixed> $fields */
    public static function pairs(array $fields, ?Variant $variant, int $flags,
        #[\SensitiveParameter] ?string $apiKey): CheckResult
    {
        $ffi = Library::ffi();
        $joined = '';
        $spans = [];
        foreach (self::flatten($fields) as [$key, $value]) {
            $type = self::VALUE_STRING;
            if (!is_string($value)) {
                $value = json_encode($value, self::JSON_FLAGS);
                $type = self::VALUE_NOT_STRING;
            }
            $spans[] = [strlen($joined), strlen($key), strlen($key) + strlen($value), strlen($value), $type];
            $joined .= $key . $value;
        }
        $bytes = self::owned($ffi, $joined);
        $count = count($spans);
        $pairs = $ffi->new(\FFI::arrayType(Library::type('repayjump_pair'), [max($count, 1)]));
        $pointer = Library::type('char *');
        foreach ($spans as $i => [$at, $keyLen, $valueAt, $valueLen, $type]) {
            // A fresh cast for each pointer, as in NativeParams.
            $pairs[$i]->key = $ffi->cast($pointer, $bytes) + $at;
            $pairs[$i]->key_len = $keyLen;
            $pairs[$i]->value = $ffi->cast($pointer, $bytes) + $at + $keyLen;
            $pairs[$i]->value_len = $valueLen;
            $pairs[$i]->type = $type;
            $pairs[$i]->key_offset = self::NO_OFFSET;
            $pairs[$i]->value_offset = self::NO_OFFSET;
        }
        return self::run($ffi, $variant, $flags, $apiKey,
            static fn ($opt, $found, int $cap, $result): int => $ffi->repayjump_check_pairs(
                $opt, $pairs, $count, $found, $cap, $result));
    }

    /**
     * Each [key, value] pair to check, in order: a field's, and after a
     * navigate argument's extraData each of its members' as extraData.<key>.
     *
     * @param array<array-key, mixed> $fields
     * @return list<array{string, mixed}>
     */
    private static function flatten(array $fields): array
    {
        $pairs = [];
        foreach ($fields as $key => $value) {
            $pairs[] = [(string) $key, $value];
            if ($key !== self::EXTRA_DATA) {
                continue;
            }
            foreach (self::members($value) ?? [] as $name => $member) {
                $pairs[] = [self::EXTRA_DATA . '.' . $name, $member];
            }
        }
        return $pairs;
    }

    /**
     * extraData's members, in order: an associative array's, or those of a
     * string holding a JSON object (encoded twice, which the library
     * reports); null for any other value, a list among them.
     *
     * @return array<array-key, mixed>|null
     */
    private static function members(mixed $value): ?array
    {
        if (is_array($value)) {
            return array_is_list($value) ? null : $value;
        }
        if (!is_string($value)) {
            return null;
        }
        // Objects as stdClass: an object is told from a list, and a member
        // that is one keeps its JSON text ({}).
        $decoded = json_decode($value);
        return $decoded instanceof \stdClass ? get_object_vars($decoded) : null;
    }

    /** Bytes in memory of our own, alive as long as the findings that point into them. */
    private static function owned(\FFI $ffi, string $bytes): \FFI\CData
    {
        $owned = $ffi->new(\FFI::arrayType(Library::type('char'), [max(strlen($bytes), 1)]));
        \FFI::memcpy($owned, $bytes, strlen($bytes));
        return $owned;
    }

    private static function run(\FFI $ffi, ?Variant $variant, int $flags,
        #[\SensitiveParameter] ?string $apiKey, \Closure $call): CheckResult
    {
        if ($flags < 0 || $flags > 0xFFFFFFFF) {
            throw Errors::fromStatus($ffi, Status::Arg->value,
                sprintf('flags %d is not an unsigned 32-bit value', $flags));
        }
        $key = null;
        $keyLen = 0;
        if ($apiKey !== null && $apiKey !== '') {
            if (($nul = strpos($apiKey, "\0")) !== false) {
                throw Errors::nulByte($ffi, Field::ApiKey, $nul);
            }
            $keyLen = strlen($apiKey) + 1;
            $key = $ffi->new(\FFI::arrayType(Library::type('char'), [$keyLen]));
            \FFI::memcpy($key, $apiKey, $keyLen - 1);
        }
        $opt = $ffi->new(Library::type('repayjump_check_options'));
        $opt->variant = $variant === null ? self::VARIANT_AUTO : $variant->value;
        $opt->flags = $flags;
        if ($key !== null) {
            $opt->api_key = $ffi->cast(Library::type('char *'), $key);
        }
        $result = $ffi->new(Library::type('repayjump_check_result'));
        $cap = self::FIRST_CAP;
        try {
            do {
                $found = $ffi->new(\FFI::arrayType(Library::type('repayjump_finding'), [$cap]));
                $status = $call(\FFI::addr($opt), $found, $cap, \FFI::addr($result));
                if ($status !== 0) {
                    throw Errors::fromStatus($ffi, $status, 'check');
                }
                $fits = $result->count <= $cap;
                $cap = $result->count;
            } while (!$fits);
        } finally {
            if ($key !== null) {
                \FFI::memset($key, 0, $keyLen);
            }
        }
        $findings = [];
        for ($i = 0; $i < $result->count; $i++) {
            $findings[] = self::finding($ffi, $found[$i]);
        }
        return new CheckResult(
            $result->kind === 0 ? null : $ffi->repayjump_input_kind_name($result->kind),
            $result->variant < 0 ? null : Variant::tryFrom($result->variant),
            $result->errors, $result->warnings, $result->notes, $findings);
    }

    private static function finding(\FFI $ffi, \FFI\CData $f): Finding
    {
        return new Finding(
            self::$codes[$f->code] ??= $ffi->repayjump_check_code_name($f->code),
            $ffi->repayjump_severity_name($f->severity),
            $f->field,
            // the sign's two too; repayjump_field_name's for the others ("none" for none)
            $ffi->repayjump_check_field_name($f->field) ?? $ffi->repayjump_field_name($f->field),
            \FFI::isNull($f->key) ? null : \FFI::string($f->key, $f->key_len),
            $f->offset,
            $f->length,
            $f->in_value !== 0,
            \FFI::string($f->message),
            \FFI::string($f->fix),
        );
    }

    /** @return array<string, string> every code's name and its severity's */
    public static function codes(): array
    {
        $ffi = Library::ffi();
        $codes = [];
        for ($code = 0, $count = $ffi->repayjump_check_code_count(); $code < $count; $code++) {
            $severity = $ffi->repayjump_check_code_severity($code);
            if ($severity >= 0) {
                $codes[$ffi->repayjump_check_code_name($code)] = $ffi->repayjump_severity_name($severity);
            }
        }
        return $codes;
    }
}
