#!/bin/sh
# Write repayjump(1) with help2man from the tool's own help texts: the
# global --help and each command's --help, for every command the global
# help lists under COMMANDS, so that a new command is in the page as soon
# as it is in the tool.
#   make-man1.sh TOOL VERSION INCLUDE OUTPUT
set -eu
tool=$1 version=$2 include=$3 output=$4
here=$(cd "$(dirname "$0")" && pwd)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/repayjump-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

"$tool" --help >"$tmp/global"
# The commands: "  NAME   summary" lines under COMMANDS; help is help.
commands=$(awk '/^[A-Z][A-Z ]*$/ { in_commands = ($0 == "COMMANDS"); next }
  in_commands && /^  [a-z][a-z0-9-]*  / && $1 != "help" { print $1 }' \
  "$tmp/global")
[ -n "$commands" ] || { echo "make-man1: $tool --help lists no COMMANDS" >&2; exit 1; }
{
  echo "@@help"
  cat "$tmp/global"
  for command in $commands; do
    echo "@@help $command"
    "$tool" "$command" --help
  done
} | awk -f "$here/help2man-input.awk" >"$tmp/help"

# NAME: the text after "repayjump - ", over as many lines as it takes.
name=$(awk '/^[A-Z][A-Z ]*$/ { in_name = ($0 == "NAME"); next }
  in_name && NF { sub(/^ +/, ""); printf "%s%s", sep, $0; sep = " " }' \
  "$tmp/global" | sed 's/^repayjump - //')

# help2man runs a program called repayjump that prints the text above.
mkdir "$tmp/bin"
printf '#!/bin/sh\ncat "%s"\n' "$tmp/help" >"$tmp/bin/repayjump"
chmod +x "$tmp/bin/repayjump"
help2man --no-info --section=1 --manual="User Commands" \
  --source="repayjump $version" --version-string="$version" \
  --name="$name" --include="$include" --output="$tmp/page" \
  "$tmp/bin/repayjump"
awk -f "$here/help2man-fix.awk" "$tmp/page" >"$output"
