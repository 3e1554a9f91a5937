<?php

declare(strict_types=1);

namespace Repayjump;

/** @internal Turns the library's statuses into RepayjumpException. */
final class Errors
{
    /** From a filled repayjump_error: the library's own status, field, offset and line. */
    public static function fromError(\FFI $ffi, \FFI\CData $error): RepayjumpException
    {
        return self::make($ffi, \FFI::string($error->message), $error->status, $error->field, $error->offset);
    }

    /**
     * From repayjump_status_parse's error and result: for the FAILs of
     * WeChat, its return_msg, err_code and err_code_des as well.
     */
    public static function fromAnswer(\FFI $ffi, \FFI\CData $error, \FFI\CData $result): RepayjumpException
    {
        $status = $error->status;
        if ($status !== Status::ReturnFail->value && $status !== Status::ResultFail->value) {
            return self::fromError($ffi, $error);
        }
        return new RepayjumpException(
            \FFI::string($error->message),
            $status,
            Status::from($status)->constantName(),
            $error->field,
            $ffi->repayjump_field_name($error->field),
            $error->offset,
            \FFI::string($result->return_msg),
            \FFI::string($result->err_code),
            \FFI::string($result->err_code_des),
        );
    }

    /** For a call that fills no repayjump_error: the status's text, with context. */
    public static function fromStatus(\FFI $ffi, int $status, string $context): RepayjumpException
    {
        return self::make($ffi, $context . ': ' . $ffi->repayjump_strerror($status), $status, Field::None->value, 0);
    }

    /**
     * A value with a NUL byte: C would read it cut short, so it is refused
     * here with the library's status for a byte outside the alphabet.
     */
    public static function nulByte(\FFI $ffi, Field $field, int $offset): RepayjumpException
    {
        $name = $ffi->repayjump_field_name($field->value);
        return self::make($ffi, sprintf('%s: byte %d is a NUL byte, which no field allows', $name, $offset),
            Status::Charset->value, $field->value, $offset);
    }

    private static function make(\FFI $ffi, string $message, int $status, int $field, int $offset): RepayjumpException
    {
        return new RepayjumpException(
            $message,
            $status,
            Status::tryFrom($status)?->constantName() ?? 'status ' . $status,
            $field,
            $ffi->repayjump_field_name($field),
            $offset,
        );
    }
}
