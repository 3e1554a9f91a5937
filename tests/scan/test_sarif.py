#!/usr/bin/python3
"""`repayjump scan --format sarif` against the official SARIF 2.1.0 schema
(OASIS, sarif-schema-2.1.0.json beside this file), with Debian's
python3-jsonschema: the document's samples and every test project, each
result where the JSON report places it.

    test_sarif.py PATH/TO/repayjump
"""

import json
import os
import subprocess
import sys
import unittest

import jsonschema

CLI = None
HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "sarif-schema-2.1.0.json")) as f:
    SCHEMA = json.load(f)

PATHS = [os.path.join(HERE, "samples"),
         os.path.join(HERE, "samples", "android.java")] + [
    os.path.join(HERE, "projects", p) for p in ("miniprogram", "android", "ios")]


def scan(fmt, path):
    p = subprocess.run([CLI, "scan", "--format", fmt, path],
                       capture_output=True, timeout=120, check=False)
    assert p.returncode in (0, 1) and p.stderr == b"", p
    return p


class TestSarif(unittest.TestCase):
    def test_valid_and_placed(self):
        codes = None
        for path in PATHS:
            with self.subTest(path=path):
                p = scan("sarif", path)
                log = json.loads(p.stdout)
                jsonschema.validate(log, SCHEMA)
                self.assertEqual(log["version"], "2.1.0")
                self.assertEqual(len(log["runs"]), 1)
                run = log["runs"][0]
                rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
                if codes is None:
                    codes = rules
                self.assertEqual(rules, codes)
                self.assertIn("app.own_appid", rules)
                # each result as the JSON report has it, relative to path
                want = []
                for line in scan("json", path).stdout.decode().splitlines():
                    doc = json.loads(line)
                    rel = os.path.relpath(doc["file"], path) \
                        if os.path.isdir(path) else os.path.basename(path)
                    for f in doc["findings"]:
                        want.append((f["code"], f["severity"], rel,
                                     f.get("line"), f.get("column")))
                got = []
                for r in run["results"]:
                    self.assertEqual(rules[r["ruleIndex"]], r["ruleId"])
                    self.assertIn(". Fix: ", r["message"]["text"])
                    loc = r["locations"][0]["physicalLocation"]
                    region = loc["region"]
                    got.append((r["ruleId"], r["level"],
                                loc["artifactLocation"]["uri"],
                                region["startLine"], region["startColumn"]))
                    self.assertGreaterEqual(region["endColumn"],
                                            region["startColumn"])
                self.assertEqual(got, want)
                self.assertEqual(p.returncode, 1 if any(
                    w[1] == "error" for w in want) else 0)


if __name__ == "__main__":
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):
        CLI = os.path.abspath(sys.argv.pop(1))
    if not CLI or not os.access(CLI, os.X_OK):
        sys.exit(f"usage: {sys.argv[0]} PATH/TO/repayjump")
    unittest.main(verbosity=2)
