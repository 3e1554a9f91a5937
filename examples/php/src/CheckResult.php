<?php

declare(strict_types=1);

namespace Repayjump;

/** What Client::check found: every finding, in input order, and their counts. */
final class CheckResult
{
    public function __construct(
        /** how the input was read: "app_path", "query"; for an array "navigate", "app_launch" or null (the fields); null for an unrecognised input */
        public readonly ?string $kind,
        /** the variant checked against, null when none could be */
        public readonly ?Variant $variant,
        public readonly int $errors,
        public readonly int $warnings,
        public readonly int $notes,
        /** @var list<Finding> */
        public readonly array $findings,
    ) {
    }

    /** No errors: WeChat would take the jump (warnings and notes allowed). */
    public function ok(): bool
    {
        return $this->errors === 0;
    }

    /** @return list<string> the findings' codes, in order */
    public function codes(): array
    {
        return array_map(static fn (Finding $f): string => $f->code, $this->findings);
    }
}
