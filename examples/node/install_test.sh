#!/bin/sh
# npm pack this directory, install the tarball into an empty project, offline,
# and run the example there with require('repayjump'); with --types, also
# compile test/types.ts there with tsc --strict against the installed
# declarations, and run it.
#
# usage: install_test.sh [--types TSC] NODE NPM WORK VERSION [NAME=VALUE]...
#   WORK     a scratch directory, emptied first
#   VERSION  the project's version, which the package's must equal
#   NAME=VALUE  the environment the binding runs in (REPAYJUMP_LIBRARY...);
#            npm and tsc run without it
# koffi, the one dependency, comes packed from node_modules here (npm ci
# --prefix examples/node, as sh .ci/deps does): npm never goes online.
set -eu
tsc=
if [ "$1" = --types ]; then
  tsc=$2
  shift 2
fi
node=$1 npm=$2 work=$3 version=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
koffi=$here/node_modules/koffi
if [ ! -f "$koffi/package.json" ]; then
  echo "koffi is not installed in $here: run npm ci --prefix examples/node (sh .ci/deps)" >&2
  exit 1
fi

rm -rf "$work"
mkdir -p "$work/app"
# npm: offline, its cache in the scratch directory, no user's .npmrc, and a
# registry that refuses at once should it ever be asked.
npm_config_cache=$work/npm-cache npm_config_userconfig=$work/npmrc
npm_config_offline=true npm_config_registry=http://127.0.0.1:9/
npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export npm_config_cache npm_config_userconfig npm_config_offline \
  npm_config_registry npm_config_audit npm_config_fund npm_config_update_notifier

cd "$work"
"$npm" pack "$here" --pack-destination "$work" --loglevel=warn >/dev/null
tarball=repayjump-$version.tgz
if [ ! -f "$tarball" ]; then
  echo "npm pack made no $tarball: is package.json's version $version?" >&2
  ls -- *.tgz >&2
  exit 1
fi
# Only the binding, its declarations and the licence: no tests, benchmark
# or node_modules.
extra=$(tar -tzf "$tarball" |
  grep -Ev '^package/(package\.json|README\.md|LICENSE|repayjump\.js|index\.d\.ts|lib/[a-z]+\.js)$' || true)
if [ -n "$extra" ]; then
  printf 'unexpected files in %s:\n%s\n' "$tarball" "$extra" >&2
  exit 1
fi
# The project's LICENSE, as it is at the top of the repository.
if ! tar -xzOf "$tarball" package/LICENSE | cmp -s - "$here/../../LICENSE"; then
  echo "$tarball has no LICENSE, or not the project's" >&2
  exit 1
fi
koffi_version=$("$node" -p "require('$koffi/package.json').version")
"$npm" pack "$koffi" --pack-destination "$work" --loglevel=warn >/dev/null
echo "packed $tarball ($(wc -c <"$tarball") bytes), koffi-$koffi_version.tgz"

cd app
echo '{ "name": "app", "version": "1.0.0", "private": true }' >package.json
"$npm" install ../"$tarball" ../koffi-"$koffi_version".tgz
"$npm" ls --all
# These two packages only, koffi once: repayjump's own is the top one.
test "$(ls node_modules)" = "koffi
repayjump"
test ! -e node_modules/repayjump/node_modules

# The example as the README quotes it, as a project writes it:
# require('repayjump') (in this directory, the package requires itself by
# its name through package.json's exports).
cp "$here/example.js" example.js
grep -q "require('repayjump')" example.js

if [ -n "$tsc" ]; then
  cp "$here/test/types.ts" .
  "$tsc" --strict --noEmitOnError --target es2020 --module commonjs \
    --lib es2020,dom --outDir out types.ts
  env "$@" "$node" out/types.js
fi
# Printed only once it has exited 0: ctest looks for its App path line.
out=$(env "$@" "$node" example.js)
printf '%s\n' "$out"
