#!/usr/bin/env python3
"""Benchmark repayjump against its baselines and print the result as
Markdown tables: wall time (median ns/op), user-space instructions/op
(valgrind --tool=callgrind), getrandom calls/op (strace), allocations/op,
and the ratios that are the result.

Instructions and system calls are counted by running each case twice, for
N and 2N iterations, and dividing the difference by N: the program's start
and its one-time checks cancel out.

  run.py --bench PATH [--library PATH] [--python-bench PATH] [--quick]
         [--enforce]

--enforce exits 1 when an enforced target, one that counting decides, is
missed (compose and check instructions, getrandom calls, allocations); wall-time
ratios are reported, never enforced, since this machine's timing is noisy.
"""
import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

COMPOSE = ["compose.v3_merchant", "compose.v3_partner",
           "compose.v2_merchant", "compose.v2_partner"]
RENDER = ["render.extra_data_json", "render.navigate_json",
          "render.app_path", "render.app_launch_json"]

# (case, limit, what, enforced): targets that counting, not timing,
# decides. The render target is reported, not enforced: it is not met yet.
INSTRUCTION_TARGETS = [(c, 600, "render of one format", False)
                       for c in RENDER] + [
    ("compose.v3_merchant", 3000, "compose, all four outputs", True),
    ("compose.v3_partner", 3000, "compose, all four outputs", True),
    ("check.app_path", 4000, "check of a clean App path", True)]
RATIO_TARGETS = [("baseline.snprintf", "compose.v3_merchant", 20),
                 ("baseline.cjson", "compose.v3_merchant", 5)]
# (ours, floor, most): the status query against the bare HMAC-SHA256 over
# the same signed string, by instructions: reading and verifying an answer,
# composing a request, each within 2x.
FLOOR_TARGETS = [("status.parse", "baseline.hmac.answer", 2.0),
                 ("status.request", "baseline.hmac.request", 2.0)]


def run_bench(bench, args):
    out = subprocess.run([bench] + args, check=True, capture_output=True,
                         text=True).stdout
    rows = {}
    for line in out.splitlines():
        name, ns, allocs, _ = line.split("\t")
        rows[name] = (float(ns), float(allocs))
    return rows


def per_op(bench, case, n, counter):
    """counter(argv) -> a total; returns the total per iteration."""
    argv = [bench, "--case", case, "--repeats", "1", "--iterations"]
    low = counter(argv + [str(n)])
    high = counter(argv + [str(2 * n)])
    return (high - low) / n


def callgrind_total(argv):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "callgrind.out")
        subprocess.run(["valgrind", "--tool=callgrind", "--quiet",
                        "--callgrind-out-file=" + out] + argv, check=True,
                       stdout=subprocess.DEVNULL)
        with open(out) as f:
            for line in f:
                if line.startswith(("summary:", "totals:")):
                    return int(line.split()[1])
    raise RuntimeError("no callgrind total for " + " ".join(argv))


def getrandom_calls(argv):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "strace.out")
        subprocess.run(["strace", "-f", "-c", "-e", "trace=getrandom",
                        "-o", out] + argv, check=True,
                       stdout=subprocess.DEVNULL)
        with open(out) as f:
            for line in f:
                fields = line.split()
                if fields and fields[-1] == "getrandom":
                    # % time, seconds, usecs/call, calls[, errors], syscall
                    return int(fields[3])
    return 0


def python_rows(script, library, quick):
    """The Python binding's benchmark: its own table, passed through."""
    if not (script and os.path.exists(script) and library):
        return None
    env = dict(os.environ, REPAYJUMP_LIBRARY=library)
    argv = [sys.executable, script] + (["--quick"] if quick else [])
    return subprocess.run(argv, check=True, capture_output=True, text=True,
                          env=env).stdout.strip()


def fmt(x, digits=0):
    return f"{x:,.{digits}f}"


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {platform.system()} " \
           f"{platform.release()}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bench", required=True)
    ap.add_argument("--library")
    ap.add_argument("--python-bench")
    ap.add_argument("--quick", action="store_true",
                    help="few iterations: proves it works, measures nothing")
    ap.add_argument("--enforce", action="store_true")
    a = ap.parse_args()
    for tool in ("valgrind", "strace"):
        if not shutil.which(tool):
            sys.exit(f"run.py: {tool} not found: apt-get install {tool}")

    cases = subprocess.run([a.bench, "--list"], check=True,
                           capture_output=True, text=True).stdout.split()
    timing = ["--iterations", "20", "--repeats", "3"] if a.quick else []
    wall = run_bench(a.bench, timing)
    n = 20 if a.quick else 400
    instr = {c: per_op(a.bench, c, n, callgrind_total) for c in cases}
    calls = {c: per_op(a.bench, c, n, getrandom_calls) for c in cases}

    print(f"Machine: {machine()}.")
    print("Wall time is the median of 11 runs; instructions and system "
          "calls are counted, not timed.\n")
    print("| case | ns/op | instructions/op | getrandom/op | allocations/op |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for c in cases:
        ns, allocs = wall[c]
        print(f"| {c} | {fmt(ns)} | {fmt(instr[c])} | {calls[c]:.3g} | "
              f"{allocs:g} |")

    print("\n| ours | against | wall-time ratio | instructions ratio | target |")
    print("| --- | --- | ---: | ---: | --- |")
    ratio_rows = RATIO_TARGETS + [
        ("baseline.snprintf.extra_data_json", "render.extra_data_json", None),
        ("baseline.cjson.extra_data_json", "render.extra_data_json", None)]
    for base, ours, want in ratio_rows:
        r = wall[base][0] / wall[ours][0]
        ri = instr[base] / instr[ours]
        target = f"≥ {want}x: {'met' if r >= want else 'MISSED'}" if want \
            else ""
        print(f"| {ours} | {base} | {r:.1f}x | {ri:.1f}x | {target} |")

    print("\n| ours | floor | instructions/op | floor's | ratio | target |")
    print("| --- | --- | ---: | ---: | ---: | --- |")
    for ours, floor, most in FLOOR_TARGETS:
        r = instr[ours] / instr[floor]
        print(f"| {ours} | {floor} | {fmt(instr[ours])} | {fmt(instr[floor])} "
              f"| {r:.2f}x | ≤ {most}x: {'met' if r <= most else 'MISSED'} |")

    missed, reported = [], []
    for ours, floor, most in FLOOR_TARGETS:
        if instr[ours] > most * instr[floor]:
            missed.append(f"{ours}: {instr[ours] / instr[floor]:.2f}x the "
                          f"bare HMAC ({floor}) > {most}x")
    for c, limit, what, enforced in INSTRUCTION_TARGETS:
        if instr[c] > limit:
            (missed if enforced else reported).append(
                f"{c}: {instr[c]:.0f} instructions/op > {limit} ({what})")
    for c in COMPOSE:
        if calls[c] > 1:
            missed.append(f"{c}: {calls[c]:.3g} getrandom/op > 1")
    for c in COMPOSE + RENDER + ["validate", "nonce", "check.app_path",
                                 "status.parse", "status.request"]:
        if wall[c][1] != 0:
            missed.append(f"{c}: {wall[c][1]:g} allocations/op")

    py = python_rows(a.python_bench, a.library, a.quick)
    if py:
        print("\nPython binding against pure Python, same run:\n")
        print(py)

    print()
    if a.quick:
        print("Quick run: the figures above measure nothing; targets not "
              "checked.")
        return 0
    for m in reported:
        print("target missed (reported): " + m)
    for m in missed:
        print("target missed: " + m)
    if not missed:
        print("Every enforced target met: compose instructions, getrandom "
              "calls, allocations.")
    return 1 if missed and a.enforce else 0


if __name__ == "__main__":
    sys.exit(main())
