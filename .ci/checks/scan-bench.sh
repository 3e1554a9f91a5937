#!/usr/bin/env bash
# repayjump scan over a generated tree of 10,000 source files (about
# 50 MB), against grep -r for the target's AppID over the same tree in the
# same run, on the Release build: fails when scan takes more than three
# times grep's time. Prints files/s and MB/s of both.
set -euo pipefail
cd "$(dirname "$0")/../.."

cmake --preset bench
cmake --build --preset bench --target repayjump_cli
/usr/bin/python3 tests/bench/scan_tree.py --enforce --max-ratio 3 \
  --cli build-bench/repayjump
