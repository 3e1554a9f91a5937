#!/usr/bin/env python3
"""Every allocation of `repayjump check`, failed in turn: each run ends
with exit 3 and a message, or gives exactly the verdict of a run where
nothing failed. Never a different verdict.

    test_alloc.py PATH/TO/repayjump PATH/TO/failalloc.so

The shim (failalloc.c) fails the allocation numbered REPAYJUMP_FAIL_ALLOC
and writes how many allocations the run made to REPAYJUMP_ALLOC_COUNT.
"""

import os
import subprocess
import sys
import tempfile
import unittest

CLI = SHIM = None
SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "samples")
PAGE = "pages/invest_list/invest_list"


def sample(name):
    with open(os.path.join(SAMPLES, name), "rb") as f:
        return f.read()


# (arguments, standard input): the document's samples and one of each kind.
CASES = [
    (["check", "--format", "json"], sample("extra_data.js")),
    (["check"], sample("extra_data.js")),
    (["check", "--format", "json"], sample("ios_path.txt")),
    (["check", "--lines"], sample("memcheck_lines.txt")),
    (["check", "--format", "json"],
     b'{"appId": "wx5e73c65404eee268 ", "path": "' + PAGE.encode() +
     b'", "extraData": {"appid": "x", "appid": "y", "nonce_str": 1}}'),
    (["check", "--format", "json"],
     b"const a = {appId: 'wx5e73c65404eee268', path: '" + PAGE.encode() +
     b"', extraData: {appid: wxcbda96de0b165486, mchid: '1 2',"
     b" openid: this.data.openid, nonce_str: 'a\\x20b'}}"),
    (["check", "--format", "json"],
     sample("../../scan/samples/android.java")),
    (["check"], sample("../../scan/samples/navigator.wxml")),
    (["scan", os.path.join(SAMPLES, "..", "..", "scan", "samples")], b""),
    (["scan", "--format", "json",
      os.path.join(SAMPLES, "..", "..", "scan", "projects")], b""),
]


def run(args, stdin, fail_at, count_file):
    env = dict(os.environ, LD_PRELOAD=SHIM, REPAYJUMP_FAIL_ALLOC=str(fail_at),
               REPAYJUMP_ALLOC_COUNT=count_file)
    env.pop("REPAYJUMP_API_KEY", None)
    p = subprocess.run([CLI, *args], input=stdin, env=env,
                       capture_output=True, timeout=60, check=False)
    with open(count_file) as f:
        return p, int(f.read())


class TestEveryAllocationFails(unittest.TestCase):
    def test_each_allocation_in_turn(self):
        with tempfile.TemporaryDirectory() as tmp:
            count_file = os.path.join(tmp, "count")
            for args, stdin in CASES:
                good, total = run(args, stdin, 0, count_file)
                self.assertIn(good.returncode, (0, 1), good.stderr)
                self.assertGreater(total, 0)
                for n in range(1, total + 1):
                    with self.subTest(args=args, input=stdin[:40], fail=n):
                        p, _ = run(args, stdin, n, count_file)
                        if p.returncode == 3:
                            self.assertIn(b"out of memory", p.stderr)
                            continue
                        self.assertEqual(
                            (p.returncode, p.stdout, p.stderr),
                            (good.returncode, good.stdout, good.stderr))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(f"usage: {sys.argv[0]} PATH/TO/repayjump PATH/TO/failalloc.so")
    CLI = os.path.abspath(sys.argv.pop(1))
    SHIM = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
