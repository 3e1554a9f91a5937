#!/bin/sh
# Render a manual page as man(1) shows it and check it:
#   check-man.sh 1 PAGE TOOL             repayjump(1): a section for every
#                                        command that TOOL --help lists
#   check-man.sh 3 PAGE HEADER EXAMPLE...
#                                        repayjump(3): an entry for every
#                                        function and status of HEADER, and
#                                        each EXAMPLE file quoted verbatim,
#                                        one .EX block each, in order
#   check-man.sh 8 PAGE HTTPD SOURCES    repayjump-httpd(8): an entry
#                                        under OPTIONS for every option of
#                                        HTTPD --help, and one under
#                                        ENVIRONMENT for every REPAYJUMP_
#                                        variable the C files in the
#                                        directory SOURCES read
# Both: groff says nothing at all with man --warnings at 80 columns.
# Prints one line a check, then "N passed, M failed".
set -u
section=$1 page=$2
passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/repayjump-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

result() { # result STATUS DESCRIPTION
  if [ "$1" -eq 0 ]; then
    echo "ok - $2"
    passed=$((passed + 1))
  else
    echo "not ok - $2"
    failed=$((failed + 1))
  fi
}

MANWIDTH=80 man --warnings -l "$page" 2>"$tmp/warnings" >"$tmp/text"
sed 's/^/# /' "$tmp/warnings"
[ ! -s "$tmp/warnings" ]
result $? "man --warnings -l $(basename "$page"): no warning"
grep -q '^NAME' "$tmp/text" && grep -q '^SYNOPSIS' "$tmp/text"
result $? "it renders, with NAME and SYNOPSIS"

# The text of one section of the rendered page.
section_text() {
  awk -v want="$1" '/^[A-Z]/ { on = ($0 == want); next } on' "$tmp/text"
}

if [ "$section" = 1 ]; then
  tool=$3
  for command in $("$tool" --help | awk '/^[A-Z][A-Z ]*$/ { on = ($0 == "COMMANDS"); next }
      on && /^  [a-z][a-z0-9-]*  / && $1 != "help" { print $1 }'); do
    upper=$(echo "$command" | tr '[:lower:]' '[:upper:]')
    section_text "REPAYJUMP $upper" >"$tmp/command"
    "$tool" "$command" --help | awk '/^OPTIONS$/ { on = 1; next } /^[A-Z]/ { on = 0 }
        on && /^  -/ { print $1 }' | sed 's/,$//' >"$tmp/options"
    missing=$(while read -r option; do
      grep -q -- "^       $option" "$tmp/command" || echo "$option"
    done <"$tmp/options")
    [ -s "$tmp/command" ] && [ -z "$missing" ]
    result $? "section REPAYJUMP $upper, with every option of $command --help${missing:+ (missing: $missing)}"
  done
elif [ "$section" = 8 ]; then
  httpd=$3 sources=$4
  section_text OPTIONS >"$tmp/options-text"
  "$httpd" --help | awk '/^[A-Z][a-z]*:$/ { on = ($0 == "Options:"); next }
      on && /^  -/ { print $1 }' | sed 's/,$//' >"$tmp/options"
  [ -s "$tmp/options" ]
  result $? "$(basename "$httpd") --help lists options"
  while read -r option; do
    grep -Eq -- "^       $option([ ,]|$)" "$tmp/options-text"
    result $? "OPTIONS describes $option"
  done <"$tmp/options"
  section_text ENVIRONMENT >"$tmp/environment"
  cat "$sources"/*.c | grep -o 'env("REPAYJUMP_[A-Z0-9_]*")' |
    sed 's/.*"\(.*\)")/\1/' | sort -u >"$tmp/variables"
  [ -s "$tmp/variables" ]
  result $? "the C files of $(basename "$sources") read REPAYJUMP_ variables"
  while read -r variable; do
    grep -qw -- "$variable" "$tmp/environment"
    result $? "ENVIRONMENT describes $variable"
  done <"$tmp/variables"
else
  header=$3
  section_text FUNCTIONS >"$tmp/functions"
  sed -n 's/^REPAYJUMP_EXPORT[^(]*[^A-Za-z0-9_]\([A-Za-z_][A-Za-z0-9_]*\) *(.*/\1/p' \
    "$header" >"$tmp/function-names"
  while read -r function; do
    grep -Eq "(^ +|, )$function\(\)" "$tmp/functions"
    echo "$? $function"
  done <"$tmp/function-names" >"$tmp/function-results"
  while read -r rc function; do
    result "$rc" "FUNCTIONS describes $function()"
  done <"$tmp/function-results"
  section_text "RETURN VALUE" >"$tmp/statuses"
  sed -n 's/^ *\(REPAYJUMP_\(OK\|E_[A-Z_]*\)\) = \(-*[0-9]*\).*/\1 (\3)/p' "$header" |
    while read -r status; do
      grep -qxF "       $status" "$tmp/statuses"
      echo "$? $status"
    done >"$tmp/status-results"
  while read -r rc status; do
    result "$rc" "RETURN VALUE lists $status"
  done <"$tmp/status-results"
  # Each .EX block, roff escapes undone, is the next example file, in order.
  awk -v dir="$tmp" '/^\.EE$/ { inside = 0 } inside { print > (dir "/example." n) }
    /^\.EX$/ { inside = 1; n++ }' "$page"
  n=0
  shift 3
  for example in "$@"; do
    n=$((n + 1))
    sed 's/\\e/\\/g' "$tmp/example.$n" 2>/dev/null | cmp -s - "$example"
    result $? "EXAMPLE $n is $(basename "$example") verbatim"
  done
  [ ! -e "$tmp/example.$((n + 1))" ]
  result $? "EXAMPLE has no block beyond the $n files"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
