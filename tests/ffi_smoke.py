#!/usr/bin/env python3
"""The shared library through a foreign runtime's FFI, as bindings load it.

Loads REPAYJUMP_LIBRARY with ctypes and runs with the environment every
binding test gets (REPAYJUMP_FFI_ENV), so that in an address-sanitized build
an out-of-bounds access in the library aborts this interpreter with a
report: the check that the LD_PRELOAD of the sanitizer runtime works.
Outputs are read back with Python's own json and urllib.parse.
"""

import ctypes
import json
import os
import sys
import unittest
import urllib.parse

APPID = "wxcbda96de0b165486"
MCHID = "1900009231"
NONCE = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"
ALNUM = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

# Sizes from repayjump.h: REPAYJUMP_FIELD_MAX, _SIGN_LEN, _OUTPUT_MAX,
# _MESSAGE_MAX (the first and third are also checked against the library).
FIELD_MAX, SIGN_LEN, OUTPUT_MAX, MESSAGE_MAX = 32, 64, 1024, 192


class Params(ctypes.Structure):
    _fields_ = [("variant", ctypes.c_int), ("flags", ctypes.c_uint)] + [
        (name, ctypes.c_char_p)
        for name in ("appid", "mchid", "nonce_str", "openid", "sub_appid",
                     "sub_mchid", "sub_openid", "api_key")
    ]


class Error(ctypes.Structure):
    _fields_ = [("status", ctypes.c_int), ("field", ctypes.c_int),
                ("offset", ctypes.c_size_t),
                ("message", ctypes.c_char * MESSAGE_MAX)]


class Result(ctypes.Structure):
    _fields_ = [("nonce_str", ctypes.c_char * (FIELD_MAX + 1)),
                ("sign", ctypes.c_char * (SIGN_LEN + 1))] + [
        (name, ctypes.c_char * OUTPUT_MAX)
        for name in ("extra_data_json", "navigate_json", "app_path",
                     "app_launch_json")
    ]


def load():
    lib = ctypes.CDLL(os.environ["REPAYJUMP_LIBRARY"])
    lib.repayjump_compose.argtypes = [ctypes.POINTER(Params),
                                      ctypes.POINTER(Result),
                                      ctypes.POINTER(Error)]
    lib.repayjump_validate.argtypes = [ctypes.POINTER(Params),
                                       ctypes.POINTER(Error)]
    lib.repayjump_field_name.argtypes = [ctypes.c_int]
    lib.repayjump_field_name.restype = ctypes.c_char_p
    lib.repayjump_output_max.restype = ctypes.c_size_t
    lib.repayjump_field_max.restype = ctypes.c_size_t
    return lib


LIB = load()


def params(**fields):
    return Params(**{k: v.encode() for k, v in fields.items()})


class FfiSmoke(unittest.TestCase):
    def test_sizes_match_the_library(self):
        self.assertEqual(LIB.repayjump_output_max(), OUTPUT_MAX)
        self.assertEqual(LIB.repayjump_field_max(), FIELD_MAX)

    def test_compose_reference_case(self):
        p = params(appid=APPID, mchid=MCHID, nonce_str=NONCE, openid=OPENID)
        r, err = Result(), Error()
        self.assertEqual(LIB.repayjump_compose(p, r, err), 0)
        fields = {"appid": APPID, "mchid": MCHID, "nonce_str": NONCE,
                  "openid": OPENID}
        self.assertEqual(
            r.app_path.decode(),
            "pages/invest_list/invest_list?" + urllib.parse.urlencode(fields))
        self.assertEqual(json.loads(r.extra_data_json), fields)
        navigate = json.loads(r.navigate_json)
        self.assertEqual(navigate["extraData"], fields)
        launch = json.loads(r.app_launch_json)
        self.assertEqual(launch["path"], r.app_path.decode())

    def test_compose_fresh_nonce(self):
        p = params(appid=APPID, mchid=MCHID, openid=OPENID)
        seen = set()
        for _ in range(50):
            r = Result()
            self.assertEqual(LIB.repayjump_compose(p, r, None), 0)
            nonce = r.nonce_str.decode()
            self.assertEqual(len(nonce), FIELD_MAX)
            self.assertLessEqual(set(nonce), ALNUM)
            query = urllib.parse.parse_qs(
                urllib.parse.urlsplit(r.app_path.decode()).query)
            self.assertEqual(query["nonce_str"], [nonce])
            seen.add(nonce)
        self.assertEqual(len(seen), 50)

    def test_validate_failure(self):
        p = params(appid=APPID, mchid="1900x231", openid=OPENID)
        err = Error()
        self.assertEqual(LIB.repayjump_validate(p, err), -6)  # E_CHARSET
        self.assertEqual(err.status, -6)
        self.assertEqual(LIB.repayjump_field_name(err.field), b"mchid")
        self.assertEqual(err.offset, 4)
        self.assertEqual(err.message,
                         b"mchid: byte 4 is 'x'; expected a digit")

    def test_field_names_out_of_range(self):
        for field in (-1, 12, 1000):
            self.assertEqual(LIB.repayjump_field_name(field), b"none")


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1] + sys.argv[1:], verbosity=2)
