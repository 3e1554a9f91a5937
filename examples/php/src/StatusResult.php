<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * A trusted answer of WeChat Pay's user state query (Client::statusParse):
 * the state, and WeChat's values verbatim (UTF-8), '' when absent.
 */
final class StatusResult
{
    public function __construct(
        /** UserState::Unknown for a state the library does not list */
        public readonly UserState $state,
        /** WeChat's user_state, verbatim: "OVERDUE", ... */
        public readonly string $userState,
        /** "PROACTIVE" or "AUTOPAY" */
        public readonly string $deductMode,
        public readonly string $openid,
        public readonly string $subOpenid,
        public readonly string $path,
        /** a JSON text */
        public readonly string $plateNumberInfo,
        public readonly string $plateNumber,
    ) {
    }

    /** The user owes what WeChat advanced: offer the repayment jump. */
    public function repay(): bool
    {
        return $this->state === UserState::Overdue;
    }
}
