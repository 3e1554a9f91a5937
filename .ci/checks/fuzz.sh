#!/usr/bin/env bash
# Fuzz every libFuzzer target (tests/fuzz) for a bounded time under ASan
# and UBSan, with the dictionary, on a copy of its seed corpus in the build
# directory (the repository's corpus is never written). Any finding fails;
# the input that caused it is left in build-fuzz/fuzz-run/. Prints the
# executions each target ran.
#   REPAYJUMP_FUZZ_SECONDS  seconds per target (default 60)
set -euo pipefail
cd "$(dirname "$0")/../.."

seconds=${REPAYJUMP_FUZZ_SECONDS:-60}
targets=(validate render compose sign nonce check status source)
run=build-fuzz/fuzz-run

cmake --preset fuzz
cmake --build --preset fuzz
failed=()
# The seed corpora (saved findings included), replayed once under the
# sanitizers; a failure here is reported with the rest.
ctest --preset fuzz || failed+=(replay)

rm -rf "$run"
mkdir -p "$run"
declare -A executions
for t in "${targets[@]}"; do
  cp -R "tests/fuzz/corpus/$t" "$run/$t-corpus"
  echo "== fuzz_$t for ${seconds}s"
  status=0
  "build-fuzz/tests/fuzz/fuzz_$t" \
    -max_total_time="$seconds" -timeout=25 -print_final_stats=1 \
    -dict=tests/fuzz/repayjump.dict -artifact_prefix="$run/$t-" \
    "$run/$t-corpus" >"$run/$t.log" 2>&1 || status=$?
  executions[$t]=$(sed -n 's/^stat::number_of_executed_units: *//p' \
    "$run/$t.log" | tail -n 1)
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    echo "fuzz_$t: finding (exit $status); log: $run/$t.log"
    grep -E '^(repayjump fuzz:|==[0-9]+==ERROR|SUMMARY|.*runtime error)' \
      "$run/$t.log" | head -n 5 || true
    find "$run" -maxdepth 1 -type f -name "$t-*" ! -name "*.log" || true
  fi
done

# Corpus: the seeds checked in, and the inputs kept after the run.
printf '\n%-10s %12s %6s %6s %s\n' target executions seeds corpus result
for t in "${targets[@]}"; do
  result=ok
  [[ " ${failed[*]} " == *" $t "* ]] && result=FINDING
  printf '%-10s %12s %6s %6s %s\n' "$t" "${executions[$t]:-?}" \
    "$(find "tests/fuzz/corpus/$t" -type f | wc -l)" \
    "$(find "$run/$t-corpus" -type f | wc -l)" "$result"
done
[ ${#failed[@]} -eq 0 ] || {
  echo "fuzzing found: ${failed[*]}"
  exit 1
}
