#!/bin/sh
# The installed service's unit and environment file:
#   check-unit.sh UNIT ENVFILE SOURCES
# - systemd-analyze verify UNIT passes (it also checks that ExecStart's
#   program is there);
# - systemd-analyze security --offline=true rates UNIT at most 2.0, and
#   every setting it still marks has a "# Not taken: SETTING - reason"
#   line in UNIT, printed here;
# - ENVFILE lists (set or commented) every REPAYJUMP_ variable that the C
#   files in the directory SOURCES read.
# Prints one line a check, then "N passed, M failed".
set -u
unit=$1 envfile=$2 sources=$3
max=2.0
passed=0 failed=0
tmp=$(mktemp -d "${TMPDIR:-/tmp}/repayjump-unit.XXXXXX")
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

systemd-analyze verify "$unit" >"$tmp/verify" 2>&1
rc=$?
# verify says nothing when all is well; any line is a finding.
[ "$rc" -eq 0 ] && [ ! -s "$tmp/verify" ]
rc=$?
sed 's/^/# /' "$tmp/verify"
result "$rc" "systemd-analyze verify $(basename "$unit")"

# The threshold is in tenths; past it, systemd-analyze exits non-zero.
threshold=$(echo "$max" | tr -d .)
# LC_ALL=C: its plain marks, "-" a setting not taken, "->" the score.
LC_ALL=C systemd-analyze security --offline=true --threshold="$threshold" \
  --no-pager "$unit" >"$tmp/security" 2>&1
rc=$?
score=$(sed -n 's/^-> Overall exposure level for [^:]*: \([0-9.]*\) .*/\1/p' "$tmp/security")
[ "$rc" -eq 0 ] && [ -n "$score" ] &&
  awk -v s="$score" -v m="$max" 'BEGIN { exit !(s + 0 <= m + 0) }'
result $? "systemd-analyze security --offline=true: ${score:-no score} (at most $max)"

# Each marked setting: its name is the first word after the mark.
sed -n 's/^- \([^ ]*\) .*/\1/p' "$tmp/security" >"$tmp/marked"
missing=
while read -r setting; do
  reason=$(grep -F "# Not taken: $setting - " "$unit" | sed 's/.* - //')
  if [ -n "$reason" ]; then
    echo "# not taken: $setting - $reason"
  else
    echo "# not taken: $setting - (no reason in $(basename "$unit"))"
    missing="$missing $setting"
  fi
done <"$tmp/marked"
[ -z "$missing" ]
result $? "every setting not taken has its reason in the unit${missing:+ (none for:$missing)}"

cat "$sources"/*.c | grep -o 'env("REPAYJUMP_[A-Z0-9_]*")' |
  sed 's/.*"\(.*\)")/\1/' | sort -u >"$tmp/variables"
missing=$(while read -r variable; do
  grep -Eq "^#?$variable=" "$envfile" || echo "$variable"
done <"$tmp/variables" | tr '\n' ' ')
[ -s "$tmp/variables" ] && [ -z "$missing" ]
result $? "$(basename "$envfile") lists every REPAYJUMP_ variable of $(basename "$sources")/*.c${missing:+ (missing: $missing)}"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
