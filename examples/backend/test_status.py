#!/usr/bin/env python3
"""Black-box tests of repayjump-httpd's GET /v1/status, and of the limits
a review of the service asked for.

The service talks real HTTPS, through real libcurl, to two instances of
the WeChat Pay stand-in (tests/wechatpay/wechatpay.py; primary and backup
URL), whose certificates come from a CA made here with the openssl
command. The stand-ins count the connections they accept and the requests
they read, so that the retry and the connection reuse are counted, not
guessed. Each fault mode of the stand-in is mapped to the service's HTTP
status and stable error status.

    test_status.py --httpd PATH [--curl PATH] [--wrap CMD] [--sanitized]
                   [unittest arguments]

The stand-ins are started and stopped by this script (a class's fixture);
--wrap runs the service under a command, e.g. valgrind, whose failure
must show in the service's exit status.
"""
import argparse
import json
import os
import re
import resource
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "wechatpay"))
sys.path.insert(0, HERE)
import test_httpd as th  # noqa: E402
from standin import Pki, StandIn  # noqa: E402

APPID, MCHID, OPENID = th.APPID, th.MCHID, th.OPENID
SUB_APPID, SUB_MCHID, SUB_OPENID = th.SUB_APPID, th.SUB_MCHID, th.SUB_OPENID
API_KEY = th.API_KEY
# One attempt's time; the stand-in's "slow" fault waits four times as
# long. Under --wrap (valgrind) a TLS handshake alone can take seconds.
TIMEOUT_MS = 500
OVERDUE = {"user_state": "OVERDUE", "deduct_mode": "PROACTIVE",
           "path": "pages/repay/index?from=merchant"}
TABLE = {"users": {OPENID: OVERDUE, SUB_OPENID: OVERDUE}}
LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z 127\.0\.0\.1 "
    r"(GET|HEAD|POST|PUT|DELETE|PATCH|OPTIONS|-) "
    r"(/v1/jump|/v1/status|/healthz|-) (\d{3}|-) \d+us [0-9a-f]{16} "
    r"(ok|error|timeout|shutdown|read-error|client-abort)$")

PKI = None
TMP = None
KEY_FILE = None
SANITIZED = False  # --sanitized: the sanitizers' mlock locks nothing


def setUpModule():
    global PKI, TMP, KEY_FILE
    TMP = tempfile.TemporaryDirectory(prefix="httpd-status-")
    PKI = Pki(TMP.name)
    KEY_FILE = os.path.join(TMP.name, "apikey")
    with open(KEY_FILE, "w") as f:
        f.write(API_KEY + "\n")


def tearDownModule():
    TMP.cleanup()


def status_env(primary, backup, partner=False, **extra):
    env = {"REPAYJUMP_API_KEY_FILE": KEY_FILE,
           "REPAYJUMP_TRADE_SCENE": "PARKING",
           "REPAYJUMP_WECHATPAY_URL": primary,
           "REPAYJUMP_WECHATPAY_BACKUP_URL": backup,
           "REPAYJUMP_WECHATPAY_CA": PKI.ca,
           "REPAYJUMP_WECHATPAY_TIMEOUT_MS": str(TIMEOUT_MS)}
    if partner:
        env.update(REPAYJUMP_VARIANT="v3-partner",
                   REPAYJUMP_SUB_APPID=SUB_APPID,
                   REPAYJUMP_SUB_MCHID=SUB_MCHID)
    env.update(extra)
    return env


def dead_url(partner=False):
    """An https URL on a loopback port that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return "https://127.0.0.1:%d%s" % (
        port, "/vehicle/partnerpay/querystate" if partner
        else "/vehicle/pay/querystate")


class Service:
    """A repayjump-httpd with its own log, stopped and checked at the end."""

    def __init__(self, test, env, args=("--threads", "2")):
        self.server = th.Server(env, list(args))
        test.addCleanup(self.server.close)
        self.base = self.server.base

    def get(self, path, *args):
        return th.curl(self.base + path, *args)

    def stop_log(self):
        """Stop with SIGTERM (exit 0) and return the log."""
        rc = self.server.stop()
        log = self.server.stderr()
        assert rc == 0, "exit %d; stderr:\n%s" % (rc, log[-4000:])
        return log


class StatusTest(unittest.TestCase):
    """One service for the class, on two stand-ins (primary, backup)."""
    partner = False
    args = ("--threads", "2")

    @classmethod
    def setUpClass(cls):
        cls.primary = StandIn(PKI, API_KEY, table=TABLE)
        cls.backup = StandIn(PKI, API_KEY, table=TABLE)
        cls.server = th.Server(status_env(cls.primary.url(cls.partner),
                                          cls.backup.url(cls.partner),
                                          cls.partner), list(cls.args))

    @classmethod
    def tearDownClass(cls):
        try:
            rc = cls.server.stop()
            log = cls.server.stderr()
        finally:
            cls.server.close()
            cls.primary.close()
            cls.backup.close()
        if rc != 0:
            raise AssertionError("exit %d on SIGTERM; stderr:\n%s"
                                 % (rc, log[-4000:]))
        # Nothing secret, nothing the user or WeChat chose, in the log.
        lines = [ln for ln in log.splitlines() if not th.MHD_LINE.match(ln)]
        assert " status_queries=on " in lines[0], lines[0]
        assert th.START_STOP.match(lines[-1]), lines[-1]
        for line in lines[1:-1]:
            assert LOG_LINE.match(line), line
        for secret in (API_KEY, OPENID, SUB_OPENID, "xml", "querystate",
                       "OVERDUE", "SYSTEMERROR", "SIGNERROR",
                       "127.0.0.1:%d" % cls.primary.port,
                       "127.0.0.1:%d" % cls.backup.port):
            assert secret not in log, secret

    def setUp(self):
        for w in (self.primary, self.backup):
            w.set(fault="none", reset_counts=True, delay_ms=4 * TIMEOUT_MS,
                  users={OPENID: OVERDUE, SUB_OPENID: OVERDUE})

    def query(self):
        return ("/v1/status?sub_openid=" + SUB_OPENID if self.partner
                else "/v1/status?openid=" + OPENID)

    def ask(self, *curl_args, path=None):
        status, headers, body = th.curl(self.server.base
                                        + (path or self.query()), *curl_args)
        self.assertEqual(headers["content-type"], "application/json")
        self.assertEqual(headers["cache-control"], "no-store")
        self.assertTrue(body.endswith(b"}\n"), body)
        return status, json.loads(body)

    def counts(self):
        return (self.primary.state()["requests"],
                self.backup.state()["requests"])

    def assert_error(self, http, status_name, counts=None):
        status, doc = self.ask()
        self.assertEqual(status, http, doc)
        err = doc["error"]
        self.assertEqual(err["status"], status_name, err)
        self.assertEqual(list(err)[:4], ["status", "field", "offset",
                                         "message"])
        if counts is not None:
            self.assertEqual(self.counts(), counts)
        return err


class Merchant(StatusTest):
    def test_overdue_then_normal(self):
        status, doc = self.ask()
        self.assertEqual(status, 200, doc)
        self.assertEqual(doc, {"user_state": "OVERDUE", "repay": True,
                               "deduct_mode": "PROACTIVE",
                               "path": OVERDUE["path"]})
        # The user repays: WeChat's table changes, and so does the answer.
        self.primary.set(users={OPENID: {"user_state": "NORMAL"}})
        status, doc = self.ask()
        self.assertEqual(status, 200, doc)
        self.assertEqual(doc, {"user_state": "NORMAL", "repay": False,
                               "deduct_mode": "", "path": ""})
        self.assertEqual(self.counts(), (2, 0))

    def test_repay_only_for_overdue(self):
        for state in ("PAUSED", "UNAUTHORIZED", "SOMETHING_NEW"):
            self.primary.set(users={OPENID: {"user_state": state}})
            status, doc = self.ask()
            self.assertEqual((status, doc["user_state"], doc["repay"]),
                             (200, state, False))

    def test_untrusted_answers_are_502_and_never_retried(self):
        cases = [
            ("wrong-sign", "REPAYJUMP_E_SIGNATURE"),
            ("no-sign", "REPAYJUMP_E_SIGNATURE"),
            ("return-fail", "REPAYJUMP_E_RETURN_FAIL"),
            ("result-fail", "REPAYJUMP_E_RESULT_FAIL"),
            ("no-state", "REPAYJUMP_E_NO_STATE"),
            ("echo-mismatch", "REPAYJUMP_E_ECHO"),
            ("malformed", "REPAYJUMP_E_XML"),
            ("xxe", "REPAYJUMP_E_XML"),
            ("duplicate", "REPAYJUMP_E_DUPLICATE"),
            ("oversize", "REPAYJUMP_E_TOO_LARGE"),
        ]
        for fault, name in cases:
            with self.subTest(fault=fault):
                self.setUp()
                self.primary.set(fault=fault)
                err = self.assert_error(502, name, counts=(1, 0))
                if fault == "result-fail":
                    self.assertEqual(err["err_code"], "SYSTEMERROR")
                    self.assertEqual(err["err_code_des"],
                                     "系统错误，请稍后重试")
                if fault == "return-fail":
                    self.assertIn("no such merchant", err["return_msg"])
                if fault == "xxe":
                    self.assertNotIn("root:", json.dumps(err))

    def test_failures_on_both_hosts(self):
        cases = [("http-500", 502, "WECHATPAY_E_HTTP_STATUS"),
                 ("http-503", 502, "WECHATPAY_E_HTTP_STATUS"),
                 ("slow", 504, "WECHATPAY_E_NO_ANSWER"),
                 ("reset", 504, "WECHATPAY_E_NO_ANSWER"),
                 ("close", 504, "WECHATPAY_E_NO_ANSWER")]
        for fault, http, name in cases:
            with self.subTest(fault=fault):
                self.setUp()
                for w in (self.primary, self.backup):
                    w.set(fault=fault)
                err = self.assert_error(http, name)
                primary, backup = self.counts()
                self.assertGreaterEqual(primary, 1)
                self.assertGreaterEqual(backup, 1)
                if fault in ("http-500", "http-503", "slow"):
                    # Exactly one retry: one request each.
                    self.assertEqual((primary, backup), (1, 1))
                self.assertNotIn("127.0.0.1", err["message"])

    def test_retry_reaches_the_backup_once(self):
        for fault in ("http-503", "slow", "reset"):
            with self.subTest(fault=fault):
                self.setUp()
                self.primary.set(fault=fault)
                status, doc = self.ask()
                self.assertEqual((status, doc.get("user_state")),
                                 (200, "OVERDUE"), doc)
                self.assertEqual(self.counts()[1], 1)
                if fault != "reset":
                    self.assertEqual(self.counts()[0], 1)

    def test_no_retry_after_a_signed_failure(self):
        self.primary.set(fault="result-fail")
        self.backup.set(fault="none")
        self.assert_error(502, "REPAYJUMP_E_RESULT_FAIL", counts=(1, 0))

    def test_connections_are_reused(self):
        for w in (self.primary, self.backup):
            w.set(reset_counts=True)
        for _ in range(40):
            status, _ = self.ask()
            self.assertEqual(status, 200)
        st = self.primary.state()
        self.assertEqual(st["requests"], 40)
        # Two pool threads, one kept-alive connection each.
        self.assertLessEqual(st["connections"], 4)
        self.assertEqual(self.backup.state()["connections"], 0)

    def test_bad_openids_are_400_and_never_sent(self):
        for path, name in [("/v1/status?openid=oUpF8%3D", "REPAYJUMP_E_CHARSET"),
                           ("/v1/status", "REPAYJUMP_E_MISSING"),
                           ("/v1/status?openid=", "REPAYJUMP_E_MISSING"),
                           ("/v1/status?openid=a&openid=b",
                            "REPAYJUMP_E_CONFLICT"),
                           ("/v1/status?plate=x", "REPAYJUMP_E_NOT_ALLOWED"),
                           ("/v1/status?openid=" + "a" * 200,
                            "REPAYJUMP_E_TOO_LONG")]:
            with self.subTest(path=path):
                status, doc = self.ask(path=path)
                self.assertEqual(status, 400, doc)
                self.assertEqual(doc["error"]["status"], name)
        self.assertEqual(self.counts(), (0, 0))

    def test_head_and_other_methods(self):
        status, headers, body = th.curl(self.server.base + self.query(),
                                        "-I")
        self.assertEqual(status, 200)
        self.assertNotIn(b"user_state", body)  # -I: only the headers
        status, _, _ = th.curl(self.server.base + self.query(), "-X", "POST")
        self.assertEqual(status, 405)


class Partner(StatusTest):
    partner = True

    def test_sub_openid(self):
        status, doc = self.ask()
        self.assertEqual(status, 200, doc)
        self.assertEqual(doc["user_state"], "OVERDUE")
        self.assertEqual(self.counts(), (1, 0))

    def test_result_fail(self):
        self.primary.set(fault="result-fail")
        err = self.assert_error(502, "REPAYJUMP_E_RESULT_FAIL", (1, 0))
        self.assertEqual(err["err_code"], "SYSTEMERROR")


class StatusMetrics(StatusTest):
    """GET /metrics counts each query's outcome, each attempt's time and
    the retries on the backup host, by fixed labels only."""
    args = ("--threads", "2", "--metrics-listen", "127.0.0.1:0")

    def test_outcomes_attempts_and_retries(self):
        cases = [  # primary's fault, backup's, HTTP status
            ("none", "none", 200),
            ("wrong-sign", "none", 502),
            ("malformed", "none", 502),
            ("result-fail", "none", 502),
            ("return-fail", "none", 502),
            ("echo-mismatch", "none", 502),
            ("close", "none", 200),  # retried on the backup
            ("slow", "slow", 504),   # retried, and no answer in time
        ]
        for primary, backup, http in cases:
            self.setUp()
            self.primary.set(fault=primary)
            self.backup.set(fault=backup)
            self.assertEqual(self.ask()[0], http, primary)
        text = th.scrape(self.server.metrics)
        values = th.series(text)
        for secret in (OPENID, SUB_OPENID, "OVERDUE", "127.0.0.1"):
            self.assertNotIn(secret, text)
        answers = {o: th.total(values,
                               "repayjump_httpd_wechatpay_answers_total",
                               outcome=o)
                   for o in ("trusted", "signature", "malformed", "fail",
                             "mismatch", "http", "tls", "timeout",
                             "no_answer", "internal")}
        self.assertEqual(answers, {
            "trusted": 2, "signature": 1, "malformed": 1, "fail": 2,
            "mismatch": 1, "http": 0, "tls": 0, "timeout": 1,
            "no_answer": 0, "internal": 0})
        self.assertEqual(th.total(values, "repayjump_httpd_wechatpay_fails_"
                                  "total", err_code="SYSTEMERROR"), 1)
        self.assertEqual(th.total(values, "repayjump_httpd_wechatpay_fails_"
                                  "total", err_code="none"), 1)
        self.assertEqual(values[("repayjump_httpd_wechatpay_backup_retries_"
                                 "total", frozenset())], 2)
        self.assertEqual(values[("repayjump_httpd_wechatpay_request_duration_"
                                 "seconds_count", frozenset())], 10)
        self.assertEqual(th.total(values, "repayjump_httpd_requests_total",
                                  route="/v1/status"), len(cases))


class Configured(unittest.TestCase):
    """Services of their own: the configuration, the header mode, TLS."""

    def test_not_configured_is_503(self):
        w = dead_url()
        for env, needle in [
                ({}, "REPAYJUMP_API_KEY_FILE"),
                ({"REPAYJUMP_API_KEY_FILE": KEY_FILE},
                 "REPAYJUMP_TRADE_SCENE"),
                ({"REPAYJUMP_TRADE_SCENE": "GAS",
                  "REPAYJUMP_WECHATPAY_URL": w}, "REPAYJUMP_API_KEY_FILE")]:
            with self.subTest(env=env):
                svc = Service(self, env)
                status, _, body = svc.get("/v1/status?openid=" + OPENID)
                self.assertEqual(status, 503, body)
                err = json.loads(body)["error"]
                self.assertEqual(err["status"], "HTTPD_E_NOT_CONFIGURED")
                self.assertIn(needle, err["message"])
                # The jump is served all the same.
                self.assertEqual(svc.get("/v1/jump?openid=" + OPENID)[0], 200)
                svc.stop_log()

    def test_v2_signs_jump_and_status_with_one_key(self):
        with StandIn(PKI, API_KEY, table=TABLE) as w:
            svc = Service(self, status_env(w.url(), dead_url(),
                                           REPAYJUMP_VARIANT="v2"))
            status, _, body = svc.get("/v1/jump?openid=" + OPENID)
            self.assertEqual(status, 200, body)
            self.assertIn(b'"sign":"', body)
            status, _, body = svc.get("/v1/status?openid=" + OPENID)
            self.assertEqual((status, json.loads(body)["user_state"]),
                             (200, "OVERDUE"))
            svc.stop_log()

    def test_partner_without_sub_appid(self):
        with StandIn(PKI, API_KEY, table=TABLE) as w:
            env = status_env(w.url(True), dead_url(True), partner=True)
            del env["REPAYJUMP_SUB_APPID"]
            svc = Service(self, env)
            status, _, body = svc.get("/v1/status?openid=" + OPENID)
            self.assertEqual((status, json.loads(body).get("user_state")),
                             (200, "OVERDUE"), body)
            self.assertEqual(w.state()["requests"], 1)
            svc.stop_log()

    def test_wrong_key_is_signerror(self):
        with StandIn(PKI, "0" * 32, table=TABLE) as w:
            svc = Service(self, status_env(w.url(), dead_url()))
            status, _, body = svc.get("/v1/status?openid=" + OPENID)
            self.assertEqual(status, 502, body)
            err = json.loads(body)["error"]
            # The stand-in signs its SIGNERROR with its own (other) key.
            self.assertEqual(err["status"], "REPAYJUMP_E_SIGNATURE")
            self.assertEqual(w.state()["requests"], 1)
            svc.stop_log()

    def test_openid_header(self):
        with StandIn(PKI, API_KEY, table=TABLE) as w:
            svc = Service(self, status_env(w.url(), dead_url()),
                          ["--openid-header", "X-Openid", "--threads", "2"])
            status, _, body = svc.get("/v1/status", "-H",
                                      "X-Openid: " + OPENID)
            self.assertEqual((status, json.loads(body)["user_state"]),
                             (200, "OVERDUE"))
            status, _, body = svc.get("/v1/status?openid=" + OPENID)
            self.assertEqual(status, 400, body)
            self.assertEqual(json.loads(body)["error"]["status"],
                             "REPAYJUMP_E_NOT_ALLOWED")
            status, _, body = svc.get("/v1/status")
            self.assertEqual(status, 400, body)
            self.assertIn("X-Openid header is missing",
                          json.loads(body)["error"]["message"])
            self.assertEqual(w.state()["requests"], 1)
            log = svc.stop_log()
            self.assertNotIn(OPENID, log)

    def test_a_certificate_from_another_ca_is_refused(self):
        with StandIn(PKI, API_KEY, table=TABLE, other_ca=True) as impostor, \
                StandIn(PKI, API_KEY, table=TABLE) as good:
            # On both hosts: 502, nothing was ever sent.
            svc = Service(self, status_env(impostor.url(), impostor.url()))
            status, _, body = svc.get("/v1/status?openid=" + OPENID)
            self.assertEqual(status, 502, body)
            self.assertEqual(json.loads(body)["error"]["status"],
                             "WECHATPAY_E_TLS")
            st = impostor.state()
            self.assertGreaterEqual(st["connections"], 2)
            self.assertEqual(st["requests"], 0)
            svc.stop_log()
            # On the primary only: a failed connection, retried.
            svc = Service(self, status_env(impostor.url(), good.url()))
            status, _, body = svc.get("/v1/status?openid=" + OPENID)
            self.assertEqual((status, json.loads(body)["user_state"]),
                             (200, "OVERDUE"))
            self.assertEqual(good.state()["requests"], 1)
            svc.stop_log()

    def test_the_system_cas_do_not_know_the_test_ca(self):
        # Without REPAYJUMP_WECHATPAY_CA the system's CAs are used. (Not
        # under memcheck: reading the system's bundle twice takes valgrind
        # longer than a request may.)
        with StandIn(PKI, API_KEY, table=TABLE) as good:
            env = status_env(good.url(), good.url())
            del env["REPAYJUMP_WECHATPAY_CA"]
            svc = Service(self, env)
            status, _, body = svc.get("/v1/status?openid=" + OPENID)
            self.assertEqual(status, 502, body)
            self.assertEqual(json.loads(body)["error"]["status"],
                             "WECHATPAY_E_TLS")
            self.assertEqual(good.state()["requests"], 0)
            svc.stop_log()

    def test_nothing_listening_is_504(self):
        svc = Service(self, status_env(dead_url(), dead_url()))
        status, _, body = svc.get("/v1/status?openid=" + OPENID)
        self.assertEqual(status, 504, body)
        self.assertEqual(json.loads(body)["error"]["status"],
                         "WECHATPAY_E_NO_ANSWER")
        svc.stop_log()

    def test_bad_configurations(self):
        good = status_env(dead_url(), dead_url())
        for change, needle in [
                ({"REPAYJUMP_TRADE_SCENE": "PARK"}, "REPAYJUMP_TRADE_SCENE"),
                ({"REPAYJUMP_JUMP_SCENE": "WEB"}, "REPAYJUMP_JUMP_SCENE"),
                ({"REPAYJUMP_WECHATPAY_URL": "http://127.0.0.1:1/x"},
                 "REPAYJUMP_WECHATPAY_URL"),
                ({"REPAYJUMP_WECHATPAY_BACKUP_URL": "ftp://x"},
                 "REPAYJUMP_WECHATPAY_BACKUP_URL"),
                ({"REPAYJUMP_WECHATPAY_CA": "/nonexistent/ca.pem"},
                 "REPAYJUMP_WECHATPAY_CA"),
                ({"REPAYJUMP_WECHATPAY_TIMEOUT_MS": "0"},
                 "REPAYJUMP_WECHATPAY_TIMEOUT_MS"),
                ({"REPAYJUMP_WECHATPAY_TIMEOUT_MS": "5s"},
                 "REPAYJUMP_WECHATPAY_TIMEOUT_MS")]:
            with self.subTest(change=change):
                env = dict(th.BASE_ENV, **good)
                env.update(change)
                out = subprocess.run(
                    th.WRAP + [th.HTTPD, "--listen", "127.0.0.1:0"],
                    env=th.clean_env(env), capture_output=True, timeout=60)
                self.assertEqual(out.returncode, 2, out)
                self.assertEqual(out.stdout, b"")
                lines = out.stderr.decode().splitlines()
                self.assertEqual(len(lines), 1, lines)
                self.assertIn(needle, lines[0])
                self.assertNotIn(API_KEY[:8], lines[0])


class ReadmeExamples(unittest.TestCase):
    """The /v1/status documents README.md quotes are this service's own,
    from a stand-in whose table says what the quote says."""

    def test_quoted_documents(self):
        readme = os.path.join(HERE, "README.md")
        with open(readme, encoding="utf-8") as f:
            text = f.read()
        ok = re.search(r'```json\n(\{"user_state".+)\n```', text).group(1)
        fail = re.search(r'```json\n(\{"error":\{"status":"REPAYJUMP_E_RESULT'
                         r'.+)\n```', text).group(1)
        doc = json.loads(ok)
        with StandIn(PKI, API_KEY, table={"users": {OPENID: {
                k: doc[k] for k in ("user_state", "deduct_mode", "path")}}}) \
                as w:
            svc = Service(self, status_env(w.url(), dead_url()))
            status, _, body = svc.get("/v1/status?openid=" + OPENID)
            self.assertEqual((status, body), (200, ok.encode() + b"\n"))
            w.set(fault="result-fail")
            status, _, body = svc.get("/v1/status?openid=" + OPENID)
            self.assertEqual((status, body), (502, fail.encode() + b"\n"))
            svc.stop_log()


def slow_client(port, source):
    """A connection from source that sends its request a byte at a time."""
    s = socket.socket()
    s.bind((source, 0))
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    s.sendall(b"G")
    return s


class Review(unittest.TestCase):
    """The limits a review of the service asked for."""

    def test_slow_clients_from_one_address_leave_room_for_others(self):
        svc = Service(self, {}, ["--max-connections", "64",
                                 "--max-connections-per-ip", "16",
                                 "--threads", "2", "--timeout", "30"])
        port = svc.server.port
        # 100 slow clients from 127.0.0.2: without the per-address limit
        # they would hold every one of the 64 slots.
        slow = []
        for _ in range(100):
            try:
                slow.append(slow_client(port, "127.0.0.2"))
            except OSError:
                pass
        try:
            # Keep them trickling while the legitimate ones ask.
            for i in range(5):
                for s in slow:
                    try:
                        s.sendall(b"E"[:1])
                    except OSError:
                        pass
                status, _, body = th.curl(
                    svc.base + "/v1/jump?openid=" + OPENID,
                    "--interface", "127.0.0.1", "--max-time", "10")
                self.assertEqual(status, 200, body)
            # The service kept at most 16 of them: the rest were closed.
            alive = 0
            for s in slow:
                try:
                    s.settimeout(0.5)
                    if s.recv(1) == b"":
                        continue
                except (TimeoutError, socket.timeout):
                    alive += 1
                except OSError:
                    continue
            self.assertLessEqual(alive, 16)
            self.assertGreater(alive, 0)
        finally:
            for s in slow:
                s.close()
        svc.stop_log()

    def run_limited(self, soft, hard, args):
        def limit():
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
        env = th.clean_env(th.BASE_ENV)
        return subprocess.Popen(
            th.WRAP + [th.HTTPD, "--listen", "127.0.0.1:0"] + args,
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            preexec_fn=limit)

    def test_open_files_limit(self):
        # Too low a hard limit: refused before listening, exit 2.
        proc = self.run_limited(256, 256, ["--max-connections", "1024"])
        out, err = proc.communicate(timeout=60)
        self.assertEqual(proc.returncode, 2, err)
        self.assertEqual(out, b"")
        self.assertIn(b"--max-connections 1024 needs", err)
        self.assertIn(b"ulimit -n", err)
        # A soft limit under the hard one is raised.
        proc = self.run_limited(256, 4096, ["--max-connections", "1024"])
        try:
            self.assertTrue(proc.stdout.readline().startswith(
                b"listening on 127.0.0.1:"))
            with open("/proc/%d/limits" % proc.pid) as f:
                line = [ln for ln in f if ln.startswith("Max open files")][0]
            soft = int(line.split()[3])
            self.assertGreaterEqual(soft, 1024)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, 0)

    def test_key_locked_and_not_dumpable(self):
        svc = Service(self, {"REPAYJUMP_API_KEY_FILE": KEY_FILE})
        pid = svc.server.proc.pid
        if th.WRAP:
            self.skipTest("the wrapper is the process")
        # MADV_DONTDUMP: "dd" on the key's mapping; mlock'd: "lo" too,
        # except under a sanitizer, whose mlock returns 0 and locks nothing.
        with open("/proc/%d/smaps" % pid) as f:
            flags = [ln for ln in f if ln.startswith("VmFlags:")]
        self.assertTrue(any(" dd" in ln and (SANITIZED or " lo" in ln)
                            for ln in flags), flags)
        if not SANITIZED:
            with open("/proc/%d/status" % pid) as f:
                locked = [ln for ln in f if ln.startswith("VmLck:")][0]
            self.assertGreater(int(locked.split()[1]), 0, locked)
        svc.stop_log()

    def test_sighup_and_sigquit_stop_cleanly(self):
        for sig in (signal.SIGHUP, signal.SIGQUIT):
            with self.subTest(sig=sig):
                svc = Service(self, {"REPAYJUMP_API_KEY_FILE": KEY_FILE})
                self.assertEqual(svc.get("/healthz")[0], 200)
                svc.server.proc.send_signal(sig)
                self.assertEqual(svc.server.proc.wait(30), 0)

    def test_help_names_the_new_options(self):
        out = subprocess.run([th.HTTPD, "--help"], capture_output=True,
                             timeout=30, check=True).stdout.decode()
        for word in ("--max-connections-per-ip", "/v1/status",
                     "REPAYJUMP_WECHATPAY_TIMEOUT_MS", "SIGHUP"):
            self.assertIn(word, out)


def main():
    global TIMEOUT_MS, SANITIZED
    parser = argparse.ArgumentParser()
    parser.add_argument("--httpd", required=True)
    parser.add_argument("--curl", default="curl")
    parser.add_argument("--wrap", default="")
    parser.add_argument("--sanitized", action="store_true",
                        help="the service is built with a sanitizer")
    args, rest = parser.parse_known_args()
    SANITIZED = args.sanitized
    th.HTTPD, th.CURL = args.httpd, args.curl
    th.WRAP = shlex.split(args.wrap)
    if th.WRAP:
        TIMEOUT_MS = 5000
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
