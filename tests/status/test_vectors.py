#!/usr/bin/env python3
"""The library against vectors.json through ctypes: each request byte for
byte (its signature recomputed here with Python's hmac), each answer's
verdict, offset and result.

    test_vectors.py LIBRARY VECTORS
"""
import ctypes
import hashlib
import hmac
import json
import re
import sys
import unittest

LIB = ctypes.CDLL(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    VECTORS = json.load(f)
KEY = VECTORS["key"]

FIELDS = ("appid mchid nonce_str openid sub_appid sub_mchid sub_openid "
          "api_key").split()


class Params(ctypes.Structure):
    _fields_ = [("variant", ctypes.c_int), ("flags", ctypes.c_uint)] + [
        (n, ctypes.c_char_p) for n in FIELDS]


class Query(ctypes.Structure):
    _fields_ = [(n, ctypes.c_char_p)
                for n in ("trade_scene", "jump_scene", "plate_number")]


class Error(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("field", ctypes.c_int),
                ("offset", ctypes.c_size_t), ("message", ctypes.c_char * 192)]


MEMBERS = [("user_state", 64), ("deduct_mode", 64), ("openid", 129),
           ("sub_openid", 129), ("path", 1024), ("plate_number_info", 4096),
           ("plate_number", 64), ("return_msg", 512), ("err_code", 64),
           ("err_code_des", 512)]


class Result(ctypes.Structure):
    _fields_ = [("state", ctypes.c_int)] + [
        (n, ctypes.c_char * size) for n, size in MEMBERS]


def params(d):
    p = Params(d.get("variant", 0), 0)
    for name in FIELDS:
        if name in d:
            setattr(p, name, d[name].encode())
    return p


def recomputed_sign(body):
    fields = dict(re.findall(r"<(\w+)>([^<]*)</\1>", body))
    text = "&".join(f"{k}={v}" for k, v in sorted(fields.items())
                    if k != "sign" and v) + "&key=" + KEY
    return fields["sign"], hmac.new(KEY.encode(), text.encode(),
                                    hashlib.sha256).hexdigest().upper()


def answer_bytes(a):
    return bytes.fromhex(a["hex"]) if isinstance(a, dict) else a.encode()


class Requests(unittest.TestCase):
    def test_every_request_byte_for_byte_and_signed(self):
        variants = set()
        for v in VECTORS["requests"]:
            with self.subTest(variant=v["variant"], query=v["query"]):
                q = Query(*(v["query"].get(k, "").encode() or None
                            for k in ("trade_scene", "jump_scene",
                                      "plate_number")))
                out = ctypes.create_string_buffer(1024)
                n, err = ctypes.c_size_t(), Error()
                rc = LIB.repayjump_status_request(
                    ctypes.byref(params(v["params"])), ctypes.byref(q), out,
                    1024, ctypes.byref(n), ctypes.byref(err))
                self.assertEqual(rc, 0, err.message)
                body = out.value.decode()
                self.assertEqual(body, v["body"])
                self.assertEqual(n.value, len(out.value))
                got, want = recomputed_sign(body)
                self.assertEqual(got, want)
                variants.add(v["variant"])
        self.assertEqual(len(variants), 4)

    def test_a_generated_nonce_is_signed_too(self):
        v = VECTORS["requests"][0]
        p = dict(v["params"])
        del p["nonce_str"], p["openid"]
        out = ctypes.create_string_buffer(1024)
        rc = LIB.repayjump_status_request(
            ctypes.byref(params(p)), ctypes.byref(Query(b"GAS", None, None)),
            out, 1024, None, None)
        # No openid and no plate: refused, naming openid.
        self.assertEqual(rc, -4)
        p["openid"] = "oUpF8uMEb4qRXf22hE3X68TekukE"
        rc = LIB.repayjump_status_request(
            ctypes.byref(params(p)), ctypes.byref(Query(b"GAS", None, None)),
            out, 1024, None, None)
        self.assertEqual(rc, 0)
        body = out.value.decode()
        nonce = re.search(r"<nonce_str>([A-Za-z0-9]{32})</nonce_str>", body)
        self.assertIsNotNone(nonce)
        got, want = recomputed_sign(body)
        self.assertEqual(got, want)


class Answers(unittest.TestCase):
    def test_every_answer_gets_its_verdict(self):
        LIB.repayjump_strerror.restype = ctypes.c_char_p
        statuses = set()
        for v in VECTORS["answers"]:
            with self.subTest(v["name"]):
                a = answer_bytes(v["answer"])
                r, err = Result(), Error()
                rc = LIB.repayjump_status_parse(
                    ctypes.byref(params(VECTORS["identities"][v["identity"]])),
                    a, len(a), ctypes.byref(r), ctypes.byref(err))
                self.assertEqual(rc, v["status"], err.message)
                statuses.add(rc)
                if rc:
                    self.assertEqual(err.status, rc)
                    self.assertNotIn(KEY.encode(), err.message)
                if "offset" in v:
                    self.assertEqual(err.offset, v["offset"], err.message)
                for name, want in v.get("result", {}).items():
                    got = getattr(r, name)
                    if isinstance(got, bytes):
                        got = got.decode()
                    self.assertEqual(got, want, name)
                if rc not in (0, -13, -16):
                    self.assertEqual(r.state, 0)
                    self.assertEqual(r.user_state, b"")
                    self.assertEqual(r.return_msg, b"")
        # Every verdict STATUS.md lists has at least one vector.
        self.assertTrue({0, -5, -10, -11, -12, -13, -14, -15, -16,
                         -17} <= statuses, statuses)


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1], verbosity=1)
