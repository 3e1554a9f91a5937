<?php

declare(strict_types=1);

namespace Repayjump;

/** librepayjump could not be loaded or started: the message says what to do. */
final class LibraryException extends \RuntimeException
{
}
