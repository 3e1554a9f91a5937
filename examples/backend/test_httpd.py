#!/usr/bin/env python3
"""Black-box tests of repayjump-httpd.

Starts the real service on a free loopback port, drives it with Debian's
curl (and, for what curl cannot do, such as stopping half-way through a
request, a plain socket), and reads its answers back with Python's own JSON
and HMAC code. Every 200 body is compared byte for byte with the output of
the real CLI, `repayjump compose --format all --nonce <the body's nonce>`;
every error message with the CLI's message for the same value.

    test_httpd.py --httpd PATH --cli PATH [--curl PATH] [--wrap CMD]
                  [unittest arguments]

--wrap runs the service under a command, e.g. valgrind, whose failure must
show in the service's exit status (valgrind --error-exitcode).
"""

import argparse
import hashlib
import hmac
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

HTTPD = CLI = PROMTOOL = WRK = None
CURL = "curl"
WRAP = []
COUNTER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                       "tests", "bench", "httpd_count.lua")

APPID = "wxcbda96de0b165486"
MCHID = "1900009231"
OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"
SUB_APPID = "wx0123456789abcdef"
SUB_MCHID = "1230000109"
SUB_OPENID = "oSub_openid-123"
API_KEY = "192006250b4c09247ec02edce69f6a2d"
BASE_ENV = {"REPAYJUMP_APPID": APPID, "REPAYJUMP_MCHID": MCHID}

TIME = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"
LOG_LINE = re.compile(
    "^" + TIME + r" 127\.0\.0\.1 "
    r"(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS|-) (/v1/jump|/healthz|-) "
    r"(\d{3}|-) \d+us [0-9a-f]{16} "
    r"(ok|error|timeout|shutdown|read-error|client-abort)$")
START_STOP = re.compile("^" + TIME + " (start|stop) ")
MHD_LINE = re.compile(r"^repayjump-httpd: libmicrohttpd: ")


def clean_env(extra):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("REPAYJUMP_")}
    env.update(extra)
    return env


class Server:
    """One repayjump-httpd process on 127.0.0.1:0."""

    def __init__(self, env=None, args=(), variant_env=None):
        self.log = tempfile.NamedTemporaryFile(prefix="httpd-log-")
        full = dict(BASE_ENV)
        full.update(variant_env or {})
        full.update(env or {})
        self.proc = subprocess.Popen(
            WRAP + [HTTPD, "--listen", "127.0.0.1:0"] + list(args),
            env=clean_env(full), stdout=subprocess.PIPE,
            stderr=self.log, stdin=subprocess.DEVNULL)
        line = self.proc.stdout.readline().decode()
        m = re.fullmatch(r"listening on 127\.0\.0\.1:(\d+)\n", line)
        if not m:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError("no listening line: %r; stderr: %r"
                                 % (line, self.stderr()))
        self.port = int(m.group(1))
        self.base = "http://127.0.0.1:%d" % self.port
        if "--metrics-listen" in args:
            line = self.proc.stdout.readline().decode()
            m = re.fullmatch(r"metrics on 127\.0\.0\.1:(\d+)\n", line)
            assert m, line
            self.metrics = "http://127.0.0.1:%s/metrics" % m.group(1)

    def stderr(self):
        with open(self.log.name, "rb") as f:
            return f.read().decode()

    def access_lines(self):
        return [ln for ln in self.stderr().splitlines()
                if not MHD_LINE.match(ln) and not START_STOP.match(ln)]

    def stop(self, timeout=15):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        rc = self.proc.wait(timeout)
        self.proc.stdout.close()
        return rc

    def stderr_after_stop(self):
        try:
            assert self.stop() == 0
            return self.stderr()
        finally:
            self.close()

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.log.close()


def curl(url, *args):
    """(status, headers as a dict of lowercase names, body bytes)."""
    with tempfile.NamedTemporaryFile() as head, \
            tempfile.NamedTemporaryFile() as body:
        out = subprocess.run(
            [CURL, "-sS", "-D", head.name, "-o", body.name,
             "-w", "%{http_code}"] + list(args) + [url],
            capture_output=True, check=False, timeout=30)
        if out.returncode != 0:
            raise AssertionError("curl %s: exit %d: %s"
                                 % (url, out.returncode, out.stderr))
        headers = {}
        for line in head.read().decode().splitlines()[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        return int(out.stdout), headers, body.read()


def raw_request(port, text):
    """Send text, read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.settimeout(10)
        s.sendall(text.encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return data
            data += chunk


def cli(*args, env=None):
    return subprocess.run([CLI, "compose"] + list(args), capture_output=True,
                          env=clean_env(env or {}), check=False)


def cli_document(nonce, *args):
    out = cli("--format", "all", "--nonce", nonce, *args)
    if out.returncode != 0:
        raise AssertionError("CLI failed: %s" % out.stderr)
    return out.stdout


def cli_message(*args):
    """The CLI's one-line message for invalid input (exit 1)."""
    out = cli(*args)
    assert out.returncode == 1, out
    prefix = b"repayjump: invalid input: "
    assert out.stderr.startswith(prefix), out.stderr
    return out.stderr[len(prefix):].decode().split("\n")[0]


def v2_sign(fields, key):
    """WeChat Pay v2: non-empty fields but sign, sorted, &key=, HMAC."""
    text = "&".join("%s=%s" % (k, fields[k]) for k in sorted(fields)
                    if k != "sign" and fields[k] != "")
    text += "&key=" + key
    return hmac.new(key.encode(), text.encode(),
                    hashlib.sha256).hexdigest().upper()


class HttpdTest(unittest.TestCase):
    """One service for the class; it must stop cleanly (exit 0) at the end,
    which under --wrap valgrind also means no memory error and no leak."""
    server_env = None
    server_args = ()

    @classmethod
    def setUpClass(cls):
        cls.server = Server(cls.server_env, cls.server_args)

    @classmethod
    def tearDownClass(cls):
        try:
            rc = cls.server.stop()
            log = cls.server.stderr()
        finally:
            cls.server.close()
        if rc != 0:
            raise AssertionError("exit %d on SIGTERM; stderr:\n%s"
                                 % (rc, log[-4000:]))

    def own_server(self):
        """A service of this test's own, for a test that stops it."""
        self.server = Server(self.server_env, self.server_args)
        self.addCleanup(self.server.close)

    def get(self, path, *args):
        return curl(self.server.base + path, *args)

    def assert_json_headers(self, headers):
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(headers["cache-control"], "no-store")

    def assert_jump(self, path, cli_args, *curl_args):
        status, headers, body = self.get(path, *curl_args)
        self.assertEqual(status, 200, body)
        self.assert_json_headers(headers)
        doc = json.loads(body)
        self.assertEqual(body, cli_document(doc["nonce_str"], *cli_args))
        self.assertRegex(doc["nonce_str"], r"^[A-Za-z0-9]{32}$")
        self.assertEqual(doc["extra_data"]["nonce_str"], doc["nonce_str"])
        return doc

    def assert_error(self, path, status_name, field, offset, *curl_args,
                     message=None, http=400):
        status, headers, body = self.get(path, *curl_args)
        self.assertEqual(status, http, body)
        self.assert_json_headers(headers)
        self.assertTrue(body.endswith(b"}\n"))
        err = json.loads(body)["error"]
        self.assertEqual(list(err), ["status", "field", "offset", "message"])
        self.assertEqual((err["status"], err["field"], err["offset"]),
                         (status_name, field, offset), err)
        self.assertNotIn("\n", err["message"])
        if message is not None:
            self.assertEqual(err["message"], message)
        return err


class MerchantV3(HttpdTest):
    def test_jump_is_the_cli_document(self):
        doc = self.assert_jump("/v1/jump?openid=" + OPENID,
                               ["--appid", APPID, "--mchid", MCHID,
                                "--openid", OPENID])
        self.assertEqual(list(doc), ["variant", "nonce_str", "extra_data",
                                     "navigate", "app_path", "app_launch"])
        self.assertEqual(doc["variant"], "v3")
        self.assertEqual(doc["extra_data"]["openid"], OPENID)

    def test_each_request_has_a_fresh_nonce(self):
        nonces = {json.loads(self.get("/v1/jump?openid=" + OPENID)[2])
                  ["nonce_str"] for _ in range(5)}
        self.assertEqual(len(nonces), 5)

    def test_head_has_the_headers_without_a_body(self):
        # A socket: curl cannot tell a HEAD answer's body from its headers.
        data = raw_request(self.server.port,
                           "HEAD /v1/jump?openid=%s HTTP/1.1\r\nHost: x\r\n"
                           "Connection: close\r\n\r\n" % OPENID)
        head, body = data.split(b"\r\n\r\n", 1)
        self.assertTrue(head.startswith(b"HTTP/1.1 200 "), head)
        self.assertEqual(body, b"")
        self.assertIn(b"\r\nCache-Control: no-store", head)
        length = int(re.search(rb"\r\nContent-Length: (\d+)", head).group(1))
        got = self.get("/v1/jump?openid=" + OPENID)[2]
        self.assertEqual(length, len(got))

    def test_healthz(self):
        status, headers, body = self.get("/healthz")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), {"status": "ok"})

    def test_percent_decoded_openid(self):
        # %XX is decoded by libmicrohttpd before validation: an encoded
        # letter is that letter.
        encoded = "".join("%%%02X" % ord(c) for c in OPENID[:4]) + OPENID[4:]
        self.assert_jump("/v1/jump?openid=" + encoded,
                         ["--appid", APPID, "--mchid", MCHID,
                          "--openid", OPENID])

    def test_bad_openids(self):
        # (query value, decoded value, status, offset): every message equals
        # the CLI's for the decoded value.
        cases = [
            ("abc%3Ddef", "abc=def", "REPAYJUMP_E_CHARSET", 3),
            ("oUpF8uMEb4qRX%3D", "oUpF8uMEb4qRX=", "REPAYJUMP_E_CHARSET", 13),
            ("a+b", "a b", "REPAYJUMP_E_CHARSET", 1),  # '+' decodes to a space
            ("a%20b", "a b", "REPAYJUMP_E_CHARSET", 1),
            ("a%22b", 'a"b', "REPAYJUMP_E_CHARSET", 1),
            ("a%5Cb", "a\\b", "REPAYJUMP_E_CHARSET", 1),
            ("ab%0Acd", "ab\ncd", "REPAYJUMP_E_CHARSET", 2),
            ("%E4%BD%A0", "\u4f60", "REPAYJUMP_E_CHARSET", 0),
            ("%zz", "%zz", "REPAYJUMP_E_CHARSET", 0),  # not an escape: kept
            ("o" * 33, "o" * 33, "REPAYJUMP_E_TOO_LONG", 32),
        ]
        for query, decoded, status_name, offset in cases:
            with self.subTest(query=query):
                self.assert_error(
                    "/v1/jump?openid=" + query, status_name, "openid", offset,
                    message=cli_message("--appid", APPID, "--mchid", MCHID,
                                        "--openid", decoded))

    def test_document_openid_with_weixin_suffix(self):
        # The document's own mistake: the decoded '=' is rejected with the
        # library's verdict on it, the same as the CLI's.
        message = cli_message("--appid", APPID, "--mchid", MCHID, "--openid",
                              OPENID + "=weixin")
        status, _, body = self.get("/v1/jump?openid=%s%%3Dweixin" % OPENID)
        self.assertEqual(status, 400)
        err = json.loads(body)["error"]
        self.assertEqual((err["field"], err["message"]), ("openid", message))
        if err["status"] == "REPAYJUMP_E_CHARSET":
            self.assertEqual(err["offset"], 28)
        else:
            self.assertEqual((err["status"], err["offset"]),
                             ("REPAYJUMP_E_TOO_LONG", 32))

    def test_nul_byte_is_refused_where_it_is(self):
        self.assert_error("/v1/jump?openid=ab%00cd", "REPAYJUMP_E_CHARSET",
                          "openid", 2)

    def test_missing_and_empty_openid(self):
        for path in ("/v1/jump", "/v1/jump?openid=", "/v1/jump?openid"):
            with self.subTest(path=path):
                self.assert_error(path, "REPAYJUMP_E_MISSING", "openid", 0,
                                  message="openid: required; pass "
                                          "?openid=OPENID")

    def test_openid_twice(self):
        self.assert_error("/v1/jump?openid=a&openid=b",
                          "REPAYJUMP_E_CONFLICT", "openid", 0)

    def test_unknown_query_parameter(self):
        err = self.assert_error("/v1/jump?openid=a&foo=1",
                                "REPAYJUMP_E_NOT_ALLOWED", "none", 0)
        self.assertIn("foo", err["message"])
        err = self.assert_error("/v1/jump?%22%FF=1",
                                "REPAYJUMP_E_NOT_ALLOWED", "none", 0)
        self.assertNotIn('"', err["message"])

    def test_sub_openid_is_not_for_merchants(self):
        self.assert_error("/v1/jump?openid=a&sub_openid=b",
                          "REPAYJUMP_E_NOT_ALLOWED", "sub_openid", 0)

    def test_unknown_paths(self):
        for path in ("/", "/v1/jump/", "/v1/jumps", "/healthz/x",
                     "/v1/" + OPENID):
            with self.subTest(path=path):
                status, headers, body = self.get(path)
                self.assertEqual(status, 404)
                self.assertIn("message", json.loads(body)["error"])

    def test_other_methods(self):
        for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "BREW"):
            for path in ("/v1/jump?openid=" + OPENID, "/healthz"):
                with self.subTest(method=method, path=path):
                    status, headers, _ = self.get(path, "-X", method)
                    self.assertEqual(status, 405)
                    self.assertEqual(headers["allow"], "GET, HEAD")

    def test_a_body_is_never_read(self):
        # A gigabyte announced, a few bytes sent: answered at once, without
        # waiting for (or storing) the rest, and the connection closed.
        for method in ("POST", "GET"):
            with self.subTest(method=method):
                data = raw_request(
                    self.server.port,
                    "%s /v1/jump?openid=%s HTTP/1.1\r\nHost: x\r\n"
                    "Content-Length: 1000000000\r\n\r\nabc" % (method, OPENID))
                head, body = data.split(b"\r\n\r\n", 1)
                self.assertIn(b"\r\nConnection: close", head)
                if method == "POST":
                    self.assertTrue(head.startswith(b"HTTP/1.1 405 "), head)
                else:
                    self.assertTrue(head.startswith(b"HTTP/1.1 200 "), head)
                    self.assertEqual(json.loads(body)["extra_data"]["openid"],
                                     OPENID)
        self.assertEqual(self.get("/healthz")[0], 200)

    def test_oversized_uri_and_header(self):
        status, _, _ = self.get("/v1/jump?openid=" + "a" * 20000)
        self.assertEqual(status, 414)
        status, _, _ = self.get("/healthz", "-H", "X-Big: " + "a" * 20000)
        self.assertEqual(status, 431)
        status, _, _ = self.get("/healthz", *sum(
            (["-H", "X-H%d: %s" % (i, "a" * 100)] for i in range(200)), []))
        self.assertEqual(status, 431)
        self.assertEqual(self.get("/healthz")[0], 200)

    def test_keep_alive(self):
        out = subprocess.run(
            [CURL, "-sS", "-v", "-o", "/dev/null", "-o", "/dev/null",
             self.server.base + "/healthz",
             self.server.base + "/v1/jump?openid=" + OPENID],
            capture_output=True, check=True, timeout=30)
        self.assertIn(b"Re-using existing connection", out.stderr)

    def test_access_log(self):
        self.own_server()
        self.get("/v1/jump?openid=" + OPENID)
        self.get("/v1/jump?openid=" + OPENID + "%3D")
        self.get("/healthz")
        self.get("/v1/" + OPENID)
        self.get("/healthz", "-X", "POST")
        self.assertEqual(self.server.stop(), 0)
        lines = self.server.access_lines()
        self.assertEqual(len(lines), 5, lines)
        for line in lines:
            self.assertRegex(line, LOG_LINE)
        self.assertEqual([ln.split()[2:5] for ln in lines], [
            ["GET", "/v1/jump", "200"], ["GET", "/v1/jump", "400"],
            ["GET", "/healthz", "200"], ["GET", "-", "404"],
            ["POST", "/healthz", "405"]])
        log = self.server.stderr()
        self.assertNotIn(OPENID, log)
        self.assertNotIn("openid", log)

    def test_concurrent_requests_never_repeat_a_nonce(self):
        self.own_server()
        n = 200
        with tempfile.TemporaryDirectory() as tmp:
            config = os.path.join(tmp, "urls")
            with open(config, "w") as f:
                for i in range(n):
                    f.write('url = "%s/v1/jump?openid=%s"\noutput = "%s/%d"\n'
                            % (self.server.base, OPENID, tmp, i))
            out = subprocess.run(
                [CURL, "-sS", "--parallel", "--parallel-max", "20",
                 "--fail", "-K", config], capture_output=True, timeout=120)
            self.assertEqual(out.returncode, 0, out.stderr)
            docs = [json.load(open(os.path.join(tmp, str(i))))
                    for i in range(n)]
        nonces = {d["nonce_str"] for d in docs}
        self.assertEqual(len(nonces), n)
        for d in docs:
            self.assertEqual(d["extra_data"]["nonce_str"], d["nonce_str"])
            self.assertIn("nonce_str=" + d["nonce_str"] + "&", d["app_path"])
        self.assertEqual(self.server.stop(), 0)
        self.assertEqual(len(self.server.access_lines()), n)


class Limits(unittest.TestCase):
    def test_connection_limit(self):
        server = Server(args=["--max-connections", "2", "--threads", "1"])
        try:
            held = [socket.create_connection(("127.0.0.1", server.port))
                    for _ in range(2)]
            time.sleep(0.2)
            # A third waits, unanswered, in the kernel's queue...
            extra = socket.create_connection(("127.0.0.1", server.port))
            extra.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            extra.settimeout(1)
            with self.assertRaises(TimeoutError):
                extra.recv(100)
            # ... until a slot is free.
            held.pop().close()
            extra.settimeout(10)
            self.assertTrue(extra.recv(100).startswith(b"HTTP/1.1 200 "))
            extra.close()
            for s in held:
                s.close()
        finally:
            server.close()

    def test_idle_timeout(self):
        server = Server(args=["--timeout", "1"])
        try:
            s = socket.create_connection(("127.0.0.1", server.port))
            s.settimeout(10)
            start = time.monotonic()
            self.assertEqual(s.recv(100), b"")
            self.assertLess(time.monotonic() - start, 5)
            s.close()
        finally:
            server.close()


class GracefulStop(unittest.TestCase):
    def test_a_request_in_flight_completes(self):
        server = Server()
        try:
            s = socket.create_connection(("127.0.0.1", server.port))
            s.sendall(("GET /v1/jump?openid=%s HTTP/1.1\r\nHost: x\r\n"
                       % OPENID).encode())
            time.sleep(0.2)
            server.proc.send_signal(signal.SIGTERM)
            time.sleep(0.5)
            # No new connection once stopping.
            with self.assertRaises(ConnectionRefusedError):
                socket.create_connection(("127.0.0.1", server.port))
            self.assertIsNone(server.proc.poll())
            s.sendall(b"\r\n")
            s.settimeout(10)
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
            head, body = data.split(b"\r\n\r\n", 1)
            self.assertTrue(head.startswith(b"HTTP/1.1 200 "), head)
            self.assertIn(b"\r\nConnection: close", head)
            self.assertEqual(json.loads(body)["extra_data"]["openid"], OPENID)
            self.assertEqual(server.stop(), 0)
        finally:
            server.close()

    def test_idle_connections_do_not_hold_the_stop(self):
        server = Server(args=["--timeout", "30"])
        try:
            s = socket.create_connection(("127.0.0.1", server.port))
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            self.assertIn(b" 200 ", s.recv(4096))
            start = time.monotonic()
            self.assertEqual(server.stop(), 0)
            self.assertLess(time.monotonic() - start, 5)
            s.close()
        finally:
            server.close()

    def test_sigint_mid_load(self):
        for sig in (signal.SIGTERM, signal.SIGINT):
            with self.subTest(signal=sig):
                self.stop_mid_load(sig)

    def stop_mid_load(self, sig):
        server = Server()
        n = 5000
        try:
            with tempfile.TemporaryDirectory() as tmp:
                config = os.path.join(tmp, "urls")
                with open(config, "w") as f:
                    for i in range(n):
                        f.write('url = "%s/v1/jump?openid=%s"\n'
                                'output = "%s/%d"\n'
                                % (server.base, OPENID, tmp, i))
                # One line a transfer: its index, status and curl's exit.
                load = subprocess.Popen(
                    [CURL, "-s", "--parallel", "--parallel-max", "20",
                     "-K", config, "-w",
                     "%{urlnum} %{http_code} %{exitcode}\\n"],
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                # Stop once answers are flowing.
                first = load.stdout.readline()
                self.assertTrue(first)
                time.sleep(0.05)
                server.proc.send_signal(sig)
                rest = load.stdout.read()
                load.wait(60)
                self.assertEqual(server.stop(), 0)
                lines = (first + rest).decode().split()
                results = [tuple(lines[i:i + 3])
                           for i in range(0, len(lines), 3)]
                self.assertEqual(len(results), n)
                ok = [r for r in results if r[1:] == ("200", "0")]
                # Every other request found the service gone: refused (7),
                # or its connection reset before the service read a byte
                # (52, 55, 56: still in the kernel's queue, or an idle
                # keep-alive connection closed by the stop); the log shows
                # that none of them had begun.
                others = {r[1:] for r in results} - {("200", "0")}
                self.assertLessEqual(
                    others, {("000", "7"), ("000", "52"), ("000", "55"),
                             ("000", "56")}, others)
                self.assertGreater(len(ok), 0)
                self.assertLess(len(ok), n)  # the stop came mid-load
                for urlnum, _, _ in ok:
                    doc = json.load(open(os.path.join(tmp, urlnum)))
                    self.assertEqual(doc["extra_data"]["openid"], OPENID)
                # Every request the service began was answered in full.
                log = server.access_lines()
                self.assertEqual(len(log), len(ok))
                self.assertEqual({ln.split()[4] for ln in log}, {"200"})
        finally:
            server.close()


class OpenidHeader(HttpdTest):
    server_args = ("--openid-header", "X-Openid")

    def test_openid_from_the_header(self):
        self.assert_jump("/v1/jump", ["--appid", APPID, "--mchid", MCHID,
                                      "--openid", OPENID],
                         "-H", "x-openid: " + OPENID)

    def test_query_openid_is_refused(self):
        for query in ("openid=" + OPENID, "sub_openid=" + OPENID):
            with self.subTest(query=query):
                err = self.assert_error(
                    "/v1/jump?" + query, "REPAYJUMP_E_NOT_ALLOWED",
                    query.split("=")[0], 0, "-H", "X-Openid: " + OPENID)
                self.assertIn("X-Openid header", err["message"])

    def test_header_missing_twice_or_bad(self):
        self.assert_error("/v1/jump", "REPAYJUMP_E_MISSING", "openid", 0,
                          message="openid: required; the X-Openid header "
                                  "is missing")
        self.assert_error("/v1/jump", "REPAYJUMP_E_CONFLICT", "openid", 0,
                          "-H", "X-Openid: a", "-H", "X-Openid: b")
        self.assert_error("/v1/jump", "REPAYJUMP_E_CHARSET", "openid", 3,
                          "-H", "X-Openid: abc=def")

    def test_the_header_never_reaches_the_log(self):
        self.own_server()
        self.get("/v1/jump", "-H", "X-Openid: " + OPENID)
        self.assertEqual(self.server.stop(), 0)
        self.assertNotIn(OPENID, self.server.stderr())


PARTNER = ["--variant", "v3-partner", "--appid", APPID, "--mchid", MCHID,
           "--sub-appid", SUB_APPID, "--sub-mchid", SUB_MCHID]
PARTNER_ENV = {"REPAYJUMP_VARIANT": "v3-partner",
               "REPAYJUMP_SUB_APPID": SUB_APPID,
               "REPAYJUMP_SUB_MCHID": SUB_MCHID}


class PartnerV3(HttpdTest):
    server_env = PARTNER_ENV

    def test_both_openids(self):
        doc = self.assert_jump(
            "/v1/jump?openid=%s&sub_openid=%s" % (OPENID, SUB_OPENID),
            PARTNER + ["--openid", OPENID, "--sub-openid", SUB_OPENID])
        self.assertEqual(doc["variant"], "v3-partner")
        self.assertEqual(doc["extra_data"]["sub_openid"], SUB_OPENID)

    def test_sub_openid_alone(self):
        self.assert_jump("/v1/jump?sub_openid=" + SUB_OPENID,
                         PARTNER + ["--sub-openid", SUB_OPENID])

    def test_neither(self):
        err = self.assert_error("/v1/jump", "REPAYJUMP_E_MISSING", "openid",
                                0)
        self.assertIn("?sub_openid=", err["message"])


class PartnerHeaders(HttpdTest):
    server_env = PARTNER_ENV
    server_args = ("--openid-header", "X-Openid",
                   "--sub-openid-header", "X-Sub-Openid")

    def test_both_headers(self):
        self.assert_jump("/v1/jump", PARTNER + ["--openid", OPENID,
                                                "--sub-openid", SUB_OPENID],
                         "-H", "X-Openid: " + OPENID,
                         "-H", "X-Sub-Openid: " + SUB_OPENID)

    def test_query_sub_openid_is_refused(self):
        err = self.assert_error("/v1/jump?sub_openid=" + SUB_OPENID,
                                "REPAYJUMP_E_NOT_ALLOWED", "sub_openid", 0)
        self.assertIn("X-Sub-Openid header", err["message"])


class SignedVariants(unittest.TestCase):
    def run_variant(self, variant, env, cli_args, query):
        with tempfile.NamedTemporaryFile("w") as key:
            key.write(API_KEY + "\n")  # the newline is trimmed
            key.flush()
            full = dict(env, REPAYJUMP_VARIANT=variant,
                        REPAYJUMP_API_KEY_FILE=key.name)
            server = Server(full)
            try:
                status, headers, body = curl(server.base + "/v1/jump?" + query)
                self.assertEqual(status, 200, body)
                doc = json.loads(body)
                self.assertEqual(body, cli_document(
                    doc["nonce_str"], "--variant", variant,
                    "--api-key-file", key.name, *cli_args))
                extra = doc["extra_data"]
                self.assertEqual(extra["sign_type"], "HMAC-SHA256")
                self.assertEqual(extra["sign"], v2_sign(extra, API_KEY))
                self.assertEqual(doc["sign"], extra["sign"])
                self.assertEqual(server.stop(), 0)
                self.assertNotIn(API_KEY, server.stderr())
                self.assertNotIn(API_KEY[:8], server.stderr())
            finally:
                server.close()

    def test_v2(self):
        self.run_variant("v2", {}, ["--appid", APPID, "--mchid", MCHID,
                                    "--openid", OPENID], "openid=" + OPENID)

    def test_v2_partner(self):
        self.run_variant(
            "v2-partner", PARTNER_ENV, PARTNER[2:] + [
                "--openid", OPENID, "--sub-openid", SUB_OPENID],
            "openid=%s&sub_openid=%s" % (OPENID, SUB_OPENID))


class Configuration(unittest.TestCase):
    def start(self, env, args=()):
        return subprocess.run(
            WRAP + [HTTPD, "--listen", "127.0.0.1:0"] + list(args),
            env=clean_env(env), capture_output=True, timeout=60, check=False)

    def assert_refused(self, env, needle, args=()):
        out = self.start(env, args)
        self.assertEqual(out.returncode, 2, out)
        self.assertEqual(out.stdout, b"")  # never listened
        lines = out.stderr.decode().splitlines()
        self.assertEqual(len(lines), 1, lines)
        self.assertIn(needle, lines[0])
        return lines[0]

    def test_bad_configurations(self):
        with tempfile.NamedTemporaryFile("w") as key, \
                tempfile.NamedTemporaryFile("w") as short_key:
            key.write(API_KEY)
            key.flush()
            short_key.write("secretKEY12345\n")
            short_key.flush()
            cases = [
                ({"REPAYJUMP_MCHID": MCHID}, "REPAYJUMP_APPID"),
                ({"REPAYJUMP_APPID": APPID}, "REPAYJUMP_MCHID"),
                ({}, "REPAYJUMP_APPID"),
                (dict(BASE_ENV, REPAYJUMP_APPID="wx123"), "REPAYJUMP_APPID"),
                (dict(BASE_ENV, REPAYJUMP_MCHID="19x"), "mchid: byte 2"),
                (dict(BASE_ENV, REPAYJUMP_VARIANT="v4"), "REPAYJUMP_VARIANT"),
                (dict(BASE_ENV, REPAYJUMP_VARIANT="v2"), "api_key"),
                (dict(BASE_ENV, REPAYJUMP_VARIANT="v2",
                      REPAYJUMP_API_KEY_FILE="/nonexistent/key"),
                 "No such file"),
                (dict(BASE_ENV, REPAYJUMP_VARIANT="v2",
                      REPAYJUMP_API_KEY_FILE=short_key.name),
                 "REPAYJUMP_API_KEY_FILE"),
                (dict(BASE_ENV, REPAYJUMP_VARIANT="v3-partner"),
                 "REPAYJUMP_SUB_MCHID"),
                (dict(BASE_ENV, REPAYJUMP_SUB_MCHID=SUB_MCHID),
                 "REPAYJUMP_SUB_MCHID"),
            ]
            for env, needle in cases:
                with self.subTest(env=env):
                    line = self.assert_refused(env, needle)
                    self.assertNotIn("secretKEY", line)
                    self.assertNotIn(API_KEY[:8], line)

    def test_bad_options(self):
        for args, needle in [
                (["--listen", "nowhere"], "--listen"),
                (["--listen", "127.0.0.1:99999"], "--listen"),
                (["--listen", "127.0.0.1:"], "--listen"),
                (["--metrics-listen", "nowhere"], "--metrics-listen"),
                (["--log-format", "xml"], "--log-format"),
                (["--openid-header", "X Openid"], "--openid-header"),
                (["--sub-openid-header", "X-S"], "--openid-header"),
                (["--threads", "0"], "--threads"),
                (["--timeout", "x"], "--timeout"),
                (["--bogus"], "--help")]:
            with self.subTest(args=args):
                out = subprocess.run(WRAP + [HTTPD] + args,
                                     env=clean_env(BASE_ENV),
                                     capture_output=True, timeout=60)
                self.assertEqual(out.returncode, 2, out)
                self.assertIn(needle, out.stderr.decode())
                self.assertEqual(out.stdout, b"")

    def test_warns_off_loopback_without_the_header(self):
        # 192.0.2.1 (TEST-NET-1) is no address of this machine: the bind
        # fails, after the warning, and nothing is ever reachable.
        out = subprocess.run(WRAP + [HTTPD, "--listen", "192.0.2.1:0"],
                             env=clean_env(BASE_ENV), capture_output=True,
                             timeout=60)
        self.assertEqual(out.returncode, 1, out)
        self.assertEqual(out.stdout, b"")
        err = out.stderr.decode()
        self.assertIn("warning: --listen 192.0.2.1:0 is not a loopback "
                      "address and --openid-header is not set", err)
        self.assertIn("cannot listen", err)
        out = subprocess.run(
            WRAP + [HTTPD, "--listen", "192.0.2.1:0", "--openid-header", "X-O"],
            env=clean_env(BASE_ENV), capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 1, out)
        self.assertNotIn("warning", out.stderr.decode())
        self.assertNotIn("warning", Server().stderr_after_stop())

    def test_help_and_version(self):
        out = subprocess.run(WRAP + [HTTPD, "--help"], capture_output=True,
                             env=clean_env({}), timeout=60)
        self.assertEqual(out.returncode, 0)
        self.assertIn(b"--openid-header", out.stdout)
        out = subprocess.run(WRAP + [HTTPD, "--version"],
                             capture_output=True, env=clean_env({}),
                             timeout=60)
        self.assertEqual(out.returncode, 0)
        version = subprocess.run([CLI, "--version"], capture_output=True,
                                 timeout=10).stdout.decode().split()[1]
        self.assertIn(version, out.stdout.decode())

    def test_ipv6_loopback(self):
        out = subprocess.Popen(
            WRAP + [HTTPD, "--listen", "[::1]:0"], env=clean_env(BASE_ENV),
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            line = out.stdout.readline().decode()
            m = re.fullmatch(r"listening on \[::1\]:(\d+)\n", line)
            self.assertIsNotNone(m, line)
            self.assertEqual(
                curl("http://[::1]:%s/healthz" % m.group(1))[0], 200)
            out.send_signal(signal.SIGTERM)
            self.assertEqual(out.wait(15), 0)
        finally:
            if out.poll() is None:
                out.kill()
                out.wait()
            out.stdout.close()


def half_sent(port):
    """A request line and part of its headers, then the connection closed."""
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(("GET /v1/jump?openid=%s HTTP/1.1\r\nHost: x\r\n"
                   % OPENID).encode())
        time.sleep(0.2)
    time.sleep(0.3)


def parse_log(text):
    """The JSON log's lines, each parsed; every line must be JSON."""
    return [json.loads(ln) for ln in text.splitlines()
            if not MHD_LINE.match(ln)]


class OperatorLog(unittest.TestCase):
    """The start and stop lines, the request id, --log-format json."""

    def test_json_log_has_every_request_once(self):
        with tempfile.NamedTemporaryFile("w") as key:
            key.write(API_KEY)
            key.flush()
            server = Server({"REPAYJUMP_VARIANT": "v2",
                             "REPAYJUMP_API_KEY_FILE": key.name},
                            ["--log-format", "json"])
            try:
                self.run_requests(server)
            finally:
                server.close()

    def run_requests(self, server):
        cases = [("/v1/jump?openid=" + OPENID, (), 200),
                 ("/v1/jump?openid=" + OPENID + "%3D", (), 400),
                 ("/v1/jump", (), 400),
                 ("/healthz", (), 200),
                 ("/v1/" + OPENID, (), 404),
                 ("/healthz", ("-X", "POST"), 405),
                 ("/v1/status?openid=" + OPENID, (), 503),
                 ("/v1/jump?openid=" + OPENID, ("-I",), 200)]
        answered = {}
        for path, args, want in cases:
            status, headers, _ = curl(server.base + path, *args)
            self.assertEqual(status, want, path)
            self.assertRegex(headers["x-request-id"], r"^[0-9a-f]{16}$")
            answered[headers["x-request-id"]] = (path, status)
        self.assertEqual(len(answered), len(cases))  # ids never repeat
        half_sent(server.port)
        self.assertEqual(server.stop(), 0)
        text = server.stderr()
        self.assertNotIn(OPENID, text)
        self.assertNotIn(API_KEY, text)
        self.assertNotIn(API_KEY[:8], text)
        self.assertNotIn("openid", text)
        lines = parse_log(text)
        start, stop = lines[0], lines[-1]
        self.assertEqual(start["event"], "start")
        self.assertEqual(start["listen"], ["127.0.0.1:%d" % server.port])
        self.assertEqual((start["variant"], start["status_queries"],
                          start["metrics"]), ("v2", False, None))
        version = subprocess.run([CLI, "--version"], capture_output=True,
                                 timeout=10).stdout.decode().split()[1]
        self.assertEqual(start["version"], version)
        self.assertEqual(stop, {"time": stop["time"], "event": "stop",
                                "signal": "SIGTERM"})
        requests = [ln for ln in lines[1:-1]]
        self.assertEqual({ln["event"] for ln in requests}, {"request"})
        ids = [ln["request_id"] for ln in requests]
        self.assertEqual(len(ids), len(set(ids)))  # each request once
        # Every answered request, with its answer's id and status.
        for line in requests:
            if line["request_id"] in answered:
                self.assertEqual(line["status"],
                                 answered[line["request_id"]][1], line)
                self.assertEqual(line["end"], "ok")
                self.assertEqual(line["client"], "127.0.0.1")
        self.assertEqual(set(answered) - set(ids), set())
        # And the half-sent one: its route, no status, how it ended.
        rest = [ln for ln in requests if ln["request_id"] not in answered]
        self.assertEqual(len(rest), 1, rest)
        self.assertEqual((rest[0]["method"], rest[0]["route"],
                          rest[0]["status"], rest[0]["end"]),
                         ("-", "/v1/jump", None, "client-abort"))
        self.assertEqual(
            [(ln["method"], ln["route"], ln["status"]) for ln in requests
             if ln["request_id"] in answered],
            [("GET", "/v1/jump", 200), ("GET", "/v1/jump", 400),
             ("GET", "/v1/jump", 400), ("GET", "/healthz", 200),
             ("GET", "-", 404), ("POST", "/healthz", 405),
             ("GET", "/v1/status", 503), ("HEAD", "/v1/jump", 200)])

    def test_text_start_and_stop_lines(self):
        server = Server()
        try:
            half_sent(server.port)
            self.assertEqual(server.stop(), 0)
            lines = [ln for ln in server.stderr().splitlines()
                     if not MHD_LINE.match(ln)]
            self.assertRegex(
                lines[0], "^" + TIME + r" start repayjump-httpd \S+ "
                r"listen=127\.0\.0\.1:%d variant=v3 status_queries=off "
                r"metrics=off threads=\d+$" % server.port)
            self.assertRegex(lines[1], LOG_LINE)
            self.assertEqual(lines[1].split()[2:5], ["-", "/v1/jump", "-"])
            self.assertTrue(lines[1].endswith(" client-abort"), lines[1])
            self.assertRegex(lines[-1], "^" + TIME + " stop signal=SIGTERM$")
        finally:
            server.close()

    def test_bind_error_names_the_port(self):
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            out = subprocess.run(
                WRAP + [HTTPD, "--listen", "127.0.0.1:%d" % port],
                env=clean_env(BASE_ENV), capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 1, out)
        err = out.stderr.decode()
        self.assertIn("Failed to bind to port %d" % port, err)
        self.assertIn("cannot listen on 127.0.0.1:%d" % port, err)
        self.assertNotIn("port 0", err)
        # The same for the metrics' port.
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen()
            port = taken.getsockname()[1]
            out = subprocess.run(
                WRAP + [HTTPD, "--listen", "127.0.0.1:0", "--metrics-listen",
                        "127.0.0.1:%d" % port],
                env=clean_env(BASE_ENV), capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 1, out)
        err = out.stderr.decode()
        self.assertIn("Failed to bind to port %d" % port, err)
        self.assertIn("cannot listen for metrics on 127.0.0.1:%d" % port, err)
        self.assertEqual(out.stdout, b"")  # never said it was listening

    def test_listen_on_a_host_name(self):
        # Every address the resolver gives for localhost (from /etc/hosts),
        # each bound with the same port and said on stdout.
        want = []
        for family, _, _, _, sa in socket.getaddrinfo(
                "localhost", 0, type=socket.SOCK_STREAM,
                flags=socket.AI_PASSIVE):
            if family in (socket.AF_INET, socket.AF_INET6) and \
                    sa[0] not in want:
                want.append(sa[0])
        proc = subprocess.Popen(
            WRAP + [HTTPD, "--listen", "localhost:0"],
            env=clean_env(BASE_ENV), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        try:
            said = [proc.stdout.readline().decode() for _ in want]
            ports = set()
            for addr, line in zip(want, said):
                shown = "[%s]" % addr if ":" in addr else addr
                m = re.fullmatch(r"listening on %s:(\d+)\n"
                                 % re.escape(shown), line)
                self.assertIsNotNone(m, said)
                ports.add(m.group(1))
                self.assertEqual(curl("http://%s:%s/healthz"
                                      % (shown, m.group(1)))[0], 200)
            self.assertEqual(len(ports), 1)
            proc.send_signal(signal.SIGTERM)
            self.assertEqual(proc.wait(15), 0)
            start = proc.stderr.read().decode().splitlines()[0]
            self.assertIn(" listen=%s " % ",".join(
                ("[%s]" % a if ":" in a else a) + ":" + ports.pop()
                for a in want), start)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            proc.stdout.close()
            proc.stderr.close()


def scrape(url):
    status, headers, body = curl(url)
    assert status == 200, status
    assert headers["content-type"].startswith("text/plain; version=0.0.4")
    return body.decode()


def series(text):
    """{(name, frozenset of label pairs): value} of an exposition."""
    out = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"(\w+)(?:\{(.*)\})? (\S+)", line)
        assert m, line
        labels = frozenset(re.findall(r'(\w+)="([^"]*)"', m.group(2) or ""))
        out[(m.group(1), labels)] = float(m.group(3))
    return out


def total(values, name, **labels):
    want = set(labels.items())
    return sum(v for (n, ls), v in values.items()
               if n == name and want <= set(ls))


class Metrics(unittest.TestCase):
    """GET /metrics after a load run: promtool accepts it, and its counts
    are the requests wrk and the test sent."""

    def setUp(self):
        if not (PROMTOOL and WRK):
            self.skipTest("run by the backend.metrics test (--promtool, "
                          "--wrk)")
        self.server = Server(args=["--log-format", "json",
                                   "--metrics-listen", "127.0.0.1:0"])
        self.addCleanup(self.server.close)

    def promtool(self, text):
        out = subprocess.run([PROMTOOL, "check", "metrics"], input=text,
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stdout + out.stderr)
        self.assertEqual(out.stdout + out.stderr, "")

    def test_off_by_default(self):
        server = Server()
        try:
            self.assertFalse(hasattr(server, "metrics"))
            self.assertEqual(curl(server.base + "/metrics")[0], 404)
        finally:
            server.close()

    def test_after_a_load_run(self):
        self.promtool(scrape(self.server.metrics))  # before any request
        connections = 8
        out = subprocess.run(
            [WRK, "-t2", "-c%d" % connections, "-d1s", "-s", COUNTER,
             self.server.base + "/v1/jump?openid=" + OPENID],
            capture_output=True, text=True, timeout=60, check=True).stdout
        sent = int(re.search(r"(\d+) requests in", out).group(1))
        answers, non2xx = map(int, re.search(
            r"^answers: (\d+), non-2xx: (\d+)$", out, re.M).groups())
        self.assertEqual((answers, non2xx), (sent, 0))
        self.assertGreater(sent, 0)
        for path, want in [("/v1/jump?openid=" + OPENID + "%3D", 400),
                           ("/v1/" + OPENID, 404), ("/healthz", 200),
                           ("/v1/status?openid=" + OPENID, 503)]:
            self.assertEqual(curl(self.server.base + path)[0], want)
        # wrk's connections are closed once it exits.
        deadline = time.monotonic() + 10
        while True:
            text = scrape(self.server.metrics)
            values = series(text)
            if values[("repayjump_httpd_connections", frozenset())] == 0 \
                    or time.monotonic() > deadline:
                break
            time.sleep(0.1)
        self.promtool(text)
        self.assertNotIn(OPENID, text)
        self.assertEqual(values[("repayjump_httpd_connections", frozenset())],
                         0)
        jump = total(values, "repayjump_httpd_requests_total",
                     route="/v1/jump")
        # wrk counts the answers it read; a request still in flight on
        # each connection when it stopped may have been answered too.
        self.assertGreaterEqual(jump, sent + 1)
        self.assertLessEqual(jump, sent + 1 + connections)
        self.assertEqual(total(values, "repayjump_httpd_requests_total",
                               route="/v1/jump", status="400"), 1)
        for route, status in [("other", "404"), ("/healthz", "200"),
                              ("/v1/status", "503")]:
            self.assertEqual(total(values, "repayjump_httpd_requests_total",
                                   route=route, status=status), 1, route)
        for route in ("other", "/v1/jump", "/healthz", "/v1/status"):
            self.assertEqual(
                values[("repayjump_httpd_request_duration_seconds_count",
                        frozenset({("route", route)}))],
                total(values, "repayjump_httpd_requests_total", route=route),
                route)
        self.assertEqual(self.server.stop(), 0)
        # The log has each of those requests once.
        requests = [ln for ln in parse_log(self.server.stderr())
                    if ln["event"] == "request"]
        self.assertEqual(len(requests), total(
            values, "repayjump_httpd_requests_total"))
        self.assertEqual(len({ln["request_id"] for ln in requests}),
                         len(requests))


class ReadmeExamples(unittest.TestCase):
    """The outputs README.md quotes are this service's own."""

    def setUp(self):
        readme = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              "README.md")
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        # Each ```sh block that runs curl, and the block right after it.
        self.pairs = re.findall(
            r"```sh\ncurl '(http://127\.0\.0\.1:8080[^']+)'\n```\n\n"
            r"```json\n(.+)\n```", text)
        self.config_error = re.search(
            r"```text\n(repayjump-httpd: configuration: .+)\n```",
            text).group(1)
        self.assertEqual(len(self.pairs), 2)

    def test_quoted_answers(self):
        server = Server()
        try:
            for url, quoted in self.pairs:
                path = url[len("http://127.0.0.1:8080"):]
                status, _, body = curl(server.base + path)
                doc = json.loads(quoted)
                if status == 200:
                    # The quoted nonce, composed again by the CLI.
                    self.assertEqual(quoted.encode() + b"\n", cli_document(
                        doc["nonce_str"], "--appid", APPID, "--mchid", MCHID,
                        "--openid", OPENID))
                    self.assertEqual(list(json.loads(body)), list(doc))
                else:
                    self.assertEqual(body, quoted.encode() + b"\n")
        finally:
            server.close()

    def test_quoted_configuration_error(self):
        out = subprocess.run(WRAP + [HTTPD], env=clean_env(
            {"REPAYJUMP_APPID": APPID}), capture_output=True, timeout=60)
        self.assertEqual(out.returncode, 2)
        self.assertEqual(out.stderr.decode(), self.config_error + "\n")


def main():
    global HTTPD, CLI, CURL, WRAP, PROMTOOL, WRK
    parser = argparse.ArgumentParser()
    parser.add_argument("--httpd", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--curl", default="curl")
    parser.add_argument("--wrap", default="")
    parser.add_argument("--promtool")
    parser.add_argument("--wrk")
    args, rest = parser.parse_known_args()
    HTTPD, CLI, CURL = args.httpd, args.cli, args.curl
    PROMTOOL, WRK = args.promtool, args.wrk
    WRAP = shlex.split(args.wrap)
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
