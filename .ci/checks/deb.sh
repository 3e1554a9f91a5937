#!/usr/bin/env bash
# The Debian packages, as a merchant's machine gets them: CPack builds
# librepayjump1, librepayjump-dev and repayjump (Debian's hardening flags,
# prefix /usr); lintian checks them (no error; each warning accepted in
# .ci/lint/lintian-accepted.txt with its reason, no stale entry); apt-get
# installs them; then repayjump demo runs from /usr/bin, both manual pages
# render, and examples/c/compose.c builds against the installed header with
# pkg-config and with find_package, shared and static, and runs; finally the
# packages are purged. Needs root (or sudo) for apt-get. Prints one line a
# check, then "N passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
source_dir=$PWD
build="build-deb"
accepted=.ci/lint/lintian-accepted.txt
packages=(librepayjump1 librepayjump-dev repayjump)
sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
tmp=$(mktemp -d "${TMPDIR:-/tmp}/repayjump-deb.XXXXXX")

passed=0
failed=0
# check DESCRIPTION COMMAND...: run it (in the background, so that set -e
# stops it at its first failing command), print ok / not ok and its output
# when it failed.
check() {
  local description=$1 rc=0
  shift
  "$@" >"$tmp/log" 2>&1 &
  wait $! || rc=$?
  if ((rc == 0)); then
    echo "ok - $description"
    passed=$((passed + 1))
  else
    echo "not ok - $description"
    sed 's/^/# /' "$tmp/log"
    failed=$((failed + 1))
  fi
}
fail() {
  echo "$*" >&2
  return 1
}

# ---- build ----
echo "== build the packages"
rm -rf "$build"
# Dates inside the packages (changelog, repayjump(1)) from the last commit.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH
eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
CFLAGS="$CFLAGS $CPPFLAGS" cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_INSTALL_PREFIX=/usr -DREPAYJUMP_BUILD_TESTS=OFF
cmake --build "$build" -j2
(cd "$build" && cpack -G DEB)
mapfile -t debs < <(for p in "${packages[@]}"; do ls "$build/${p}"_*.deb; done)
for deb in "${debs[@]}"; do
  printf '%-45s %6d bytes, installed %4s KiB: %s\n' "$(basename "$deb")" \
    "$(stat -c %s "$deb")" "$(dpkg-deb -f "$deb" Installed-Size)" \
    "$(dpkg-deb -f "$deb" Depends)"
done

contents() { # contents DEB FILE...: DEB holds every FILE
  local deb=$1 f
  shift
  dpkg-deb -c "$deb" | awk '{ print $6 }' >"$tmp/contents"
  for f in "$@"; do
    grep -qx "\./$f" "$tmp/contents" || fail "$(basename "$deb") lacks $f"
  done
}
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
check "librepayjump1 holds the shared library, named for its SONAME" \
  contents "${debs[0]}" "usr/lib/$multiarch/librepayjump.so.1" \
  usr/share/doc/librepayjump1/copyright usr/share/doc/librepayjump1/changelog.Debian.gz
check "librepayjump-dev holds the header, static library, .pc, CMake package, repayjump(3)" \
  contents "${debs[1]}" usr/include/repayjump.h "usr/lib/$multiarch/librepayjump.a" \
  "usr/lib/$multiarch/librepayjump.so" "usr/lib/$multiarch/pkgconfig/repayjump.pc" \
  "usr/lib/$multiarch/cmake/repayjump/repayjumpConfig.cmake" \
  usr/share/man/man3/repayjump.3.gz usr/share/doc/librepayjump-dev/copyright
check "repayjump holds the tool and repayjump(1)" \
  contents "${debs[2]}" usr/bin/repayjump usr/share/man/man1/repayjump.1.gz \
  usr/share/doc/repayjump/copyright

soname() {
  dpkg-deb -x "${debs[0]}" "$tmp/runtime"
  readelf -d "$tmp/runtime/usr/lib/$multiarch/librepayjump.so.1" >"$tmp/dynamic"
  grep -q 'SONAME.*\[librepayjump\.so\.1\]' "$tmp/dynamic" ||
    fail "SONAME is not librepayjump.so.1"
  dpkg-deb --ctrl-tarfile "${debs[0]}" | tar -xO ./shlibs >"$tmp/shlibs"
  cat "$tmp/shlibs"
  grep -q '^librepayjump 1 librepayjump1 ' "$tmp/shlibs" || fail "no shlibs entry"
}
check "the SONAME librepayjump.so.1 and its shlibs entry" soname

# ---- lintian ----
lint() {
  local rc=0
  lintian --fail-on none "${debs[@]}" >"$tmp/lintian" 2>&1 || rc=$?
  cat "$tmp/lintian"
  ((rc == 0)) || fail "lintian failed to run ($rc)"
  ! grep -q '^E: ' "$tmp/lintian" || fail "lintian errors (never accepted)"
  # Warnings as "PACKAGE: TAG", against the accepted list.
  sed -n 's/^W: \([^ ]*: [^ ]*\).*/\1/p' "$tmp/lintian" | sort -u >"$tmp/warned"
  grep -v '^[[:space:]]*\(#\|$\)' "$accepted" | sort -u >"$tmp/accepted"
  comm -23 "$tmp/warned" "$tmp/accepted" >"$tmp/unaccepted"
  comm -13 "$tmp/warned" "$tmp/accepted" >"$tmp/stale"
  sed "s|^|warning not in $accepted: |" "$tmp/unaccepted"
  sed "s|^|stale entry of $accepted: |" "$tmp/stale"
  [ ! -s "$tmp/unaccepted" ] && [ ! -s "$tmp/stale" ]
}
check "lintian: no error, every warning accepted with a reason, none stale" lint

# ---- install, use, purge ----
purge() {
  DEBIAN_FRONTEND=noninteractive $sudo apt-get purge -y -q "${packages[@]}"
}
trap 'purge >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

install_debs() {
  local debs_here=()
  for deb in "${debs[@]}"; do debs_here+=("./$deb"); done
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q "${debs_here[@]}"
  for p in "${packages[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p")" = "install ok installed" ] ||
      fail "$p is not installed"
  done
}
check "apt-get install ./librepayjump1_*.deb ./librepayjump-dev_*.deb ./repayjump_*.deb" \
  install_debs

ref_path='pages/invest_list/invest_list\?appid=wxcbda96de0b165486&mchid=1900009231&nonce_str=[A-Za-z0-9]{32}&openid=oUpF8uMEb4qRXf22hE3X68TekukE'
demo() {
  [ "$(command -v repayjump)" = /usr/bin/repayjump ] || fail "repayjump is $(command -v repayjump)"
  /usr/bin/repayjump demo >"$tmp/demo"
  cat "$tmp/demo"
  grep -Eq "$ref_path" "$tmp/demo"
}
check "repayjump demo, from /usr/bin" demo

man_pages() {
  local page out
  for page in 1 3; do
    out=$(MANWIDTH=80 man --warnings "$page" repayjump 2>&1 >/dev/null)
    [ -z "$out" ] || fail "man $page repayjump: $out"
    MANWIDTH=80 man "$page" repayjump >"$tmp/page"
    grep -q "^REPAYJUMP($page)" "$tmp/page" ||
      fail "man $page repayjump shows no REPAYJUMP($page)"
  done
}
check "man repayjump and man 3 repayjump render without a warning" man_pages

run_compose() { # run_compose EXE: it prints the reference App path
  "$1" >"$tmp/out"
  cat "$tmp/out"
  grep -Eq "^App path:  $ref_path\$" "$tmp/out"
}
pkg_config_build() {
  local exe=$tmp/compose_pc
  # shellcheck disable=SC2046 # pkg-config's flags are words
  cc -std=c11 -Wall -Wextra -Werror -o "$exe" examples/c/compose.c \
    $(pkg-config --cflags --libs repayjump)
  ldd "$exe" >"$tmp/ldd"
  grep -Eq "librepayjump\.so\.1 => (/usr)?/lib/$multiarch/librepayjump\.so\.1 " "$tmp/ldd" ||
    fail "not linked to the installed library:" "$(cat "$tmp/ldd")"
  run_compose "$exe"
}
check "examples/c/compose.c with pkg-config --cflags --libs repayjump, run" pkg_config_build

find_package_build() {
  local project=$tmp/find_package
  mkdir -p "$project"
  cat >"$project/CMakeLists.txt" <<EOT
cmake_minimum_required(VERSION 3.22)
project(compose LANGUAGES C)
find_package(repayjump 0.1 REQUIRED)
if(NOT repayjump_DIR STREQUAL "/usr/lib/$multiarch/cmake/repayjump")
  message(FATAL_ERROR "repayjump found in \${repayjump_DIR}")
endif()
add_executable(compose_shared "$source_dir/examples/c/compose.c")
target_link_libraries(compose_shared PRIVATE repayjump::repayjump)
add_executable(compose_static "$source_dir/examples/c/compose.c")
target_link_libraries(compose_static PRIVATE repayjump::repayjump_static)
EOT
  cmake -S "$project" -B "$project/build" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
  cmake --build "$project/build"
  run_compose "$project/build/compose_shared"
  run_compose "$project/build/compose_static"
  readelf -d "$project/build/compose_static" >"$tmp/dynamic"
  ! grep -q librepayjump "$tmp/dynamic" || fail "compose_static needs the shared library"
  # And the packaging test's own consumer, shared and static.
  cmake -S tests/package/consumer -B "$project/consumer" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
  cmake --build "$project/consumer"
  "$project/consumer/consumer_shared"
  "$project/consumer/consumer_static"
}
check "examples/c/compose.c with find_package(repayjump), shared and static, run" \
  find_package_build

purged() {
  purge
  for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status != *"ok installed"* ]] || fail "$p is still installed"
  done
  if [ -e /usr/bin/repayjump ] || [ -e /usr/include/repayjump.h ]; then
    fail "files left behind"
  fi
}
check "apt-get purge removes the three packages and their files" purged

echo "$passed passed, $failed failed"
((failed == 0))
