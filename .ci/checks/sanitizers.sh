#!/usr/bin/env bash
# Every test under AddressSanitizer and UndefinedBehaviorSanitizer (the
# asan preset: the C suites, the tool, the install, and the language
# bindings with the ASan runtime preloaded), then under ThreadSanitizer
# (the tsan preset: above all the many-threads test). Prints how many
# tests ran under each; fails if any test failed or none ran.
set -euo pipefail
cd "$(dirname "$0")/../.."

summary=()
for preset in asan tsan; do
  echo "== cmake --workflow --preset $preset"
  log=$(mktemp "${TMPDIR:-/tmp}/repayjump-$preset.XXXXXX")
  rc=0
  cmake --workflow --preset "$preset" 2>&1 | tee "$log" || rc=$?
  # ctest's own count, e.g. "100% tests passed, 0 tests failed out of 16".
  counts=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' \
    "$log" | tail -n 1 || true)
  rm -f "$log"
  if ((rc != 0)) || [[ -z $counts ]]; then
    echo "$preset: FAILED (${counts:-no tests ran})" >&2
    exit 1
  fi
  summary+=("$preset: $counts")
done
printf '%s\n' "${summary[@]}"
