"""Benchmark: the binding's compose against the same job in pure Python.

The job, both ways: an APIv3 merchant's four outputs (extraData JSON,
navigateToMiniProgram JSON, App path, App launch JSON) with a fresh
32-character nonce. Pure Python uses json.dumps, urllib.parse.urlencode and
secrets.choice, and checks nothing; further rows add the field rules as
regular expressions (what the binding's validation replaces), and make the
nonce from one read of random bytes as the library does, instead of one
secrets.choice (one system call) a character.

    REPAYJUMP_LIBRARY=build/librepayjump.so.1 python3 bench.py [--quick]

Prints the median CPU ns per operation over several repeats, and each row's
time relative to the binding (above 1: slower than the binding).
"""
import argparse
import json
import re
import secrets
import string
import time
from urllib.parse import parse_qsl, urlencode

import repayjump

APPID = "wxcbda96de0b165486"
MCHID = "1900009231"
OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"
ALPHABET = string.ascii_letters + string.digits
TARGET_APPID = "wx5e73c65404eee268"
TARGET_USERNAME = "gh_5e259b7a73b1"
TARGET_PATH = "pages/invest_list/invest_list"
COMPACT = (",", ":")


def binding_compose():
    return repayjump.compose(appid=APPID, mchid=MCHID, openid=OPENID)


def pure_nonce():
    """The usual way: one secrets.choice (one os.urandom call) a character."""
    return "".join(secrets.choice(ALPHABET) for _ in range(32))


def pure_nonce_one_read():
    """As the library does it: one read of 64 random bytes, bytes of 248
    and above skipped so that each character is equally likely."""
    while True:
        chars = [ALPHABET[b % 62] for b in secrets.token_bytes(64) if b < 248]
        if len(chars) >= 32:
            return "".join(chars[:32])


def pure_compose(nonce_str=None, make_nonce=pure_nonce):
    if nonce_str is None:
        nonce_str = make_nonce()
    fields = {"appid": APPID, "mchid": MCHID, "nonce_str": nonce_str,
              "openid": OPENID}
    app_path = TARGET_PATH + "?" + urlencode(fields)
    return (json.dumps(fields, separators=COMPACT),
            json.dumps({"appId": TARGET_APPID, "path": TARGET_PATH,
                        "extraData": fields, "envVersion": "release"},
                       separators=COMPACT),
            app_path,
            json.dumps({"userName": TARGET_USERNAME, "path": app_path,
                        "miniProgramType": 0}, separators=COMPACT))


# The strict rules of the README, for the validated pure row.
APPID_RULE = re.compile(r"wx[0-9a-f]{16}")
MCHID_RULE = re.compile(r"[0-9]{1,32}")
OPENID_RULE = re.compile(r"[A-Za-z0-9_-]{1,32}")


def pure_validated_compose():
    if not (APPID_RULE.fullmatch(APPID) and MCHID_RULE.fullmatch(MCHID)
            and OPENID_RULE.fullmatch(OPENID)):
        raise ValueError("invalid field")
    return pure_compose()


def pure_compose_one_read():
    return pure_compose(make_nonce=pure_nonce_one_read)


def binding_nonce():
    return repayjump.nonce()


def check_same_job():
    """With the same nonce, both composes' outputs parse the same."""
    r = binding_compose()
    extra, navigate, path, launch = pure_compose(r.nonce_str)
    assert json.loads(r.extra_data_json) == json.loads(extra) == {
        "appid": APPID, "mchid": MCHID, "nonce_str": r.nonce_str,
        "openid": OPENID}
    assert json.loads(r.navigate_json) == json.loads(navigate)
    assert json.loads(r.app_launch_json) == json.loads(launch)
    assert (r.app_path.split("?")[0] == path.split("?")[0] == TARGET_PATH)
    assert (parse_qsl(r.app_path.split("?")[1]) ==
            parse_qsl(path.split("?")[1]) ==
            list(json.loads(extra).items()))


def medians_ns(fns, iterations, repeats):
    """Median over repeats of the process's CPU time per call of each fn.
    The fns take turns within each repeat, so that a change in the machine's
    load (shared machines) falls on all of them alike, and CPU time counts
    other processes' load less than wall time does."""
    times = [[] for _ in fns]
    for _ in range(repeats):
        for fn, samples in zip(fns, times):
            start = time.process_time_ns()
            for _ in range(iterations):
                fn()
            samples.append((time.process_time_ns() - start) / iterations)
    return [sorted(samples)[len(samples) // 2] for samples in times]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="a few iterations, to check that it runs")
    parser.add_argument("--iterations", type=int, default=10000)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    iterations, repeats = ((50, 3) if args.quick
                           else (args.iterations, args.repeats))

    check_same_job()
    rows = [
        ("compose, all four outputs", [
            ("repayjump binding", binding_compose),
            ("pure Python", pure_compose),
            ("pure Python + regex checks", pure_validated_compose),
            ("pure Python, one-read nonce", pure_compose_one_read)]),
        ("nonce, 32 characters", [
            ("repayjump binding", binding_nonce),
            ("secrets.choice x 32", pure_nonce),
            ("one secrets.token_bytes(64)", pure_nonce_one_read)]),
    ]
    print(f"repayjump {repayjump.version()}, {iterations} iterations, "
          f"median of {repeats} repeats, CPU time")
    print(f"{'job':<27} {'implementation':<28} {'ns/op':>9} {'vs binding':>11}")
    for job, impls in rows:
        medians = medians_ns([fn for _, fn in impls], iterations, repeats)
        for (name, _), ns in zip(impls, medians):
            print(f"{job:<27} {name:<28} {ns:>9.0f} {ns / medians[0]:>10.2f}x")
            job = ""


if __name__ == "__main__":
    main()
