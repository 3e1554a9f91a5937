#!/usr/bin/env bash
# Static analysis, and a second compiler:
#   1. clang-tidy (.clang-tidy) over every C file the build compiles in
#      src/, src/cli/, tests/ and examples/, every warning an error;
#   2. cppcheck over the same files (warning, style, performance,
#      portability);
#   3. the whole project and its tests built with clang and -Werror (the
#      clang preset), and its ctest run.
# The files come from the clang build's compile_commands.json, so both
# analysers see the flags the compiler sees. A finding fails the check
# unless .ci/lint/ lists it next to the reason it is not a problem; an entry
# that matches no finding fails it too. Every part runs; the exit status is
# non-zero if any failed.
set -euo pipefail
cd "$(dirname "$0")/../.."

tidy_known=.ci/lint/clang-tidy-known.txt
cppcheck_known=.ci/lint/cppcheck-suppressions.txt
build=build-clang
out=$build/lint
failed=()

for tool in clang clang-tidy cppcheck; do
  if ! command -v "$tool" >/dev/null; then
    echo "lint: $tool not found: run 'sh .ci/deps' (.ci/packages/coverage.txt)" >&2
    exit 2
  fi
done

# compare FINDINGS KNOWN: FINDINGS has one finding a line, as
# FILE<tab>LINE<tab>ID[,ALIAS...]<tab>MESSAGE; KNOWN lists ID:FILE:LINE
# entries ('#' and '//' lines are comments). Prints every finding and
# every stale entry; fails if any finding is not known or any entry stale.
compare() {
  awk -F '\t' -v known_file="$2" '
    BEGIN {
      while ((getline line < known_file) > 0) {
        if (line ~ /^[ \t]*(#|\/\/|$)/) continue
        sub(/[ \t\r]+$/, "", line)
        known[line] = 0
        order[++entries] = line
      }
      bad = 0
    }
    !seen[$1 ":" $2 ":" $3]++ {
      n = split($3, ids, ",")
      hit = ""
      for (i = 1; i <= n; i++)
        if ((ids[i] ":" $1 ":" $2) in known) hit = ids[i] ":" $1 ":" $2
      if (hit != "") {
        known[hit]++
        printf "  known  %s:%s: %s [%s]\n", $1, $2, $4, $3
      } else {
        printf "  FAIL   %s:%s: %s [%s]\n", $1, $2, $4, $3
        bad++
      }
    }
    END {
      for (i = 1; i <= entries; i++)
        if (!known[order[i]]) {
          printf "  STALE  %s in %s matches no finding: remove it\n", \
            order[i], known_file
          bad++
        }
      exit bad > 0
    }' "$1"
}

echo "== configure with clang (compile_commands.json)"
cmake --preset clang >/dev/null
mkdir -p "$out"

# Every C and C++ file of the build that is ours, not generated ones.
mapfile -t files < <(
  sed -n 's/^  "file": "\(.*\)"$/\1/p' "$build/compile_commands.json" |
    sed "s|^$PWD/||" | grep -E '^(src|tests|examples)/' | sort -u
)
echo "== clang-tidy $(clang-tidy --version | sed -n 's/.*LLVM version //p'):" \
  "${#files[@]} files"
: >"$out/clang-tidy.log"
tidy_rc=0
for file in "${files[@]}"; do
  extra=()
  case $file in
  src/cli/*) ;;
  # The library promises thread safety: no call of a function that is
  # not thread-safe (the single-threaded tool may call strerror, getenv).
  src/*) extra=(--checks=concurrency-mt-unsafe) ;;
  # Off for tests only: cert-err33-c, as tests format labels and paths
  # with snprintf into buffers made for them; the reserved-identifier and
  # parameter-name checks, as test_noalloc declares glibc's __libc_malloc
  # family and defines malloc and its relatives to count allocations.
  tests/*)
    extra=(--checks=-cert-err33-c,-bugprone-reserved-identifier,-cert-dcl37-c,-cert-dcl51-cpp,-readability-inconsistent-declaration-parameter-name)
    ;;
  esac
  rc=0
  clang-tidy -p "$build" --quiet "${extra[@]}" "$file" \
    >"$out/one.log" 2>"$out/one.err" || rc=$?
  cat "$out/one.log" >>"$out/clang-tidy.log"
  # Findings make clang-tidy exit 1; a failure without one is a crash.
  if ((rc != 0)) && ! grep -q ': \(warning\|error\): ' "$out/one.log"; then
    echo "  FAIL   clang-tidy exited $rc on $file without a finding:"
    cat "$out/one.err"
    tidy_rc=1
  fi
done
sed -n "s|^$PWD/||; s/^\([^:]*\):\([0-9]*\):[0-9]*: \(warning\|error\): \(.*\) \[\([^]]*\)\]$/\1\t\2\t\5\t\4/p" \
  "$out/clang-tidy.log" | sed 's/,-warnings-as-errors\t/\t/' >"$out/clang-tidy.tsv"
compare "$out/clang-tidy.tsv" "$tidy_known" || tidy_rc=1
if ((tidy_rc == 0)); then
  echo "clang-tidy: passed"
else
  echo "clang-tidy: FAILED (full output: $out/clang-tidy.log)"
  failed+=(clang-tidy)
fi

echo "== $(cppcheck --version)"
# Run without the suppressions list, to see stale entries; compare() does
# what --suppressions-list would. --error-exitcode=1: any finding.
# tests/fuzz/fuzz.cfg declares the fuzz checks' fz_fail noreturn, which
# cppcheck cannot see from its _Noreturn or from another file.
cppcheck_rc=0
cppcheck --project="$build/compile_commands.json" \
  --enable=warning,style,performance,portability --library=posix \
  --library=tests/fuzz/fuzz.cfg \
  --inline-suppr --error-exitcode=1 --quiet -j2 \
  --template='{file}\t{line}\t{id}\t{severity}: {message}' \
  >"$out/cppcheck.log" 2>&1 || cppcheck_rc=$?
grep -P '^[^\t]+\t[0-9]+\t' "$out/cppcheck.log" >"$out/cppcheck.tsv" || true
if ((cppcheck_rc != 0)) && [[ ! -s $out/cppcheck.tsv ]]; then
  echo "  FAIL   cppcheck exited $cppcheck_rc without a finding:"
  cat "$out/cppcheck.log"
elif compare "$out/cppcheck.tsv" "$cppcheck_known"; then
  cppcheck_rc=0
else
  cppcheck_rc=1
fi
if ((cppcheck_rc == 0)); then
  echo "cppcheck: passed"
else
  echo "cppcheck: FAILED (full output: $out/cppcheck.log)"
  failed+=(cppcheck)
fi

echo "== clang build, -Werror, and its tests"
if cmake --build --preset clang && ctest --preset clang; then
  echo "clang build and tests: passed"
else
  echo "clang build and tests: FAILED"
  failed+=(clang)
fi

if ((${#failed[@]})); then
  echo "lint: FAILED: ${failed[*]}"
  exit 1
fi
echo "lint: passed (clang-tidy, cppcheck, clang -Werror build and tests)"
