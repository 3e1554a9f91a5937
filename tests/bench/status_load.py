#!/usr/bin/env python3
"""Load repayjump-httpd's GET /v1/status with wrk over loopback, against
the WeChat Pay stand-in (tests/wechatpay/wechatpay.py) over HTTPS, beside
the stand-in's own rate measured directly in the same run, and print the
result as Markdown: requests/s, p50 and p99, socket errors, bad answers,
the ratio, the connections the stand-in accepted, and the service's RSS
before and after a longer run.

  status_load.py --httpd PATH [--duration S] [--soak S] [--connections N]
                 [--service-threads N] [--rounds N] [--quick] [--enforce]

The stand-in is the ceiling: every /v1/status is one querystate at the
stand-in. Directly, wrk POSTs one signed querystate body to the stand-in
(status_direct.lua, which also counts answers without the user's state)
with as many keep-alive connections as the service has threads, since
each of the service's threads holds one connection to the stand-in.
Through the service, wrk GETs /v1/status with --connections connections.
Each round measures both in turn; the best round of each counts.
--enforce exits 1 on any socket error or bad answer, on an RSS that
grows by more than --rss-limit KiB over the soak, or, unless --quick, on
a ratio under the goal (0.5).
"""
import argparse
import hashlib
import hmac
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "wechatpay"))
import httpd_load as hl  # noqa: E402
from standin import Pki, StandIn  # noqa: E402

APPID = "wxcbda96de0b165486"
MCHID = "1900009231"
OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"
API_KEY = "192006250b4c09247ec02edce69f6a2d"
PATH = "/v1/status?openid=" + OPENID
RATIO_GOAL = 0.5
DIRECT = os.path.join(HERE, "status_direct.lua")


def signed_body():
    """A querystate body signed with Python's hmac, as WeChat checks it."""
    fields = {"appid": APPID, "mch_id": MCHID, "nonce_str": "benchNonce123",
              "sign_type": "HMAC-SHA256", "trade_scene": "PARKING",
              "openid": OPENID, "version": "3.0"}
    text = "&".join(f"{k}={fields[k]}" for k in sorted(fields))
    fields["sign"] = hmac.new(API_KEY.encode(),
                              (text + "&key=" + API_KEY).encode(),
                              hashlib.sha256).hexdigest().upper()
    return "<xml>" + "".join(f"<{k}>{v}</{k}>" for k, v in fields.items()) \
        + "</xml>"


def wrk(url, seconds, connections, threads, script, *script_args):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
           "--latency", "-s", script, url]
    if script_args:
        cmd += ["--"] + list(script_args)
    out = subprocess.run(cmd, capture_output=True, text=True,
                         check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: float(v) * hl.UNITS[u] for p, v, u in
           re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)$", out, re.M)}
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), "
                       r"write (\d+), timeout (\d+)", out)
    answers, bad = map(int, re.search(
        r"^answers: (\d+), non-2xx: (\d+)$", out, re.M).groups())
    total = int(re.search(r"(\d+) requests in", out).group(1))
    if answers != total:
        raise RuntimeError(f"wrk counted {total} requests, the script "
                           f"{answers} answers")
    return {"rps": rps, "p50": lat["50"], "p99": lat["99"],
            "errors": sum(map(int, errors.groups())) if errors else 0,
            "non2xx": bad, "requests": total}


def start_httpd(httpd, tmp, standin, ca, threads):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("REPAYJUMP_")}
    key = os.path.join(tmp, "apikey")
    with open(key, "w") as f:
        f.write(API_KEY)
    env.update(REPAYJUMP_APPID=APPID, REPAYJUMP_MCHID=MCHID,
               REPAYJUMP_API_KEY_FILE=key, REPAYJUMP_TRADE_SCENE="PARKING",
               REPAYJUMP_WECHATPAY_URL=standin.url(),
               REPAYJUMP_WECHATPAY_BACKUP_URL=standin.url(),
               REPAYJUMP_WECHATPAY_CA=ca)
    log = open(os.path.join(tmp, "httpd-access.log"), "wb")
    proc = subprocess.Popen([httpd, "--listen", "127.0.0.1:0", "--threads",
                             str(threads)], env=env, stdout=subprocess.PIPE,
                            stderr=log)
    log.close()
    line = proc.stdout.readline().decode()
    m = re.fullmatch(r"listening on 127\.0\.0\.1:(\d+)\n", line)
    if not m:
        proc.kill()
        raise RuntimeError(f"repayjump-httpd did not start: {line!r}")
    return proc, int(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--httpd", required=True)
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--soak", type=int, default=20)
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--service-threads", type=int, default=4,
                    help="repayjump-httpd --threads, and the connections "
                         "of the direct run")
    ap.add_argument("--threads", type=int, default=2, help="wrk threads")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--rss-limit", type=int, default=1024,
                    help="KiB the RSS may grow over the soak")
    ap.add_argument("--quick", action="store_true",
                    help="1 s runs, one round, a 2 s soak: proves it works")
    ap.add_argument("--enforce", action="store_true")
    args = ap.parse_args()
    if args.quick:
        args.duration, args.soak, args.rounds = 1, 2, 1

    failures = []
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="status-load-") as tmp:
        pki = Pki(tmp)
        body = os.path.join(tmp, "querystate.xml")
        with open(body, "w") as f:
            f.write(signed_body())
        standin = StandIn(pki, API_KEY, table={"users": {OPENID: {
            "user_state": "OVERDUE", "deduct_mode": "PROACTIVE"}}})
        httpd = None
        try:
            httpd, hport = start_httpd(args.httpd, tmp, standin, pki.ca,
                                       args.service_threads)
            # wrk verifies nothing: the direct run's answers are checked by
            # its script, and the service verifies the stand-in itself.
            direct = (standin.url(), args.service_threads, DIRECT, body)
            service = (f"http://127.0.0.1:{hport}{PATH}", args.connections,
                       hl.COUNTER)
            wrk(direct[0], 1, direct[1], args.threads, *direct[2:])
            wrk(service[0], 1, service[1], args.threads, *service[2:])
            best = {}
            # The stand-in's counters, split by path: connections it
            # accepted and requests it read while each path was loaded.
            seen = {"direct": [0, 0], "service": [0, 0]}
            for _ in range(args.rounds):
                for name, (url, conns, *script) in (("direct", direct),
                                                    ("service", service)):
                    st = standin.state()
                    r = wrk(url, args.duration, conns, args.threads, *script)
                    after = standin.state()
                    seen[name][0] += after["connections"] - st["connections"]
                    seen[name][1] += after["requests"] - st["requests"]
                    if r["errors"] or r["non2xx"]:
                        failures.append(f"{name}: {r['errors']} socket "
                                        f"errors, {r['non2xx']} bad answers")
                    if name not in best or r["rps"] > best[name]["rps"]:
                        best[name] = r

            before = hl.rss_kib(httpd.pid)
            st = standin.state()
            soak = wrk(service[0], args.soak, service[1], args.threads,
                       *service[2:])
            after = hl.rss_kib(httpd.pid)
            soak_conns = standin.state()["connections"] - st["connections"]
            if soak["errors"] or soak["non2xx"]:
                failures.append(f"soak: {soak['errors']} socket errors, "
                                f"{soak['non2xx']} non-2xx")
            if after - before > args.rss_limit:
                failures.append(f"RSS grew by {after - before} KiB over the "
                                f"soak (limit {args.rss_limit})")
            # Each thread's connection is open from the warm-up on: the
            # service opens a new one only when one is closed.
            if soak_conns + seen["service"][0] > args.service_threads:
                failures.append(f"{soak_conns + seen['service'][0]} new "
                                f"connections to the stand-in under load: "
                                f"not kept alive")
            rc = hl.stop(httpd)
            if rc != 0:
                failures.append(f"repayjump-httpd exited {rc} on SIGTERM")
        finally:
            if httpd is not None and httpd.poll() is None:
                httpd.kill()
                httpd.wait()
            standin.close()

    ours, ceiling = best["service"], best["direct"]
    ratio = ours["rps"] / ceiling["rps"]
    if args.enforce and not args.quick and ratio < RATIO_GOAL:
        failures.append(f"ratio {ratio:.2f} under {RATIO_GOAL}")
    print(f"# GET /v1/status under load\n\n{hl.machine()}; "
          f"{hl.version(['wrk', '-v'])}; the stand-in on Python "
          f"{sys.version.split()[0]}.\n"
          f"wrk -t{args.threads} -d{args.duration}s --latency, keep-alive, "
          f"over loopback: the stand-in directly (POST querystate over "
          f"HTTPS, {args.service_threads} connections) and through "
          f"repayjump-httpd --threads {args.service_threads} (GET /v1/status, "
          f"{args.connections} connections); best of {args.rounds} "
          f"round(s), each in turn; load average {load:.2f} at the start, "
          f"on {os.cpu_count()} cores shared by all three.\n")
    print("| path | requests/s | p50 ms | p99 ms | requests | socket "
          "errors | bad answers |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(hl.row("stand-in, directly", ceiling))
    print(hl.row("repayjump-httpd /v1/status", ours))
    print(hl.row(f"repayjump-httpd /v1/status, {args.soak} s soak", soak))
    print(f"\nRatio /v1/status / stand-in: {ratio:.2f} "
          f"(goal >= {RATIO_GOAL}: {'met' if ratio >= RATIO_GOAL else 'MISSED'})")
    print(f"New connections the stand-in accepted from the service: "
          f"{seen['service'][0]} for {seen['service'][1]:,} requests over the "
          f"rounds, {soak_conns} for {soak['requests']:,} over the soak (its "
          f"{args.service_threads} threads' connections were opened by the "
          f"warm-up); from wrk directly: {seen['direct'][0]} for "
          f"{seen['direct'][1]:,}")
    print(f"RSS of repayjump-httpd: {before} KiB before the soak, {after} KiB "
          f"after {soak['requests']:,} requests ({after - before:+d} KiB)")
    for f in failures:
        print("FAILED: " + f)
    if args.enforce and failures:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
