#!/usr/bin/env bash
# Packaging test: install the build tree into a temporary prefix and use it
# as a merchant would: the files, the SONAME and exported symbols, the
# installed tool, find_package (and its version check), and pkg-config for
# shared and static linking. Prints one TAP-like line per check, then
# "N passed, M failed"; exits non-zero if any check failed.
#
# usage: check.sh BUILD_DIR SOURCE_DIR C_COMPILER [CONFIG]
#   BUILD_DIR   the project's (already built) binary directory
#   SOURCE_DIR  the project's source directory
#   C_COMPILER  the compiler that consumers build with
#   CONFIG      optional: the configuration to install (multi-config)
set -euo pipefail

if (($# < 3)); then
  echo "usage: $0 BUILD_DIR SOURCE_DIR C_COMPILER [CONFIG]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
cc=$3
config=${4:-}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# The reference case, and what every consumer must print for it.
ref_args=(--appid wxcbda96de0b165486 --mchid 1900009231
  --openid oUpF8uMEb4qRXf22hE3X68TekukE
  --nonce 5K8264ILTKCH16CQ2502SI8ZNMTM67VS)
ref_path='pages/invest_list/invest_list?appid=wxcbda96de0b165486&mchid=1900009231&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid=oUpF8uMEb4qRXf22hE3X68TekukE'

# The cache (the build dir itself, or above it when repayjump is a
# subproject) says what GNUInstallDirs chose and which generator built it.
cache_dir=$build
while [[ ! -f $cache_dir/CMakeCache.txt && $cache_dir != / ]]; do
  cache_dir=$(dirname "$cache_dir")
done
cache=$cache_dir/CMakeCache.txt
if [[ ! -f $cache ]]; then
  echo "Bail out! no CMakeCache.txt at or above $build"
  exit 1
fi
cache_get() { sed -n "s/^$1:[A-Z]*=//p" "$cache" | head -n 1; }
libdir=$(cache_get CMAKE_INSTALL_LIBDIR)
bindir=$(cache_get CMAKE_INSTALL_BINDIR)
includedir=$(cache_get CMAKE_INSTALL_INCLUDEDIR)
generator=$(cache_get CMAKE_GENERATOR)
for dir in "$libdir" "$bindir" "$includedir"; do
  # An absolute one would make the install write outside the temp prefix.
  if [[ -z $dir || $dir == /* ]]; then
    echo "Bail out! install dirs must be relative to the prefix:" \
      "lib '$libdir', bin '$bindir', include '$includedir'"
    exit 1
  fi
done
version=$(sed -n 's/^#define REPAYJUMP_VERSION_STRING "\(.*\)"$/\1/p' \
  "$build/include/repayjump_version.h")

# Everything goes into one temporary directory. cmake --install also writes
# BUILD_DIR/install_manifest.txt: keep a real install's manifest intact.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/repayjump-package.XXXXXX")
manifest=$build/install_manifest.txt
if [[ -f $manifest ]]; then
  cp -p "$manifest" "$tmp/install_manifest.saved"
fi
cleanup() {
  if [[ -f $tmp/install_manifest.saved ]]; then
    cp -p "$tmp/install_manifest.saved" "$manifest"
  else
    rm -f "$manifest"
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

prefix=$tmp/prefix
lib=$prefix/$libdir
pcdir=$lib/pkgconfig
# Nothing from the caller's environment may redirect the install or
# pkg-config's paths.
unset DESTDIR CMAKE_INSTALL_MODE PKG_CONFIG_SYSROOT_DIR
export PKG_CONFIG_PATH=$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}

# check DESCRIPTION FUNCTION [ARGS...]: run FUNCTION (in the background, so
# that set -e stops it at its first failing command), print ok / not ok,
# and its output as # comments when it failed.
n=0
passed=0
failed=0
check() {
  local description=$1 log rc=0
  shift
  n=$((n + 1))
  log=$tmp/check.$n.log
  "$@" >"$log" 2>&1 &
  wait $! || rc=$?
  if ((rc == 0)); then
    echo "ok $n - $description"
    passed=$((passed + 1))
  else
    echo "not ok $n - $description"
    sed 's/^/# /' "$log"
    failed=$((failed + 1))
  fi
}

# fail MESSAGE...: end a check with a reason.
fail() {
  echo "$*" >&2
  exit 1
}

# needed FILE: the DT_NEEDED entries of FILE, one a line.
needed() {
  readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'
}

# ---- the install ----

install_tree() {
  local args=(--install "$build" --prefix "$prefix")
  if [[ -n $config ]]; then
    args+=(--config "$config")
  fi
  cmake "${args[@]}"
}
check "cmake --install into a temporary prefix" install_tree

only_under_prefix() {
  local outside
  [[ -s $manifest ]] || fail "no $manifest"
  outside=$(grep -v "^$prefix/" "$manifest" || true)
  [[ -z $outside ]] || fail "installed outside $prefix:" "$outside"
}
check "every installed file is under the prefix" only_under_prefix

installed_files() {
  local f missing=0
  for f in "$includedir/repayjump.h" "$includedir/repayjump_export.h" \
    "$includedir/repayjump_version.h" "$libdir/librepayjump.so.1" \
    "$libdir/librepayjump.so" "$libdir/librepayjump.a" \
    "$libdir/pkgconfig/repayjump.pc" \
    "$libdir/cmake/repayjump/repayjumpConfig.cmake" \
    "$libdir/cmake/repayjump/repayjumpConfigVersion.cmake" \
    "$libdir/cmake/repayjump/repayjumpTargets.cmake" "$bindir/repayjump"; do
    if [[ ! -f $prefix/$f ]]; then
      echo "missing: $f"
      missing=1
    fi
  done
  [[ -x $prefix/$bindir/repayjump ]] || fail "$bindir/repayjump not executable"
  ((missing == 0))
  cmp "$source_dir/include/repayjump.h" "$prefix/$includedir/repayjump.h"
}
check "the headers, libraries, package files and tool are installed" \
  installed_files

soname() {
  local got
  got=$(readelf -d "$lib/librepayjump.so.1" |
    sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  [[ $got == librepayjump.so.1 ]] || fail "SONAME: '$got'"
}
check "the shared library's SONAME is librepayjump.so.1" soname

installed_tool() {
  local got
  got=$("$prefix/$bindir/repayjump" compose "${ref_args[@]}" \
    --format app-path)
  [[ $got == "$ref_path" ]] || fail "got '$got'"
}
check "the installed repayjump compose --format app-path" installed_tool

exported_symbols() {
  local header=$prefix/$includedir/repayjump.h
  local declared versioned exported count
  declared=$(sed -n 's/^REPAYJUMP_EXPORT[^(]*[^A-Za-z0-9_]\([A-Za-z_][A-Za-z0-9_]*\) *(.*/\1/p' \
    "$header" | LC_ALL=C sort)
  # Every REPAYJUMP_EXPORT must have been parsed as a declaration.
  count=$(grep -ow 'REPAYJUMP_EXPORT' "$header" | wc -l)
  [[ -n $declared && $(wc -l <<<"$declared") -eq $count ]] ||
    fail "parsed $(wc -l <<<"$declared") of $count REPAYJUMP_EXPORT" \
      "declarations in $header"
  # name@@NODE for each global of each version node of the script.
  versioned=$(awk '/^[A-Z_0-9.]+ *\{/ { node = $1 }
    /^ *local:/ { node = "" }
    node != "" && /^ *[a-z_0-9]+;/ { sub(/;/, ""); print $1 "@@" node }' \
    "$source_dir/src/repayjump.map" | LC_ALL=C sort)
  # The script lists exactly the declared functions.
  diff -u --label declared <(echo "$declared") --label "version script" \
    <(sed 's/@@.*//' <<<"$versioned" | LC_ALL=C sort) || return 1
  # All but the version nodes' own absolute symbols.
  exported=$(nm -D --defined-only "$lib/librepayjump.so.1" |
    awk '!($2 == "A" && $3 ~ /^REPAYJUMP_/) { print $3 }' | LC_ALL=C sort)
  diff -u --label "version script" <(echo "$versioned") --label exported \
    <(echo "$exported")
}
check "the .so exports exactly the REPAYJUMP_EXPORT functions, each in its version node" \
  exported_symbols

# ---- find_package ----

consumer_build=$tmp/consumer
# configure_consumer BINARY_DIR [ARGS...]
configure_consumer() {
  local bin=$1
  shift
  cmake -S "$here/consumer" -B "$bin" -G "$generator" \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF "$@"
}
# consumer_exe NAME: the path of a built consumer executable.
consumer_exe() {
  find "$consumer_build" -type f -name "$1" -perm -u+x | head -n 1
}

find_package_build() {
  local found
  configure_consumer "$consumer_build"
  found=$(sed -n 's/^repayjump_DIR:PATH=//p' "$consumer_build/CMakeCache.txt")
  [[ $found == "$lib/cmake/repayjump" ]] ||
    fail "found repayjump in '$found', not in $lib/cmake/repayjump"
  cmake --build "$consumer_build" --config Release
}
check "find_package(repayjump 0.1): configure and build the consumer" \
  find_package_build

find_package_shared() {
  local exe got
  exe=$(consumer_exe consumer_shared)
  [[ -n $exe ]] || fail "no consumer_shared built"
  needed "$exe" | grep -qx 'librepayjump\.so\.1' ||
    fail "consumer_shared does not need librepayjump.so.1:" "$(needed "$exe")"
  # Through the RPATH CMake gives build trees, the prefix's library.
  ldd "$exe" | grep -F "librepayjump.so.1 => $lib/librepayjump.so.1" ||
    fail "librepayjump.so.1 is not loaded from $lib:" "$(ldd "$exe")"
  got=$("$exe")
  [[ $got == "$ref_path" ]] || fail "printed '$got'"
}
check "repayjump::repayjump: consumer_shared runs against the prefix's .so" \
  find_package_shared

find_package_static() {
  local exe got
  exe=$(consumer_exe consumer_static)
  [[ -n $exe ]] || fail "no consumer_static built"
  if needed "$exe" | grep 'librepayjump'; then
    fail "consumer_static needs the shared library"
  fi
  got=$("$exe")
  [[ $got == "$ref_path" ]] || fail "printed '$got'"
}
check "repayjump::repayjump_static: consumer_static runs without the .so" \
  find_package_static

find_package_incompatible() {
  local out rc=0
  out=$(configure_consumer "$tmp/consumer-1.0" -DREPAYJUMP_WANT_VERSION=1.0 \
    2>&1) || rc=$?
  echo "$out"
  ((rc != 0)) || fail "find_package(repayjump 1.0) accepted $version"
  # Refused for its version, not for another reason.
  grep -q 'compatible with requested version "1.0"' <<<"$out" ||
    fail "refused, but not for its version"
  grep -qF "version: $version" <<<"$out" ||
    fail "the refused configuration file is not the $version one"
}
check "find_package(repayjump 1.0) fails: $version is not compatible" \
  find_package_incompatible

# ---- pkg-config ----

pc_version() {
  local got pcfiledir
  pcfiledir=$(pkg-config --variable=pcfiledir repayjump)
  [[ $pcfiledir -ef $pcdir ]] ||
    fail "pkg-config found repayjump.pc in '$pcfiledir', not in $pcdir"
  got=$(pkg-config --modversion repayjump)
  [[ -n $version && $got == "$version" ]] ||
    fail "modversion '$got', project version '$version'"
}
check "pkg-config --modversion repayjump is $version" pc_version

pc_relocatable() {
  local var want got bad=0
  for var in prefix libdir includedir; do
    case $var in
      prefix) want=$prefix ;;
      libdir) want=$lib ;;
      includedir) want=$prefix/$includedir ;;
    esac
    got=$(pkg-config --variable="$var" repayjump)
    echo "$var=$got"
    if [[ ! $got -ef $want ]]; then
      echo "  expected $want"
      bad=1
    fi
  done
  ((bad == 0))
}
check "repayjump.pc's prefix, libdir and includedir are the install prefix's" \
  pc_relocatable

pc_shared() {
  local exe=$tmp/pc_shared got
  local -a flags
  read -ra flags <<<"$(pkg-config --cflags --libs repayjump)"
  "$cc" -std=c11 -o "$exe" "$here/consumer/consumer.c" "${flags[@]}"
  needed "$exe" | grep -qx 'librepayjump\.so\.1' ||
    fail "not linked to librepayjump.so.1:" "$(needed "$exe")"
  got=$(LD_LIBRARY_PATH=$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} "$exe")
  [[ $got == "$ref_path" ]] || fail "printed '$got'"
}
check "pkg-config --cflags --libs: build and run a shared consumer" pc_shared

pc_static() {
  local exe=$tmp/pc_static got flag
  local -a flags static_flags=()
  read -ra flags <<<"$(pkg-config --static --cflags --libs repayjump)"
  # The archive for repayjump; libsodium as the system provides it.
  for flag in "${flags[@]}"; do
    if [[ $flag == -lrepayjump ]]; then
      static_flags+=("-Wl,-Bstatic" -lrepayjump "-Wl,-Bdynamic")
    else
      static_flags+=("$flag")
    fi
  done
  "$cc" -std=c11 -o "$exe" "$here/consumer/consumer.c" "${static_flags[@]}"
  if needed "$exe" | grep 'librepayjump'; then
    fail "the static consumer needs the shared library"
  fi
  got=$("$exe")
  [[ $got == "$ref_path" ]] || fail "printed '$got'"
}
check "pkg-config --static: link librepayjump.a, run without the .so" pc_static

echo "$passed passed, $failed failed"
((failed == 0))
