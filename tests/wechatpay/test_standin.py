#!/usr/bin/python3
"""Tests of the WeChat Pay stand-in itself, with Python's own ssl, hmac
and a hand-built request: that it checks signatures as WeChat does, signs
its answers, answers from its table, changes at run time, counts
connections over keep-alive, and that each fault mode does what it says.

    test_standin.py [unittest arguments]     (needs the openssl command)
"""
import hashlib
import hmac
import http.client
import os
import re
import socket
import ssl
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from standin import Pki, StandIn  # noqa: E402

KEY = "192006250b4c09247ec02edce69f6a2d"
APPID = "wxcbda96de0b165486"
MCHID = "1900009231"
OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"


def hand_sign(fields, key):
    """The signature spelled out step by step, independent of wechatpay.py."""
    pairs = sorted((k, v) for k, v in fields.items() if k != "sign" and v)
    text = "&".join(k + "=" + v for k, v in pairs) + "&key=" + key
    return hmac.new(key.encode(), text.encode(),
                    hashlib.sha256).hexdigest().upper()


def request_body(key=KEY, **override):
    fields = {"appid": APPID, "mch_id": MCHID, "nonce_str": "abc123XYZ",
              "sign_type": "HMAC-SHA256", "trade_scene": "PARKING",
              "openid": OPENID, "version": "3.0"}
    fields.update(override)
    fields = {k: v for k, v in fields.items() if v is not None}
    if "sign" not in fields:
        fields["sign"] = hand_sign(fields, key)
    return "<xml>" + "".join(f"<{k}>{v}</{k}>" for k, v in fields.items()) \
        + "</xml>"


def elements(text):
    return dict(re.findall(r"<(\w+)><!\[CDATA\[(.*?)\]\]></\1>", text, re.S))


class StandInTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="wechatpay-")
        cls.pki = Pki(cls.tmp.name)
        cls.w = StandIn(cls.pki, KEY, table={
            "users": {OPENID: {"user_state": "OVERDUE",
                               "deduct_mode": "PROACTIVE",
                               "path": "pages/repay/index"}}})
        cls.ctx = ssl.create_default_context(cafile=cls.pki.ca)

    @classmethod
    def tearDownClass(cls):
        cls.w.close()
        cls.tmp.cleanup()

    def setUp(self):
        self.w.set(fault="none")

    def post(self, body, path="/vehicle/pay/querystate", conn=None):
        own = conn is None
        if own:
            conn = http.client.HTTPSConnection("127.0.0.1", self.w.port,
                                               context=self.ctx, timeout=10)
        try:
            conn.request("POST", path, body.encode(),
                         {"Content-Type": "text/xml"})
            resp = conn.getresponse()
            return resp.status, resp.read().decode()
        finally:
            if own:
                conn.close()

    def test_a_signed_request_gets_a_signed_answer(self):
        status, text = self.post(request_body())
        self.assertEqual(status, 200)
        ans = elements(text)
        self.assertEqual(ans["return_code"], "SUCCESS")
        self.assertEqual(ans["result_code"], "SUCCESS")
        self.assertEqual(ans["user_state"], "OVERDUE")
        self.assertEqual((ans["appid"], ans["mch_id"]), (APPID, MCHID))
        self.assertEqual(ans["sign"], hand_sign(ans, KEY))

    def test_a_wrong_signature_is_signerror(self):
        for body in (request_body(key="0" * 32),
                     request_body(sign="A" * 64)):
            status, text = self.post(body)
            ans = elements(text)
            self.assertEqual(ans["return_code"], "SUCCESS")
            self.assertEqual(ans["result_code"], "FAIL")
            self.assertEqual(ans["err_code"], "SIGNERROR")
            self.assertEqual(ans["sign"], hand_sign(ans, KEY))
            self.assertNotIn("user_state", ans)

    def test_missing_fields_are_return_fail(self):
        for name in ("appid", "mch_id", "nonce_str", "sign_type",
                     "trade_scene", "version", "openid"):
            with self.subTest(name=name):
                _, text = self.post(request_body(**{name: None}))
                ans = elements(text)
                self.assertEqual(ans["return_code"], "FAIL")
                self.assertNotIn("sign", ans)
        _, text = self.post("not xml")
        self.assertEqual(elements(text)["return_code"], "FAIL")

    def test_table_changes_at_run_time(self):
        self.w.set(users={OPENID: {"user_state": "NORMAL"}})
        try:
            _, text = self.post(request_body())
            self.assertEqual(elements(text)["user_state"], "NORMAL")
        finally:
            self.w.set(users={OPENID: {"user_state": "OVERDUE"}})
        _, text = self.post(request_body(openid="someoneElse"))
        self.assertEqual(elements(text)["user_state"], "NORMAL")

    def test_keep_alive_and_counters(self):
        self.w.set(reset_counts=True)
        conn = http.client.HTTPSConnection("127.0.0.1", self.w.port,
                                           context=self.ctx, timeout=10)
        for _ in range(5):
            self.assertEqual(self.post(request_body(), conn=conn)[0], 200)
        conn.close()
        st = self.w.state()
        self.assertEqual((st["connections"], st["requests"]), (1, 5))

    def test_fault_modes(self):
        for fault in ("wrong-sign", "no-sign", "result-fail", "oversize",
                      "duplicate", "xxe", "malformed", "return-fail",
                      "echo-mismatch", "no-state"):
            with self.subTest(fault=fault):
                self.w.set(fault=fault)
                status, text = self.post(request_body())
                self.assertEqual(status, 200)
                ans = elements(text)
                if fault == "wrong-sign":
                    self.assertNotEqual(ans["sign"], hand_sign(ans, KEY))
                elif fault in ("no-sign", "return-fail"):
                    self.assertNotIn("sign", ans)
                elif fault == "oversize":
                    self.assertGreater(len(text.encode()), 16384)
                    self.assertEqual(ans["sign"], hand_sign(ans, KEY))
                elif fault == "duplicate":
                    self.assertEqual(text.count("<user_state>"), 2)
                elif fault == "xxe":
                    self.assertIn("<!DOCTYPE", text)
                    self.assertIn("&x;", text)
                elif fault == "malformed":
                    self.assertFalse(text.endswith("</xml>"))
                elif fault == "result-fail":
                    self.assertEqual(ans["err_code"], "SYSTEMERROR")
                    self.assertEqual(ans["sign"], hand_sign(ans, KEY))
                elif fault == "echo-mismatch":
                    self.assertNotEqual(ans["mch_id"], MCHID)
                    self.assertEqual(ans["sign"], hand_sign(ans, KEY))
                elif fault == "no-state":
                    self.assertNotIn("user_state", ans)
        self.w.set(fault="http-503")
        self.assertEqual(self.post(request_body())[0], 503)
        for fault in ("reset", "close"):
            self.w.set(fault=fault)
            with self.assertRaises((ConnectionError, http.client.HTTPException,
                                    ssl.SSLError)):
                self.post(request_body())

    def test_the_other_ca_is_refused(self):
        with StandIn(self.pki, KEY, other_ca=True) as other:
            with self.assertRaises(ssl.SSLCertVerificationError):
                with socket.create_connection(("127.0.0.1", other.port)) as s:
                    self.ctx.wrap_socket(s, server_hostname="127.0.0.1")
            ctx = ssl.create_default_context(cafile=self.pki.other_ca)
            with socket.create_connection(("127.0.0.1", other.port)) as s:
                ctx.wrap_socket(s, server_hostname="127.0.0.1").close()


if __name__ == "__main__":
    unittest.main(verbosity=2)
