#!/usr/bin/env bash
# The reference HTTP service under load, on the Release build: wrk over
# loopback against repayjump-httpd and, in the same run, against nginx
# serving a static file of the same size. Fails on any socket error, any
# non-2xx answer, or an RSS that grows over the 20 s soak; requests/s,
# latency and the ratio to nginx are printed, never enforced (timing).
set -euo pipefail
cd "$(dirname "$0")/../.."

cmake --preset bench
cmake --build --preset bench --target repayjump_httpd
/usr/bin/python3 tests/bench/httpd_load.py --enforce \
  --httpd build-bench/repayjump-httpd
