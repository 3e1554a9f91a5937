<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * A value the library refused, a call it could not complete, or an answer
 * of WeChat Pay that is not trusted: the status (number and C name), the
 * field (number and name), the byte offset of the first offending byte in
 * that field's value (for an answer, in the answer), and one English line.
 * The exception code is the status. No message ever contains the api_key.
 *
 * For REPAYJUMP_E_RETURN_FAIL and REPAYJUMP_E_RESULT_FAIL, $returnMsg,
 * $errCode and $errCodeDes are WeChat's own words, verbatim ('' where the
 * answer has none); null for every other status.
 */
final class RepayjumpException extends \RuntimeException
{
    public function __construct(
        string $message,
        public readonly int $status,
        public readonly string $statusName,
        public readonly int $field,
        public readonly string $fieldName,
        public readonly int $offset,
        public readonly ?string $returnMsg = null,
        public readonly ?string $errCode = null,
        public readonly ?string $errCodeDes = null,
    ) {
        parent::__construct($message, $status);
    }

    /** The status as an enum case, or null for one this binding predates. */
    public function statusCase(): ?Status
    {
        return Status::tryFrom($this->status);
    }
}
