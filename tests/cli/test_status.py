#!/usr/bin/env python3
"""Black-box tests of repayjump status-request and status-parse (STATUS.md):
the real tool against tests/status/vectors.json, its outputs read back with
Python's JSON, XML-free regular expressions and HMAC.

    test_status.py PATH/TO/repayjump PATH/TO/vectors.json
"""
import hashlib
import hmac
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

CLI, VECTORS_PATH = sys.argv[1], sys.argv[2]
with open(VECTORS_PATH, encoding="utf-8") as f:
    VECTORS = json.load(f)
KEY = VECTORS["key"]
OPTION = {"appid": "--appid", "mchid": "--mchid", "sub_appid": "--sub-appid",
          "sub_mchid": "--sub-mchid", "openid": "--openid",
          "sub_openid": "--sub-openid", "nonce_str": "--nonce"}


def run(args, key=KEY, stdin=None):
    env = {k: v for k, v in os.environ.items() if k != "REPAYJUMP_API_KEY"}
    if key is not None:
        env["REPAYJUMP_API_KEY"] = key
    return subprocess.run([CLI] + args, input=stdin, capture_output=True,
                          env=env, timeout=30)


def identity_args(ident, with_user=True):
    args = ["--variant", {0: "v3", 1: "v3-partner", 2: "v2",
                          3: "v2-partner"}[ident["variant"]]]
    for name, opt in OPTION.items():
        if name in ident and (with_user or name not in
                              ("openid", "sub_openid", "nonce_str")):
            args += [opt, ident[name]]
    return args


def answer_bytes(a):
    return bytes.fromhex(a["hex"]) if isinstance(a, dict) else a.encode()


class Request(unittest.TestCase):
    def test_every_vector_byte_for_byte(self):
        for v in VECTORS["requests"]:
            with self.subTest(v["variant"], query=v["query"]):
                args = ["status-request"] + identity_args(v["params"])
                for k, opt in (("trade_scene", "--trade-scene"),
                               ("jump_scene", "--jump-scene"),
                               ("plate_number", "--plate-number")):
                    if k in v["query"]:
                        args += [opt, v["query"][k]]
                out = run(args)
                self.assertEqual(out.returncode, 0, out.stderr)
                self.assertEqual(out.stdout.decode(), v["body"] + "\n")
                self.assertNotIn(KEY.encode(), out.stdout + out.stderr)

    def test_json_names_both_hosts_and_the_body_signs(self):
        ident = VECTORS["identities"]["v3-partner"]
        out = run(["status-request", "--trade-scene", "GAS", "--format",
                   "json", "--openid", "o1"] + identity_args(ident))
        self.assertEqual(out.returncode, 0, out.stderr)
        doc = json.loads(out.stdout)
        self.assertEqual(doc["url"], "https://api.mch.weixin.qq.com/vehicle/"
                                     "partnerpay/querystate")
        self.assertEqual(doc["backup_url"], "https://api2.mch.weixin.qq.com/"
                                            "vehicle/partnerpay/querystate")
        fields = dict(re.findall(r"<(\w+)>([^<]*)</\1>", doc["body"]))
        self.assertRegex(fields["nonce_str"], r"^[A-Za-z0-9]{32}$")
        text = "&".join(f"{k}={v}" for k, v in sorted(fields.items())
                        if k != "sign") + "&key=" + KEY
        self.assertEqual(fields["sign"], hmac.new(
            KEY.encode(), text.encode(), hashlib.sha256).hexdigest().upper())

    def test_key_from_a_file_and_never_from_argv(self):
        with tempfile.NamedTemporaryFile("w", suffix=".key") as f:
            f.write(KEY + "\n")
            f.flush()
            args = ["status-request", "--appid", "wxcbda96de0b165486",
                    "--mchid", "1900009231", "--openid", "o1",
                    "--trade-scene", "GAS", "--nonce", "N1"]
            by_file = run(args + ["--api-key-file", f.name], key=None)
            by_env = run(args)
        self.assertEqual(by_file.returncode, 0, by_file.stderr)
        self.assertEqual(by_file.stdout, by_env.stdout)
        out = run(args + ["--api-key", KEY], key=None)
        self.assertEqual(out.returncode, 2)
        self.assertNotIn(KEY.encode(), out.stderr)

    def test_usage_and_invalid_input(self):
        base = ["status-request", "--appid", "wxcbda96de0b165486",
                "--mchid", "1900009231"]
        cases = [
            (base + ["--openid", "o1"], KEY, 2, b"missing --trade-scene"),
            (base + ["--trade-scene", "GAS"], KEY, 2,
             b"needs --openid or --plate-number"),
            (base + ["--trade-scene", "GAS", "--openid", "o1"], None, 2,
             b"signs with the APIv2 key in every variant"),
            (base + ["--trade-scene", "GAS", "--openid", "o1", "--format",
                     "yaml"], KEY, 2, b"unknown --format 'yaml'"),
            (base + ["--trade-scene", "parking", "--openid", "o1"], KEY, 1,
             b"invalid input: trade_scene: byte 0 is 'p'"),
            (base + ["--trade-scene", "GAS", "--plate-number", "XB12345"],
             KEY, 1, b"plate_number: does not start with one of the 31 province"),
            (base + ["--trade-scene", "GAS", "--openid", "o1",
                     "--jump-scene", "WEB"], KEY, 1, b"jump_scene: not APP"),
            (["status-request", "--mchid", "1900009231", "--openid", "o1",
              "--trade-scene", "GAS"], KEY, 2, b"missing --appid"),
        ]
        for args, key, status, message in cases:
            with self.subTest(args=args):
                out = run(args, key=key)
                self.assertEqual(out.returncode, status, out.stderr)
                self.assertIn(message, out.stderr)
                self.assertEqual(out.stdout, b"")

    def test_help(self):
        for cmd in ("status-request", "status-parse"):
            out = run([cmd, "--help"])
            self.assertEqual(out.returncode, 0)
            self.assertIn(b"EXIT STATUS", out.stdout)
            self.assertIn(b"REPAYJUMP_API_KEY", out.stdout)
            self.assertEqual(run(["help", cmd]).stdout, out.stdout)


class Parse(unittest.TestCase):
    def parse(self, v, fmt="json", via_file=False):
        ident = VECTORS["identities"][v["identity"]]
        args = ["status-parse", "--format", fmt] + identity_args(ident)
        data = answer_bytes(v["answer"])
        if not via_file:
            return run(args, stdin=data)
        with tempfile.NamedTemporaryFile() as f:
            f.write(data)
            f.flush()
            return run(args + [f.name])

    def test_every_answer_vector(self):
        for v in VECTORS["answers"]:
            with self.subTest(v["name"]):
                out = self.parse(v)
                if v["status"] == 0:
                    self.assertEqual(out.returncode, 0, out.stderr)
                    doc = json.loads(out.stdout)
                    want = v["result"]
                    for k in ("user_state", "deduct_mode", "openid", "path",
                              "plate_number", "plate_number_info"):
                        if k in want:
                            self.assertEqual(doc[k], want[k])
                    self.assertEqual(doc["repay"],
                                     want.get("user_state") == "OVERDUE"
                                     or want.get("state") == 3)
                else:
                    self.assertEqual(out.returncode, 1, out.stderr)
                    self.assertEqual(out.stdout, b"")
                    self.assertTrue(out.stderr.startswith(
                        b"repayjump: not trusted: " if v["status"] != -5
                        else b"repayjump: invalid input: "), out.stderr)
                self.assertNotIn(KEY.encode(), out.stdout + out.stderr)

    def test_text_format_from_a_file(self):
        v = VECTORS["answers"][0]
        out = self.parse(v, "text", via_file=True)
        self.assertEqual(out.returncode, 0, out.stderr)
        lines = out.stdout.decode().splitlines()
        self.assertEqual(lines[0], "user_state: OVERDUE")
        self.assertIn("deduct_mode: PROACTIVE", lines)

    def test_json_of_absent_members_is_null(self):
        v = next(a for a in VECTORS["answers"]
                 if a["name"] == "trusted NORMAL, text")
        doc = json.loads(self.parse(v).stdout)
        self.assertEqual(doc, {"user_state": "NORMAL", "repay": False,
                               "deduct_mode": None, "openid": None,
                               "sub_openid": None, "path": None,
                               "plate_number": None,
                               "plate_number_info": None})

    def test_fail_shows_wechat_words(self):
        for name, words in (("return_code FAIL keeps return_msg",
                             ["return_msg: 签名错误"]),
                            ("result_code FAIL keeps err_code",
                             ["err_code: SYSTEMERROR",
                              "err_code_des: 系统错误"])):
            v = next(a for a in VECTORS["answers"] if a["name"] == name)
            out = self.parse(v)
            self.assertEqual(out.returncode, 1)
            for w in words:
                self.assertIn(w, out.stderr.decode())

    def test_control_bytes_of_an_unsigned_answer_do_not_reach_the_terminal(self):
        v = {"identity": "v3", "answer": "<xml><return_code>FAIL</return_code>"
             "<return_msg>a&#127;[2Jb&#10;c</return_msg></xml>"}
        out = self.parse(v)
        self.assertEqual(out.returncode, 1)
        self.assertIn(b"return_msg: a?[2Jb?c\n", out.stderr)
        self.assertNotIn(b"\x7f", out.stderr)

    def test_usage(self):
        ident = ["--appid", "wxcbda96de0b165486", "--mchid", "1900009231"]
        cases = [(["status-parse"] + ident + ["/nonexistent/answer.xml"], KEY,
                  b"cannot read '/nonexistent/answer.xml'"),
                 (["status-parse"] + ident, None,
                  b"signs with the APIv2 key in every variant"),
                 (["status-parse"] + ident + ["a", "b"], KEY,
                  b"unexpected argument 'b'"),
                 (["status-parse", "--openid", "o1"] + ident, KEY,
                  b"unknown or ambiguous option '--openid'"),
                 (["status-parse", "--appid", "wxcbda96de0b165486"], KEY,
                  b"missing --mchid")]
        for args, key, message in cases:
            with self.subTest(args=args):
                out = run(args, key=key, stdin=b"")
                self.assertEqual(out.returncode, 2, out.stderr)
                self.assertIn(message, out.stderr)

    def test_an_answer_over_16_KiB_is_too_large(self):
        v = {"identity": "v3", "answer": "<xml>" + " " * 20000 + "</xml>"}
        out = self.parse(v)
        self.assertEqual(out.returncode, 1)
        self.assertIn(b"at most 16384 are read", out.stderr)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=1)
