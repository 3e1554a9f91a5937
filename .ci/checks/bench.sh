#!/usr/bin/env bash
# The benchmark, in full, on the Release build: the library against its
# baselines (snprintf, cJSON, pure Python through the Python binding).
# Fails when a counted target is missed (compose instructions, getrandom
# calls, allocations); wall-time ratios are printed, never enforced.
set -euo pipefail
cd "$(dirname "$0")/../.."

cmake --preset bench
cmake --build --preset bench
/usr/bin/python3 tests/bench/run.py --enforce \
  --bench build-bench/tests/bench/repayjump-bench \
  --library build-bench/librepayjump.so.1 \
  --python-bench examples/python/bench.py
# The tool over a million App paths: paths per second, write calls, and its
# instructions per clean path beside the library's above.
/usr/bin/python3 tests/bench/check_lines.py --cli build-bench/repayjump
