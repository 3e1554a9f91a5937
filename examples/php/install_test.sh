#!/bin/sh
# Validate composer.json, require the binding from an empty project through
# a path repository, offline, and run the example there through Composer's
# vendor/autoload.php (PSR-4), not src/autoload.php.
#
# usage: install_test.sh PHP COMPOSER WORK [NAME=VALUE]...
#   WORK     a scratch directory, emptied first
#   NAME=VALUE  the environment the binding runs in (REPAYJUMP_LIBRARY...);
#            composer runs without it
set -eu
php=$1 composer=$2 work=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
mkdir -p "$work/app"
# Composer: no network, no user's configuration or cache, no questions.
COMPOSER_HOME=$work/composer-home COMPOSER_CACHE_DIR=$work/composer-cache
COMPOSER_DISABLE_NETWORK=1 COMPOSER_ALLOW_SUPERUSER=1 COMPOSER_NO_INTERACTION=1
export COMPOSER_HOME COMPOSER_CACHE_DIR COMPOSER_DISABLE_NETWORK \
  COMPOSER_ALLOW_SUPERUSER COMPOSER_NO_INTERACTION
run_composer() { "$php" "$composer" --no-interaction --no-ansi "$@"; }

run_composer validate --strict --working-dir="$here"

# The project: only the path repository, no Packagist; a copy, not a
# symlink, so that nothing is read from this directory afterwards.
cd "$work/app"
cat >composer.json <<EOF
{
    "repositories": [
        { "type": "path", "url": "$here", "options": { "symlink": false } },
        { "packagist.org": false }
    ],
    "require": { "repayjump/repayjump": "*@dev" }
}
EOF
run_composer install
# Every class where PSR-4 says it is (fails otherwise), then the plain
# autoloader again, which the example uses.
run_composer dump-autoload --optimize --strict-psr
run_composer dump-autoload
test -f vendor/repayjump/repayjump/composer.json
# The project's LICENSE, as it is at the top of the repository.
if ! cmp -s vendor/repayjump/repayjump/LICENSE "$here/../../LICENSE"; then
  echo "the installed package has no LICENSE, or not the project's" >&2
  exit 1
fi

sed "s|require __DIR__ . '/src/autoload.php';|require __DIR__ . '/vendor/autoload.php';|" \
  "$here/example.php" >example.php
grep -q "vendor/autoload.php" example.php
# Only Composer's autoloader: the class files come from the installed package.
# shellcheck disable=SC2016 # PHP's variables, not the shell's
env "$@" "$php" -r '
require "vendor/autoload.php";
$file = (new ReflectionClass(Repayjump\Client::class))->getFileName();
$vendor = realpath("vendor/repayjump/repayjump/src");
if (realpath(dirname($file)) !== $vendor) {
    fwrite(STDERR, "Repayjump\\Client from $file, not from $vendor\n");
    exit(1);
}
echo "Repayjump\\Client from vendor/repayjump/repayjump/src\n";
'
# Printed only once it has exited 0: ctest looks for its App path line.
out=$(env "$@" "$php" example.php)
printf '%s\n' "$out"
