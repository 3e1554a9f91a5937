#!/usr/bin/env python3
"""Throughput of `repayjump check --lines --format json` over a log of App paths.

    check_lines.py --cli build-bench/repayjump [--count N] [--quick]

Writes N App paths (default 1,000,000; nine in ten clean, the rest with the
document's bugs) to a temporary file, then times the tool over it, best of
three, and reports paths per second. Every output line is read back with
Python's json and must agree with the path it came from, so a fast wrong
answer cannot pass. With callgrind (valgrind) it also counts the tool's
instructions per clean path, differenced over two run lengths so that start
up cancels out: the figure to set beside the library's own instructions per
clean path (run.py), to show what reading, JSON writing and I/O add.
"""

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

PAGE = "pages/invest_list/invest_list"
APPID = "wxcbda96de0b165486"
MCHID = "1900009231"
OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"
ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

# (share of the buggy lines, how to break a clean path, the code expected)
BUGS = [
    (lambda p: p.replace("mchid=", "mch_id="), "key.version"),
    (lambda p: p.replace("&openid=", " &openid="), "value.space"),
    (lambda p: p + "=weixin", "value.equals"),
    (lambda p: p.replace("openid=", "openId="), "key.unknown"),
    (lambda p: p.replace(PAGE, "pages/index/index"), "path.page"),
]


def clean_path(rng):
    nonce = "".join(rng.choice(ALNUM) for _ in range(32))
    return (f"{PAGE}?appid={APPID}&mchid={MCHID}&nonce_str={nonce}"
            f"&openid={OPENID}")


def write_log(path, count, clean_only=False, seed=11):
    """count lines; returns the expected first code of each (None: clean)."""
    rng = random.Random(seed)
    expected = []
    with open(path, "w") as f:
        for i in range(count):
            p = clean_path(rng)
            code = None
            if not clean_only and i % 10 == 9:
                bug, code = BUGS[(i // 10) % len(BUGS)]
                p = bug(p)
            expected.append(code)
            f.write(p + "\n")
    return expected


def run_once(cli, log, out):
    with open(log, "rb") as src, open(out, "wb") as dst:
        t0 = time.perf_counter()
        p = subprocess.run([cli, "check", "--lines", "--format", "json"],
                           stdin=src, stdout=dst, stderr=subprocess.PIPE,
                           check=False)
        elapsed = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        sys.exit(f"check failed ({p.returncode}): {p.stderr.decode()}")
    return elapsed


def verify(out, expected):
    n = 0
    with open(out, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            doc = json.loads(line)
            want = expected[n - 1]
            if doc["line"] != n:
                sys.exit(f"line {n}: reported as line {doc['line']}")
            codes = [x["code"] for x in doc["findings"]]
            if (want is None and codes) or (want is not None and want not in codes):
                sys.exit(f"line {n}: expected {want}, got {codes}")
    if n != len(expected):
        sys.exit(f"{n} output lines for {len(expected)} paths")


def write_calls(cli, log):
    """write(2) calls over the whole run, from strace, or None."""
    if not shutil.which("strace"):
        return None
    with open(log, "rb") as src:
        p = subprocess.run(["strace", "-f", "-c", "-e", "trace=write", cli,
                            "check", "--lines", "--format", "json"],
                           stdin=src, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, check=False)
    m = re.search(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?write$",
                  p.stderr.decode(), re.M)
    return int(m.group(1)) if m else None


def callgrind_per_path(cli, tmp, small, large):
    """The tool's instructions per clean path: (I(large) - I(small)) / diff."""
    if not shutil.which("valgrind"):
        return None
    totals = []
    for n in (small, large):
        log = os.path.join(tmp, f"clean{n}.txt")
        write_log(log, n, clean_only=True)
        with open(log, "rb") as src:
            p = subprocess.run(["valgrind", "--tool=callgrind",
                                "--callgrind-out-file=/dev/null", cli, "check",
                                "--lines", "--format", "json"],
                               stdin=src, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, check=False)
        m = re.search(r"Collected : (\d+)", p.stderr.decode())
        if p.returncode != 0 or not m:
            return None
        totals.append(int(m.group(1)))
    return (totals[1] - totals[0]) / (large - small)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("--count", type=int, default=1_000_000)
    ap.add_argument("--quick", action="store_true",
                    help="20,000 paths, one run, no callgrind: proves it works")
    a = ap.parse_args()
    count = 20_000 if a.quick else a.count
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "paths.log")
        out = os.path.join(tmp, "out.jsonl")
        expected = write_log(log, count)
        size = os.path.getsize(log)
        times = [run_once(a.cli, log, out) for _ in range(1 if a.quick else 3)]
        verify(out, expected)
        best = min(times)
        out_size = os.path.getsize(out)
        writes = None if a.quick else write_calls(a.cli, log)
        per_path = None if a.quick else callgrind_per_path(a.cli, tmp, 10_000,
                                                           30_000)
    print(f"check --lines --format json: {count:,} App paths "
          f"({size / 1e6:.0f} MB in, {out_size / 1e6:.0f} MB out, "
          f"one in ten with a bug)")
    print(f"  best of {len(times)}: {best:.3f} s, {count / best:,.0f} paths/s, "
          f"{best / count * 1e9:.0f} ns/path")
    if writes is not None:
        print(f"  write(2) calls: {writes} for {count:,} paths")
    if per_path is not None:
        print(f"  instructions per clean path, whole tool (callgrind, "
              f"differenced): {per_path:,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
