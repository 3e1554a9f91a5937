#!/usr/bin/env python3
"""Load repayjump-httpd with wrk over loopback, beside nginx serving a
static file of the same size in the same run, and print the result as
Markdown: requests/s, p50 and p99 latency, socket errors, answers outside
2xx (counted by httpd_count.lua, a wrk script), the ratio to nginx, and
the service's RSS before and after a longer run.

  httpd_load.py --httpd PATH [--duration S] [--soak S] [--connections N]
                [--rounds N] [--quick] [--enforce]

Each round loads the service, then nginx, for --duration seconds each with
keep-alive and --connections connections; the best round of each counts,
since this machine is shared and a round can only be slowed by others.
--enforce exits 1 on any socket error or non-2xx answer, or when the RSS
grows by more than --rss-limit KiB over the soak; the ratio to nginx is
reported against its goal (0.5), never enforced, since it is timing.

nginx runs in the foreground (daemon off) with its own configuration,
logs and temporary paths in a temporary directory; as root, its workers
stay root (a `user` directive), since they must read that directory.
Both servers write an access log line per request to a file; the
service as it would run in production, with --log-format json and GET
/metrics on (--metrics-listen). After the soak, the service's
repayjump_httpd_requests_total must account for every answer wrk read
(and at most one request in flight per connection of each wrk run more).
"""
import argparse
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"
PATH = "/v1/jump?openid=" + OPENID
RATIO_GOAL = 0.5

NGINX_CONF = """\
{user}
daemon off;
master_process on;
worker_processes {workers};
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {tmp}/nginx-access.log;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    keepalive_requests 1000000;
    # The file's descriptor stays open; for under a kilobyte, read and
    # writev (sendfile off, the default) is as fast as sendfile here.
    open_file_cache max=16 inactive=60s;
    open_file_cache_valid 60s;
    server {{
        listen 127.0.0.1:{port};
        location = /v1/jump {{
            default_type application/json;
            add_header Cache-Control no-store;
            alias {tmp}/jump.json;
        }}
    }}
}}
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port, proc, what, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} is not listening on port {port}")


def start_httpd(httpd, tmp):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("REPAYJUMP_")}
    env.update(REPAYJUMP_APPID="wxcbda96de0b165486",
               REPAYJUMP_MCHID="1900009231")
    log = open(os.path.join(tmp, "httpd-access.log"), "wb")
    proc = subprocess.Popen([httpd, "--listen", "127.0.0.1:0",
                             "--log-format", "json",
                             "--metrics-listen", "127.0.0.1:0"], env=env,
                            stdout=subprocess.PIPE, stderr=log)
    log.close()
    lines = proc.stdout.readline().decode() + proc.stdout.readline().decode()
    m = re.fullmatch(r"listening on 127\.0\.0\.1:(\d+)\n"
                     r"metrics on 127\.0\.0\.1:(\d+)\n", lines)
    if not m:
        proc.kill()
        raise RuntimeError(f"repayjump-httpd did not start: {lines!r}")
    return proc, int(m.group(1)), int(m.group(2))


def counted(mport):
    """The sum of repayjump_httpd_requests_total over its labels."""
    with urllib.request.urlopen(f"http://127.0.0.1:{mport}/metrics") as r:
        text = r.read().decode()
    return sum(int(v) for v in re.findall(
        r"^repayjump_httpd_requests_total\{[^}]*\} (\d+)$", text, re.M))


def start_nginx(tmp, body, workers):
    with open(os.path.join(tmp, "jump.json"), "wb") as f:
        f.write(body)
    port = free_port()
    user = "user root root;" if os.geteuid() == 0 else ""
    conf = os.path.join(tmp, "nginx.conf")
    with open(conf, "w") as f:
        f.write(NGINX_CONF.format(user=user, workers=workers, tmp=tmp,
                                  port=port))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    proc = subprocess.Popen([nginx, "-p", tmp, "-c", conf, "-e",
                             os.path.join(tmp, "nginx-error.log")],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, proc, "nginx")
    except RuntimeError:
        with open(os.path.join(tmp, "nginx-error.log")) as f:
            sys.stderr.write(f.read())
        raise
    return proc, port


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        return proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        raise RuntimeError("a server did not stop on SIGTERM")


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3}


COUNTER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "httpd_count.lua")


def wrk(port, seconds, connections, threads):
    """One wrk run: requests/s, p50 and p99 in ms, socket errors, and the
    answers outside 2xx as counted by httpd_count.lua."""
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
         "--latency", "-s", COUNTER, f"http://127.0.0.1:{port}{PATH}"],
        capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = {p: float(v) * UNITS[u] for p, v, u in
           re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)$", out, re.M)}
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), "
                       r"write (\d+), timeout (\d+)", out)
    answers, non2xx = map(int, re.search(
        r"^answers: (\d+), non-2xx: (\d+)$", out, re.M).groups())
    total = int(re.search(r"(\d+) requests in", out).group(1))
    if answers != total:
        raise RuntimeError(f"wrk counted {total} requests, the script "
                           f"{answers} answers")
    return {"rps": rps, "p50": lat["50"], "p99": lat["99"],
            "errors": sum(map(int, errors.groups())) if errors else 0,
            "non2xx": non2xx, "requests": total}


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def machine():
    model = "unknown CPU"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{model}, {os.cpu_count()} cores, {platform.system()} " \
           f"{platform.release()}"


def version(argv):
    out = subprocess.run(argv, capture_output=True, text=True)
    line = (out.stdout + out.stderr).strip().splitlines()[0]
    return line.split(" Copyright")[0]


def row(name, r):
    return (f"| {name} | {r['rps']:,.0f} | {r['p50']:.3f} | {r['p99']:.3f} "
            f"| {r['requests']:,} | {r['errors']} | {r['non2xx']} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--httpd", required=True)
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--soak", type=int, default=20)
    ap.add_argument("--connections", type=int, default=32)
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
    with tempfile.TemporaryDirectory(prefix="httpd-load-") as tmp:
        os.chmod(tmp, 0o755)
        httpd, hport, mport = start_httpd(args.httpd, tmp)
        read, runs = 1, 0  # answers wrk (and urllib) read; wrk runs
        nginx = None
        try:
            with urllib.request.urlopen(
                    f"http://127.0.0.1:{hport}{PATH}") as resp:
                body = resp.read()
            nginx, nport = start_nginx(tmp, body, os.cpu_count() or 1)
            with urllib.request.urlopen(
                    f"http://127.0.0.1:{nport}{PATH}") as resp:
                if len(resp.read()) != len(body):
                    raise RuntimeError("nginx serves another size")
            # Warm both: thread pools, allocator arenas, page cache.
            read += wrk(hport, 1, args.connections, args.threads)["requests"]
            runs += 1
            wrk(nport, 1, args.connections, args.threads)
            best = {}
            for _ in range(args.rounds):
                for name, port in (("repayjump-httpd", hport),
                                   ("nginx (static file)", nport)):
                    r = wrk(port, args.duration, args.connections,
                            args.threads)
                    if port == hport:
                        read += r["requests"]
                        runs += 1
                    if r["errors"] or r["non2xx"]:
                        failures.append(f"{name}: {r['errors']} socket "
                                        f"errors, {r['non2xx']} non-2xx")
                    if name not in best or r["rps"] > best[name]["rps"]:
                        best[name] = r
            stop(nginx)
            nginx = None

            before = rss_kib(httpd.pid)
            soak = wrk(hport, args.soak, args.connections, args.threads)
            after = rss_kib(httpd.pid)
            read += soak["requests"]
            runs += 1
            requests = counted(mport)
            if not read <= requests <= read + runs * args.connections:
                failures.append(f"metrics count {requests} requests; wrk "
                                f"read {read} answers in {runs} runs")
            if soak["errors"] or soak["non2xx"]:
                failures.append(f"soak: {soak['errors']} socket errors, "
                                f"{soak['non2xx']} non-2xx")
            if after - before > args.rss_limit:
                failures.append(f"RSS grew by {after - before} KiB over the "
                                f"soak (limit {args.rss_limit})")
            rc = stop(httpd)
            if rc != 0:
                failures.append(f"repayjump-httpd exited {rc} on SIGTERM")
        finally:
            for proc in (httpd, nginx):
                if proc is not None and proc.poll() is None:
                    proc.kill()
                    proc.wait()

    ours, ceiling = best["repayjump-httpd"], best["nginx (static file)"]
    ratio = ours["rps"] / ceiling["rps"]
    print(f"# repayjump-httpd under load\n\n{machine()}; "
          f"{version(['wrk', '-v'])}; {version(['nginx', '-v'])}.\n"
          f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s "
          f"--latency, keep-alive, GET {len(body)}-byte JSON over loopback; "
          f"best of {args.rounds} round(s), each server in turn; load "
          f"average {load:.2f} at the start, on {os.cpu_count()} cores "
          f"shared with wrk.\n")
    print("| server | requests/s | p50 ms | p99 ms | requests | socket "
          "errors | non-2xx |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(row("repayjump-httpd", ours))
    print(row("nginx, static file of the same size", ceiling))
    print(row(f"repayjump-httpd, {args.soak} s soak", soak))
    print(f"\nRatio repayjump-httpd / nginx: {ratio:.2f} "
          f"(goal >= {RATIO_GOAL}: {'met' if ratio >= RATIO_GOAL else 'MISSED'})")
    print(f"Logging (JSON) and metrics on: repayjump_httpd_requests_total "
          f"{requests:,} after {read:,} answers read in {runs} wrk runs "
          f"and one urllib request ({requests - read:+d}: requests still "
          f"in flight when wrk stopped)")
    print(f"RSS of repayjump-httpd: {before} KiB before the soak, {after} KiB "
          f"after {soak['requests']:,} requests ({after - before:+d} KiB)")
    for f in failures:
        print("FAILED: " + f)
    if args.enforce and failures:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
