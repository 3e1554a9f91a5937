#!/usr/bin/env bash
# Line and branch coverage of the library (src/*.c and src/*.h; not src/cli/, not the
# tests) by the C tests and the CLI tests: the coverage workflow (gcc,
# --coverage -O0) from zeroed counters, then gcovr over its gcov data.
# Prints the figures per file and every line and branch no test reached,
# and fails below 100% of lines or of branches, unless each line that holds
# a miss is listed in tests/coverage-exceptions.txt with the reason no test
# can reach it. The branches are all of gcc's, none filtered out.
# Reports: build-coverage/coverage/index.html, build-coverage/coverage.json.
set -euo pipefail
cd "$(dirname "$0")/../.."

build=build-coverage
exceptions=tests/coverage-exceptions.txt

if ! command -v gcovr >/dev/null; then
  echo "coverage: gcovr not found: run 'sh .ci/deps' (.ci/packages/coverage.txt)" >&2
  exit 2
fi

# Counters from an earlier run would add to this one's.
if [[ -d $build ]]; then
  find "$build" -name '*.gcda' -delete
fi
cmake --workflow --preset coverage

mkdir -p "$build/coverage"
# The library's own files only: src/*.c and src/*.h, not src/cli/.
gcovr --root . --filter 'src/[^/]+\.[ch]$' \
  --json "$build/coverage.json" \
  --html-details "$build/coverage/index.html" \
  "$build"

# Figures, misses and exceptions, from gcovr's JSON. gcovr runs on
# /usr/bin/python3, so it is there.
/usr/bin/python3 - "$build/coverage.json" "$exceptions" "$build" <<'EOF'
import glob
import json
import os
import re
import sys

report_path, exceptions_path, build = sys.argv[1:4]
with open(report_path, encoding="utf-8") as f:
    report = json.load(f)

# "src/FILE.c:LINE  reason", one a line; '#' starts a comment line.
excused = {}
with open(exceptions_path, encoding="utf-8") as f:
    for number, text in enumerate(f, 1):
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        m = re.match(r"^(src/[^:\s]+):(\d+)\s+\S", text)
        if not m:
            sys.exit(f"{exceptions_path}:{number}: expected 'src/FILE.c:LINE reason'")
        excused[(m.group(1), int(m.group(2)))] = False

def pct(hit, total):
    return 100.0 * hit / total if total else 100.0

rows, misses = [], []
totals = [0, 0, 0, 0]
for entry in sorted(report["files"], key=lambda e: e["file"]):
    name = entry["file"]
    lines_hit = lines_total = branches_hit = branches_total = 0
    for line in entry["lines"]:
        if line.get("gcovr/noncode") or line.get("gcovr/excluded"):
            continue
        number = line["line_number"]
        lines_total += 1
        if line["count"] > 0:
            lines_hit += 1
        else:
            misses.append((name, number, "line not executed"))
        for index, branch in enumerate(line["branches"]):
            branches_total += 1
            if branch["count"] > 0:
                branches_hit += 1
            else:
                why = "not reached" if line["count"] == 0 else "never taken"
                misses.append((name, number, f"branch {index} {why}"))
    rows.append((name, lines_hit, lines_total, branches_hit, branches_total))
    for i, n in enumerate((lines_hit, lines_total, branches_hit, branches_total)):
        totals[i] += n

print()
print(f"{'file':<16} {'lines':>18} {'branches':>18}")
for name, lh, lt, bh, bt in rows + [("total", *totals)]:
    print(f"{name:<16} {pct(lh, lt):7.2f}% {f'{lh}/{lt}':>9}"
          f" {pct(bh, bt):7.2f}% {f'{bh}/{bt}':>9}")

# A src/*.c file is missing from the report only when it has no code
# (a data table); one that was never compiled with coverage is an error.
reported = {name for name, *_ in rows}
unmeasured = []
for path in sorted(glob.glob("src/*.c")):
    if path in reported:
        continue
    notes = glob.glob(os.path.join(build, "**", os.path.basename(path) + ".gcno"),
                      recursive=True)
    if notes:
        print(f"{path:<16} no executable code")
    else:
        unmeasured.append(path)

failed = False
excused_misses = 0
if misses:
    print("\nnot covered:")
for name, number, what in misses:
    key = (name, number)
    if key in excused:
        excused[key] = True
        excused_misses += 1
        print(f"  excused  {name}:{number}: {what}")
    else:
        print(f"  MISSING  {name}:{number}: {what}")
        failed = True
for (name, number), used in sorted(excused.items()):
    if not used:
        print(f"  STALE    {exceptions_path}: {name}:{number} excuses no miss: remove it")
        failed = True
for path in unmeasured:
    print(f"  UNMEASURED {path}: no coverage data; is it part of the library?")
    failed = True

lines_pct, branches_pct = pct(totals[0], totals[1]), pct(totals[2], totals[3])
print(f"\ncoverage of src/: lines {lines_pct:.2f}%, branches {branches_pct:.2f}%"
      f" ({len(misses)} misses, {excused_misses} of them excused)")
if failed:
    print(f"coverage: FAILED: cover each MISSING line or branch with a test (or,"
          f" if no test can reach it, list its line in {exceptions_path} with"
          f" why); remove each STALE entry")
    sys.exit(1)
print("coverage: passed")
EOF
