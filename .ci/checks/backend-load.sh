#!/usr/bin/env bash
# The reference HTTP service under load, on the Release build: wrk over
# loopback against repayjump-httpd and, in the same run, against nginx
# serving a static file of the same size. Fails on any socket error, any
# non-2xx answer, or an RSS that grows over the 20 s soak; requests/s,
# latency and the ratio to nginx are printed, never enforced (timing).
# Then GET /v1/status against the WeChat Pay stand-in over HTTPS, beside
# the stand-in's own rate in the same run: fails on any error or bad
# answer, a growing RSS, connections not kept alive, or a ratio under 0.5
# (the best of three rounds).
set -euo pipefail
cd "$(dirname "$0")/../.."

cmake --preset bench
cmake --build --preset bench --target repayjump_httpd
/usr/bin/python3 tests/bench/httpd_load.py --enforce \
  --httpd build-bench/repayjump-httpd
/usr/bin/python3 tests/bench/status_load.py --enforce \
  --httpd build-bench/repayjump-httpd
