<?php

declare(strict_types=1);

namespace Repayjump;

/** The library's statuses; the values are the C enum repayjump_status's. */
enum Status: int
{
    case Ok = 0;
    case Arg = -1;
    case Buffer = -2;
    case Rng = -3;
    case Missing = -4;
    case TooLong = -5;
    case Charset = -6;
    case Format = -7;
    case NotAllowed = -8;
    case Conflict = -9;
    // An answer of WeChat Pay that is not trusted (Client::statusParse), in
    // the order the checks run:
    case TooLarge = -10;
    case Xml = -11;
    case Duplicate = -12;
    case ReturnFail = -13;
    case Signature = -14;
    case Echo = -15;
    case ResultFail = -16;
    case NoState = -17;

    /** The C name, as the library's documentation spells it. */
    public function constantName(): string
    {
        return match ($this) {
            self::Ok => 'REPAYJUMP_OK',
            self::Arg => 'REPAYJUMP_E_ARG',
            self::Buffer => 'REPAYJUMP_E_BUFFER',
            self::Rng => 'REPAYJUMP_E_RNG',
            self::Missing => 'REPAYJUMP_E_MISSING',
            self::TooLong => 'REPAYJUMP_E_TOO_LONG',
            self::Charset => 'REPAYJUMP_E_CHARSET',
            self::Format => 'REPAYJUMP_E_FORMAT',
            self::NotAllowed => 'REPAYJUMP_E_NOT_ALLOWED',
            self::Conflict => 'REPAYJUMP_E_CONFLICT',
            self::TooLarge => 'REPAYJUMP_E_TOO_LARGE',
            self::Xml => 'REPAYJUMP_E_XML',
            self::Duplicate => 'REPAYJUMP_E_DUPLICATE',
            self::ReturnFail => 'REPAYJUMP_E_RETURN_FAIL',
            self::Signature => 'REPAYJUMP_E_SIGNATURE',
            self::Echo => 'REPAYJUMP_E_ECHO',
            self::ResultFail => 'REPAYJUMP_E_RESULT_FAIL',
            self::NoState => 'REPAYJUMP_E_NO_STATE',
        };
    }
}
