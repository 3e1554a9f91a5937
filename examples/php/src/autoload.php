<?php

declare(strict_types=1);

// Loads Repayjump\* classes from this directory, for projects without
// Composer; with Composer, map "Repayjump\\" to this directory (PSR-4).
spl_autoload_register(static function (string $class): void {
    $prefix = 'Repayjump\\';
    if (str_starts_with($class, $prefix)) {
        $file = __DIR__ . '/' . substr($class, strlen($prefix)) . '.php';
        if (is_file($file)) {
            require $file;
        }
    }
});
