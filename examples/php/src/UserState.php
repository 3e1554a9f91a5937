<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * The user's state in a trusted answer of WeChat Pay's user state query;
 * the values are the C enum repayjump_user_state's.
 */
enum UserState: int
{
    /** a state the library does not list, kept verbatim in StatusResult::$userState */
    case Unknown = 0;
    /** nothing owed */
    case Normal = 1;
    case Paused = 2;
    /** owes what WeChat advanced: offer the repayment jump */
    case Overdue = 3;
    case Unauthorized = 4;
}
