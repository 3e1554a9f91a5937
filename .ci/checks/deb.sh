#!/usr/bin/env bash
# The Debian packages, as a merchant's machine gets them: the README's
# recipe, run as written (Debian's hardening flags added), builds
# librepayjump1, librepayjump-dev, repayjump and repayjump-httpd with the
# package preset; each package holds exactly its files and Depends;
# lintian checks them (no error; each warning accepted in
# .ci/lint/lintian-accepted.txt with its reason, no stale entry); apt-get
# installs them as the recipe says; then repayjump demo runs from /usr/bin
# and check reads JSON, the three manual pages render (`man repayjump` the
# tool's), examples/c/compose.c builds against the installed header with
# pkg-config and with find_package, shared and static, and runs; the
# service's unit passes systemd-analyze verify and security (at most 2.0,
# tests/service/check-unit.sh); the installed repayjump-httpd, started by
# hand with the installed environment file, answers, and makes no system
# call that its unit's filter refuses; finally the packages are purged.
# Needs root (or sudo) for apt-get. Prints one line a check, then "N
# passed, M failed".
set -euo pipefail
cd "$(dirname "$0")/../.."
source_dir=$PWD
build="build-deb"
accepted=.ci/lint/lintian-accepted.txt
packages=(librepayjump1 librepayjump-dev repayjump repayjump-httpd)
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
# The README's recipe: the sh block after "**Debian packages**", each line
# as written (sudo only when not root); its apt-get line is the install
# check below.
awk '/^\*\*Debian packages\*\*/ { on = 1 } on && /^```sh$/ { inside = 1; next }
  inside && /^```$/ { exit } inside' README.md >"$tmp/recipe"
grep -q 'preset package' "$tmp/recipe" || fail "no Debian recipe in README.md"
install_line=$(grep 'apt-get install ' "$tmp/recipe")
[ -n "$sudo" ] || sed -i 's/^sudo //' "$tmp/recipe"
echo "== build the packages, as README.md says:"
sed 's/^/  /' "$tmp/recipe"
rm -rf "$build"
# Dates inside the packages (changelog, repayjump(1)) from the last commit.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH
eval "$(DEB_BUILD_MAINT_OPTIONS=hardening=+all dpkg-buildflags --export=sh)"
CFLAGS="$CFLAGS $CPPFLAGS"
export CFLAGS LDFLAGS
grep -v 'apt-get install ' "$tmp/recipe" | sh -eux
mapfile -t debs < <(for p in "${packages[@]}"; do ls "$build/${p}"_*.deb; done)
for deb in "${debs[@]}"; do
  printf '%-45s %6d bytes, installed %4s KiB: %s\n' "$(basename "$deb")" \
    "$(stat -c %s "$deb")" "$(dpkg-deb -f "$deb" Installed-Size)" \
    "$(dpkg-deb -f "$deb" Depends)"
done
check "the recipe builds the four packages, and nothing else" \
  test "$(find "$build" -maxdepth 1 -name '*.deb' | wc -l)" -eq ${#packages[@]}

# contents DEB PATTERN...: DEB's files and links (not its directories) are
# exactly those matching the PATTERNs (extended regular expressions, each
# matching one), with the mode and Depends checked by the callers.
contents() {
  local deb=$1 pattern file
  shift
  dpkg-deb -c "$deb" | awk '$1 !~ /^d/ { print $6 }' | sed 's|^\./||' >"$tmp/contents"
  for pattern in "$@"; do
    [ "$(grep -Ecx "$pattern" "$tmp/contents")" -eq 1 ] ||
      fail "$(basename "$deb"): not one file matches $pattern"
  done
  while read -r file; do
    for pattern in "$@"; do
      if grep -Eqx "$pattern" <<<"$file"; then continue 2; fi
    done
    fail "$(basename "$deb") holds $file, which it should not"
  done <"$tmp/contents"
}
# depends DEB PACKAGE...: DEB's Depends names each PACKAGE, and no other.
depends() {
  local deb=$1
  shift
  dpkg-deb -f "$deb" Depends | tr ',|' '\n' | awk '{ print $1 }' | sort -u >"$tmp/depends"
  printf '%s\n' "$@" | sort -u >"$tmp/wanted"
  diff "$tmp/wanted" "$tmp/depends" >&2 || fail "$(basename "$deb"): Depends differ (< wanted, > got)"
}
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
lib=usr/lib/$multiarch
doc() { echo "usr/share/doc/$1/copyright usr/share/doc/$1/changelog.Debian.gz"; }
# shellcheck disable=SC2046 # doc's words are files
librepayjump1() {
  contents "${debs[0]}" "$lib/librepayjump\.so\.1" "$lib/librepayjump\.so\.1\.[0-9]+\.[0-9]+" \
    $(doc librepayjump1)
  depends "${debs[0]}" libc6 libsodium23
}
check "librepayjump1: the shared library, named for its SONAME; Depends libc6, libsodium23" \
  librepayjump1
# shellcheck disable=SC2046
librepayjump_dev() {
  contents "${debs[1]}" usr/include/repayjump.h usr/include/repayjump_export.h \
    usr/include/repayjump_version.h "$lib/librepayjump\.a" "$lib/librepayjump\.so" \
    "$lib/pkgconfig/repayjump\.pc" "$lib/cmake/repayjump/repayjumpConfig\.cmake" \
    "$lib/cmake/repayjump/repayjumpConfigVersion\.cmake" \
    "$lib/cmake/repayjump/repayjumpTargets\.cmake" \
    "$lib/cmake/repayjump/repayjumpTargets-[a-z]+\.cmake" \
    usr/share/man/man3/repayjump\.3\.gz $(doc librepayjump-dev)
  depends "${debs[1]}" librepayjump1 libsodium-dev pkgconf pkg-config
}
check "librepayjump-dev: header, static library, .pc, CMake package, repayjump(3); Depends librepayjump1, libsodium-dev, pkg-config" \
  librepayjump_dev
# shellcheck disable=SC2046
repayjump_tool() {
  contents "${debs[2]}" usr/bin/repayjump usr/share/man/man1/repayjump\.1\.gz \
    $(doc repayjump)
  # libjansson4: check reads JSON; libexpat1: scan reads AndroidManifest.xml
  # and Info.plist.
  depends "${debs[2]}" libc6 libexpat1 libjansson4 libsodium23
}
check "repayjump: the tool and repayjump(1); Depends libc6, libexpat1, libjansson4, libsodium23" \
  repayjump_tool
# shellcheck disable=SC2046
repayjump_httpd() {
  contents "${debs[3]}" usr/sbin/repayjump-httpd lib/systemd/system/repayjump-httpd\.service \
    etc/repayjump/httpd\.env usr/share/man/man8/repayjump-httpd\.8\.gz $(doc repayjump-httpd)
  dpkg-deb -c "${debs[3]}" >"$tmp/listing"
  grep -q '^-rw-r----- root/root .* \./etc/repayjump/httpd\.env$' "$tmp/listing" ||
    fail "httpd.env is not root's, mode 0640"
  [ "$(dpkg-deb --ctrl-tarfile "${debs[3]}" | tar -xO ./conffiles)" = /etc/repayjump/httpd.env ] ||
    fail "the conffiles are not /etc/repayjump/httpd.env"
  # libcurl4: GET /v1/status.
  depends "${debs[3]}" libc6 libcurl4 libmicrohttpd12 libsodium23
}
check "repayjump-httpd: the service, its unit, httpd.env (0640, a conffile), repayjump-httpd(8); Depends libc6, libcurl4, libmicrohttpd12, libsodium23" \
  repayjump_httpd

# The package preset on a machine that lacks parts: pkg-config sees only
# the .pc files copied into DIR, and no program is found in /usr/bin or
# /bin but the compiler, make and pkg-config, named in the cache. The
# configure step must fail and name each missing part's Debian package.
refuses() { # refuses "PC..." "PACKAGE...": configure fails naming each PACKAGE
  local dir pcdir=$tmp/pc cache=() p
  dir=$(mktemp -d "$tmp/incomplete.XXXXXX")
  mkdir -p "$pcdir" && rm -f "$pcdir"/*
  for p in $1; do cp "$(pkg-config --variable=pcfiledir "$p")/$p.pc" "$pcdir/"; done
  if [[ $2 == *help2man* ]]; then
    cache=(-DCMAKE_IGNORE_PATH="/usr/bin;/bin" -DCMAKE_MAKE_PROGRAM="$(command -v make)"
      -DCMAKE_C_COMPILER="$(command -v cc)" -DPKG_CONFIG_EXECUTABLE="$(command -v pkg-config)")
  fi
  if PKG_CONFIG_LIBDIR=$pcdir cmake --preset package -B "$dir" "${cache[@]}" >"$tmp/configure" 2>&1; then
    fail "configure succeeded"
  fi
  sed -n '/CMake Error/,/^$/p' "$tmp/configure" | tr -s ' \n' ' ' | tee "$tmp/error"
  echo
  for p in $2; do grep -qw -- "$p" "$tmp/error" || fail "the error does not name $p"; done
}
check "the package preset refuses to configure without help2man, jansson, expat, libmicrohttpd, dpkg-dev, file, naming them" \
  refuses libsodium "help2man libjansson-dev libexpat1-dev libmicrohttpd-dev dpkg-dev file"
check "the package preset refuses to configure without libcurl, naming libcurl4-openssl-dev" \
  refuses "libsodium jansson expat libmicrohttpd" libcurl4-openssl-dev

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

# The recipe's own line, told not to ask.
install_debs() {
  local line=${install_line/apt-get install /apt-get install -y -q }
  [ -n "$sudo" ] || line=${line#sudo }
  DEBIAN_FRONTEND=noninteractive eval "$line"
  for p in "${packages[@]}"; do
    [ "$(dpkg-query -W -f='${Status}' "$p")" = "install ok installed" ] ||
      fail "$p is not installed"
  done
}
check "$install_line" install_debs

ref_path='pages/invest_list/invest_list\?appid=wxcbda96de0b165486&mchid=1900009231&nonce_str=[A-Za-z0-9]{32}&openid=oUpF8uMEb4qRXf22hE3X68TekukE'
demo() {
  [ "$(command -v repayjump)" = /usr/bin/repayjump ] || fail "repayjump is $(command -v repayjump)"
  /usr/bin/repayjump demo >"$tmp/demo"
  cat "$tmp/demo"
  grep -Eq "$ref_path" "$tmp/demo"
}
check "repayjump demo, from /usr/bin" demo

check_json() {
  /usr/bin/repayjump check --format json \
    '{"appid":"wxcbda96de0b165486","mchid":"1900009231","nonce_str":"5K8264ILTKCH16CQ2502SI8ZNMTM67VS","openid":"oUpF8uMEb4qRXf22hE3X68TekukE"}' \
    >"$tmp/check"
  cat "$tmp/check"
  grep -q '^{"kind":"extra_data","variant":"v3","errors":0,' "$tmp/check"
}
check "repayjump check reads an extraData JSON object" check_json

# "man repayjump" without a section: the tool's page comes first.
man_pages() {
  local args title out
  for args in "repayjump REPAYJUMP(1)" "3 repayjump REPAYJUMP(3)" \
    "8 repayjump-httpd REPAYJUMP-HTTPD(8)"; do
    title=${args##* }
    args=${args% *}
    # shellcheck disable=SC2086 # the section and the name are words
    out=$(MANWIDTH=80 man --warnings $args 2>&1 >/dev/null)
    [ -z "$out" ] || fail "man $args: $out"
    # shellcheck disable=SC2086
    MANWIDTH=80 man $args >"$tmp/page"
    grep -qF "$title" <(head -1 "$tmp/page") || fail "man $args shows no $title"
  done
}
check "man repayjump (the tool's), man 3 repayjump, man 8 repayjump-httpd render without a warning" \
  man_pages

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

# The service: the unit as installed, then the program started by hand as
# the unit would, from the installed environment file with an operator's
# edits (the merchant; the status query on, towards a closed port, so
# that libcurl connects and resolves; any free port), under strace.
failed_before=$failed
check "the unit: systemd-analyze verify and security (at most 2.0), httpd.env complete" \
  sh tests/service/check-unit.sh /lib/systemd/system/repayjump-httpd.service \
  /etc/repayjump/httpd.env examples/backend
# Its score and the settings not taken, when it passed too.
((failed > failed_before)) || sed 's/^/# /' "$tmp/log"

httpd_by_hand() {
  local env=/etc/repayjump/httpd.env port pid httpd_pid rc=0 url
  printf '192006250b4c09247ec02edce69f6a2d\n' >"$tmp/apikey"
  $sudo sed -i -e 's/^REPAYJUMP_APPID=$/REPAYJUMP_APPID=wxcbda96de0b165486/' \
    -e 's/^REPAYJUMP_MCHID=$/REPAYJUMP_MCHID=1900009231/' \
    -e 's|^HTTPD_OPTIONS=.*|HTTPD_OPTIONS="--listen 127.0.0.1:0"|' "$env"
  $sudo tee -a "$env" >/dev/null <<EOT
REPAYJUMP_API_KEY_FILE=$tmp/apikey
REPAYJUMP_TRADE_SCENE=PARKING
REPAYJUMP_WECHATPAY_URL=https://localhost:1/pay/querystate
REPAYJUMP_WECHATPAY_BACKUP_URL=https://127.0.0.1:1/pay/querystate
REPAYJUMP_WECHATPAY_TIMEOUT_MS=2000
EOT
  # shellcheck disable=SC2016 # expanded by that shell
  env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin strace -f -qq -o "$tmp/trace" sh -c \
    'set -a; . "$1"; set +a; exec /usr/sbin/repayjump-httpd $HTTPD_OPTIONS' \
    sh "$env" >"$tmp/httpd.out" 2>"$tmp/httpd.err" &
  pid=$!
  for _ in $(seq 100); do
    grep -q '^listening on' "$tmp/httpd.out" && break
    sleep 0.1
  done
  port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/httpd.out")
  if [ -z "$port" ]; then
    kill "$pid" 2>/dev/null || true
    cat "$tmp/httpd.err"
    fail "it did not listen"
  fi
  url=http://127.0.0.1:$port
  curl -sS -o /dev/null -w '/healthz %{http_code}\n' "$url/healthz" | tee "$tmp/codes"
  curl -sS -o "$tmp/jump" -w '/v1/jump %{http_code}\n' \
    "$url/v1/jump?openid=oUpF8uMEb4qRXf22hE3X68TekukE" | tee -a "$tmp/codes"
  curl -sS -o /dev/null -w '/v1/status %{http_code}\n' \
    "$url/v1/status?openid=oUpF8uMEb4qRXf22hE3X68TekukE" | tee -a "$tmp/codes"
  # SIGTERM to the service itself; strace exits with its status.
  httpd_pid=$(awk '/execve\("\/usr\/sbin\/repayjump-httpd"/ { print $1; exit }' "$tmp/trace")
  kill -TERM "$httpd_pid"
  wait "$pid" || rc=$?
  cat "$tmp/httpd.err"
  ((rc == 0)) || fail "exit status $rc after SIGTERM"
  printf '/healthz 200\n/v1/jump 200\n/v1/status 504\n' | diff - "$tmp/codes"
  grep -q '"appid":"wxcbda96de0b165486"' "$tmp/jump" || fail "no jump document"
}
check "the installed repayjump-httpd, started by hand with the installed httpd.env: /healthz 200, /v1/jump 200, /v1/status 504, SIGTERM exit 0" \
  httpd_by_hand

# Each system call of that run against the unit's SystemCallFilter= lines:
# allowed by the first (a list), refused by none of the "~" ones.
syscalls_allowed() {
  local unit=/lib/systemd/system/repayjump-httpd.service line group
  expand() { # expand NAME: a system call, or a group's, recursively
    case $1 in
      @*) systemd-analyze syscall-filter "$1" | sed -n 's/^    \([^# ][^ ]*\)$/\1/p' |
        while read -r name; do expand "$name"; done ;;
      *) echo "$1" ;;
    esac
  }
  : >"$tmp/allowed"
  : >"$tmp/refused"
  while read -r line; do
    line=${line#SystemCallFilter=}
    if [[ $line == "~"* ]]; then
      for group in ${line#"~"}; do expand "$group"; done >>"$tmp/refused"
    else
      for group in $line; do expand "$group"; done >>"$tmp/allowed"
    fi
  done < <(grep '^SystemCallFilter=' "$unit")
  sort -u -o "$tmp/allowed" "$tmp/allowed"
  sort -u -o "$tmp/refused" "$tmp/refused"
  # The service's own calls: from its execve on, not the shell's before.
  awk '/execve\("\/usr\/sbin\/repayjump-httpd"/ { on = 1 } on' "$tmp/trace" |
    sed -n 's/^[0-9]* *\([a-z0-9_]*\)(.*/\1/p' | sort -u >"$tmp/used"
  echo "$(wc -l <"$tmp/used") system calls made: $(tr '\n' ' ' <"$tmp/used")"
  [ -s "$tmp/used" ] || fail "no system call traced"
  comm -23 "$tmp/used" "$tmp/allowed" | sed 's/^/not allowed: /' >"$tmp/bad"
  comm -12 "$tmp/used" "$tmp/refused" | sed 's/^/refused: /' >>"$tmp/bad"
  cat "$tmp/bad"
  [ ! -s "$tmp/bad" ]
}
check "every system call of that run passes the unit's SystemCallFilter=" syscalls_allowed

purged() {
  purge
  for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [[ $status != *"ok installed"* ]] || fail "$p is still installed"
  done
  for f in /usr/bin/repayjump /usr/include/repayjump.h /usr/sbin/repayjump-httpd \
    /lib/systemd/system/repayjump-httpd.service /etc/repayjump/httpd.env; do
    [ ! -e "$f" ] || fail "$f left behind"
  done
}
check "apt-get purge removes the four packages and their files, httpd.env too" purged

echo "$passed passed, $failed failed"
((failed == 0))
