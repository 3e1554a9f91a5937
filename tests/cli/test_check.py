#!/usr/bin/env python3
"""Black-box tests of `repayjump check` against its contract (CHECK.md).

Every output is read back with Python's own json module; the document's
samples (tests/cli/samples, copied verbatim from the WeChat document) must
give exactly the findings the contract lists.

    test_check.py PATH/TO/repayjump [--no-json] [unittest arguments]

--no-json: the tool was built without jansson; JSON inputs must then give
the clear "built without JSON support" error, and the other tests still run.
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

CLI = os.environ.get("REPAYJUMP_CLI")
HAVE_JSON = True
SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples")

APPID = "wxcbda96de0b165486"
MCHID = "1900009231"
OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"
NONCE = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
TARGET = "wx5e73c65404eee268"
PAGE = "pages/invest_list/invest_list"
REF_QUERY = f"appid={APPID}&mchid={MCHID}&nonce_str={NONCE}&openid={OPENID}"
REF_PATH = f"{PAGE}?{REF_QUERY}"
KEY = "Zq7Xw9Lm3Np5Rt8Vb2Hc4Jk6Df1Gs0Ye"
SUB = ["--sub-appid", "wx0123456789abcdef", "--sub-mchid", "1230000109",
       "--sub-openid", "oSub_openid-123"]

# The contract's table: code -> severity (CHECK.md).
SEVERITY = {
    "input.empty": "error", "input.unrecognized": "error",
    "path.page": "error", "path.leading_slash": "warning",
    "path.no_query": "error", "query.empty_pair": "warning",
    "query.no_value": "error", "query.bad_escape": "error",
    "query.encoded": "warning", "key.unknown": "error",
    "key.version": "error", "key.duplicate": "error",
    "key.not_allowed": "error", "field.missing": "error",
    "field.empty": "error", "value.space": "error", "value.equals": "error",
    "value.rule": "error", "appid.target": "warning",
    "partner.conflict": "error", "sign.missing": "error",
    "sign.type": "error", "sign.format": "error", "sign.mismatch": "error",
    "sign.unverified": "note", "json.syntax": "error",
    "json.not_object": "error", "json.not_string": "error",
    "js.unquoted": "error", "js.expression": "note", "js.unclosed": "error",
    "navigate.app_id": "error", "navigate.path": "error",
    "navigate.env": "warning", "navigate.extra_data": "error",
    "launch.user_name": "error", "launch.type": "warning",
    "wxml.target": "error", "src.unclosed": "error", "app.own_appid": "error",
    "manifest.entry": "error", "manifest.exported": "error",
    "manifest.launch_mode": "warning", "manifest.task_affinity": "warning",
    "plist.url_scheme": "error",
}
# Codes of source files (tests/scan/test_scan.py reaches each).
SOURCE_CODES = {"wxml.target", "src.unclosed", "app.own_appid",
                "manifest.entry", "manifest.exported", "manifest.launch_mode",
                "manifest.task_affinity", "plist.url_scheme"}
JSON_CODES = {"json.syntax", "json.not_object", "json.not_string",
              "navigate.app_id", "navigate.path", "navigate.env",
              "navigate.extra_data", "launch.user_name", "launch.type"}
TOP_KEYS = ["kind", "variant", "errors", "warnings", "notes", "findings"]
FINDING_KEYS = ["code", "severity", "key", "field", "offset", "length",
                "message", "fix"]
# the library's names of the fields (repayjump_field_name), and the keys
# sign_type and sign
FIELDS = {None, "appid", "mchid", "nonce_str", "openid", "sub_appid",
          "sub_mchid", "sub_openid", "sign_type", "sign"}


def run(*args, stdin=None, key=None, stdout=subprocess.PIPE):
    env = {k: v for k, v in os.environ.items() if k != "REPAYJUMP_API_KEY"}
    if key is not None:
        env["REPAYJUMP_API_KEY"] = key
    return subprocess.run([CLI, *args], input=stdin, env=env, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=120, check=False)


def sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return f.read()


def wechat_sign(pairs, key):
    kept = sorted((k, v) for k, v in pairs if k != "sign" and v != "")
    msg = "&".join(f"{k}={v}" for k, v in kept) + "&key=" + key
    return hmac.new(key.encode(), msg.encode(),
                    hashlib.sha256).hexdigest().upper()


class CheckCase(unittest.TestCase):
    def check_json(self, *args, stdin=None, key=None, status=None):
        """Run check --format json; the one object, validated."""
        p = run("check", "--format", "json", *args, stdin=stdin, key=key)
        self.assertIn(p.returncode, (0, 1), p.stderr)
        self.assertEqual(p.stderr, b"")
        text = p.stdout.decode("utf-8")
        self.assertTrue(text.endswith("\n") and text.count("\n") == 1, text)
        doc = json.loads(text)
        self.assert_shape(doc, lines=False)
        self.assertEqual(p.returncode, 1 if doc["errors"] else 0)
        if status is not None:
            self.assertEqual(p.returncode, status)
        return doc

    def assert_shape(self, doc, lines):
        self.assertEqual(list(doc), (["line"] if lines else []) + TOP_KEYS)
        counts = {"error": 0, "warning": 0, "note": 0}
        for f in doc["findings"]:
            extra = ["in_value"] if "in_value" in f else []
            self.assertEqual(list(f), FINDING_KEYS + extra)
            if extra:
                self.assertIs(f["in_value"], True)
            self.assertEqual(SEVERITY[f["code"]], f["severity"], f)
            self.assertIn(f["field"], FIELDS, f)
            counts[f["severity"]] += 1
            self.assertIsInstance(f["offset"], int)
            self.assertIsInstance(f["length"], int)
            self.assertTrue(f["message"], f)
            self.assertTrue(f["fix"], f)
        self.assertEqual([doc["errors"], doc["warnings"], doc["notes"]],
                         [counts["error"], counts["warning"], counts["note"]])

    def codes(self, doc):
        return [(f["code"], f["key"]) for f in doc["findings"]]

    def no_json(self):
        p = run("check", '{"appid": "x"}')
        self.assertEqual(p.returncode, 2)
        self.assertIn(b"built without JSON support", p.stderr)


class TestDocumentSamples(CheckCase):
    """What the document's own samples must give (CHECK.md)."""

    def test_ios_path(self):
        text = sample("ios_path.txt")
        path = text.rstrip(b"\n").decode()
        for args, stdin in (([path], None), ([], text), (["-"], text)):
            with self.subTest(args=args):
                doc = self.check_json(*args, stdin=stdin, status=1)
                self.assertEqual(doc["kind"], "app_path")
                self.assertEqual(doc["variant"], "v3")
                self.assertEqual(self.codes(doc), [
                    ("key.version", "mch_id"), ("value.space", "nonce_str"),
                    ("value.equals", "openid")])
                space = doc["findings"][1]
                self.assertEqual(space["offset"], path.index(" &openid"))
                self.assertEqual(space["length"], 1)
                self.assertEqual(doc["findings"][0]["offset"],
                                 path.index("mch_id"))
                self.assertEqual(doc["findings"][2]["offset"],
                                 path.index("=weixin"))

    def test_android_path(self):
        text = sample("android_path.txt")
        doc = self.check_json(stdin=text, status=1)
        self.assertEqual(doc["kind"], "app_path")
        self.assertEqual(self.codes(doc), [("value.equals", "openid")])
        self.assertEqual(doc["findings"][0]["offset"],
                         text.decode().index("=weixin"))

    def test_extra_data_literal(self):
        text = sample("extra_data.js")
        self.assertTrue(text.startswith(b"var extraData = {\n"))
        doc = self.check_json(stdin=text, status=1)
        self.assertEqual(doc["kind"], "js_object")
        self.assertEqual(self.codes(doc), [
            ("js.unquoted", "appid"), ("js.unquoted", "mchid"),
            ("js.unquoted", "nonce_str"), ("js.unclosed", None)])
        s = text.decode()
        self.assertEqual([f["offset"] for f in doc["findings"][:3]],
                         [s.index(APPID), s.index(MCHID), s.index(NONCE)])
        self.assertEqual(doc["findings"][3]["offset"], len(s.rstrip()))

    def test_samples_as_text(self):
        p = run("check", sample("ios_path.txt").rstrip(b"\n").decode())
        self.assertEqual(p.returncode, 1)
        out = p.stdout.decode()
        heads = re.findall(r"(?m)^input:1:(\d+): (\w+)\[([\w.]+)\]: (.+)$",
                           out)
        self.assertEqual([(h[1], h[2]) for h in heads],
                         [("error", "key.version"), ("error", "value.space"),
                          ("error", "value.equals")])
        self.assertTrue(out.endswith("\n3 errors, 0 warnings, 0 notes\n")
                        or out.endswith("3 errors, 0 warnings, 0 notes\n"))
        self.assertIn("  fix: ", out)
        p = run("check", stdin=sample("extra_data.js"))
        out = p.stdout.decode()
        self.assertRegex(out, r"(?m)^<stdin>:2:7: error\[js\.unquoted\]: ")
        self.assertRegex(out, r"(?m)^<stdin>:3:7: error\[js\.unquoted\]: ")
        self.assertRegex(out, r"(?m)^<stdin>:5:11: error\[js\.unquoted\]: ")
        self.assertRegex(out, r"(?m)^<stdin>:5:\d+: error\[js\.unclosed\]: ")
        self.assertTrue(out.endswith("4 errors, 0 warnings, 0 notes\n"), out)


class TestTextOutput(CheckCase):
    def test_caret_under_offset(self):
        path = f"{PAGE}?appid={APPID}&mchid=19x&nonce_str=n n&openid=o"
        p = run("check", path)
        lines = p.stdout.decode().split("\n")
        head = [i for i, l in enumerate(lines) if l.startswith("input:1:")]
        self.assertTrue(head)
        for i in head:
            col = int(lines[i].split(":")[2])
            self.assertEqual(lines[i + 1], "  " + path)
            self.assertEqual(lines[i + 2], " " * (col + 1) + "^")

    def test_long_input_windowed_around_caret(self):
        junk = "&".join(f"x{i}=1" for i in range(200))
        path = f"{PAGE}?{junk}&appid={APPID}&mchid={MCHID}&nonce_str={NONCE} &openid={OPENID}"
        p = run("check", path)
        lines = p.stdout.decode().split("\n")
        i = next(i for i, l in enumerate(lines) if "[value.space]" in l)
        shown, caret = lines[i + 1], lines[i + 2]
        self.assertLessEqual(len(shown), 2 + 3 + 160 + 3)  # "  ...", "..."
        self.assertTrue(shown.startswith("  ..."))
        self.assertEqual(shown[caret.index("^")], " ")
        self.assertEqual(shown[caret.index("^") - 1], NONCE[-1])

    def test_clean_input_summary_only(self):
        p = run("check", REF_PATH)
        self.assertEqual(p.returncode, 0)
        self.assertEqual(p.stdout, b"0 errors, 0 warnings, 0 notes\n")

    def test_control_bytes_not_echoed(self):
        p = run("check", REF_PATH.replace("nonce_str=5K", "nonce_str=\x1b[2J5K"))
        self.assertEqual(p.returncode, 1)
        self.assertNotIn(b"\x1b", p.stdout)


class TestInputKinds(CheckCase):
    def test_clean_inputs_of_every_kind(self):
        extra = json.dumps({"appid": APPID, "mchid": MCHID,
                            "nonce_str": NONCE, "openid": OPENID})
        cases = [
            ("app_path", REF_PATH),
            ("query", REF_QUERY),
            ("extra_data", extra),
            ("navigate", json.dumps({"appId": TARGET, "path": PAGE,
                                     "extraData": json.loads(extra),
                                     "envVersion": "release"})),
            ("app_launch", json.dumps({"userName": "gh_5e259b7a73b1",
                                       "path": REF_PATH,
                                       "miniProgramType": 0})),
            ("js_object", f"var extraData = {{appid: '{APPID}', "
                          f"mchid: \"{MCHID}\", nonce_str: '{NONCE}', "
                          f"openid: '{OPENID}'}};"),
        ]
        for kind, text in cases:
            if kind in ("extra_data", "navigate", "app_launch") and not HAVE_JSON:
                continue
            with self.subTest(kind=kind):
                doc = self.check_json(text, status=0)
                self.assertEqual(doc["kind"], kind)
                self.assertEqual(doc["variant"], "v3")
                self.assertEqual(doc["findings"], [])

    def test_wxml_inline_extra_data(self):
        # extra-data="{{ {...} }}": its members are checked as extraData's,
        # at their places in the element
        text = (f'<navigator target="miniProgram" app-id="{TARGET}" '
                f'path="{PAGE}" extra-data="{{{{ {{appid: \'{APPID}\', '
                f"mchid: '{MCHID}', nonce_str: '{NONCE} '}} }}}}\">x"
                "</navigator>")
        doc = self.check_json(text, status=1)
        self.assertEqual(doc["kind"], "wxml")
        self.assertEqual(self.codes(doc), [
            ("value.space", "extraData.nonce_str"), ("field.missing", None)])
        self.assertEqual(doc["findings"][0]["offset"],
                         text.index(NONCE) + len(NONCE))
        self.assertEqual(doc["findings"][1]["field"], "openid")

    def test_js_launch_literal(self):
        # a launch request written in JavaScript gets the launch rules
        text = ("var req = {userName: 'gh_x', path: '" + PAGE + "?appid="
                + APPID + "&mchid=" + MCHID + "&nonce_str=" + NONCE
                + "&openid=" + OPENID + "', miniProgramType: 2}")
        doc = self.check_json(stdin=text.encode(), status=1)
        self.assertEqual(doc["kind"], "js_object")
        self.assertEqual(self.codes(doc), [
            ("launch.user_name", "userName"),
            ("launch.type", "miniProgramType")])
        self.assertEqual(doc["findings"][0]["offset"], text.index("gh_x"))

    def test_js_navigate_literal(self):
        text = (
            "const arg = {\n"
            f"  appId: 'wx5e73c65404eee268 ',\n"
            f"  path: '{PAGE}',\n"
            "  envVersion: 'trial',\n"
            "  extraData: {\n"
            f"    appid: '{APPID}', mchid: '{MCHID}',\n"
            "    nonce_str: this.data.nonce, // from the server\n"
            "    openid: getApp().globalData.openid,\n"
            "  },\n"
            "}\n")
        doc = self.check_json(stdin=text.encode(), status=1)
        self.assertEqual(doc["kind"], "js_object")
        self.assertEqual(self.codes(doc), [
            ("navigate.app_id", "appId"), ("navigate.env", "envVersion"),
            ("js.expression", "extraData.nonce_str"),
            ("js.expression", "extraData.openid")])
        self.assertEqual(doc["findings"][0]["offset"],
                         text.index(TARGET) + len(TARGET))

    def test_js_variants_of_values(self):
        # A bare name that breaks the field's rule, or holds no digit, is a
        # variable; a number is a value without quotes.
        doc = self.check_json(f"{{appid: appId, mchid: {MCHID}, "
                              f"nonce_str: nonce, openid: \"{OPENID}\"}}")
        self.assertEqual(self.codes(doc), [
            ("js.expression", "appid"), ("js.unquoted", "mchid"),
            ("js.expression", "nonce_str")])
        # Escaped strings are decoded; their findings count in the value.
        doc = self.check_json(f"{{appid: '{APPID}', mchid: '{MCHID}', "
                              f"nonce_str: '5K\\x20x', openid: '{OPENID}'}}")
        self.assertEqual(self.codes(doc), [("value.space", "nonce_str")])
        self.assertEqual(doc["findings"][0]["offset"], 2)
        self.assertIs(doc["findings"][0]["in_value"], True)

    def test_js_reader(self):
        # comments, a template, a shorthand, a call, a double-quoted key
        text = ("let extraData = {\n"
                f"  \"appid\": '{APPID}', // the merchant's\n"
                f"  /* digits */ mchid: `{MCHID}`,\n"
                "  nonce_str: `${nonce}`,\n"
                "  openid,\n"
                "};")
        doc = self.check_json(stdin=text.encode())
        self.assertEqual(doc["kind"], "js_object")
        self.assertEqual(self.codes(doc), [("js.expression", "nonce_str"),
                                           ("js.expression", "openid")])
        doc = self.check_json("{openid: wx.getStorageSync('openid')}")
        self.assertIn(("js.expression", "openid"), self.codes(doc))
        # broken members: each a finding, reading resumes after them
        doc = self.check_json("{appid '" + APPID + "', , mchid: 'x y'}")
        self.assertEqual([c for c, _ in self.codes(doc)][:2],
                         ["input.unrecognized", "value.space"])
        # JSON with a trailing comma is JSON gone wrong, not JavaScript
        if HAVE_JSON:
            doc = self.check_json('{"appid": "x",}')
            self.assertEqual(self.codes(doc), [("json.syntax", None)])

    def test_json_inputs(self):
        if not HAVE_JSON:
            return self.no_json()
        extra = {"appid": APPID, "mchid": MCHID, "nonce_str": NONCE + " ",
                 "openid": OPENID}
        doc = self.check_json(json.dumps({"appId": TARGET + " ", "path": PAGE,
                                          "extraData": json.dumps(extra),
                                          "envVersion": "develop"}),
                              status=1)
        self.assertEqual(doc["kind"], "navigate")
        # in the input's order: extraData (and its members) before
        # envVersion
        self.assertEqual(self.codes(doc), [
            ("navigate.app_id", "appId"),
            ("navigate.extra_data", "extraData"),
            ("value.space", "extraData.nonce_str"),
            ("navigate.env", "envVersion")])
        app_id = doc["findings"][0]
        self.assertEqual((app_id["offset"], app_id["in_value"]), (18, True))
        space = doc["findings"][2]
        self.assertEqual((space["offset"], space["in_value"]), (32, True))
        launch = {"userName": "gh_wrong", "miniProgramType": 2,
                  "path": sample("ios_path.txt").decode().strip()}
        doc = self.check_json(json.dumps(launch), status=1)
        self.assertEqual(doc["kind"], "app_launch")
        self.assertEqual(self.codes(doc), [
            ("launch.user_name", "userName"),
            ("launch.type", "miniProgramType"), ("key.version", "path.mch_id"),
            ("value.space", "path.nonce_str"), ("value.equals", "path.openid")])
        self.assertTrue(all(f.get("in_value") for f in doc["findings"]))
        self.assertEqual(doc["findings"][3]["offset"],
                         launch["path"].index(" &"))

    def test_json_errors(self):
        if not HAVE_JSON:
            return self.no_json()
        doc = self.check_json('{"appid": "x",\n "mchid": }')
        self.assertEqual(self.codes(doc), [("json.syntax", None)])
        self.assertIn("line 2", doc["findings"][0]["message"])
        p = run("check", '{"appid": "x",\n "mchid": }')
        self.assertRegex(p.stdout.decode(), r"\Ainput:2:11: error\[json\.syntax\]")
        doc = self.check_json('[1, 2]')
        self.assertEqual(self.codes(doc), [("json.not_object", None)])
        self.assertIsNone(doc["kind"])
        doc = self.check_json(json.dumps(json.dumps({"appid": APPID})))
        self.assertEqual(self.codes(doc), [("json.not_object", None)])
        self.assertIn("encoded twice", doc["findings"][0]["message"])
        doc = self.check_json(json.dumps({"appid": APPID, "mchid": 1900009231,
                                          "nonce_str": NONCE,
                                          "openid": OPENID}))
        self.assertEqual(self.codes(doc), [("json.not_string", "mchid")])
        self.assertIn("1900009231", doc["findings"][0]["fix"])
        doc = self.check_json(f'{{"appid":"{APPID}","appid":"{APPID}",'
                              f'"mchid":"{MCHID}","nonce_str":"{NONCE}",'
                              f'"openid":"{OPENID}"}}')
        self.assertEqual(self.codes(doc), [("key.duplicate", "appid")])
        # A key jansson gives no place for: counted in the key itself; an
        # absent field: at the end of the input.
        text = json.dumps({"appid": APPID, "mchid": MCHID, "nonce_str": NONCE,
                           "foo": OPENID})
        doc = self.check_json(text)
        self.assertEqual(self.codes(doc), [("key.unknown", "foo"),
                                           ("field.missing", None)])
        unknown, missing = doc["findings"]
        self.assertEqual((unknown["offset"], unknown["length"],
                          unknown.get("in_value")), (0, 3, True))
        self.assertEqual((missing["offset"], missing["length"],
                          missing.get("in_value")), (len(text), 0, None))


class TestContract15(CheckCase):
    """The contract's changes of issue 15, each a defect before."""

    def fields(self, doc):
        return [(f["code"], f["field"]) for f in doc["findings"]]

    def test_field_names_the_field(self):
        doc = self.check_json(f"{PAGE}?appid={APPID}&mchid={MCHID}"
                              f"&openid={OPENID}&nonceStr={NONCE}", status=1)
        self.assertEqual(self.fields(doc), [("key.unknown", "nonce_str")])
        doc = self.check_json(f"{PAGE}?appid={APPID}&openid={OPENID}&x=1",
                              status=1)
        self.assertEqual(self.fields(doc), [
            ("key.unknown", None), ("field.missing", "mchid"),
            ("field.missing", "nonce_str")])
        # an explicit APIv2 variant with neither sign_type nor sign
        doc = self.check_json("--variant", "v2",
                              REF_QUERY.replace("mchid", "mch_id"), status=1)
        self.assertEqual(self.fields(doc), [("field.missing", "sign_type"),
                                            ("sign.missing", "sign")])

    def test_js_bare_names_are_variables(self):
        # ordinary mini program code: variables, not unquoted values
        doc = self.check_json("{appid: appid, mchid: mchid, "
                              "nonce_str: nonceStr, openid: openid}",
                              status=0)
        self.assertEqual([c for c, _ in self.codes(doc)],
                         ["js.expression"] * 4)
        # a bare name that fits the rule but holds no digit: a variable
        doc = self.check_json(f"{{appid: '{APPID}', mchid: '{MCHID}', "
                              f"nonce_str: nonceString, openid}}", status=0)
        self.assertEqual(self.codes(doc), [("js.expression", "nonce_str"),
                                           ("js.expression", "openid")])
        # with a digit, a number, a syntax error: unquoted values
        doc = self.check_json(f"{{appid: {APPID}, mchid: {MCHID}, "
                              f"nonce_str: {NONCE}, openid: '{OPENID}'}}",
                              status=1)
        self.assertEqual([c for c, _ in self.codes(doc)],
                         ["js.unquoted"] * 3)

    def test_app_id_beside_the_fields_is_extra_data(self):
        fields = {"appid": APPID, "appId": TARGET, "mchid": MCHID,
                  "nonce_str": NONCE, "openid": OPENID}
        js = "{" + ", ".join(f"{k}: '{v}'" for k, v in fields.items()) + "}"
        texts = [("js_object", js)]
        if HAVE_JSON:
            texts.append(("extra_data", json.dumps(fields)))
        for kind, text in texts:
            with self.subTest(kind=kind):
                doc = self.check_json(text, status=1)
                self.assertEqual(doc["kind"], kind)
                self.assertEqual(self.codes(doc), [("key.unknown", "appId")])
                self.assertIn("appid", doc["findings"][0]["fix"])
        if HAVE_JSON:
            doc = self.check_json(json.dumps({"appId": TARGET, "path": PAGE}),
                                  status=1)
            self.assertEqual(doc["kind"], "navigate")

    def test_every_duplicate_key(self):
        if not HAVE_JSON:
            return
        text = (f'{{"appid":"{APPID}","mchid":"{MCHID}","appid":"{APPID}",'
                f'"nonce_str":"{NONCE}","mchid":"{MCHID}",'
                f'"openid":"{OPENID}","appid":"{APPID}"}}')
        doc = self.check_json(text, status=1)
        self.assertEqual(self.codes(doc), [("key.duplicate", "appid"),
                                           ("key.duplicate", "mchid"),
                                           ("key.duplicate", "appid")])
        def nth(key, n):
            at = -1
            for _ in range(n):
                at = text.index(f'"{key}"', at + 1)
            return at
        firsts = [nth("appid", 2), nth("mchid", 2), nth("appid", 3)]
        self.assertEqual([f["offset"] for f in doc["findings"]],
                         [i + 1 for i in firsts])
        nav = (f'{{"appId":"{TARGET}","path":"{PAGE}","extraData":'
               f'{{"appid":"{APPID}","mchid":"{MCHID}","nonce_str":"{NONCE}",'
               f'"openid":"{OPENID}","openid":"{OPENID}"}},'
               f'"path":"{PAGE}"}}')
        doc = self.check_json(nav, status=1)
        self.assertEqual([c for c, _ in self.codes(doc)],
                         ["key.duplicate", "key.duplicate"])


class TestObjectVectors(CheckCase):
    """tests/objects/vectors.json: each object, as JSON, gives exactly the
    findings listed there, which every binding's check of the same object
    as its language's map must give too."""

    def test_vectors(self):
        if not HAVE_JSON:
            return self.no_json()
        path = os.path.join(os.path.dirname(SAMPLES), os.pardir, "objects",
                            "vectors.json")
        with open(path, encoding="utf-8") as fh:
            cases = json.load(fh)["cases"]
        self.assertGreaterEqual(len(cases), 12)
        for case in cases:
            with self.subTest(case["name"]):
                doc = self.check_json(json.dumps(case["input"]))
                self.assertEqual(doc["kind"], case["kind"] or "extra_data")
                self.assertEqual(doc["variant"], case["variant"])
                self.assertEqual([[f["code"], f["field"]]
                                  for f in doc["findings"]],
                                 case["findings"])


class TestEveryCode(CheckCase):
    """Each code of the contract, reached from the command line."""

    def q(self, **changes):
        fields = {"appid": APPID, "mchid": MCHID, "nonce_str": NONCE,
                  "openid": OPENID}
        fields.update(changes)
        return "&".join(f"{k}={v}" for k, v in fields.items() if v is not None)

    def test_codes(self):
        p = PAGE + "?"
        nav = {"appId": TARGET, "path": PAGE, "envVersion": "release",
               "extraData": {"appid": APPID, "mchid": MCHID,
                             "nonce_str": NONCE, "openid": OPENID}}
        v2 = self.q() + "&sign_type=HMAC-SHA256&sign=" + "A" * 64
        cases = [
            ("input.empty", [""]),
            ("input.empty", ["   "]),
            ("input.unrecognized", ["hello"]),
            ("path.page", ["pages/index/index?" + self.q()]),
            ("path.leading_slash", ["/" + p + self.q()]),
            ("path.no_query", [PAGE]),
            ("query.empty_pair", [p + self.q() + "&"]),
            ("query.no_value", [p + self.q(openid=None) + "&openid"]),
            ("query.bad_escape", [p + self.q(openid="oUpF%G1")]),
            ("query.encoded", [p + self.q(openid="oUpF%38uMEb")]),
            ("key.unknown", [p + self.q(openid=None) + "&openId=" + OPENID]),
            ("key.version", [p + self.q(mchid=None) + "&mch_id=" + MCHID]),
            ("key.duplicate", [p + self.q() + "&appid=" + APPID]),
            ("key.not_allowed", ["--variant", "v3",
                                 p + self.q() + "&sub_mch_id=1230000109"]),
            ("field.missing", [p + self.q(openid=None)]),
            ("field.empty", [p + self.q(openid="")]),
            ("value.space", [p + self.q(openid="oUpF%20x")]),
            ("value.equals", [p + self.q(openid=OPENID + "=weixin")]),
            ("value.rule", [p + self.q(mchid="19x")]),
            ("appid.target", [p + self.q(appid=TARGET)]),
            ("partner.conflict", [p + self.q() + "&sub_mch_id=1230000109"
                                  "&sub_openid=oSub"]),
            ("sign.missing", [p + self.q() + "&sign_type=HMAC-SHA256"]),
            ("sign.type", [p + self.q() + "&sign_type=MD5&sign=" + "A" * 64]),
            ("sign.format", [p + self.q() + "&sign_type=HMAC-SHA256&sign=abc"]),
            ("sign.mismatch", ["--api-key-file", self.key_file, p + v2]),
            ("sign.unverified", [p + v2]),
            ("js.unquoted", ["var x = {appid: wxcbda96de0b165486}"]),
            ("js.expression", ["var x = {openid: this.data.openid}"]),
            ("js.unclosed", ["var x = {appid: 'x'"]),
        ]
        if HAVE_JSON:
            cases += [
                ("json.syntax", ['{"appid": }']),
                ("json.not_object", ['["appid"]']),
                ("json.not_string", ['{"appid": null}']),
                ("navigate.app_id", [json.dumps({**nav, "appId": APPID})]),
                ("navigate.path", [json.dumps({**nav, "path": "pages/index"})]),
                ("navigate.env", [json.dumps({**nav, "envVersion": "trial"})]),
                ("navigate.extra_data", [json.dumps({**nav, "extraData": 1})]),
                ("launch.user_name", [json.dumps({"userName": "gh_x",
                                                  "path": REF_PATH})]),
                ("launch.type", [json.dumps({"userName": "gh_5e259b7a73b1",
                                             "path": REF_PATH,
                                             "miniProgramType": 1})]),
            ]
        seen = set()
        for code, args in cases:
            with self.subTest(code=code, args=args):
                doc = self.check_json(*args)
                found = [f["code"] for f in doc["findings"]]
                self.assertIn(code, found)
                seen.add(code)
        want = set(SEVERITY) - SOURCE_CODES - (
            set() if HAVE_JSON else JSON_CODES)
        self.assertEqual(seen, want)

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.key_file = os.path.join(self._tmp.name, "key")
        with open(self.key_file, "w") as f:
            f.write(KEY + "\n")

    def tearDown(self):
        self._tmp.cleanup()


class TestComposeChecksClean(CheckCase):
    """Everything compose writes checks clean, for every variant and format."""

    def compose(self, variant, fmt, key):
        args = ["compose", "--appid", APPID, "--mchid", MCHID, "--openid",
                OPENID, "--variant", variant, "--format", fmt]
        if "partner" in variant:
            args += SUB
        p = run(*args, key=key)
        self.assertEqual(p.returncode, 0, p.stderr)
        return p.stdout.decode().rstrip("\n")

    def test_every_variant_and_format(self):
        formats = ["app-path", "extra-data", "navigate", "app-launch"]
        if not HAVE_JSON:
            formats = ["app-path"]
        for variant in ("v3", "v3-partner", "v2", "v2-partner"):
            signed = variant.startswith("v2")
            for fmt in formats:
                with self.subTest(variant=variant, format=fmt):
                    out = self.compose(variant, fmt, KEY if signed else None)
                    doc = self.check_json(out, key=KEY if signed else None,
                                          status=0)
                    self.assertEqual(doc["variant"], variant)
                    self.assertEqual(doc["findings"], [])
                    if not signed:
                        continue
                    doc = self.check_json(out, status=0)
                    self.assertEqual(self.codes(doc),
                                     [("sign.unverified", doc["findings"][0]["key"])])
                    self.assertIn(doc["findings"][0]["key"].split(".")[-1],
                                  ("sign",))


class TestLines(CheckCase):
    def test_line_numbers_blank_lines_crlf(self):
        ios = sample("ios_path.txt").rstrip(b"\n")
        data = b"\n".join([REF_PATH.encode(), b"", b"   ", ios + b"\r",
                           b"pages/x?a=1", sample("android_path.txt").rstrip()])
        p = run("check", "--lines", "--format", "json", "-", stdin=data)
        self.assertEqual(p.returncode, 1, p.stderr)
        docs = [json.loads(l) for l in p.stdout.decode().splitlines()]
        for doc in docs:
            self.assert_shape(doc, lines=True)
        self.assertEqual([d["line"] for d in docs], [1, 4, 5, 6])
        self.assertEqual(docs[0]["findings"], [])
        self.assertEqual([c for c, _ in self.codes(docs[1])],
                         ["key.version", "value.space", "value.equals"])
        p = run("check", "--lines", stdin=data)
        out = p.stdout.decode()
        self.assertRegex(out, r"(?m)^<stdin>:4:\d+: error\[key\.version\]")
        self.assertRegex(out, r"(?m)^<stdin>:6:\d+: error\[value\.equals\]")
        self.assertRegex(out, r"\n\d+ errors, \d+ warnings, \d+ notes\n\Z")

    def test_very_long_line_not_cut(self):
        junk = "&".join(f"k{i}=v" for i in range(300000))  # ~2.4 MB
        line = f"{REF_PATH}&{junk}&nonce_str={NONCE}\n".encode()
        p = run("check", "--lines", "--format", "json", stdin=line + line)
        docs = [json.loads(l) for l in p.stdout.decode().splitlines()]
        self.assertEqual(len(docs), 2)
        for doc in docs:
            last = doc["findings"][-1]
            self.assertEqual(last["code"], "key.duplicate")
            self.assertEqual(last["offset"], len(line) - 1 - len(NONCE) - 10)

    def test_log_lines(self):
        # grep invest_list app.log: the input is found in each line, and
        # offsets count in the line.
        ios = sample("ios_path.txt").decode().strip()
        log = [f'2024-05-01 12:00:00 INFO launch path="{ios}";',
               f"[app] jump /{REF_PATH}",
               '2024 nav {"appId":"wx5e73c65404eee268 ","path":"' + PAGE +
               '","extraData":{}} done']
        p = run("check", "--lines", "--format", "json",
                stdin="\n".join(log).encode())
        docs = [json.loads(l) for l in p.stdout.decode().splitlines()]
        self.assertEqual([c for c, _ in self.codes(docs[0])],
                         ["key.version", "value.space", "value.equals"])
        self.assertEqual([f["offset"] for f in docs[0]["findings"]],
                         [log[0].index("mch_id"), log[0].index(" &openid"),
                          log[0].index("=weixin")])
        self.assertEqual(self.codes(docs[1]), [("path.leading_slash", None)])
        self.assertEqual(docs[1]["findings"][0]["offset"], log[1].index("/"))
        if HAVE_JSON:
            self.assertEqual(docs[2]["kind"], "navigate")
            codes = [c for c, _ in self.codes(docs[2])]
            self.assertEqual(codes, ["navigate.app_id"] + ["field.missing"] * 4)
            for f in docs[2]["findings"][1:]:
                self.assertEqual((f["offset"], f["length"]),
                                 (log[2].index("} done") + 1, 0))

    def test_lines_needs_stdin(self):
        p = run("check", "--lines", REF_PATH)
        self.assertEqual(p.returncode, 2)

    def test_streams_before_end_of_input(self):
        # A result is written as soon as its line is read, not at the end.
        p = subprocess.Popen([CLI, "check", "--lines", "--format", "json"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        try:
            p.stdin.write((REF_PATH + "\n").encode())
            p.stdin.flush()
            first = p.stdout.readline()  # would hang without streaming
            self.assertEqual(json.loads(first)["line"], 1)
            p.stdin.write((REF_PATH + " \n").encode())
            p.stdin.close()
            self.assertEqual(json.loads(p.stdout.readline())["errors"], 1)
            self.assertEqual(p.wait(timeout=60), 1)
        finally:
            if p.poll() is None:
                p.kill()
            p.stdout.close()
            p.stderr.close()

    def test_no_newline_at_end(self):
        p = run("check", "--lines", "--format", "json",
                stdin=(REF_PATH + "\n" + REF_PATH).encode())
        self.assertEqual([json.loads(l)["line"]
                          for l in p.stdout.decode().splitlines()], [1, 2])


class TestExitAndKey(CheckCase):
    def test_statuses(self):
        self.assertEqual(run("check", REF_PATH).returncode, 0)
        v2 = REF_PATH.replace("mchid", "mch_id")
        self.assertEqual(run("check", f"{v2}&sign=" + "A" * 64 +
                             "&sign_type=HMAC-SHA256").returncode, 0)  # a note
        self.assertEqual(run("check", REF_PATH + " ").returncode, 1)
        for args in (["--format", "xml", "x"], ["--variant", "v9", "x"],
                     ["--bogus"], ["a", "b"], ["--api-key", KEY, "x"],
                     [f"--api-key={KEY}", "x"],
                     ["--api-key-file", "/nonexistent/key", "x"],
                     ["--api-key-file", "-", "-"]):
            with self.subTest(args=args):
                p = run("check", *args)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertEqual(p.stdout, b"")
                self.assertNotIn(KEY.encode(), p.stderr)

    def test_write_error(self):
        for args in (["--format", "json", REF_PATH], [REF_PATH + " "],
                     ["--lines", "-"]):
            with self.subTest(args=args), open("/dev/full", "w") as full:
                p = run("check", *args, stdin=REF_PATH.encode(), stdout=full)
                self.assertEqual(p.returncode, 3)
                self.assertRegex(p.stderr.decode(),
                                 r"\Arepayjump: write error: .+\n\Z")

    def test_key_never_in_output(self):
        wrong = f"{REF_PATH}&sign_type=HMAC-SHA256&sign=" + "B" * 64
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "key")
            with open(path, "w") as f:
                f.write(KEY + "\r\n")
            runs = [run("check", wrong, key=KEY),
                    run("check", wrong, key=KEY + "\n"),
                    run("check", "--format", "json", wrong, key=KEY),
                    run("check", "--api-key-file", path, wrong),
                    run("check", "--api-key-file", "-", wrong,
                        stdin=KEY.encode())]
        for p in runs:
            self.assertEqual(p.returncode, 1, p.stderr)
            text = p.stdout + p.stderr
            self.assertIn(b"sign.mismatch", text)
            for i in range(len(KEY) - 7):
                self.assertNotIn(KEY[i:i + 8].encode(), text)

    def test_key_verifies(self):
        pairs = [("appid", APPID), ("mch_id", MCHID), ("nonce_str", NONCE),
                 ("openid", OPENID), ("sign_type", "HMAC-SHA256")]
        sign = wechat_sign(pairs, KEY)
        path = PAGE + "?" + "&".join(f"{k}={v}" for k, v in pairs) + \
            "&sign=" + sign
        doc = self.check_json(path, key=KEY, status=0)
        self.assertEqual((doc["variant"], doc["findings"]), ("v2", []))
        doc = self.check_json(path, key=KEY + "\r\n", status=0)
        self.assertEqual(doc["findings"], [])


if __name__ == "__main__":
    if "--no-json" in sys.argv:
        sys.argv.remove("--no-json")
        HAVE_JSON = False
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        CLI = sys.argv.pop(1)
    if not CLI or not os.access(CLI, os.X_OK):
        sys.exit(f"usage: {sys.argv[0]} PATH/TO/repayjump [--no-json]")
    CLI = os.path.abspath(CLI)
    unittest.main(verbosity=2)
