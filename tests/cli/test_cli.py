#!/usr/bin/env python3
"""Black-box tests of the repayjump command-line tool.

Runs the real binary and reads its outputs back with Python's own JSON, URL
and HMAC code, so that a bug shared by the tool and the library cannot hide.

    test_cli.py PATH/TO/repayjump [unittest arguments]
    REPAYJUMP_CLI=PATH/TO/repayjump test_cli.py
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
import urllib.parse

CLI = os.environ.get("REPAYJUMP_CLI")

# The WeChat document's example values: the project's reference case.
APPID = "wxcbda96de0b165486"
MCHID = "1900009231"
OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"
NONCE = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
REF = ["--appid", APPID, "--mchid", MCHID, "--openid", OPENID, "--nonce", NONCE]

REF_EXTRA = (
    '{"appid":"wxcbda96de0b165486","mchid":"1900009231",'
    '"nonce_str":"5K8264ILTKCH16CQ2502SI8ZNMTM67VS",'
    '"openid":"oUpF8uMEb4qRXf22hE3X68TekukE"}'
)
REF_PATH = (
    "pages/invest_list/invest_list?appid=wxcbda96de0b165486&mchid=1900009231"
    "&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
    "&openid=oUpF8uMEb4qRXf22hE3X68TekukE"
)
REF_NAVIGATE = (
    '{"appId":"wx5e73c65404eee268","path":"pages/invest_list/invest_list",'
    '"extraData":' + REF_EXTRA + ',"envVersion":"release"}'
)
REF_LAUNCH = (
    '{"userName":"gh_5e259b7a73b1","path":"' + REF_PATH + '","miniProgramType":0}'
)
REF_SINGLE = {
    "extra-data": REF_EXTRA,
    "navigate": REF_NAVIGATE,
    "app-path": REF_PATH,
    "app-launch": REF_LAUNCH,
}
ALL_KEYS = {"extra-data": "extra_data", "navigate": "navigate",
            "app-path": "app_path", "app-launch": "app_launch"}

# Partner fields: valid under the strict rules.
SUB_APPID = "wx0123456789abcdef"
SUB_MCHID = "1230000109"
SUB_OPENID = "oSub_openid-123"
SUB = ["--sub-appid", SUB_APPID, "--sub-mchid", SUB_MCHID,
       "--sub-openid", SUB_OPENID]

# Emitted keys per variant, in the contract's order (API.md).
ORDER = {
    "v3": ["appid", "mchid", "nonce_str", "openid"],
    "v3-partner": ["appid", "sub_appid", "mchid", "sub_mch_id", "nonce_str",
                   "openid", "sub_openid"],
    "v2": ["appid", "mch_id", "nonce_str", "openid", "sign_type", "sign"],
    "v2-partner": ["appid", "sub_appid", "mch_id", "sub_mch_id", "nonce_str",
                   "openid", "sub_openid", "sign_type", "sign"],
}

# Distinctive keys, so that finding one in an output means a leak.
KEY = "Zq7Xw9Lm3Np5Rt8Vb2Hc4Jk6Df1Gs0Ye"  # strict: 32 of [A-Za-z0-9]
KEY2 = "Pw4Ev6Tb8Yn1Um3Io5Ka7Sd9Fg2Hj0Lx"
KEY_BAD_CHARSET = "Zq7Xw9Lm3Np5Rt8V!b2Hc4Jk6Df1Gs0Y"  # 32 bytes, one '!'
KEY_TOO_LONG = "Lk" + "Qz9Wx8Ec7Rv6Tb5Yn4Um3Io2Pa1Sd0Fg" * 4  # 134 > 128

NONCE_RE = re.compile(r"[A-Za-z0-9]{32}")
SIGN_RE = re.compile(r"[0-9A-F]{64}")


def run(*args, key=None, stdout=subprocess.PIPE):
    """Run the tool with REPAYJUMP_API_KEY set to key (None: unset)."""
    env = {k: v for k, v in os.environ.items() if k != "REPAYJUMP_API_KEY"}
    if key is not None:
        env["REPAYJUMP_API_KEY"] = key
    return subprocess.run([CLI, *args], env=env, stdout=stdout,
                          stderr=subprocess.PIPE, encoding="utf-8",
                          timeout=120, check=False)


def wechat_sign(pairs, key):
    """WeChat Pay v2 signature, written from the document, not the library."""
    kept = sorted((k, v) for k, v in pairs if k != "sign" and v != "")
    msg = "&".join(f"{k}={v}" for k, v in kept) + "&key=" + key
    return hmac.new(key.encode(), msg.encode(), hashlib.sha256).hexdigest().upper()


class CliCase(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def write_file(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        return path

    def ok(self, *args, **kw):
        p = run(*args, **kw)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stderr, "")
        return p.stdout

    def fails(self, code, *args, **kw):
        p = run(*args, **kw)
        self.assertEqual(p.returncode, code, (args, p.stdout, p.stderr))
        self.assertEqual(p.stdout, "", "a failure prints nothing on stdout")
        self.assertTrue(p.stderr.startswith("repayjump: "), p.stderr)
        self.assertLessEqual(p.stderr.count("\n"), 2, p.stderr)
        return p.stderr

    def compose_all(self, *args, **kw):
        out = self.ok("compose", *args, **kw)
        self.assertTrue(out.endswith("}\n") and out.count("\n") == 1, out)
        return json.loads(out)


class TestOracle(unittest.TestCase):
    def test_wechat_published_example(self):
        # Pins this file's own signing code to WeChat's example (API.md).
        pairs = [("appid", "wxd930ea5d5a258f4f"), ("body", "test"),
                 ("device_info", "1000"), ("mch_id", "10000100"),
                 ("nonce_str", "ibuaiVcKdpRxkhJA")]
        self.assertEqual(
            wechat_sign(pairs, "192006250b4c09247ec02edce69f6a2d"),
            "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6")


class TestHelpVersion(CliCase):
    def test_help_lists_commands_environment_and_exit_codes(self):
        out = self.ok("--help")
        for word in ("SYNOPSIS", "demo", "compose", "check", "nonce", "help",
                     "--version", "REPAYJUMP_API_KEY", "EXIT STATUS",
                     "EXAMPLE"):
            self.assertIn(word, out)
        exit_section = out[out.index("EXIT STATUS"):]
        for code in range(4):
            self.assertRegex(exit_section, rf"(?m)^\s+{code}\s+\w")

    def test_help_spellings_agree(self):
        out = self.ok("--help")
        self.assertEqual(self.ok("-h"), out)
        self.assertEqual(self.ok("help"), out)

    def test_command_help(self):
        expected = {
            "demo": ["--help"],
            "compose": ["--appid", "--mchid", "--openid", "--nonce",
                        "--variant", "--sub-appid", "--sub-mchid",
                        "--sub-openid", "--api-key-file", "--api-key ",
                        "--allow-no-openid", "--relaxed", "--format",
                        "v3-partner", "v2-partner", "extra-data", "navigate",
                        "app-path", "app-launch", "REPAYJUMP_API_KEY"],
            "nonce": ["--length", "--count"],
            "check": ["--format", "--variant", "auto", "--api-key-file",
                      "--api-key ", "--allow-no-openid", "--relaxed",
                      "--lines", "REPAYJUMP_API_KEY", "DESCRIPTION",
                      "text", "json"],
        }
        for cmd, words in expected.items():
            with self.subTest(cmd=cmd):
                out = self.ok(cmd, "--help")
                self.assertIn(f"repayjump {cmd}", out)
                self.assertIn("EXIT STATUS", out)
                for word in words:
                    self.assertIn(word, out)
                self.assertEqual(self.ok("help", cmd), out)
                self.assertEqual(self.ok(cmd, "-h"), out)

    def test_version(self):
        out = self.ok("--version")
        self.assertRegex(out, r"\Arepayjump \d+\.\d+\.\d+\nlibsodium \d+\.\d+\.\d+\n\Z")
        self.assertEqual(self.ok("-V"), out)


class TestDemo(CliCase):
    LABELS = [
        "extraData (<navigator extra-data>, wx.navigateToMiniProgram extraData):",
        "wx.navigateToMiniProgram argument:",
        "App path (WXLaunchMiniProgramReq.path):",
        "App launch request (userName, path, miniProgramType):",
    ]

    def demo_outputs(self):
        lines = self.ok("demo").splitlines()
        outputs = []
        for label in self.LABELS:
            self.assertIn(label, lines)
            value = lines[lines.index(label) + 1]
            self.assertTrue(value.startswith("  "), value)
            outputs.append(value.strip())
        return lines, outputs

    def test_inputs_listed(self):
        lines, _ = self.demo_outputs()
        for name, value in (("appid", APPID), ("mchid", MCHID),
                            ("openid", OPENID)):
            self.assertIn(value, [l.split()[-1] for l in lines
                                  if l.split()[:1] == [name]])

    def test_outputs_parse_and_agree(self):
        _, (extra, navigate, path, launch) = self.demo_outputs()
        extra, navigate, launch = map(json.loads, (extra, navigate, launch))
        self.assertEqual(list(extra), ORDER["v3"])
        self.assertEqual(extra["appid"], APPID)
        self.assertEqual(extra["mchid"], MCHID)
        self.assertEqual(extra["openid"], OPENID)
        self.assertRegex(extra["nonce_str"], NONCE_RE)
        self.assertEqual(navigate, {"appId": "wx5e73c65404eee268",
                                    "path": "pages/invest_list/invest_list",
                                    "extraData": extra,
                                    "envVersion": "release"})
        url = urllib.parse.urlsplit(path)
        self.assertEqual(url.path, "pages/invest_list/invest_list")
        self.assertEqual(urllib.parse.parse_qsl(url.query), list(extra.items()))
        self.assertEqual(launch, {"userName": "gh_5e259b7a73b1", "path": path,
                                  "miniProgramType": 0})

    def test_fresh_nonce_each_run(self):
        nonces = {json.loads(self.demo_outputs()[1][0])["nonce_str"]
                  for _ in range(3)}
        self.assertEqual(len(nonces), 3)


class TestComposeTargetAppid(CliCase):
    def test_target_appid_warns_and_succeeds(self):
        target = "wx5e73c65404eee268"
        p = run("compose", "--appid", target, "--mchid", MCHID,
                "--openid", OPENID, "--format", "app-path")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn(f"appid={target}&", p.stdout)
        self.assertRegex(p.stderr, r"\Arepayjump: warning: [^\n]+\n\Z")
        for words in (target, "repayment mini program's own AppID",
                      "openid", "your own AppID"):
            self.assertIn(words, p.stderr)

    def test_merchant_appid_no_warning(self):
        self.ok("compose", *REF)


class TestComposeFormats(CliCase):
    def test_single_formats_exact(self):
        for fmt, expected in REF_SINGLE.items():
            with self.subTest(fmt=fmt):
                self.assertEqual(self.ok("compose", *REF, "--format", fmt),
                                 expected + "\n")

    def test_app_path_parses(self):
        url = urllib.parse.urlsplit(self.ok("compose", *REF, "--format",
                                            "app-path").rstrip("\n"))
        self.assertEqual((url.scheme, url.netloc, url.path),
                         ("", "", "pages/invest_list/invest_list"))
        self.assertEqual(urllib.parse.parse_qsl(url.query, strict_parsing=True),
                         [("appid", APPID), ("mchid", MCHID),
                          ("nonce_str", NONCE), ("openid", OPENID)])

    def test_json_formats_parse(self):
        extra = json.loads(self.ok("compose", *REF, "--format", "extra-data"))
        self.assertEqual(list(extra.items()),
                         [("appid", APPID), ("mchid", MCHID),
                          ("nonce_str", NONCE), ("openid", OPENID)])
        navigate = json.loads(self.ok("compose", *REF, "--format", "navigate"))
        self.assertEqual(navigate["extraData"], extra)
        launch = json.loads(self.ok("compose", *REF, "--format", "app-launch"))
        self.assertEqual(launch["path"], REF_PATH)

    def test_all_is_default_and_matches_single_formats(self):
        raw = self.ok("compose", *REF, "--format", "all")
        self.assertEqual(self.ok("compose", *REF), raw)
        doc = json.loads(raw)
        self.assertEqual(list(doc), ["variant", "nonce_str", "extra_data",
                                     "navigate", "app_path", "app_launch"])
        self.assertEqual(doc["variant"], "v3")
        self.assertEqual(doc["nonce_str"], NONCE)
        self.assertEqual(doc["app_path"], REF_PATH)
        for fmt, expected in REF_SINGLE.items():
            if fmt != "app-path":
                self.assertEqual(doc[ALL_KEYS[fmt]], json.loads(expected))
                self.assertIn(f'"{ALL_KEYS[fmt]}":{expected}', raw)

    def test_generated_nonce(self):
        args = ["compose", "--appid", APPID, "--mchid", MCHID,
                "--openid", OPENID]
        docs = [self.compose_all(*args[1:]) for _ in range(3)]
        nonces = {d["nonce_str"] for d in docs}
        self.assertEqual(len(nonces), 3)
        for d in docs:
            self.assertRegex(d["nonce_str"], NONCE_RE)
            self.assertEqual(d["extra_data"]["nonce_str"], d["nonce_str"])

    def test_allow_no_openid(self):
        args = ["--appid", APPID, "--mchid", MCHID, "--nonce", NONCE]
        self.assertIn("openid", self.fails(2, "compose", *args))
        out = self.ok("compose", *args, "--allow-no-openid",
                      "--format", "extra-data")
        self.assertEqual(list(json.loads(out)), ["appid", "mchid", "nonce_str"])

    def test_relaxed(self):
        args = ["--appid", "my_app-1", "--mchid", "M-42", "--openid", OPENID,
                "--nonce", NONCE]
        self.fails(1, "compose", *args)
        doc = self.compose_all(*args, "--relaxed")
        self.assertEqual(doc["extra_data"]["appid"], "my_app-1")
        self.assertEqual(doc["extra_data"]["mchid"], "M-42")


class TestVariants(CliCase):
    def check_fields(self, doc, variant, key=None):
        extra = doc["extra_data"]
        self.assertEqual(doc["variant"], variant)
        self.assertEqual(list(extra), ORDER[variant])
        self.assertEqual(doc["navigate"]["extraData"], extra)
        url = urllib.parse.urlsplit(doc["app_path"])
        self.assertEqual(urllib.parse.parse_qsl(url.query), list(extra.items()))
        self.assertEqual(doc["app_launch"]["path"], doc["app_path"])
        if key is None:
            self.assertNotIn("sign", doc)
            return
        self.assertEqual(extra["sign_type"], "HMAC-SHA256")
        self.assertRegex(extra["sign"], SIGN_RE)
        self.assertEqual(doc["sign"], extra["sign"])
        self.assertEqual(extra["sign"], wechat_sign(extra.items(), key))

    def test_v3_partner(self):
        doc = self.compose_all(*REF, *SUB, "--variant", "v3-partner")
        self.check_fields(doc, "v3-partner")
        self.assertEqual(doc["extra_data"]["sub_mch_id"], SUB_MCHID)

    def test_v3_partner_needs_sub_mchid(self):
        self.assertIn("--sub-mchid", self.fails(2, "compose", *REF,
                                             "--variant", "v3-partner"))

    def test_v3_rejects_sub_fields(self):
        self.assertIn("sub_mch", self.fails(1, "compose", *REF, "--sub-mchid",
                                             SUB_MCHID))

    def test_v2_key_from_env(self):
        self.check_fields(self.compose_all(*REF, "--variant", "v2", key=KEY),
                          "v2", KEY)

    def test_v2_key_from_file(self):
        path = self.write_file("key", KEY + "\n")
        doc = self.compose_all(*REF, "--variant", "v2", "--api-key-file", path)
        self.check_fields(doc, "v2", KEY)

    def test_v2_partner_key_from_env(self):
        doc = self.compose_all(*REF, *SUB, "--variant", "v2-partner", key=KEY)
        self.check_fields(doc, "v2-partner", KEY)

    def test_v2_partner_key_from_file(self):
        path = self.write_file("key", KEY)
        doc = self.compose_all(*REF, *SUB, "--variant", "v2-partner",
                               "--api-key-file", path)
        self.check_fields(doc, "v2-partner", KEY)

    def test_v2_partner_without_openid_fields(self):
        args = ["--appid", APPID, "--mchid", MCHID, "--nonce", NONCE,
                "--sub-mchid", SUB_MCHID, "--variant", "v2-partner",
                "--allow-no-openid"]
        doc = self.compose_all(*args, key=KEY)
        self.assertEqual(list(doc["extra_data"]),
                         ["appid", "mch_id", "sub_mch_id", "nonce_str",
                          "sign_type", "sign"])
        self.assertEqual(doc["sign"],
                         wechat_sign(doc["extra_data"].items(), KEY))

    def test_relaxed_key(self):
        key = "short~key#1"
        path = self.write_file("key", key + "\r\n")
        self.fails(1, "compose", *REF, "--variant", "v2",
                   "--api-key-file", path)
        doc = self.compose_all(*REF, "--variant", "v2", "--relaxed",
                               "--api-key-file", path)
        self.check_fields(doc, "v2", key)


class TestApiKeySources(CliCase):
    def sign_with(self, *args, **kw):
        return self.compose_all(*REF, "--variant", "v2", *args, **kw)["sign"]

    def test_one_line_ending_stripped(self):
        expected = self.sign_with(key=KEY)
        for ending in ("", "\n", "\r\n"):
            with self.subTest(ending=repr(ending)):
                path = self.write_file("key", KEY + ending)
                self.assertEqual(self.sign_with("--api-key-file", path),
                                 expected)

    def test_only_one_line_ending_stripped(self):
        path = self.write_file("key", KEY + "\n\n")
        self.assertIn("api_key", self.fails(1, "compose", *REF, "--variant",
                                            "v2", "--api-key-file", path))

    def test_file_wins_over_env(self):
        path = self.write_file("key", KEY2)
        sign = self.sign_with("--api-key-file", path, key=KEY)
        self.assertEqual(sign, self.sign_with(key=KEY2))
        self.assertNotEqual(sign, self.sign_with(key=KEY))

    def test_env_key_ignored_by_v3(self):
        doc = self.compose_all(*REF, key=KEY)
        self.assertNotIn("sign", doc)
        self.assertEqual(doc["app_path"], REF_PATH)

    def test_key_file_refused_by_v3(self):
        path = self.write_file("key", KEY)
        self.assertIn("api_key", self.fails(1, "compose", *REF,
                                            "--api-key-file", path))

    def test_v2_without_key(self):
        # A missing required input is a usage error, as the help says.
        err = self.fails(2, "compose", *REF, "--variant", "v2")
        self.assertIn("set REPAYJUMP_API_KEY or pass --api-key-file", err)

    def test_missing_openid_in_command_line_terms(self):
        err = self.fails(2, "compose", "--appid", APPID, "--mchid", MCHID)
        self.assertIn("missing --openid", err)
        self.assertIn("--allow-no-openid", err)
        self.assertNotIn("REPAYJUMP_ALLOW_NO_OPENID", err)

    def test_empty_openid_says_allow_no_openid(self):
        err = self.fails(2, "compose", "--appid", APPID, "--mchid", MCHID,
                         "--openid", "")
        self.assertIn("--openid is empty", err)
        self.assertIn("pass --allow-no-openid", err)
        self.assertNotIn("REPAYJUMP_ALLOW_NO_OPENID", err)

    def test_env_key_line_endings_trimmed(self):
        # As the key file's: one "\n" or "\r\n", as `export KEY=...` of a
        # file's content or a copy and paste leaves it.
        want = json.loads(self.ok("compose", *REF, "--variant", "v2",
                                  key=KEY))["sign"]
        for ending in ("\n", "\r\n"):
            with self.subTest(ending=ending):
                out = json.loads(self.ok("compose", *REF, "--variant", "v2",
                                         key=KEY + ending))
                self.assertEqual(out["sign"], want)
        # Only one: a second line end is part of the key, and so refused.
        self.assertIn("api_key", self.fails(1, "compose", *REF, "--variant",
                                            "v2", key=KEY + "\n\n"))

    def test_key_file_dash_reads_stdin(self):
        want = json.loads(self.ok("compose", *REF, "--variant", "v2",
                                  key=KEY))["sign"]
        p = subprocess.run([CLI, "compose", *REF, "--variant", "v2",
                            "--api-key-file", "-"], input=KEY + "\n",
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           encoding="utf-8", timeout=60, check=False,
                           env={k: v for k, v in os.environ.items()
                                if k != "REPAYJUMP_API_KEY"})
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)["sign"], want)
        self.assertNotIn(KEY, p.stdout + p.stderr)

    def test_file_size_limit(self):
        # 4096 bytes are read (then too long for the library); 4097 are not.
        path = self.write_file("key", "k" * 4096)
        self.assertIn("api_key", self.fails(1, "compose", *REF, "--variant",
                                            "v2", "--relaxed",
                                            "--api-key-file", path))
        path = self.write_file("big", "k" * 4097)
        self.assertIn("4096", self.fails(2, "compose", *REF, "--variant", "v2",
                                         "--api-key-file", path))

    def test_nul_in_file(self):
        # Relaxed, the part before the NUL would be a valid key on its own.
        path = self.write_file("key", KEY[:16] + "\0" + KEY[16:])
        self.assertIn("api_key", self.fails(1, "compose", *REF, "--variant",
                                            "v2", "--relaxed",
                                            "--api-key-file", path))

    def test_unreadable_files(self):
        for path in (os.path.join(self.tmp, "missing"), self.tmp):
            with self.subTest(path=path):
                self.assertIn("--api-key-file",
                              self.fails(2, "compose", *REF, "--variant", "v2",
                                         "--api-key-file", path))


class TestExitCodes(CliCase):
    def test_1_invalid_input_names_field(self):
        cases = [
            (["--appid", APPID, "--mchid", "19000x9231", "--openid", OPENID],
             "mchid"),
            (["--appid", "wxCBDA96DE0B165486", "--mchid", MCHID,
              "--openid", OPENID], "appid"),
            ([*REF[:-1], "bad-nonce"], "nonce_str"),
            ([*REF, "--sub-openid", SUB_OPENID, "--sub-mchid", SUB_MCHID,
              "--variant", "v3-partner"], "sub_openid"),
        ]
        for args, field in cases:
            with self.subTest(args=args):
                err = self.fails(1, "compose", *args)
                self.assertRegex(err, rf"\Arepayjump: .*\b{field}\b")

    def test_2_usage(self):
        cases = [
            ["bogus"],
            [],
            ["--bogus"],
            ["compose", *REF, "--bogus"],
            ["compose", *REF, "stray"],
            ["compose", "--appid"],
            ["compose", *REF, "--variant", "v4"],
            ["compose", *REF, "--format", "xml"],
            ["compose", *REF, "--relaxed=yes"],
            ["demo", "extra"],
            ["help", "bogus"],
            ["nonce", "--length", "0"],
            ["nonce", "--length", "33"],
            ["nonce", "--count", "0"],
            ["nonce", "--count", "1000001"],
            ["nonce", "--count", "-1"],
            ["nonce", "--count", " 5"],
            ["nonce", "--count", "5x"],
            ["nonce", "--count", "0x10"],
            ["nonce", "--count", "99999999999999999999999"],
            ["nonce", "--length"],
        ]
        for args in cases:
            with self.subTest(args=args):
                self.fails(2, *args)

    def test_2_missing_required_option(self):
        # The help gives 2 for a missing required option.
        exit_section = self.ok("compose", "--help").split("EXIT STATUS")[1]
        two = exit_section[exit_section.index("  2  "):
                           exit_section.index("  3  ")]
        self.assertIn("missing required option", " ".join(two.split()))
        cases = [
            (["--mchid", MCHID, "--openid", OPENID], "missing --appid"),
            (["--appid", APPID, "--openid", OPENID], "missing --mchid"),
            ([*REF, "--variant", "v3-partner"], "missing --sub-mchid"),
            (["--appid", "", "--mchid", MCHID, "--openid", OPENID],
             "--appid is empty"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                self.assertIn(message, self.fails(2, "compose", *args))

    def test_2_option_given_twice(self):
        cases = [
            ["compose", *REF, "--appid", APPID],
            ["compose", *REF, "--relaxed", "--relaxed"],
            ["compose", *REF, "--format", "navigate", "--format", "navigate"],
            ["compose", *REF, "--app", APPID],  # an abbreviation of --appid
            ["nonce", "--count", "2", "--count", "3"],
            ["nonce", "--length", "8", "--length", "8"],
            ["check", "--lines", "--lines", "-"],
            ["check", "--format", "json", "--format", "text", "x=1"],
        ]
        for args in cases:
            with self.subTest(args=args):
                self.assertIn("given twice", self.fails(2, *args))

    def test_2_missing_value_named(self):
        self.assertIn("--appid", self.fails(2, "compose", "--appid"))

    def test_2_api_key_on_argv(self):
        for args in (["--api-key", KEY], [f"--api-key={KEY}"], ["--api-key"]):
            with self.subTest(args=args):
                err = self.fails(2, "compose", *REF, "--variant", "v2", *args)
                self.assertIn("REPAYJUMP_API_KEY", err)
                self.assertIn("--api-key-file", err)
                self.assertNotIn(KEY, err)

    def test_3_write_error(self):
        cases = [["compose", *REF], ["compose", *REF, "--format", "app-path"],
                 ["demo"], ["nonce", "--count", "100000"], ["--help"],
                 ["--version"]]
        for args in cases:
            with self.subTest(args=args), open("/dev/full", "w") as full:
                p = run(*args, stdout=full)
                self.assertEqual(p.returncode, 3, p.stderr)
                self.assertRegex(p.stderr, r"\Arepayjump: write error: .+\n\Z")


class TestKeyNeverPrinted(CliCase):
    def assert_no_key(self, key, p, substrings=False):
        text = p.stdout + p.stderr
        self.assertNotIn(key, text)
        if substrings:
            for i in range(len(key) - 7):
                self.assertNotIn(key[i:i + 8], text)

    def both_sources(self, key, *args):
        """Run compose with key from the environment, then from a file."""
        path = self.write_file("key", key + "\n")
        yield run("compose", *args, key=key)
        yield run("compose", *args, "--api-key-file", path)

    def test_success(self):
        for p in self.both_sources(KEY, *REF, "--variant", "v2"):
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assert_no_key(KEY, p)

    def test_failures(self):
        bad_mchid = ["--appid", APPID, "--mchid", "19000x9231",
                     "--openid", OPENID, "--nonce", NONCE]
        cases = [
            (KEY_BAD_CHARSET, [*REF, "--variant", "v2"], True),
            (KEY_BAD_CHARSET, [*REF, *SUB, "--variant", "v2-partner"], True),
            (KEY_TOO_LONG, [*REF, "--variant", "v2", "--relaxed"], False),
            (KEY_TOO_LONG, [*REF, "--variant", "v2"], False),
            (KEY, [*bad_mchid, "--variant", "v2"], False),
            (KEY, [*REF, "--variant", "v2", "--bogus"], False),
        ]
        for key, args, substrings in cases:
            for p in self.both_sources(key, *args):
                with self.subTest(key=key, args=args):
                    self.assertIn(p.returncode, (1, 2), p.stderr)
                    self.assertNotEqual(p.stderr, "")
                    self.assert_no_key(key, p, substrings)

    def test_key_file_with_v3(self):
        path = self.write_file("key", KEY)
        p = run("compose", *REF, "--api-key-file", path)
        self.assertEqual(p.returncode, 1)
        self.assert_no_key(KEY, p)


class TestNonce(CliCase):
    def lines(self, *args):
        out = self.ok("nonce", *args)
        self.assertTrue(out.endswith("\n"))
        return out.split("\n")[:-1]

    def test_default_one_of_32(self):
        lines = self.lines()
        self.assertEqual(len(lines), 1)
        self.assertRegex(lines[0], r"\A[A-Za-z0-9]{32}\Z")

    def test_count_and_length(self):
        for length, count in ((1, 1), (7, 50), (16, 3), (32, 1000)):
            with self.subTest(length=length, count=count):
                lines = self.lines("--length", str(length),
                                   "--count", str(count))
                self.assertEqual(len(lines), count)
                for line in lines:
                    self.assertRegex(line, rf"\A[A-Za-z0-9]{{{length}}}\Z")

    def test_distinct(self):
        lines = self.lines("--count", "1000")
        self.assertEqual(len(set(lines)), 1000)

    def test_alphabet_covered(self):
        # 20000 characters miss one of 62 with probability about 1e-135.
        chars = set("".join(self.lines("--count", "625")))
        self.assertEqual(chars, set("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                    "abcdefghijklmnopqrstuvwxyz0123456789"))

    def test_maximum_count(self):
        out = self.ok("nonce", "--count", "1000000", "--length", "1")
        self.assertEqual(len(out), 2000000)
        self.assertEqual(out.count("\n"), 1000000)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        CLI = sys.argv.pop(1)
    if not CLI or not os.access(CLI, os.X_OK):
        sys.exit(f"usage: {sys.argv[0]} PATH/TO/repayjump (or set REPAYJUMP_CLI)")
    CLI = os.path.abspath(CLI)
    unittest.main(verbosity=2)
