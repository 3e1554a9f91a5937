"""Tests of the Python binding against the real shared library.

Outputs are checked with Python's own json, urllib.parse and hmac; the
expected fields come from the README's variant table, not from the library.
Run from this directory: REPAYJUMP_LIBRARY=.../librepayjump.so.1
/usr/bin/python3 -m unittest -v test_repayjump
"""
import ctypes
import hashlib
import hmac
import json
import os
import pickle
import re
import subprocess
import sys
import traceback
import unittest
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qsl

import repayjump
from repayjump import (Field, Flag, Format, RepayjumpError, Status,
                       StatusResult, UserState, Variant)

# The contract's constants (API.md).
TARGET_APPID = "wx5e73c65404eee268"
TARGET_USERNAME = "gh_5e259b7a73b1"
TARGET_PATH = "pages/invest_list/invest_list"

# The document's example values.
APPID = "wxcbda96de0b165486"
MCHID = "1900009231"
NONCE = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"
SUB_APPID = "wx8888888888888888"
SUB_MCHID = "1900000109"
SUB_OPENID = "oUpF8uN95-Ptaags6E_roPHg7AG0"
KEY = b"7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ"

# README "Variants and outputs": (emitted key, keyword argument), in order.
EMITTED = {
    Variant.V3_MERCHANT: [("appid", "appid"), ("mchid", "mchid"),
                          ("nonce_str", "nonce_str"), ("openid", "openid")],
    Variant.V3_PARTNER: [("appid", "appid"), ("sub_appid", "sub_appid"),
                         ("mchid", "mchid"), ("sub_mch_id", "sub_mchid"),
                         ("nonce_str", "nonce_str"), ("openid", "openid"),
                         ("sub_openid", "sub_openid")],
    Variant.V2_MERCHANT: [("appid", "appid"), ("mch_id", "mchid"),
                          ("nonce_str", "nonce_str"), ("openid", "openid")],
    Variant.V2_PARTNER: [("appid", "appid"), ("sub_appid", "sub_appid"),
                         ("mch_id", "mchid"), ("sub_mch_id", "sub_mchid"),
                         ("nonce_str", "nonce_str"), ("openid", "openid"),
                         ("sub_openid", "sub_openid")],
}
V2 = (Variant.V2_MERCHANT, Variant.V2_PARTNER)


def v2_sign(pairs, key):
    """WeChat Pay's v2 signature, as the README describes it."""
    text = "&".join(f"{k}={v}" for k, v in sorted(pairs) if v)
    text += "&key=" + key.decode()
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest().upper()


def expected_pairs(variant, fields, nonce_str, key=None):
    """The (key, value) pairs a variant emits for fields, in order."""
    values = dict(fields, nonce_str=nonce_str)
    pairs = [(k, values[arg]) for k, arg in EMITTED[variant] if values.get(arg)]
    if variant in V2:
        pairs.append(("sign_type", "HMAC-SHA256"))
        pairs.append(("sign", v2_sign(pairs, key)))
    return pairs


def ordered(text):
    """JSON parsed with every object as its list of pairs, order kept."""
    return json.loads(text, object_pairs_hook=list)


def full_fields(variant):
    fields = {"variant": variant, "appid": APPID, "mchid": MCHID,
              "openid": OPENID}
    if variant in (Variant.V3_PARTNER, Variant.V2_PARTNER):
        fields.update(sub_appid=SUB_APPID, sub_mchid=SUB_MCHID,
                      sub_openid=SUB_OPENID)
    if variant in V2:
        fields["api_key"] = KEY
    return fields


class OutputsTest(unittest.TestCase):
    def check_outputs(self, fields, result):
        """Every output of result parses back to exactly fields."""
        variant = fields.get("variant", Variant.V3_MERCHANT)
        args = {k: v for k, v in fields.items()
                if k not in ("variant", "api_key", "flags")}
        pairs = expected_pairs(variant, args, result.nonce_str,
                               fields.get("api_key"))
        self.assertEqual(ordered(result.extra_data_json), pairs)
        self.assertEqual(ordered(result.navigate_json), [
            ("appId", TARGET_APPID), ("path", TARGET_PATH),
            ("extraData", pairs), ("envVersion", "release")])
        path, _, query = result.app_path.partition("?")
        self.assertEqual(path, TARGET_PATH)
        self.assertEqual(parse_qsl(query, keep_blank_values=True,
                                   strict_parsing=True), pairs)
        self.assertEqual(ordered(result.app_launch_json), [
            ("userName", TARGET_USERNAME), ("path", result.app_path),
            ("miniProgramType", 0)])
        self.assertEqual(result.sign, dict(pairs).get("sign"))
        # Compact: no space, no newline.
        for text in (result.extra_data_json, result.navigate_json,
                     result.app_launch_json):
            self.assertNotIn(" ", text)
            self.assertNotIn("\n", text)

    def test_reference_case(self):
        # API.md's reference App path, byte for byte.
        r = repayjump.compose(appid=APPID, mchid=MCHID, nonce_str=NONCE,
                              openid=OPENID)
        self.assertEqual(
            r.app_path,
            "pages/invest_list/invest_list?appid=wxcbda96de0b165486"
            "&mchid=1900009231&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
            "&openid=oUpF8uMEb4qRXf22hE3X68TekukE")
        self.assertIsNone(r.sign)

    def test_every_variant_all_fields(self):
        for variant in Variant:
            with self.subTest(variant=variant):
                fields = full_fields(variant)
                self.check_outputs(fields, repayjump.compose(**fields))
                fields["nonce_str"] = NONCE
                result = repayjump.compose(**fields)
                self.assertEqual(result.nonce_str, NONCE)
                self.check_outputs(fields, result)

    def test_optional_fields_left_out(self):
        cases = [
            dict(variant=Variant.V3_PARTNER, appid=APPID, mchid=MCHID,
                 sub_mchid=SUB_MCHID, openid=OPENID),
            dict(variant=Variant.V2_PARTNER, appid=APPID, mchid=MCHID,
                 sub_mchid=SUB_MCHID, sub_appid=SUB_APPID,
                 sub_openid=SUB_OPENID, api_key=KEY),
            dict(variant=Variant.V3_MERCHANT, appid=APPID, mchid=MCHID,
                 flags=Flag.ALLOW_NO_OPENID),
            dict(variant=Variant.V2_PARTNER, appid=APPID, mchid=MCHID,
                 sub_mchid=SUB_MCHID, api_key=KEY,
                 flags=Flag.ALLOW_NO_OPENID),
        ]
        for fields in cases:
            with self.subTest(fields=fields):
                self.check_outputs(fields, repayjump.compose(**fields))

    def test_empty_means_absent(self):
        r = repayjump.compose(appid=APPID, mchid=MCHID, openid="",
                              sub_appid="", flags=Flag.ALLOW_NO_OPENID)
        self.assertNotIn("openid", dict(ordered(r.extra_data_json)))

    def test_relaxed_rules(self):
        fields = dict(variant=Variant.V2_MERCHANT, appid="test-app_1",
                      mchid="mch-A_1", openid=OPENID,
                      api_key=b"!relaxed~key\"with'odd#bytes&=?",
                      flags=Flag.RELAXED)
        self.check_outputs(fields, repayjump.compose(**fields))

    def test_bytes_str_and_bytearray_agree(self):
        as_str = repayjump.compose(**dict(full_fields(Variant.V2_PARTNER),
                                          nonce_str=NONCE, api_key=KEY.decode()))
        as_bytes = repayjump.compose(
            variant=Variant.V2_PARTNER, appid=APPID.encode(),
            mchid=bytearray(MCHID.encode()), openid=OPENID.encode(),
            sub_appid=SUB_APPID.encode(), sub_mchid=SUB_MCHID.encode(),
            sub_openid=SUB_OPENID.encode(), nonce_str=NONCE.encode(),
            api_key=bytearray(KEY))
        self.assertEqual(as_str, as_bytes)

    def test_readme_v2_signature(self):
        # The README's APIv2 example, whose sign hmac recomputes here.
        fields = dict(full_fields(Variant.V2_MERCHANT), nonce_str=NONCE)
        r = repayjump.compose(**fields)
        self.assertEqual(
            r.sign, v2_sign([("appid", APPID), ("mch_id", MCHID),
                             ("nonce_str", NONCE), ("openid", OPENID),
                             ("sign_type", "HMAC-SHA256")], KEY))
        self.assertEqual(repayjump.sign(**fields), r.sign)

    def test_render_matches_compose(self):
        for variant in Variant:
            fields = dict(full_fields(variant), nonce_str=NONCE)
            result = repayjump.compose(**fields)
            for fmt in Format:
                with self.subTest(variant=variant, format=fmt):
                    self.assertEqual(repayjump.render(fmt, **fields),
                                     result[fmt + 2])

    def test_validate(self):
        self.assertIsNone(repayjump.validate(appid=APPID, mchid=MCHID,
                                             openid=OPENID))

    def test_fresh_nonces(self):
        seen = set()
        for _ in range(50):
            n = repayjump.compose(appid=APPID, mchid=MCHID,
                                  openid=OPENID).nonce_str
            self.assertRegex(n, r"\A[A-Za-z0-9]{32}\Z")
            seen.add(n)
        self.assertEqual(len(seen), 50)

    def test_nonce_lengths(self):
        for length in (1, 7, 32):
            self.assertRegex(repayjump.nonce(length),
                             rf"\A[A-Za-z0-9]{{{length}}}\Z")
        self.assertEqual(len(repayjump.nonce()), 32)


class ErrorsTest(unittest.TestCase):
    def assertFails(self, status, field, offset, message=None, fn=None,
                    **fields):
        fn = fn or repayjump.compose
        with self.assertRaises(RepayjumpError) as cm:
            fn(**fields)
        e = cm.exception
        self.assertEqual((e.status, e.field, e.offset),
                         (status, field, offset), e.message)
        self.assertIsInstance(e.status, Status)
        self.assertIsInstance(e.field, Field)
        self.assertEqual(e.status_name, "REPAYJUMP_" + Status(status).name)
        self.assertEqual(e.field_name, Field(field).name.lower())
        self.assertEqual(str(e), e.message)
        self.assertNotIn("\n", e.message)
        if field:
            self.assertTrue(e.message.startswith(e.field_name + ": "),
                            e.message)
        if message is not None:
            self.assertEqual(e.message, message)
        return e

    def test_readme_messages(self):
        self.assertFails(Status.E_CHARSET, Field.MCHID, 4,
                         "mchid: byte 4 is 'x'; expected a digit",
                         appid=APPID, mchid="1900x231", openid=OPENID)
        self.assertFails(
            Status.E_FORMAT, Field.APPID, 2,
            "appid: byte 2 is 'C'; expected wx followed by 16 lowercase "
            "hex digits", appid="wxCbda96de0b165486", mchid=MCHID,
            openid=OPENID)
        self.assertFails(
            Status.E_MISSING, Field.OPENID, 0,
            "openid: required by the APIv3 merchant variant; set "
            "REPAYJUMP_ALLOW_NO_OPENID to leave it out",
            appid=APPID, mchid=MCHID)
        self.assertFails(
            Status.E_CHARSET, Field.API_KEY, 8,
            "api_key: byte 8 is not allowed; expected exactly 32 letters "
            "or digits", variant=Variant.V2_MERCHANT, appid=APPID,
            mchid=MCHID, openid=OPENID, api_key=KEY[:8] + b"-" + KEY[9:])

    def test_missing(self):
        self.assertFails(Status.E_MISSING, Field.APPID, 0, mchid=MCHID,
                         openid=OPENID)
        self.assertFails(Status.E_MISSING, Field.MCHID, 0, appid=APPID,
                         openid=OPENID)
        self.assertFails(Status.E_MISSING, Field.SUB_MCHID, 0,
                         variant=Variant.V3_PARTNER, appid=APPID,
                         mchid=MCHID, openid=OPENID)
        self.assertFails(Status.E_MISSING, Field.OPENID, 0,
                         variant=Variant.V3_PARTNER, appid=APPID,
                         mchid=MCHID, sub_mchid=SUB_MCHID)
        self.assertFails(Status.E_MISSING, Field.API_KEY, 0,
                         variant=Variant.V2_MERCHANT, appid=APPID,
                         mchid=MCHID, openid=OPENID)
        self.assertFails(Status.E_MISSING, Field.NONCE_STR, 0,
                         fn=lambda **f: repayjump.render(Format.APP_PATH, **f),
                         appid=APPID, mchid=MCHID, openid=OPENID)

    def test_too_long(self):
        self.assertFails(Status.E_TOO_LONG, Field.OPENID, 32, appid=APPID,
                         mchid=MCHID, openid=OPENID + "weixin")
        self.assertFails(Status.E_TOO_LONG, Field.NONCE_STR, 32, appid=APPID,
                         mchid=MCHID, openid=OPENID, nonce_str=NONCE + "A")
        self.assertFails(Status.E_TOO_LONG, Field.API_KEY, 128,
                         variant=Variant.V2_MERCHANT, appid=APPID,
                         mchid=MCHID, openid=OPENID, api_key=b"k" * 129,
                         flags=Flag.RELAXED)

    def test_charset(self):
        base = dict(appid=APPID, mchid=MCHID, openid=OPENID)
        self.assertFails(Status.E_CHARSET, Field.OPENID, 5,
                         **dict(base, openid="oUpF8=weixin"))
        self.assertFails(Status.E_CHARSET, Field.NONCE_STR, 3,
                         **dict(base, nonce_str="abc def"))
        # Offsets count UTF-8 bytes.
        self.assertFails(Status.E_CHARSET, Field.OPENID, 3,
                         "openid: byte 3 is 0xE4; expected a letter, digit, "
                         "'_' or '-'", **dict(base, openid="abc中"))

    def test_nul_byte_is_refused_not_truncated(self):
        base = dict(appid=APPID, mchid=MCHID, openid=OPENID)
        self.assertFails(Status.E_CHARSET, Field.OPENID, 4,
                         "openid: byte 4 is 0x00; expected a letter, digit, "
                         "'_' or '-'", **dict(base, openid="oUpF\0evil"))
        self.assertFails(Status.E_CHARSET, Field.APPID, 0,
                         **dict(base, appid=b"\0"))
        # A NUL within the first 33 bytes is the error, even in a value
        # that is also too long; one after them is past the limit.
        self.assertFails(Status.E_CHARSET, Field.OPENID, 28,
                         **dict(base, openid=OPENID + "\0" * 10))
        self.assertFails(Status.E_TOO_LONG, Field.OPENID, 32,
                         **dict(base, openid=OPENID + "abcde\0"))
        self.assertFails(Status.E_CHARSET, Field.API_KEY, 31,
                         variant=Variant.V2_MERCHANT, api_key=KEY[:31] + b"\0",
                         **base)

    def test_format(self):
        base = dict(appid=APPID, mchid=MCHID, openid=OPENID)
        self.assertFails(Status.E_FORMAT, Field.APPID, 4,
                         **dict(base, appid="wx12"))
        self.assertFails(Status.E_FORMAT, Field.APPID, 0,
                         **dict(base, appid="xw" + APPID[2:]))
        self.assertFails(Status.E_FORMAT, Field.API_KEY, 31,
                         variant=Variant.V2_MERCHANT, api_key=KEY[:31], **base)
        self.assertFails(Status.E_FORMAT, Field.SUB_APPID, 17,
                         variant=Variant.V3_PARTNER, sub_mchid=SUB_MCHID,
                         sub_appid=SUB_APPID[:17] + "_", **base)

    def test_not_allowed(self):
        base = dict(appid=APPID, mchid=MCHID, openid=OPENID)
        self.assertFails(Status.E_NOT_ALLOWED, Field.SUB_APPID, 0,
                         sub_appid=SUB_APPID, **base)
        self.assertFails(Status.E_NOT_ALLOWED, Field.API_KEY, 0,
                         api_key=KEY, **base)
        self.assertFails(Status.E_NOT_ALLOWED, Field.SUB_OPENID, 0,
                         variant=Variant.V2_MERCHANT, api_key=KEY,
                         sub_openid=SUB_OPENID, **base)

    def test_conflict(self):
        self.assertFails(Status.E_CONFLICT, Field.SUB_OPENID, 0,
                         variant=Variant.V3_PARTNER, appid=APPID, mchid=MCHID,
                         sub_mchid=SUB_MCHID, sub_openid=SUB_OPENID)

    def test_bad_arguments(self):
        base = dict(appid=APPID, mchid=MCHID, openid=OPENID)
        for variant in (4, -1, 1 << 31, -(1 << 40)):
            self.assertFails(Status.E_ARG, Field.NONE, 0, variant=variant,
                             **base)
        # 1 << 32 | 1 would be ALLOW_NO_OPENID if truncated to 32 bits.
        for flags in (4, 1 << 31, (1 << 32) | 1, -1):
            self.assertFails(Status.E_ARG, Field.NONE, 0, flags=flags,
                             **dict(base, openid=None))
        for fmt in (4, -1, 1 << 32):
            self.assertFails(Status.E_ARG, Field.NONE, 0, nonce_str=NONCE,
                             fn=lambda **f: repayjump.render(fmt, **f), **base)
        self.assertFails(Status.E_ARG, Field.NONE, 0, fn=repayjump.sign,
                         nonce_str=NONCE, **base)
        for length in (0, 33, -1):
            self.assertFails(Status.E_ARG, Field.NONE, 0,
                             fn=lambda: repayjump.nonce(length))

    def test_wrong_types(self):
        with self.assertRaisesRegex(TypeError, "mchid"):
            repayjump.compose(appid=APPID, mchid=1900009231, openid=OPENID)
        with self.assertRaisesRegex(TypeError, "api_key"):
            repayjump.compose(variant=Variant.V2_MERCHANT, appid=APPID,
                              mchid=MCHID, openid=OPENID, api_key=123)
        with self.assertRaises(TypeError):
            repayjump.compose(appid=APPID, mch_id=MCHID)

    def test_error_pickles(self):
        try:
            repayjump.compose(appid=APPID, mchid="19x", openid=OPENID)
        except RepayjumpError as e:
            copy = pickle.loads(pickle.dumps(e))
            self.assertEqual((copy.status, copy.field, copy.offset,
                              copy.message),
                             (e.status, e.field, e.offset, e.message))

    def test_field_names_are_the_library_s(self):
        lib = repayjump._library()
        for field in Field:
            # SIGN_TYPE and SIGN are a check finding's only, not
            # repayjump_field's: repayjump_check_field_name names them.
            name = (lib.check_field_name(field)
                    if field in (Field.SIGN_TYPE, Field.SIGN)
                    else lib.field_name(field))
            self.assertEqual(name.decode(), field.name.lower())

    def test_status_texts(self):
        texts = {repayjump.strerror(s) for s in Status}
        self.assertEqual(len(texts), len(Status))
        self.assertEqual(repayjump.strerror(-100), "unknown status")


class SecretTest(unittest.TestCase):
    """The api_key never in a message, a repr or a traceback."""

    SECRET = b"S3cr3tK3yS3cr3tK3yS3cr3tK3yS3cr3"

    def test_key_never_shown(self):
        k = self.SECRET
        base = dict(variant=Variant.V2_MERCHANT, appid=APPID, mchid=MCHID,
                    openid=OPENID)
        failing = [
            dict(base, api_key=k[:31]),                      # format
            dict(base, api_key=k + b"x"),                    # too long
            dict(base, api_key=k[:5] + b" " + k[6:]),        # charset
            dict(base, api_key=k[:5] + b"\0" + k[6:]),       # NUL
            dict(base, api_key=k, mchid="bad"),              # another field
            dict(base, api_key=k, variant=Variant.V3_MERCHANT),  # not allowed
            dict(base, api_key=k + b"\xff" * 100, flags=Flag.RELAXED),
        ]
        fragments = [k[i:i + 6].decode("latin-1") for i in range(0, 27, 3)]
        for fields in failing:
            with self.subTest(fields=fields["api_key"][:3]):
                with self.assertRaises(RepayjumpError) as cm:
                    repayjump.compose(**fields)
                e = cm.exception
                shown = "".join([str(e), repr(e), repr(e.args)] +
                                traceback.format_exception(e))
                for fragment in fragments:
                    self.assertNotIn(fragment, shown)
        ok = repayjump.compose(**dict(base, api_key=k))
        for fragment in fragments:
            self.assertNotIn(fragment, repr(ok) + str(ok))

    def test_binding_copy_is_wiped(self):
        call = repayjump._fields_call(variant=Variant.V2_MERCHANT,
                                      api_key=bytearray(self.SECRET))
        copy = call.key
        self.assertEqual(copy.value, self.SECRET)
        call.wipe()
        self.assertEqual(copy.raw, bytes(len(self.SECRET) + 1))


class ConcurrencyTest(unittest.TestCase):
    def test_many_threads(self):
        def work(i):
            variant = Variant(i % 4)
            fields = full_fields(variant)
            r = repayjump.compose(**fields)
            OutputsTest.check_outputs(self, fields, r)
            return r.nonce_str, repayjump.nonce(), repayjump.nonce(16)

        with ThreadPoolExecutor(max_workers=8) as pool:
            got = list(pool.map(work, range(800)))
        nonces = [n for row in got for n in row]
        self.assertEqual(len(nonces), 2400)
        self.assertEqual(len(set(nonces)), 2400)
        for n in nonces:
            self.assertRegex(n, r"\A[A-Za-z0-9]{16,32}\Z")


    def test_forked_workers_get_their_own_nonces(self):
        # Worker processes forked after the parent made nonces must not
        # repeat the parent's, nor each other's.
        parent = [repayjump.nonce() for _ in range(10)]
        readers = []
        for _ in range(4):
            r, w = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: report 50 nonces, then leave at once
                try:
                    os.close(r)
                    os.write(w, " ".join(
                        repayjump.compose(appid=APPID, mchid=MCHID,
                                          openid=OPENID).nonce_str
                        for _ in range(50)).encode())
                finally:
                    os._exit(0)
            os.close(w)
            readers.append((pid, r))
        nonces = parent + [repayjump.nonce() for _ in range(10)]
        for pid, r in readers:
            with os.fdopen(r, "rb") as f:
                got = f.read().decode().split()
            os.waitpid(pid, 0)
            self.assertEqual(len(got), 50)
            nonces += got
        self.assertEqual(len(set(nonces)), 220)


# The document's App paths, verbatim (/work is not needed: copied here).
IOS_PATH = ("pages/invest_list/invest_list?mch_id=1900009231"
            "&appid=wxcbda96de0b165486"
            "&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS "
            "&openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin")
ANDROID_PATH = ("pages/invest_list/invest_list?mchid=1900009231"
                "&appid=wxcbda96de0b165486"
                "&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
                "&openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin")
EXTRA_DATA = {"appid": APPID, "mchid": MCHID, "nonce_str": NONCE,
              "openid": OPENID}


class CheckTest(unittest.TestCase):
    def codes(self, result):
        return [f.code for f in result.findings]

    def assertAt(self, finding, text, needle, key):
        """finding is at the first needle of text, in UTF-8 bytes."""
        data = text.encode()
        self.assertEqual(finding.offset, data.find(needle.encode()), finding)
        self.assertGreaterEqual(finding.length, 1)
        self.assertTrue(needle.encode().startswith(
            data[finding.offset:finding.offset + finding.length]), finding)
        self.assertEqual(finding.key, key)
        self.assertFalse(finding.in_value)

    def assertClean(self, result, notes=()):
        self.assertEqual(self.codes(result), list(notes), result.findings)
        self.assertEqual((result.errors, result.warnings, result.notes),
                         (0, 0, len(notes)))
        self.assertTrue(result.ok)

    def test_ios_path_of_the_document(self):
        r = repayjump.check(IOS_PATH)
        self.assertEqual(self.codes(r),
                         ["key.version", "value.space", "value.equals"])
        self.assertEqual((r.kind, r.variant),
                         ("app_path", Variant.V3_MERCHANT))
        self.assertEqual((r.errors, r.warnings, r.notes), (3, 0, 0))
        self.assertFalse(r.ok)
        version, space, equals = r.findings
        self.assertAt(version, IOS_PATH, "mch_id", "mch_id")
        self.assertEqual(version.length, len("mch_id"))
        self.assertAt(space, IOS_PATH, " &openid", "nonce_str")
        self.assertEqual(space.length, 1)
        self.assertAt(equals, IOS_PATH, "=weixin", "openid")
        self.assertEqual((version.field, space.field, equals.field),
                         (Field.MCHID, Field.NONCE_STR, Field.OPENID))
        for f in r.findings:
            self.assertEqual(f.severity, "error")
            self.assertTrue(f.message and f.fix, f)
            self.assertNotIn("\n", f.message + f.fix)

    def test_android_path_of_the_document(self):
        r = repayjump.check(ANDROID_PATH)
        self.assertEqual(self.codes(r), ["value.equals"])
        self.assertAt(r.findings[0], ANDROID_PATH, "=weixin", "openid")
        self.assertEqual(r.variant, Variant.V3_MERCHANT)

    def test_bare_query_and_bytes(self):
        query = ANDROID_PATH.partition("?")[2]
        for text in (query, query.encode(), bytearray(query.encode())):
            r = repayjump.check(text)
            self.assertEqual(r.kind, "query")
            self.assertEqual(self.codes(r), ["value.equals"])
            self.assertAt(r.findings[0], query, "=weixin", "openid")

    def test_number_in_a_mapping_is_not_a_string(self):
        r = repayjump.check(dict(EXTRA_DATA, mchid=1900009231))
        self.assertEqual(self.codes(r), ["json.not_string"])
        f = r.findings[0]
        self.assertEqual((f.key, f.field, f.severity),
                         ("mchid", Field.MCHID, "error"))
        self.assertIn('"1900009231"', f.fix)
        self.assertIsNone(r.kind)

    def test_every_json_type_is_sent_as_json_text(self):
        # A scalar's fix quotes its JSON text; a list or dict is only named.
        for value, text in ((True, '"true"'), (None, '"null"'),
                            (1.5, '"1.5"'), ([1, "a"], None),
                            ({"x": 1}, None)):
            with self.subTest(value=value):
                r = repayjump.check(dict(EXTRA_DATA, nonce_str=value))
                self.assertEqual(self.codes(r), ["json.not_string"])
                self.assertEqual(r.findings[0].key, "nonce_str")
                if text:
                    self.assertIn(text, r.findings[0].fix)

    def test_mapping_values_are_checked(self):
        r = repayjump.check(dict(EXTRA_DATA, openid=OPENID + "=weixin"))
        self.assertEqual(self.codes(r), ["value.equals"])
        f = r.findings[0]
        self.assertTrue(f.in_value)
        self.assertEqual((f.key, f.offset), ("openid", len(OPENID)))
        self.assertClean(repayjump.check(EXTRA_DATA))

    def test_pairs_keep_repeated_keys(self):
        text = json.dumps(dict(EXTRA_DATA))[:-1] + ',"appid":"%s"}' % APPID
        r = repayjump.check(json.loads(text, object_pairs_hook=list))
        self.assertEqual(self.codes(r), ["key.duplicate"])
        self.assertEqual(r.findings[0].key, "appid")

    def test_nul_bytes_reach_the_library(self):
        nul_openid = "oUpF\0evil"
        r = repayjump.check(dict(EXTRA_DATA, openid=nul_openid))
        self.assertEqual(self.codes(r), ["value.rule"])
        self.assertEqual((r.findings[0].key, r.findings[0].offset,
                          r.findings[0].in_value), ("openid", 4, True))
        self.assertRegex(r.findings[0].message, "byte 4 is (a NUL byte|0x00)")
        path = ANDROID_PATH.replace("kukE=weixin", "ku\0E")
        r = repayjump.check(path)
        self.assertEqual(self.codes(r), ["value.rule"])
        self.assertEqual(r.findings[0].offset, path.index("\0"))
        self.assertRegex(r.findings[0].message, "is (a NUL byte|0x00)")

    def test_offsets_count_utf8_bytes(self):
        # The space comes after 中, three bytes in UTF-8.
        path = ("pages/invest_list/invest_list?mchid=1900009231"
                "&appid=wxcbda96de0b165486&openid=中kukE&nonce_str=5K82 64")
        r = repayjump.check(path)
        self.assertEqual(self.codes(r), ["value.rule", "value.space"])
        for f, char in zip(r.findings, "中 "):
            self.assertEqual(f.offset, len(path[:path.index(char)].encode()))
        self.assertEqual(r.findings[1].offset, path.index(" ") + 2)
        r = repayjump.check(dict(EXTRA_DATA, openid="ab中c"))
        self.assertEqual((r.findings[0].offset, r.findings[0].in_value),
                         (2, True))

    def test_every_compose_output_checks_clean(self):
        cases = [full_fields(v) for v in Variant] + [
            dict(variant=Variant.V3_PARTNER, appid=APPID, mchid=MCHID,
                 sub_mchid=SUB_MCHID, openid=OPENID),
            dict(variant=Variant.V3_MERCHANT, appid=APPID, mchid=MCHID,
                 flags=Flag.ALLOW_NO_OPENID),
            dict(variant=Variant.V2_PARTNER, appid=APPID, mchid=MCHID,
                 sub_mchid=SUB_MCHID, sub_appid=SUB_APPID,
                 sub_openid=SUB_OPENID, api_key=KEY)]
        for fields in cases:
            r = repayjump.compose(**fields)
            key = fields.get("api_key")
            flags = fields.get("flags", Flag.NONE)
            inputs = [r.app_path, json.loads(r.extra_data_json),
                      json.loads(r.navigate_json)["extraData"],
                      json.loads(r.app_launch_json)["path"]]
            for given in inputs:
                with self.subTest(fields=fields, input=given):
                    checked = repayjump.check(given, flags=flags, api_key=key)
                    self.assertClean(checked)
                    self.assertEqual(checked.variant, fields["variant"])
                    if key:  # without the key: one note, still ok
                        self.assertClean(repayjump.check(given, flags=flags),
                                         ["sign.unverified"])
            # Explicitly the variant compose used: clean as well.
            self.assertClean(repayjump.check(r.app_path, api_key=key,
                                             variant=fields["variant"],
                                             flags=flags))

    def test_wrong_key_is_a_mismatch_and_never_shown(self):
        wrong = b"W0ngK3yW0ngK3yW0ngK3yW0ngK3yW0ng"
        r = repayjump.compose(**full_fields(Variant.V2_MERCHANT))
        checked = repayjump.check(r.app_path, api_key=bytearray(wrong))
        self.assertEqual(self.codes(checked), ["sign.mismatch"])
        self.assertAt(checked.findings[0], r.app_path, r.sign, "sign")
        shown = repr(checked) + str(checked)
        for key in (wrong, KEY):
            for i in range(0, 27, 3):
                self.assertNotIn(key[i:i + 6].decode(), shown)

    def test_more_findings_than_the_first_storage(self):
        keys = [f"zz{i}" for i in range(45)]
        query = "&".join(f"{k}=1" for k in keys)
        r = repayjump.check(query)
        unknown = [f for f in r.findings if f.code == "key.unknown"]
        self.assertEqual([f.key for f in unknown], keys)
        for f in unknown:
            self.assertEqual(f.offset, query.index(f.key + "="))
        self.assertGreater(len(r.findings), 45)
        self.assertEqual(r.errors + r.warnings + r.notes, len(r.findings))

    def test_key_with_a_nul_is_refused(self):
        with self.assertRaises(RepayjumpError) as cm:
            repayjump.check(IOS_PATH, api_key=b"abc\0def")
        e = cm.exception
        self.assertEqual((e.status, e.field, e.offset),
                         (Status.E_CHARSET, Field.API_KEY, 3))
        self.assertNotIn("abc", str(e) + repr(e))

    def test_bad_options(self):
        for variant in (4, -2):
            with self.assertRaises(RepayjumpError) as cm:
                repayjump.check(IOS_PATH, variant=variant)
            self.assertEqual(cm.exception.status, Status.E_ARG)
        with self.assertRaises(RepayjumpError) as cm:
            repayjump.check(IOS_PATH, flags=8)  # 4 asks for the expected sign
        self.assertEqual(cm.exception.status, Status.E_ARG)
        with self.assertRaises(TypeError):
            repayjump.check({1: "x"})
        with self.assertRaises(TypeError):
            repayjump.check(12)

    def test_empty_input(self):
        r = repayjump.check("")
        self.assertEqual(self.codes(r), ["input.empty"])
        self.assertFalse(r.ok)

    def test_codes_are_the_library_s(self):
        codes = repayjump.check_codes()
        self.assertEqual(codes["value.space"], "error")
        self.assertEqual(codes["path.leading_slash"], "warning")
        self.assertEqual(codes["sign.unverified"], "note")
        self.assertGreaterEqual(len(codes), 37)  # CHECK.md's table
        self.assertEqual(set(codes.values()), {"error", "warning", "note"})
        for path in (IOS_PATH, "/" + ANDROID_PATH, "a&&b"):
            for f in repayjump.check(path).findings:
                self.assertEqual(codes[f.code], f.severity, f)

    def test_many_threads_agree(self):
        inputs = [IOS_PATH, ANDROID_PATH, dict(EXTRA_DATA, mchid=1),
                  "&".join(f"k{i}=v" for i in range(40))]
        expected = [repayjump.check(i) for i in inputs]
        with ThreadPoolExecutor(max_workers=8) as pool:
            got = list(pool.map(lambda n: repayjump.check(inputs[n % 4]),
                                range(800)))
        for n, r in enumerate(got):
            self.assertEqual(r, expected[n % 4])


    def test_navigate_argument_of_the_document(self):
        # The AppID with a space, a nonce with one: each where it is.
        r = repayjump.check({
            "appId": TARGET_APPID + " ", "path": TARGET_PATH,
            "extraData": dict(EXTRA_DATA, nonce_str=NONCE + " ")})
        self.assertEqual((r.kind, r.variant),
                         ("navigate", Variant.V3_MERCHANT))
        self.assertEqual(self.codes(r), ["navigate.app_id", "value.space"])
        app_id, space = r.findings
        self.assertEqual((app_id.key, app_id.offset, app_id.in_value),
                         ("appId", 18, True))
        self.assertEqual((space.key, space.field, space.offset,
                          space.in_value),
                         ("extraData.nonce_str", Field.NONCE_STR, 32, True))

    def test_extra_data_encoded_twice_has_its_members_checked(self):
        text = json.dumps(dict(EXTRA_DATA, nonce_str=NONCE + " "))
        for given in (text, text.encode()):
            with self.subTest(given=given):
                r = repayjump.check({"appId": TARGET_APPID,
                                     "path": TARGET_PATH,
                                     "extraData": given})
                self.assertEqual(self.codes(r),
                                 ["navigate.extra_data", "value.space"])
                self.assertEqual([f.key for f in r.findings],
                                 ["extraData", "extraData.nonce_str"])

    def test_extra_data_that_is_no_object_is_one_pair(self):
        for given in ("[1,2]", "null", '"{}"', 12, [EXTRA_DATA],
                      b"\xef\xbb\xbf{}", "{oops", b"{\xff}"):
            with self.subTest(given=given):
                r = repayjump.check({"appId": TARGET_APPID,
                                     "path": TARGET_PATH,
                                     "extraData": given})
                self.assertEqual(r.findings[0].code, "navigate.extra_data")
                self.assertEqual(r.findings[0].key, "extraData")
                # Starting with {, it looks encoded twice: its fields
                # are missing.
                twice = given in ("{oops", b"{\xff}")
                self.assertEqual(set(self.codes(r)[1:]),
                                 {"field.missing"} if twice else set())

    def test_only_the_top_level_extra_data_is_flattened(self):
        inner = dict(EXTRA_DATA, extraData={"nonce_str": NONCE + " "})
        r = repayjump.check({"appId": TARGET_APPID, "path": TARGET_PATH,
                             "extraData": inner})
        self.assertEqual(self.codes(r), ["key.unknown"])
        self.assertEqual(r.findings[0].key, "extraData.extraData")
        # A member's nested value is its JSON text, as a top-level one's.
        r = repayjump.check({"extraData": dict(EXTRA_DATA,
                                               openid={"a": [1]})})
        self.assertEqual(self.codes(r), ["json.not_string",
                                         "navigate.app_id", "navigate.path"])
        self.assertEqual(r.findings[0].key, "extraData.openid")
        # Elsewhere a nested value stays one pair.
        r = repayjump.check(dict(EXTRA_DATA,
                                 openid={"nonce_str": NONCE + " "}))
        self.assertEqual(self.codes(r), ["json.not_string"])
        self.assertEqual(r.findings[0].key, "openid")
        self.assertIsNone(r.kind)

    def test_app_launch_request(self):
        path = TARGET_PATH + "?" + "&".join(
            f"{k}={v}" for k, v in EXTRA_DATA.items())
        r = repayjump.check({"userName": TARGET_USERNAME, "path": path,
                             "miniProgramType": 0})
        self.assertEqual(r.kind, "app_launch")
        self.assertClean(r)
        r = repayjump.check({"userName": TARGET_USERNAME, "path": path,
                             "miniProgramType": "0"})
        self.assertEqual(self.codes(r), ["launch.type"])
        self.assertEqual(r.findings[0].key, "miniProgramType")


# The objects' shared vectors (tests/objects/vectors.json), whose path ctest
# passes in REPAYJUMP_OBJECT_VECTORS; by hand, the source tree's.
OBJECT_VECTORS_PATH = os.environ.get("REPAYJUMP_OBJECT_VECTORS") or \
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                 "tests", "objects", "vectors.json")
VARIANT_NAMES = {Variant.V3_MERCHANT: "v3", Variant.V3_PARTNER: "v3-partner",
                 Variant.V2_MERCHANT: "v2", Variant.V2_PARTNER: "v2-partner",
                 None: None}


def field_name(finding):
    """A finding's field as the vectors name it, None for none."""
    return None if finding.field == Field.NONE else finding.field_name


class ObjectsTest(unittest.TestCase):
    """Every object of the shared vectors, parsed with json (a dict keeps
    the order) and checked as a mapping: its kind, variant and findings, in
    order."""

    def test_vectors(self):
        with open(OBJECT_VECTORS_PATH, encoding="utf-8") as f:
            cases = json.load(f)["cases"]
        self.assertGreaterEqual(len(cases), 12)
        for case in cases:
            with self.subTest(case=case["name"]):
                r = repayjump.check(case["input"])
                self.assertEqual(r.kind, case["kind"])
                self.assertEqual(VARIANT_NAMES[r.variant], case["variant"])
                got = [[f.code, field_name(f)] for f in r.findings]
                self.assertEqual(got, case["findings"], r.findings)
                self.assertEqual(r.errors + r.warnings + r.notes,
                                 len(r.findings))

    def test_the_sign_is_a_field_of_a_finding(self):
        r = repayjump.check(
            "appid=wxcbda96de0b165486&mch_id=1900009231"
            "&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
            "&openid=oUpF8uMEb4qRXf22hE3X68TekukE&sign_type=HMAC-SHA256")
        missing = [f for f in r.findings if f.code == "sign.missing"]
        self.assertEqual(len(missing), 1, r.findings)
        self.assertIs(missing[0].field, Field.SIGN)
        self.assertEqual(missing[0].field_name, "sign")
        # Every other field keeps repayjump_field_name's name.
        for field in (Field.NONE, Field.NONCE_STR, Field.API_KEY):
            self.assertEqual(missing[0]._replace(field=field).field_name,
                             field.name.lower())


# The status query's shared vectors (tests/status/vectors.json), whose path
# ctest passes in REPAYJUMP_STATUS_VECTORS; by hand, the source tree's.
VECTORS_PATH = os.environ.get("REPAYJUMP_STATUS_VECTORS") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "status",
    "vectors.json")
with open(VECTORS_PATH, encoding="utf-8") as _f:
    VECTORS = json.load(_f)
STATUS_KEY = VECTORS["key"]
# STATUS.md: the URLs of each variant, primary and backup host.
STATUS_URLS = {
    Variant.V3_MERCHANT: "/vehicle/pay/querystate",
    Variant.V3_PARTNER: "/vehicle/partnerpay/querystate",
    Variant.V2_MERCHANT: "/vehicle/pay/querystate",
    Variant.V2_PARTNER: "/vehicle/partnerpay/querystate",
}


def answer_of(vector):
    """An answer's bytes: raw ones are given as {"hex": ...}."""
    a = vector["answer"]
    return bytes.fromhex(a["hex"]) if isinstance(a, dict) else a.encode()


def identity(name):
    return dict(VECTORS["identities"][name])


def request_fields(body):
    """The request's elements, read with Python's own XML parser: a flat
    <xml> root, one element per field, in order."""
    root = ET.fromstring(body)
    assert root.tag == "xml" and not root.attrib, body
    for child in root:
        assert len(child) == 0 and not child.attrib, body
    return [(child.tag, child.text or "") for child in root]


def status_sign(pairs, key=STATUS_KEY):
    """WeChat Pay's APIv2 signature over every non-empty field but sign."""
    text = "&".join(f"{k}={v}" for k, v in sorted(pairs)
                    if k != "sign" and v)
    return hmac.new(key.encode(), f"{text}&key={key}".encode(),
                    hashlib.sha256).hexdigest().upper()


class StatusTest(unittest.TestCase):
    """The status query against the shared vectors: every request byte for
    byte and signed as hmac signs it, every answer's verdict."""

    def assertSigned(self, body):
        pairs = request_fields(body)
        self.assertEqual(pairs[-1][0], "sign")
        self.assertEqual(pairs[-1][1], status_sign(pairs))
        return dict(pairs)

    def test_every_request_byte_for_byte_and_signed(self):
        variants = set()
        for v in VECTORS["requests"]:
            with self.subTest(variant=v["variant"], query=v["query"]):
                body = repayjump.status_request(**v["params"], **v["query"])
                self.assertIsInstance(body, str)
                self.assertEqual(body, v["body"])
                fields = self.assertSigned(body)
                self.assertEqual(fields["sign_type"], "HMAC-SHA256")
                self.assertEqual(fields["version"], "3.0")
                self.assertEqual(fields["nonce_str"], v["params"]["nonce_str"])
                for name, value in v["query"].items():
                    self.assertEqual(fields[name], value)
                self.assertLessEqual(len(body.encode()),
                                     repayjump.STATUS_REQUEST_MAX - 1)
                variants.add(v["params"]["variant"])
        self.assertEqual(variants, set(Variant))

    def test_a_generated_nonce_is_signed_too(self):
        names = {Variant.V3_MERCHANT: "v3", Variant.V3_PARTNER: "v3-partner",
                 Variant.V2_MERCHANT: "v2", Variant.V2_PARTNER: "v2-partner"}
        seen = set()
        for variant, name in names.items():
            fields = dict(identity(name), openid=OPENID)
            self.assertEqual(fields["variant"], variant)
            for _ in range(5):
                body = repayjump.status_request(trade_scene="GAS", **fields)
                got = self.assertSigned(body)
                self.assertRegex(got["nonce_str"], r"\A[A-Za-z0-9]{32}\Z")
                seen.add(got["nonce_str"])
        self.assertEqual(len(seen), 20)

    def test_key_as_bytes_bytearray_or_str(self):
        v = VECTORS["requests"][0]
        for key in (STATUS_KEY, STATUS_KEY.encode(),
                    bytearray(STATUS_KEY.encode())):
            fields = dict(v["params"], api_key=key)
            self.assertEqual(repayjump.status_request(**fields, **v["query"]),
                             v["body"])

    def test_every_answer_gets_its_verdict(self):
        statuses = set()
        for v in VECTORS["answers"]:
            with self.subTest(v["name"]):
                fields = identity(v["identity"])
                want = v.get("result") or {}
                if v["status"] == 0:
                    r = repayjump.status_parse(answer_of(v), **fields)
                    self.assertIsInstance(r, StatusResult)
                    self.assertIsInstance(r.state, UserState)
                    for name, value in want.items():
                        self.assertEqual(getattr(r, name), value, name)
                    self.assertEqual(r.user_state, want.get("user_state",
                                                            r.user_state))
                    self.assertEqual(r.repay, r.state == UserState.OVERDUE)
                    statuses.add(0)
                    continue
                with self.assertRaises(RepayjumpError) as cm:
                    repayjump.status_parse(answer_of(v), **fields)
                e = cm.exception
                statuses.add(int(e.status))
                self.assertEqual(e.status, v["status"], e.message)
                self.assertIsInstance(e.status, Status)
                if "offset" in v:
                    self.assertEqual(e.offset, v["offset"], e.message)
                self.assertNotIn("\n", e.message)
                shown = str(e) + repr(e) + "".join(
                    traceback.format_exception(e))
                self.assertNotIn(STATUS_KEY, shown)
                if e.status in (Status.E_RETURN_FAIL, Status.E_RESULT_FAIL):
                    for name in ("return_msg", "err_code", "err_code_des"):
                        self.assertIsInstance(getattr(e, name), str)
                        if name in want:
                            self.assertEqual(getattr(e, name), want[name])
                        self.assertIn(repr(getattr(e, name)), repr(e))
                    if e.status == Status.E_RETURN_FAIL:  # unsigned: no more
                        self.assertEqual((e.err_code, e.err_code_des),
                                         ("", ""))
                else:
                    self.assertEqual((e.return_msg, e.err_code,
                                      e.err_code_des), (None, None, None))
        self.assertEqual(statuses, {0, -5, -10, -11, -12, -13, -14, -15,
                                    -16, -17})

    def test_states_and_their_names(self):
        lib = repayjump._library()
        for state in UserState:
            name = lib.user_state_name(state).decode()
            self.assertEqual(name, "unknown" if state == UserState.UNKNOWN
                             else state.name)
        states = {v["result"]["user_state"]: v["result"]["state"]
                  for v in VECTORS["answers"]
                  if v["status"] == 0 and "user_state" in v.get("result", {})}
        self.assertEqual(states, {"OVERDUE": 3, "NORMAL": 1, "PAUSED": 2,
                                  "UNAUTHORIZED": 4, "FROZEN": 0})

    def test_answer_as_bytes_bytearray_memoryview_or_str(self):
        v = VECTORS["answers"][0]
        fields = identity(v["identity"])
        data = answer_of(v)
        want = repayjump.status_parse(data, **fields)
        for given in (bytearray(data), memoryview(data), data.decode()):
            self.assertEqual(repayjump.status_parse(given, **fields), want)
        with self.assertRaises(TypeError):
            repayjump.status_parse(12, **fields)
        # The key decides: another one is a signature mismatch.
        with self.assertRaises(RepayjumpError) as cm:
            repayjump.status_parse(data, **dict(fields,
                                                api_key=KEY.decode()))
        self.assertEqual(cm.exception.status, Status.E_SIGNATURE)

    def test_urls(self):
        for variant, path in STATUS_URLS.items():
            self.assertEqual(repayjump.status_url(variant),
                             "https://api.mch.weixin.qq.com" + path)
            self.assertEqual(repayjump.status_url(variant, backup=True),
                             "https://api2.mch.weixin.qq.com" + path)
        self.assertEqual(repayjump.status_url(),
                         repayjump.status_url(Variant.V3_MERCHANT))
        for variant in (4, -1):
            with self.assertRaises(RepayjumpError) as cm:
                repayjump.status_url(variant)
            self.assertEqual((cm.exception.status, cm.exception.field),
                             (Status.E_ARG, Field.NONE))

    def assertRefused(self, status, field, offset, message=None, **fields):
        args = dict(identity("v3"), openid=OPENID, trade_scene="PARKING")
        args.update(fields)
        with self.assertRaises(RepayjumpError) as cm:
            repayjump.status_request(**args)
        e = cm.exception
        self.assertEqual((e.status, e.field, e.offset),
                         (status, field, offset), e.message)
        self.assertEqual(e.field_name, Field(field).name.lower())
        if message is not None:
            self.assertEqual(e.message, message)
        return e

    def test_request_refusals(self):
        # The key is required in every variant, APIv3 included.
        for name in ("v3", "v3-partner", "v2", "v2-partner"):
            self.assertRefused(Status.E_MISSING, Field.API_KEY, 0,
                               **dict(identity(name), api_key=None))
        self.assertRefused(Status.E_MISSING, Field.TRADE_SCENE, 0,
                           "trade_scene: required by the status query",
                           trade_scene="")
        self.assertRefused(Status.E_MISSING, Field.TRADE_SCENE, 0,
                           trade_scene=None)
        self.assertRefused(Status.E_FORMAT, Field.TRADE_SCENE, 0,
                           trade_scene="BOAT")
        self.assertRefused(Status.E_CHARSET, Field.TRADE_SCENE, 0,
                           trade_scene="parking")
        self.assertRefused(Status.E_FORMAT, Field.JUMP_SCENE, 0,
                           jump_scene="WEB")
        self.assertRefused(Status.E_FORMAT, Field.PLATE_NUMBER, 0,
                           plate_number="AB888888")
        # Offsets count UTF-8 bytes: 粤 is three.
        self.assertRefused(Status.E_TOO_LONG, Field.PLATE_NUMBER, 10,
                           plate_number="粤B8888888")
        self.assertRefused(Status.E_MISSING, Field.OPENID, 0,
                           openid=None)
        self.assertRefused(Status.E_ARG, Field.NONE, 0, variant=4)
        self.assertRefused(Status.E_ARG, Field.NONE, 0, flags=8)
        # Relaxed rules: other scenes and plates.
        body = repayjump.status_request(
            **dict(identity("v3"), openid=OPENID, flags=Flag.RELAXED,
                   trade_scene="CAR_WASH", jump_scene="MP2",
                   plate_number="abc"))
        self.assertIn("<trade_scene>CAR_WASH</trade_scene>", body)
        self.assertSigned(body)

    def test_nul_bytes_are_refused_where_they_are(self):
        self.assertRefused(
            Status.E_CHARSET, Field.TRADE_SCENE, 4,
            "trade_scene: byte 4 is 0x00; expected an uppercase letter or a "
            "space", trade_scene="PARK\0ING")
        self.assertRefused(Status.E_CHARSET, Field.JUMP_SCENE, 1,
                           jump_scene="A\0P")
        self.assertRefused(
            Status.E_CHARSET, Field.PLATE_NUMBER, 5,
            "plate_number: byte 5 is 0x00; expected an uppercase letter or "
            "digit", plate_number="粤B8\x008888")
        self.assertRefused(Status.E_CHARSET, Field.OPENID, 2,
                           openid="oU\0x")
        self.assertRefused(Status.E_CHARSET, Field.API_KEY, 31,
                           api_key=STATUS_KEY[:31] + "\0")

    def test_wrong_types(self):
        with self.assertRaisesRegex(TypeError, "trade_scene"):
            repayjump.status_request(trade_scene=1, **identity("v3"),
                                     openid=OPENID)
        with self.assertRaisesRegex(TypeError, "plate_number"):
            repayjump.status_request(trade_scene="GAS", plate_number=1,
                                     **identity("v3"))
        with self.assertRaises(TypeError):
            repayjump.status_request(**identity("v3"), openid=OPENID)
        with self.assertRaises(TypeError):
            repayjump.status_parse(b"<xml/>", trade_scene="GAS",
                                   **identity("v3"))

    def test_identity_errors_in_parse(self):
        v = VECTORS["answers"][0]
        with self.assertRaises(RepayjumpError) as cm:
            repayjump.status_parse(answer_of(v), **dict(identity("v3"),
                                                        api_key=None))
        self.assertEqual((cm.exception.status, cm.exception.field),
                         (Status.E_MISSING, Field.API_KEY))
        with self.assertRaises(RepayjumpError) as cm:
            repayjump.status_parse(answer_of(v), **dict(identity("v3"),
                                                        mchid="19x"))
        self.assertEqual((cm.exception.status, cm.exception.field),
                         (Status.E_CHARSET, Field.MCHID))

    def test_key_never_shown(self):
        secret = "S3cr3tK3yS3cr3tK3yS3cr3tK3yS3cr3"
        fragments = [secret[i:i + 6] for i in range(0, 27, 3)]
        base = dict(identity("v2"), openid=OPENID, trade_scene="GAS")
        failing = [dict(base, api_key=secret[:31]),
                   dict(base, api_key=secret + "x"),
                   dict(base, api_key=secret[:5] + " " + secret[6:]),
                   dict(base, api_key=secret, jump_scene="WEB"),
                   dict(base, api_key=secret, flags=Flag.RELAXED,
                        trade_scene="x")]
        errors = []
        for fields in failing:
            with self.assertRaises(RepayjumpError) as cm:
                repayjump.status_request(**fields)
            errors.append(cm.exception)
        for v in VECTORS["answers"]:
            if v["status"]:
                with self.assertRaises(RepayjumpError) as cm:
                    repayjump.status_parse(answer_of(v), **dict(
                        identity(v["identity"]), api_key=secret))
                errors.append(cm.exception)
        for e in errors:
            shown = "".join([str(e), repr(e), repr(e.args)] +
                            traceback.format_exception(e))
            for fragment in fragments:
                self.assertNotIn(fragment, shown)
        ok = repayjump.status_request(**dict(base, api_key=secret))
        for fragment in fragments:
            self.assertNotIn(fragment, ok)

    def test_error_with_wechat_words_pickles(self):
        v = next(v for v in VECTORS["answers"] if v["status"] == -16)
        with self.assertRaises(RepayjumpError) as cm:
            repayjump.status_parse(answer_of(v), **identity(v["identity"]))
        e = cm.exception
        copy = pickle.loads(pickle.dumps(e))
        self.assertEqual(repr(copy), repr(e))
        self.assertEqual(copy.err_code_des, "系统错误")

    def test_result_layout_is_the_library_s(self):
        lib = repayjump._library()
        self.assertEqual(ctypes.sizeof(lib.CStatusResult),
                         lib.status_result_size)
        # Each member as the header sizes it (no function gives them).
        header = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              "..", "..", "include", "repayjump.h")
        with open(header, encoding="utf-8") as f:
            sizes = dict(re.findall(
                r"#define REPAYJUMP_STATUS_(\w+)_MAX[\s\\]+(\d+)", f.read()))
        macro = {"user_state": "CODE", "deduct_mode": "CODE",
                 "plate_number": "CODE", "err_code": "CODE", "openid": "ID",
                 "sub_openid": "ID", "path": "PATH",
                 "plate_number_info": "INFO", "return_msg": "TEXT",
                 "err_code_des": "TEXT"}
        for name, size in repayjump._STATUS_MEMBERS:
            self.assertEqual(size, int(sizes[macro[name]]), name)
            self.assertEqual(getattr(lib.CStatusResult, name).size, size)
        self.assertEqual(repayjump.ANSWER_MAX, 16384)
        self.assertEqual(repayjump.STATUS_REQUEST_MAX, 1024)

    def test_many_threads_at_once(self):
        requests = VECTORS["requests"]
        answers = VECTORS["answers"]

        def work(i):
            v = requests[i % len(requests)]
            body = repayjump.status_request(**v["params"], **v["query"])
            a = answers[i % len(answers)]
            try:
                got = repayjump.status_parse(answer_of(a),
                                             **identity(a["identity"]))
                verdict = (0, got.user_state)
            except RepayjumpError as e:
                verdict = (int(e.status), e.offset)
            fresh = repayjump.status_request(
                trade_scene="GAS", openid=OPENID, **identity("v2"))
            return body == v["body"], verdict, fresh

        expected = {}
        for n, a in enumerate(answers):
            try:
                got = repayjump.status_parse(answer_of(a),
                                             **identity(a["identity"]))
                expected[n] = (0, got.user_state)
            except RepayjumpError as e:
                expected[n] = (int(e.status), e.offset)
        with ThreadPoolExecutor(max_workers=8) as pool:
            got = list(pool.map(work, range(400)))
        nonces = set()
        for i, (same, verdict, fresh) in enumerate(got):
            self.assertTrue(same, i)
            self.assertEqual(verdict, expected[i % len(answers)])
            nonces.add(self.assertSigned(fresh)["nonce_str"])
        self.assertEqual(len(nonces), 400)


class LibraryTest(unittest.TestCase):
    def run_with_library(self, path):
        env = dict(os.environ, REPAYJUMP_LIBRARY=path)
        code = ("import repayjump\n"
                "try:\n"
                "    repayjump.nonce()\n"
                "except repayjump.LibraryNotFoundError as e:\n"
                "    print(e)\n")
        return subprocess.run([sys.executable, "-c", code], env=env,
                              capture_output=True, text=True, timeout=60,
                              cwd=os.path.dirname(repayjump.__file__))

    def test_missing_library_names_the_variable(self):
        for path in ("/nonexistent/librepayjump.so.1", __file__):
            with self.subTest(path=path):
                p = self.run_with_library(path)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertIn("REPAYJUMP_LIBRARY", p.stdout)
                self.assertIn(path, p.stdout)
                self.assertIn("librepayjump.so.1", p.stdout)

    def test_version_and_constants(self):
        n = repayjump.version_number()
        self.assertEqual(repayjump.version(),
                         f"{n >> 16}.{(n >> 8) & 255}.{n & 255}")
        self.assertEqual(repayjump.__version__, repayjump.version())
        self.assertEqual(repayjump.TARGET_APPID, TARGET_APPID)
        self.assertEqual(repayjump.TARGET_USERNAME, TARGET_USERNAME)
        self.assertEqual(repayjump.TARGET_PATH, TARGET_PATH)
        self.assertEqual(repayjump.OUTPUT_MAX, 1024)
        self.assertEqual(repayjump.FIELD_MAX, 32)
        with self.assertRaises(AttributeError):
            repayjump.NO_SUCH_CONSTANT


if __name__ == "__main__":
    unittest.main()
