#!/usr/bin/env python3
"""Black-box tests of `repayjump scan` (CHECK.md): the document's eight
bugs, each found in the document's own samples; correct mini program,
Android and iOS projects that scan clean; each bug inserted alone into
them, found at its file, line and column.

    test_scan.py PATH/TO/repayjump [unittest arguments]
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

CLI = None
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "samples")
PROJECTS = os.path.join(HERE, "projects")
TARGET = "wx5e73c65404eee268"


def run(*args, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "REPAYJUMP_API_KEY"}
    return subprocess.run([CLI, *args], env=env, cwd=cwd, capture_output=True,
                          timeout=120, check=False)


def scan_json(*paths, cwd=None):
    p = run("scan", "--format", "json", *paths, cwd=cwd)
    assert p.returncode in (0, 1), p.stderr
    assert p.stderr == b"", p.stderr
    return p.returncode, [json.loads(l) for l in p.stdout.decode().splitlines()]


def place(text, offset):
    """1-based line and column (bytes) of offset in text (bytes)."""
    line = text.count(b"\n", 0, offset) + 1
    return line, offset - (text.rfind(b"\n", 0, offset) + 1) + 1


def read(path):
    with open(path, "rb") as f:
        return f.read()


class TestDocumentSamples(unittest.TestCase):
    # The document's eight bugs (seed/NOTES.md), one row each: the sample
    # file it is in, the code that finds it, and the text it is found at.
    BUGS = [
        (1, "navigator.wxml", "navigate.app_id", b'268 "', 3),
        (2, "extra_data.js", "js.unquoted", b"wxcbda96de0b165486", 0),
        (3, "ios.m", "key.version", b"mch_id=", 0),
        (4, "ios.m", "value.space", b" &openid", 0),
        (5, "android.java", "value.equals", b"=weixin", 0),
        (6, "android.java", "src.unclosed", b'"pages/invest_list', 0),
        (7, "android.java", "app.own_appid", b"appId);", 0),
        (8, "table_appid.js", "appid.target", b"wx5e73c65404eee268'", 0),
    ]

    def test_every_bug_found(self):
        code, docs = scan_json(".", cwd=SAMPLES)
        self.assertEqual(code, 1)
        by_file = {d["file"]: d for d in docs}
        for number, name, want, at, plus in self.BUGS:
            with self.subTest(bug=number, code=want):
                doc = by_file["./" + name]
                text = read(os.path.join(SAMPLES, name))
                offset = text.index(at) + plus
                found = [(f["code"], f["offset"]) for f in doc["findings"]]
                self.assertIn((want, offset), found)
                f = doc["findings"][found.index((want, offset))]
                self.assertEqual((f["line"], f["column"]), place(text, offset))

    def test_each_sample_exactly(self):
        want = {
            "navigator.wxml": ["navigate.app_id", "js.expression"],
            "extra_data.js": ["js.unquoted"] * 3 + ["js.unclosed"],
            "ios.m": ["key.version", "value.space", "value.equals"],
            "android.java": ["app.own_appid", "src.unclosed", "value.equals"],
            "table_appid.js": ["appid.target"],
        }
        for name, codes in want.items():
            with self.subTest(name=name):
                _, docs = scan_json(os.path.join(SAMPLES, name))
                self.assertEqual([f["code"] for f in docs[0]["findings"]],
                                 codes)
                if name == "table_appid.js":
                    continue  # not the document's: a comment, then code
                # and the same as check's INPUT, offsets into it
                text = read(os.path.join(SAMPLES, name)).decode()
                p = run("check", "--format", "json", text.rstrip("\n"))
                self.assertEqual(p.returncode, 1, p.stderr)
                doc = json.loads(p.stdout)
                self.assertEqual(
                    [(f["code"], f["offset"]) for f in doc["findings"]],
                    [(f["code"], f["offset"]) for f in docs[0]["findings"]])

    def test_check_kinds(self):
        for name, kind in (("navigator.wxml", "wxml"), ("ios.m", "app_source"),
                           ("android.java", "app_source")):
            with self.subTest(name=name):
                text = read(os.path.join(SAMPLES, name)).decode().rstrip()
                p = run("check", "--format", "json", text)
                self.assertEqual(json.loads(p.stdout)["kind"], kind)

    def test_wxml_names_the_attribute(self):
        _, docs = scan_json(os.path.join(SAMPLES, "navigator.wxml"))
        f = docs[0]["findings"][0]
        self.assertEqual(f["key"], "app-id")
        self.assertTrue(f["message"].startswith("app-id: "), f["message"])

    def test_text_locations(self):
        p = run("scan", os.path.join(SAMPLES, "android.java"))
        self.assertEqual(p.returncode, 1)
        out = p.stdout.decode()
        name = os.path.join(SAMPLES, "android.java")
        self.assertIn(f"{name}:2:48: error[app.own_appid]: ", out)
        self.assertIn(f"{name}:6:12: error[src.unclosed]: ", out)
        self.assertTrue(out.endswith("3 errors, 0 warnings, 0 notes\n"), out)


# One bug inserted alone into a correct project: (file under projects/,
# text replaced, its replacement, the code, where: the replacement's
# offset plus this many bytes).
MUTATIONS = [
    ("miniprogram/pages/repay/repay.wxml", f'app-id="{TARGET}"',
     f'app-id="{TARGET} "', "navigate.app_id", 26),
    ("miniprogram/pages/repay/repay.wxml", 'target="miniProgram" ', "",
     "wxml.target", None),
    ("miniprogram/pages/repay/repay.wxml", 'version="release"',
     'version="trial"', "navigate.env", 9),
    ("miniprogram/pages/repay/repay.js", f"appId: '{TARGET}'",
     f"appId: '{TARGET} '", "navigate.app_id", 26),
    ("miniprogram/pages/repay/repay.js", "path: 'pages/invest_list/invest_list'",
     "path: 'pages/index/index'", "navigate.path", 15),
    ("miniprogram/pages/repay/repay.js", "envVersion: 'release'",
     "envVersion: 'develop'", "navigate.env", 13),
    ("miniprogram/pages/repay/repay.js", "nonce_str: nonceStr",
     "nonce_str: 5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "js.unquoted", 11),
    ("android/app/src/main/java/com/example/pay/RepayLauncher.java",
     'APP_ID = "wxd930ea5d5a258f4f"', f'APP_ID = "{TARGET}"',
     "app.own_appid", "createWXAPI(context, "),
    ("android/app/src/main/java/com/example/pay/RepayLauncher.java",
     'kukE";', 'kukE=weixin";', "value.equals", 4),
    ("android/app/src/main/java/com/example/pay/RepayLauncher.java",
     "kukE\";", "kukE;", "src.unclosed", '"pages/'),
    ("android/app/src/main/java/com/example/pay/RepayLauncher.java",
     "&mchid=1900009231", "&mch_id=1900009231", "key.version", 1),
    ("android/app/src/main/java/com/example/pay/RepayLauncher.java",
     'userName = "gh_5e259b7a73b1"', 'userName = "gh_5e259b7a73b2"',
     "launch.user_name", 12),
    ("android/app/src/main/java/com/example/pay/RepayLauncher.java",
     "Req.MINIPTOGRAM_TYPE_RELEASE", "Req.MINIPROGRAM_TYPE_TEST",
     "launch.type", "WXLaunchMiniProgram.Req.MINIPROGRAM"),
    ("android/app/src/main/java/com/example/pay/WeChat.kt",
     'APP_ID: String = "wxd930ea5d5a258f4f"',
     f'APP_ID: String = "{TARGET}"', "app.own_appid",
     ("createWXAPI(context, ", "registerApp(")),
    ("ios/Repay/RepayLauncher.m", 'registerApp:@"wxd930ea5d5a258f4f"',
     f'registerApp:@"{TARGET}"', "app.own_appid", 14),
    ("ios/Repay/RepayLauncher.m", "VS&openid", "VS &openid", "value.space", 2),
    ("ios/Repay/RepayLauncher.m", "?appid=", "?appId=", "key.unknown", 1),
    ("ios/Repay/RepayLauncher.m", "WXMiniProgramTypeRelease",
     "WXMiniProgramTypeTest", "launch.type", 0),
    ("ios/Repay/Launcher.swift", 'appID = "wxd930ea5d5a258f4f"',
     f'appID = "{TARGET}"', "app.own_appid", "registerApp("),
    ("ios/Repay/Launcher.swift", ".release", ".preview", "launch.type", 0),
    ("android/app/src/main/AndroidManifest.xml", '".wxapi.WXEntryActivity"',
     '".wxapi.WXPayEntryActivity"', "manifest.entry", ("<application", 1)),
    ("android/app/src/main/AndroidManifest.xml",
     'WXEntryActivity"\n            android:exported="true"',
     'WXEntryActivity"\n            android:exported="false"',
     "manifest.exported", ('exported="false"', 10)),
    ("android/app/src/main/AndroidManifest.xml", '"singleTask"', '"standard"',
     "manifest.launch_mode", 1),
    ("android/app/src/main/AndroidManifest.xml",
     'taskAffinity="com.example.pay"', 'taskAffinity="com.example"',
     "manifest.task_affinity", 14),
    ("ios/Repay/Info.plist", "<string>wxd930ea5d5a258f4f",
     "<string>wx5e73c65404eee268", "plist.url_scheme", 8),
    ("ios/Repay/Info.plist", "<string>wxd930ea5d5a258f4f",
     "<string>weixin-pay", "plist.url_scheme", ("<key>CFBundleURLTypes", 5)),
]
WARNINGS = {"navigate.env", "launch.type", "manifest.launch_mode",
            "manifest.task_affinity"}


class TestProjects(unittest.TestCase):
    def test_projects_scan_clean(self):
        for project in ("miniprogram", "android", "ios"):
            with self.subTest(project=project):
                code, docs = scan_json(os.path.join(PROJECTS, project))
                self.assertEqual(code, 0)
                for doc in docs:
                    self.assertEqual((doc["errors"], doc["warnings"]), (0, 0),
                                     doc)

    def test_each_bug_alone(self):
        for rel, old, new, want, plus in MUTATIONS:
            with self.subTest(file=rel, code=want), \
                    tempfile.TemporaryDirectory() as tmp:
                root = os.path.join(tmp, "p")
                shutil.copytree(PROJECTS, root)
                path = os.path.join(root, rel)
                text = read(path)
                self.assertEqual(text.count(old.encode()), 1, old)
                text = text.replace(old.encode(), new.encode())
                with open(path, "wb") as f:
                    f.write(text)
                code, docs = scan_json(".", cwd=root)
                self.assertEqual(code, 0 if want in WARNINGS else 1)
                found = [(d["file"], f["code"], f["line"], f["column"])
                         for d in docs for f in d["findings"]
                         if f["severity"] != "note"]
                def at(marker):
                    if isinstance(marker, tuple):  # (text, bytes after it)
                        return text.index(marker[0].encode()) + marker[1]
                    i = text.index(marker.encode())
                    return i + (len(marker) if marker[-1] in " (" else 0)
                if plus is None:
                    offsets = [text.index(b"<navigator") + 1]
                elif isinstance(plus, tuple) and isinstance(plus[1], int):
                    offsets = [at(plus)]
                elif isinstance(plus, tuple):
                    offsets = [at(m) for m in plus]
                elif isinstance(plus, str):
                    offsets = [at(plus)]
                else:
                    offsets = [text.index(new.encode()) + plus]
                self.assertEqual(found, [("./" + rel, want) + place(text, o)
                                         for o in offsets])


class TestWalk(unittest.TestCase):
    def test_skipped_and_links(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = read(os.path.join(SAMPLES, "android.java"))
            for d in ("node_modules/x", "miniprogram_npm", ".git", "build"):
                os.makedirs(os.path.join(tmp, d))
                with open(os.path.join(tmp, d, "A.java"), "wb") as f:
                    f.write(bad)
            os.makedirs(os.path.join(tmp, "src"))
            os.symlink(os.path.join(SAMPLES, "android.java"),
                       os.path.join(tmp, "src", "Link.java"))
            os.symlink(SAMPLES, os.path.join(tmp, "src", "dir"))
            code, docs = scan_json(tmp)
            self.assertEqual((code, docs), (0, []))
            # a file given by name is read, whatever the walk skips
            code, docs = scan_json(os.path.join(tmp, "build", "A.java"))
            self.assertEqual(code, 1)

    def test_configuration_only_beside_the_jump(self):
        manifest = os.path.join(PROJECTS, "android", "app", "src", "main",
                                "AndroidManifest.xml")
        with tempfile.TemporaryDirectory() as tmp:
            bare = read(manifest).replace(b".wxapi.WXEntryActivity", b".X")
            with open(os.path.join(tmp, "AndroidManifest.xml"), "wb") as f:
                f.write(bare)
            # no App code of the jump: not this App's concern
            self.assertEqual(scan_json(tmp), (0, []))
            # named on the command line: read
            code, docs = scan_json(os.path.join(tmp, "AndroidManifest.xml"))
            self.assertEqual([f["code"] for f in docs[0]["findings"]],
                             ["manifest.entry"])
            # beside App code of the jump: read
            shutil.copy(os.path.join(PROJECTS, "android", "app", "src", "main",
                                     "java", "com", "example", "pay",
                                     "RepayLauncher.java"), tmp)
            code, docs = scan_json(tmp)
            self.assertEqual([f["code"] for d in docs for f in d["findings"]],
                             ["manifest.entry"])

    def test_entities_refused(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "Info.plist")
            with open(path, "wb") as f:
                f.write(b'<?xml version="1.0"?>\n<!DOCTYPE plist [\n'
                        b'<!ENTITY a "aaaaaaaaaa">\n'
                        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n'
                        b']>\n<plist><dict><key>k</key><string>&b;</string>'
                        b'</dict></plist>\n')
            code, docs = scan_json(path)
            self.assertEqual([f["code"] for f in docs[0]["findings"]],
                             ["input.unrecognized"])

    def test_usage(self):
        for args in ([], ["/nonexistent/x"], ["--format", "xml", "."],
                     ["--bogus", "."], [os.path.join(HERE, "test_scan.py")]):
            with self.subTest(args=args):
                p = run("scan", *args)
                self.assertEqual(p.returncode, 2, p.stderr)
                self.assertTrue(p.stderr.startswith(b"repayjump"), p.stderr)

    def test_every_source_code(self):
        # every code of source files, each reached by the tests above
        seen = {m[3] for m in MUTATIONS} | {b[2] for b in
                                            TestDocumentSamples.BUGS}
        for code in ("wxml.target", "src.unclosed", "app.own_appid",
                     "manifest.entry", "manifest.exported",
                     "manifest.launch_mode", "manifest.task_affinity",
                     "plist.url_scheme"):
            self.assertIn(code, seen)

    def test_json_shape(self):
        _, docs = scan_json(SAMPLES)
        for doc in docs:
            self.assertEqual(list(doc)[:2], ["file", "kind"])
            for f in doc["findings"]:
                if not f.get("in_value"):
                    self.assertEqual(list(f)[-2:], ["line", "column"])


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        CLI = os.path.abspath(sys.argv.pop(1))
    if not CLI or not os.access(CLI, os.X_OK):
        sys.exit(f"usage: {sys.argv[0]} PATH/TO/repayjump")
    unittest.main(verbosity=2)
