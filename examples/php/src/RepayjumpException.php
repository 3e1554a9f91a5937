<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * A value the library refused, or a call it could not complete: the status
 * (number and C name), the field (number and name), the byte offset of the
 * first offending byte in that field's value, and one English line. The
 * exception code is the status. No message ever contains the api_key.
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
    ) {
        parent::__construct($message, $status);
    }

    /** The status as an enum case, or null for one this binding predates. */
    public function statusCase(): ?Status
    {
        return Status::tryFrom($this->status);
    }
}
