"""The mini program, Android and iOS examples against the library.

They cannot run here (no WeChat, no Android or iOS SDK), so this reads
them: every value of the repayment mini program they mention, every key
they read from the backend's documents (the jump's and the user state's)
and the release type must be the library's, read from the repayjump CLI
(REPAYJUMP_CLI), not from a copy; the user states they name must be the
library's; and none of the document's sample bugs may be in them.

Usage: REPAYJUMP_CLI=build/repayjump python3 check_apps.py [-v]
"""

import hashlib
import hmac
import json
import os
import plistlib
import re
import subprocess
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
MINI = EXAMPLES / "miniprogram"
ANDROID = EXAMPLES / "android"
IOS = EXAMPLES / "ios"
ANDROID_NS = "{http://schemas.android.com/apk/res/android}"

# Inputs only: the document's example merchant and user, and an APIv2 key
# for the signed variants. Every output below is the library's.
MERCHANT = ["--appid", "wxcbda96de0b165486", "--mchid", "1900009231",
            "--openid", "oUpF8uMEb4qRXf22hE3X68TekukE"]
PARTNER = ["--sub-appid", "wx8888888888888888", "--sub-mchid", "1900000109",
           "--sub-openid", "oUpF8uN95-Ptaags6E_roPHg7AG0"]
API_KEY = "7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ"

# What the OpenSDKs call the release version (Android
# WXMiniProgramObject.MINIPTOGRAM_TYPE_RELEASE, iOS WXMiniProgramTypeRelease):
# the SDKs' own value, which the library's miniProgramType must equal.
SDK_RELEASE = 0

# What the Apps read of the backend's GET /v1/status.
STATUS_KEYS = {"user_state", "repay"}


def compose(variant, *extra):
    cli = os.environ.get("REPAYJUMP_CLI")
    if not cli:
        raise RuntimeError("REPAYJUMP_CLI must name the repayjump program (ctest sets it)")
    env = dict(os.environ, REPAYJUMP_API_KEY=API_KEY)
    out = subprocess.run(
        [cli, "compose", "--variant", variant, *MERCHANT, *extra,
         "--format", "all"], check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def status_json(user_state):
    """The library's JSON for a trusted answer saying user_state: an answer
    signed here with Python's hmac, read by `repayjump status-parse`."""
    fields = {"return_code": "SUCCESS", "appid": MERCHANT[1], "mch_id": MERCHANT[3],
              "nonce_str": "checkapps", "result_code": "SUCCESS", "user_state": user_state}
    signed = "&".join(f"{k}={v}" for k, v in sorted(fields.items())) + "&key=" + API_KEY
    fields["sign"] = hmac.new(API_KEY.encode(), signed.encode(), hashlib.sha256).hexdigest().upper()
    answer = "<xml>" + "".join(f"<{k}>{v}</{k}>" for k, v in fields.items()) + "</xml>"
    env = dict(os.environ, REPAYJUMP_API_KEY=API_KEY)
    out = subprocess.run(
        [os.environ["REPAYJUMP_CLI"], "status-parse", *MERCHANT[:4], "--format", "json", "-"],
        input=answer, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out)


def library_states():
    """The user states the library knows (repayjump.h's enum), by name."""
    header = (ROOT / "include" / "repayjump.h").read_text(encoding="utf-8")
    names = set(re.findall(r"\bREPAYJUMP_STATE_([A-Z]+) = \d+", header))
    names.discard("UNKNOWN")
    return names


def method(code, signature):
    """The body of the method or function that starts at signature (a
    regex): up to the brace that closes it."""
    m = re.search(signature, code)
    assert m, signature
    start = code.index("{", m.end())
    depth = 0
    for i in range(start, len(code)):
        depth += {"{": 1, "}": -1}.get(code[i], 0)
        if depth == 0:
            return code[start:i + 1]
    raise AssertionError(f"{signature}: never closed")


def lex(text, name):
    """C-family source (Java, Swift, JavaScript) -> (code without comments,
    [(string literal, line)]). A string that reaches the end of its line
    is unclosed: the document's Android sample."""
    code, strings = [], []
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise AssertionError(f"{name}:{line}: unclosed comment")
            line += text.count("\n", i, end)
            code.append(" ")
            i = end + 2
        elif c in "\"'`":
            j, value = i + 1, []
            while True:
                if j >= n or (text[j] == "\n" and c != "`"):
                    raise AssertionError(f"{name}:{line}: unclosed string {text[i:j]!r}")
                if text[j] == "\\":
                    value.append(text[j:j + 2])
                    j += 2
                    continue
                if text[j] == c:
                    break
                value.append(text[j])
                j += 1
            strings.append(("".join(value), line))
            code.append(text[i:j + 1])
            line += text.count("\n", i, j)
            i = j + 1
        else:
            if c == "\n":
                line += 1
            code.append(c)
            i += 1
    return "".join(code), strings


def stray_space(value):
    """Whether a quoted value is an id or a path with a space in it: the
    document's `app-id="wx… "` and its iOS `…M67VS &openid=`. Messages,
    which have spaces by design, are neither."""
    word = value.strip()
    id_like = re.fullmatch(r"[\w\-./?&=:]+", word) and (
        (re.search(r"\d", word) and re.search(r"[A-Za-z]", word))
        or "/" in word or word.startswith(("wx", "gh_")))
    if id_like:
        return value != word
    return bool(re.search(r"[?&]\w+=", value) and re.search(r"\s", value))


def files(root, *suffixes):
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in suffixes
                  and "test" not in p.relative_to(root).parts)


class Library:
    """The library's values, once."""
    docs = None

    @classmethod
    def load(cls):
        if cls.docs is None:
            cls.docs = [compose("v3"), compose("v3-partner", *PARTNER),
                        compose("v2"), compose("v2-partner", *PARTNER)]
        return cls.docs


class AppsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        docs = Library.load()
        v3 = docs[0]
        cls.doc = v3
        cls.target_appid = v3["navigate"]["appId"]
        cls.target_path = v3["navigate"]["path"]
        cls.env_version = v3["navigate"]["envVersion"]
        cls.username = v3["app_launch"]["userName"]
        cls.release_type = v3["app_launch"]["miniProgramType"]
        cls.field_names = set().union(*(d["extra_data"].keys() for d in docs))
        cls.code = {}
        cls.strings = {}
        for path in (files(MINI, ".js") + files(ANDROID, ".java") + files(IOS, ".swift")):
            cls.code[path], cls.strings[path] = lex(path.read_text(encoding="utf-8"), path)
        cls.markup = {p: p.read_text(encoding="utf-8") for p in
                      files(MINI, ".wxml", ".wxss", ".json") + files(ANDROID, ".xml")
                      + files(IOS, ".plist", ".entitlements")}

    # --- the library's values, as this test reads them ---

    def test_library_values(self):
        self.assertRegex(self.target_appid, r"^wx[0-9a-f]{16}$")
        self.assertRegex(self.username, r"^gh_[0-9a-f]{12}$")
        self.assertRegex(self.target_path, r"^pages/\w+(/\w+)*$")
        self.assertTrue(self.doc["app_launch"]["path"].startswith(self.target_path + "?"))
        self.assertEqual(self.release_type, SDK_RELEASE)
        self.assertEqual(self.env_version, "release")
        # v3 says mchid, v2 mch_id: a v3 path with mch_id= is the iOS sample's bug.
        self.assertIn("mchid", self.doc["extra_data"])
        self.assertNotIn("mch_id", self.doc["extra_data"])

    # --- every constant the examples mention is the library's ---

    def test_mentioned_constants_are_the_librarys(self):
        app_pages = set(json.loads((MINI / "app.json").read_text())["pages"])
        inputs = {MERCHANT[1], PARTNER[1]}
        texts = [p for root in (MINI, ANDROID, IOS) for p in sorted(root.rglob("*")) if p.is_file()]
        self.assertEqual({p.name for p in texts if p.name == "README.md"}, {"README.md"})
        for path in texts:
            text = path.read_text(encoding="utf-8")
            for appid in re.findall(r"\bwx[0-9a-f]{16}\b", text):
                self.assertIn(appid, {self.target_appid} | inputs, f"{path}: {appid}")
            for name in re.findall(r"\bgh_[0-9A-Za-z]+", text):
                self.assertEqual(name, self.username, path)
            for page in re.findall(r"\bpages/[\w/]+", text):
                self.assertIn(page, {self.target_path} | app_pages, f"{path}: {page}")

    def test_code_copies_nothing_of_the_target(self):
        # They come from the backend with each jump: one copy, the library's.
        for path in list(self.code) + list(self.markup):
            text = path.read_text(encoding="utf-8")
            for value in (self.target_appid, self.username, self.target_path):
                self.assertNotIn(value, text, path)

    # --- the keys each example reads from the backend's document ---

    def test_miniprogram_reads_the_navigate_object(self):
        page = self.code[MINI / "pages/repay/repay.js"]
        read = set(re.findall(r"\bres\.data\.(\w+)", method(page, r"(?m)^  loadJump\(")))
        # "error": the backend's answer to bad input, logged as it is.
        self.assertEqual(read - {"error"}, {"navigate"})
        self.assertIn("navigate", self.doc)
        self.assertEqual(set(re.findall(r"\bres\.data\.(\w+)", page)) - {"error"},
                         {"navigate"} | STATUS_KEYS)
        wxml = self.markup[MINI / "pages/repay/repay.wxml"]
        tag = re.search(r"<navigator\s[^>]*>", wxml).group(0)
        bound = dict(re.findall(r'\s([\w-]+)="\{\{navigate\.(\w+)\}\}"', tag))
        self.assertEqual(bound, {"app-id": "appId", "path": "path", "extra-data": "extraData"})
        self.assertEqual(set(bound.values()) | {"envVersion"}, set(self.doc["navigate"]))
        self.assertRegex(tag, rf'\sversion="{self.env_version}"')
        self.assertRegex(tag, r'\starget="miniProgram"')
        config = json.loads(self.markup[MINI / "project.config.json"])
        self.assertNotEqual(config["appid"], self.target_appid)

    def test_android_reads_app_launch(self):
        java = "".join(self.code[p] for p in files(ANDROID, ".java"))
        state = method(java, r"\bUserState fetchState\(")
        java = java.replace(state, "")
        keys = set(re.findall(r"\.get(?:String|Int|Boolean|JSONObject)\(\"(\w+)\"\)", java))
        self.assertIn("app_launch", keys)
        self.assertIn("app_launch", self.doc)
        self.assertEqual(keys - {"app_launch"}, set(self.doc["app_launch"]))
        self.assertIn("WXMiniProgramObject.MINIPTOGRAM_TYPE_RELEASE", java)
        self.assertNotRegex(java, r"MINIPROGRAM_TYPE_(TEST|PREVIEW)")

    def test_ios_reads_app_launch(self):
        swift = self.code[IOS / "MerchantBackend.swift"]
        body = re.search(r"struct AppLaunch: Decodable \{(.*?)\n\}", swift, re.S).group(1)
        self.assertEqual(set(re.findall(r"\blet (\w+):", body)), set(self.doc["app_launch"]))
        coding = re.findall(r'case appLaunch = "(\w+)"', swift)
        self.assertEqual(coding, ["app_launch"])
        launcher = self.code[IOS / "RepayLauncher.swift"]
        self.assertRegex(launcher, r"\.miniProgramType = \.release\b")
        self.assertIn("WXMiniProgramType.release.rawValue", launcher)
        self.assertNotRegex(launcher, r"\.(test|preview)\b")

    # --- the user's state: GET /v1/status, the jump only when it says repay ---

    def test_status_keys_are_the_librarys(self):
        # The backend's answer carries the library's user_state and repay
        # (repayjump-httpd and `status-parse --format json` alike); each App
        # reads those two and no other.
        overdue, normal = status_json("OVERDUE"), status_json("NORMAL")
        self.assertLessEqual(STATUS_KEYS, set(overdue))
        self.assertEqual((overdue["user_state"], overdue["repay"]), ("OVERDUE", True))
        self.assertEqual((normal["user_state"], normal["repay"]), ("NORMAL", False))
        page = method(self.code[MINI / "pages/repay/repay.js"], r"(?m)^  loadStatus\(")
        self.assertEqual(set(re.findall(r"\bres\.data\.(\w+)", page)) - {"error"}, STATUS_KEYS)
        java = self.code[ANDROID / "src/com/example/merchant/MerchantBackend.java"]
        fetch = method(java, r"\bUserState fetchState\(")
        self.assertEqual(set(re.findall(r"\.get\w*\(\"(\w+)\"\)", fetch)), STATUS_KEYS)
        swift = self.code[IOS / "MerchantBackend.swift"]
        state = re.search(r"struct UserState: Decodable \{(.*?)\n\}", swift, re.S).group(1)
        self.assertEqual(set(re.findall(r'case \w+ = "(\w+)"', state)), STATUS_KEYS)

    def test_states_named_are_the_librarys(self):
        # The Apps offer the jump by the backend's `repay`, never by a state
        # name of their own (the rule "OVERDUE" is the library's), and name
        # only NORMAL, to say "repaid".
        states = library_states()
        self.assertLessEqual({"NORMAL", "OVERDUE", "PAUSED", "UNAUTHORIZED"}, states)
        named = {}
        for path, strings in self.strings.items():
            for value, line in strings:
                if value.isupper() and value.isalpha() and value in states | {"OVERDUE"}:
                    named.setdefault(value, []).append(f"{path.name}:{line}")
        self.assertEqual(set(named), {"NORMAL"}, named)
        self.assertEqual(len(named["NORMAL"]), 3, "one constant in each App")

    def test_each_app_asks_for_the_state(self):
        page = self.code[MINI / "pages/repay/repay.js"]
        self.assertIn("app.get('/v1/status')", method(page, r"(?m)^  loadStatus\("))
        show = method(page, r"(?m)^  onShow\(\)")
        self.assertRegex(show, r"this\.loadStatus\(show\)\.then\(\(repay\) => \(repay \? this\.loadJump\(")
        java = self.code[ANDROID / "src/com/example/merchant/MerchantBackend.java"]
        self.assertIn('get("/v1/status")', method(java, r"\bUserState fetchState\("))
        refresh = method(self.code[ANDROID / "src/com/example/merchant/RepayLauncher.java"],
                         r"\bvoid refreshStatus\(")
        self.assertIn("backend.fetchState()", refresh)
        self.assertRegex(refresh, r"offered = state\.repay;")
        self.assertIn('get("/v1/status")', self.code[IOS / "MerchantBackend.swift"])
        launcher = self.code[IOS / "RepayLauncher.swift"]
        self.assertIn("backend.fetchState", method(launcher, r"\bfunc refreshStatus\(\)"))
        self.assertRegex(method(launcher, r"\bfunc refreshStatus\(\)"), r"self\.offered = state\.repay\b")
        for path, code in self.code.items():
            self.assertNotIn("repayment-status", code, path)
        # open() offers nothing unless the last state said repay.
        self.assertRegex(method(launcher, r"\bfunc open\(\)"), r"^\{\s*guard offered else")
        android_open = method(self.code[ANDROID / "src/com/example/merchant/RepayLauncher.java"],
                              r"\bpublic void open\(\)")
        self.assertRegex(android_open, r"^\{\s*if \(!offered\) \{\s*return;")

    # --- the App's own AppID, where the document put the target's ---

    def own_appid(self, call, sources, declaration):
        """The one value every `call` of `sources` passes as the App's AppID:
        a literal, or the constant it names, resolved."""
        text = "".join(self.code[p] for p in sources)
        args = re.findall(call + r"([^,)]+)", text)
        self.assertTrue(args, call)
        values = set()
        for arg in (a.strip() for a in args):
            if not arg.startswith('"'):
                name = arg.split(".")[-1]
                m = re.search(declaration.format(re.escape(name)), text)
                self.assertIsNotNone(m, f"{arg} is not a constant of the sources")
                arg = text[m.end():].lstrip()
            values.add(re.match(r'"([^"]*)"', arg).group(1))
        self.assertEqual(len(values), 1, values)
        return values.pop()

    def test_own_appid_everywhere(self):
        java, swift = files(ANDROID, ".java"), files(IOS, ".swift")
        android = self.own_appid(r"createWXAPI\([^,]+,\s*", java, r"\b{}\s*=")
        android_register = self.own_appid(r"\.registerApp\(", java, r"\b{}\s*=")
        ios = self.own_appid(r"WXApi\.registerApp\(", swift, r"\blet {}\s*=")
        plist = plistlib.loads(self.markup[IOS / "Info.plist"].encode())
        schemes = [s for t in plist["CFBundleURLTypes"] for s in t["CFBundleURLSchemes"]]
        for value in (android, android_register, ios):
            self.assertNotEqual(value, self.target_appid)
            self.assertEqual(value, android)
        self.assertIn(ios, schemes, "URL types carry the App's own AppID")
        self.assertNotIn(self.target_appid, schemes)
        self.assertLessEqual({"weixin", "weixinULAPI"}, set(plist["LSApplicationQueriesSchemes"]))

    def test_ios_universal_link(self):
        swift = self.code[IOS / "MerchantConfig.swift"]
        link = re.search(r'\blet universalLink\s*=\s*"([^"]*)"', swift).group(1)
        url = urlsplit(link)
        self.assertEqual(url.scheme, "https")
        self.assertTrue(link.endswith("/"))
        self.assertRegex(self.code[IOS / "RepayLauncher.swift"],
                         r"WXApi\.registerApp\(MerchantConfig\.weChatAppID, "
                         r"universalLink: MerchantConfig\.universalLink\)")
        entitlements = plistlib.loads(self.markup[IOS / "Merchant.entitlements"].encode())
        self.assertIn("applinks:" + url.hostname,
                      entitlements["com.apple.developer.associated-domains"])

    def test_ios_handles_the_return(self):
        launcher = self.code[IOS / "RepayLauncher.swift"]
        self.assertRegex(launcher, r"func onResp\(_ resp: BaseResp\)")
        resp = launcher[launcher.index("func onResp"):]
        self.assertRegex(resp, r"resp as\? WXLaunchMiniProgramResp")
        self.assertIn("refreshStatus()", resp.split("\n    }\n")[0])
        scene = self.code[IOS / "SceneDelegate+WeChat.swift"]
        self.assertIn("WXApi.handleOpen(", scene)
        self.assertIn("WXApi.handleOpenUniversalLink(", scene)

    # --- the Android manifest: where WeChat returns ---

    def test_android_manifest(self):
        manifest = ET.fromstring(self.markup[ANDROID / "AndroidManifest.xml"])
        package = manifest.get("package")
        self.assertRegex(package, r"^[a-z]\w*(\.[a-z]\w*)+$")
        activities = {}
        for activity in manifest.iter("activity"):
            name = activity.get(ANDROID_NS + "name")
            activities[package + name if name.startswith(".") else name] = activity
        entry = activities[package + ".wxapi.WXEntryActivity"]
        self.assertEqual(entry.get(ANDROID_NS + "exported"), "true")
        self.assertEqual(entry.get(ANDROID_NS + "launchMode"), "singleTask")
        self.assertEqual(entry.get(ANDROID_NS + "taskAffinity"), package)
        queries = [p.get(ANDROID_NS + "name") for p in manifest.iter("package")]
        self.assertIn("com.tencent.mm", queries)
        java = ANDROID / "src" / Path(*package.split(".")) / "wxapi" / "WXEntryActivity.java"
        code = self.code[java]
        self.assertRegex(code, rf"(?m)^package {re.escape(package)}\.wxapi;")
        self.assertRegex(code, r"class WXEntryActivity extends Activity implements IWXAPIEventHandler")
        on_req = code[code.index("public void onReq"):code.index("public void onResp")]
        self.assertIn("ConstantsAPI.COMMAND_SHOWMESSAGE_FROM_WX", on_req)
        self.assertIn("(ShowMessageFromWX.Req) req", on_req)
        on_resp = code[code.index("public void onResp"):]
        self.assertIn("ConstantsAPI.COMMAND_LAUNCH_WX_MINIPROGRAM", on_resp)
        self.assertIn("(WXLaunchMiniProgram.Resp) resp", on_resp)
        self.assertIn("RepayLauncher.refreshStatus(", on_resp)

    # --- the document's sample bugs ---

    def test_no_field_names_in_code(self):
        # The fields travel inside the backend's objects: code that spells
        # them builds its own query or object, as every buggy sample did
        # (mch_id=, unquoted values, the target's AppID as appid).
        self.assertIn("mch_id", self.field_names)
        words = re.compile(r"\b(" + "|".join(sorted(self.field_names)) + r")\b")
        for path, code in self.code.items():
            self.assertIsNone(words.search(code), f"{path}: {words.search(code)}")
        for path, text in self.markup.items():
            if path.name != "project.config.json":  # its "appid" is DevTools'
                self.assertIsNone(words.search(text), f"{path}: {words.search(text)}")

    def test_no_weixin_suffix_no_mch_id(self):
        for path, code in list(self.code.items()) + list(self.markup.items()):
            self.assertNotIn("=weixin", code, path)
            self.assertNotIn("mch_id=", code, path)

    def test_no_stray_space_in_quoted_values(self):
        quoted = [(s, line, path) for path, strings in self.strings.items() for s, line in strings]
        for path, text in self.markup.items():
            for m in re.finditer(r"=\"([^\"]*)\"|<string>([^<]*)</string>", text):
                value = m.group(1) if m.group(1) is not None else m.group(2)
                quoted.append((value, text.count("\n", 0, m.start()) + 1, path))
        self.assertGreater(len(quoted), 50)
        for value, line, path in quoted:
            self.assertFalse(stray_space(value), f"{path}:{line}: {value!r}")

    def test_lexer_catches_the_samples(self):
        # The document's Android line 6: its string is never closed.
        with self.assertRaisesRegex(AssertionError, "unclosed string"):
            lex('req.path = "pages/invest_list/invest_list?mchid=1;\nreq.x = 1;\n', "sample")
        _, strings = lex('String appId = "wx5e73c65404eee268 "; // x\n', "sample")
        self.assertEqual(strings, [("wx5e73c65404eee268 ", 1)])
        # The document's <navigator> and iOS path; a message is no id.
        self.assertTrue(stray_space("wx5e73c65404eee268 "))
        self.assertTrue(stray_space("pages/invest_list/invest_list?mch_id=1900009231&appid="
                                    "wxcbda96de0b165486&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS "
                                    "&openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin"))
        self.assertFalse(stray_space(" bytes"))
        self.assertFalse(stray_space("Repayment is not available right now (HTTP "))


if __name__ == "__main__":
    unittest.main()
