"""Property tests of repayjump through its Python binding (Hypothesis).

The expected outputs and errors are derived here from the README's tables
("Variants and outputs", "Field rules", the status table), not from the
library: random valid fields must round-trip through json and
urllib.parse; one field broken in a random way must give the exact status,
field and offset; APIv2 signatures must equal Python's own hmac.

Deterministic (derandomize=True, no example database), so CI sees the same
examples every run. Run with REPAYJUMP_LIBRARY set:
    /usr/bin/python3 -m unittest -v test_properties
"""
import hashlib
import hmac
import json
import os
import string
import sys
import unittest
from urllib.parse import parse_qsl

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "examples", "python"))
import repayjump  # noqa: E402
from repayjump import Field, Flag, Format, Status, Variant  # noqa: E402


def fixed(max_examples):
    return settings(max_examples=max_examples, derandomize=True,
                    deadline=None, database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow])


# ---- the rules, from the README's "Field rules" table ----

DIGITS = string.digits.encode()
LOWER_HEX = b"0123456789abcdef"
ALNUM = (string.ascii_letters + string.digits).encode()
ID = ALNUM + b"_-"
GRAPH = bytes(range(0x21, 0x7F))  # printable ASCII, no space
EVERY_BYTE = bytes(range(256))
APPID_LEN = 18  # "wx" + 16 lowercase hex digits

# Longest value of a field: the document's string(32); 128 for a relaxed
# api_key. Values are checked length first, then alphabet, then shape.
# The fields of repayjump_params (the status query's own come after them).
PARAM_FIELDS = tuple(f for f in Field if Field.NONE < f <= Field.API_KEY)
MAX_LEN = {f: 32 for f in PARAM_FIELDS}


def max_len(field, relaxed):
    return 128 if field == Field.API_KEY and relaxed else MAX_LEN[field]


def alphabet(field, relaxed):
    """The bytes a field's value may hold. A strict AppID's alphabet is the
    id alphabet; its wx+16 hex shape is checked after (API.md: E_FORMAT for
    a strict appid)."""
    if field in (Field.APPID, Field.SUB_APPID):
        return ID
    if field in (Field.MCHID, Field.SUB_MCHID):
        return ID if relaxed else DIGITS
    if field == Field.NONCE_STR:
        return ALNUM
    if field in (Field.OPENID, Field.SUB_OPENID):
        return ID
    return GRAPH if relaxed else ALNUM  # api_key


def has_shape(field, relaxed):
    return not relaxed and field in (Field.APPID, Field.SUB_APPID,
                                     Field.API_KEY)


KEYWORD = {f: f.name.lower() for f in PARAM_FIELDS}
PARTNER = (Variant.V3_PARTNER, Variant.V2_PARTNER)
V2 = (Variant.V2_MERCHANT, Variant.V2_PARTNER)


def used_fields(variant):
    """README: which fields each variant takes."""
    fields = [Field.APPID, Field.MCHID, Field.NONCE_STR, Field.OPENID]
    if variant in PARTNER:
        fields += [Field.SUB_APPID, Field.SUB_MCHID, Field.SUB_OPENID]
    if variant in V2:
        fields.append(Field.API_KEY)
    return fields


# README "Variants and outputs": emitted keys in order, with their source.
EMITTED = {
    Variant.V3_MERCHANT: [("appid", Field.APPID), ("mchid", Field.MCHID),
                          ("nonce_str", Field.NONCE_STR),
                          ("openid", Field.OPENID)],
    Variant.V3_PARTNER: [("appid", Field.APPID),
                         ("sub_appid", Field.SUB_APPID),
                         ("mchid", Field.MCHID),
                         ("sub_mch_id", Field.SUB_MCHID),
                         ("nonce_str", Field.NONCE_STR),
                         ("openid", Field.OPENID),
                         ("sub_openid", Field.SUB_OPENID)],
    Variant.V2_MERCHANT: [("appid", Field.APPID), ("mch_id", Field.MCHID),
                          ("nonce_str", Field.NONCE_STR),
                          ("openid", Field.OPENID)],
    Variant.V2_PARTNER: [("appid", Field.APPID),
                         ("sub_appid", Field.SUB_APPID),
                         ("mch_id", Field.MCHID),
                         ("sub_mch_id", Field.SUB_MCHID),
                         ("nonce_str", Field.NONCE_STR),
                         ("openid", Field.OPENID),
                         ("sub_openid", Field.SUB_OPENID)],
}
TARGET_APPID = "wx5e73c65404eee268"
TARGET_USERNAME = "gh_5e259b7a73b1"
TARGET_PATH = "pages/invest_list/invest_list"


def as_text(value):
    return value.decode() if isinstance(value, bytes) else value


def v2_sign(pairs, key):
    """README "v2 signing": sorted k=v&...&key=KEY, HMAC-SHA256, upper hex."""
    text = "&".join(f"{k}={v}" for k, v in sorted(pairs) if v).encode()
    text += b"&key=" + key
    return hmac.new(key, text, hashlib.sha256).hexdigest().upper()


def expected_pairs(case, nonce_str):
    values = {f: as_text(case.get(KEYWORD[f])) for f in PARAM_FIELDS}
    values[Field.NONCE_STR] = nonce_str
    pairs = [(k, values[f]) for k, f in EMITTED[case["variant"]]
             if values[f]]
    if case["variant"] in V2:
        key = case["api_key"]
        key = key.encode() if isinstance(key, str) else key
        pairs.append(("sign_type", "HMAC-SHA256"))
        pairs.append(("sign", v2_sign(pairs, key)))
    return pairs


# ---- valid values ----

def text_of(chars, min_size, max_size):
    """Bytes from chars, of a length often at the bounds."""
    sizes = st.one_of(st.sampled_from(sorted({min_size, max_size})),
                      st.integers(min_size, max_size))
    return sizes.flatmap(lambda n: st.lists(
        st.sampled_from(chars), min_size=n, max_size=n).map(bytes))


def valid_value(field, relaxed):
    if field in (Field.APPID, Field.SUB_APPID) and not relaxed:
        return text_of(LOWER_HEX, 16, 16).map(lambda h: b"wx" + h)
    if field == Field.API_KEY and not relaxed:
        return text_of(ALNUM, 32, 32)
    return text_of(alphabet(field, relaxed), 1, max_len(field, relaxed))


@st.composite
def valid_case(draw, variants=tuple(Variant), with_nonce=None):
    """Keyword arguments of compose that satisfy every rule."""
    variant = draw(st.sampled_from(variants))
    relaxed = draw(st.booleans())
    allow_no_openid = draw(st.booleans())
    case = {"variant": variant,
            "flags": (Flag.RELAXED if relaxed else Flag.NONE) |
                     (Flag.ALLOW_NO_OPENID if allow_no_openid else Flag.NONE)}

    def put(field):
        value = draw(valid_value(field, relaxed))
        # Values cross as str or as bytes alike.
        case[KEYWORD[field]] = value.decode() if draw(st.booleans()) else value

    put(Field.APPID)
    put(Field.MCHID)
    if with_nonce or (with_nonce is None and draw(st.booleans())):
        put(Field.NONCE_STR)
    if variant in PARTNER:
        put(Field.SUB_MCHID)
        if draw(st.booleans()):
            put(Field.SUB_APPID)
        # At least one openid unless allowed; sub_openid needs sub_appid.
        openids = [Field.OPENID]
        if "sub_appid" in case:
            openids.append(Field.SUB_OPENID)
        chosen = draw(st.sets(st.sampled_from(openids),
                              min_size=0 if allow_no_openid else 1))
        for field in sorted(chosen):
            put(field)
    elif not allow_no_openid or draw(st.booleans()):
        put(Field.OPENID)
    if variant in V2:
        put(Field.API_KEY)
    return case


def relaxed_of(case):
    return bool(case["flags"] & Flag.RELAXED)


# ---- one field broken ----

@st.composite
def broken_case(draw):
    """(case, (status, field, offset)): a valid case with exactly one field
    broken, and the error the README's rules give for it."""
    case = draw(valid_case())
    variant, relaxed = case["variant"], relaxed_of(case)
    used = used_fields(variant)
    kinds = ["too_long", "bad_byte", "missing", "not_allowed"]
    if any(has_shape(f, relaxed) for f in used):
        kinds.append("shape")
    if variant in PARTNER:
        kinds.append("conflict")
    kind = draw(st.sampled_from(kinds))
    # Not every kind applies to every variant; fall back to a bad byte.
    if kind == "not_allowed" and variant == Variant.V2_PARTNER:
        kind = "bad_byte"
    absent = draw(st.sampled_from([None, "", b""]))

    if kind == "too_long":
        field = draw(st.sampled_from(used))
        limit = max_len(field, relaxed)
        # The first limit + 1 bytes allowed, then any bytes at all, NUL
        # included: a wrong byte past the limit is never reached.
        allowed = alphabet(field, relaxed)
        head = draw(text_of(allowed, limit + 1, limit + 1))
        tail = draw(text_of(EVERY_BYTE, 0, 39))
        case[KEYWORD[field]] = head + tail
        return case, (Status.E_TOO_LONG, field, limit)

    if kind == "bad_byte":
        field = draw(st.sampled_from(used))
        value = bytearray(draw(valid_value(field, relaxed)))
        allowed = alphabet(field, relaxed)
        outside = bytes(b for b in EVERY_BYTE if b not in allowed)
        positions = draw(st.sets(st.integers(0, len(value) - 1), min_size=1,
                                 max_size=3))
        for i in positions:
            value[i] = draw(st.sampled_from(outside))
        case[KEYWORD[field]] = bytes(value)
        return case, (Status.E_CHARSET, field, min(positions))

    if kind == "shape":
        field = draw(st.sampled_from([f for f in used
                                      if has_shape(f, relaxed)]))
        value, offset = draw(wrong_shape(field))
        case[KEYWORD[field]] = value
        return case, (Status.E_FORMAT, field, offset)

    if kind == "missing":
        required = [Field.APPID, Field.MCHID]
        if variant in PARTNER:
            required.append(Field.SUB_MCHID)
        if variant in V2:
            required.append(Field.API_KEY)
        field = draw(st.sampled_from(required + [Field.OPENID]))
        if field == Field.OPENID:
            # README: openid (partner: openid or sub_openid) is required
            # unless REPAYJUMP_ALLOW_NO_OPENID.
            case["flags"] &= ~Flag.ALLOW_NO_OPENID
            case["openid"] = absent
            case.pop("sub_openid", None)
        else:
            case[KEYWORD[field]] = absent
        return case, (Status.E_MISSING, field, 0)

    if kind == "not_allowed":
        unused = [f for f in PARAM_FIELDS if f not in used]
        field = draw(st.sampled_from(unused))
        # Whatever the value, even one its own rule would refuse.
        case[KEYWORD[field]] = draw(text_of(EVERY_BYTE, 1, 40))
        return case, (Status.E_NOT_ALLOWED, field, 0)

    # conflict: sub_openid without the sub_appid it belongs to.
    case["sub_appid"] = absent
    if not case.get("sub_openid"):
        case["sub_openid"] = draw(valid_value(Field.SUB_OPENID, relaxed))
    return case, (Status.E_CONFLICT, Field.SUB_OPENID, 0)


@st.composite
def wrong_shape(draw, field):
    """(value, offset): right alphabet, wrong shape. Offset: the first wrong
    byte, or the length when the value ends too early."""
    if field == Field.API_KEY:  # strict: exactly 32 letters or digits
        value = draw(text_of(ALNUM, 1, 31))
        return value, len(value)
    good = b"wx" + draw(text_of(LOWER_HEX, 16, 16))
    how = draw(st.sampled_from(["short", "long", "byte"]))
    if how == "short":
        n = draw(st.integers(1, APPID_LEN - 1))
        return good[:n], n
    if how == "long":
        return good + draw(text_of(ID, 1, 32 - APPID_LEN)), APPID_LEN
    i = draw(st.integers(0, APPID_LEN - 1))
    fits = b"w" if i == 0 else b"x" if i == 1 else LOWER_HEX
    value = bytearray(good)
    value[i] = draw(st.sampled_from(bytes(b for b in ID if b not in fits)))
    return bytes(value), i


class PropertyTest(unittest.TestCase):
    def check_outputs(self, case, r):
        pairs = expected_pairs(case, r.nonce_str)
        ordered = lambda text: json.loads(text, object_pairs_hook=list)
        self.assertEqual(ordered(r.extra_data_json), pairs)
        self.assertEqual(ordered(r.navigate_json), [
            ("appId", TARGET_APPID), ("path", TARGET_PATH),
            ("extraData", pairs), ("envVersion", "release")])
        path, sep, query = r.app_path.partition("?")
        self.assertEqual((path, sep), (TARGET_PATH, "?"))
        self.assertEqual(parse_qsl(query, keep_blank_values=True,
                                   strict_parsing=True), pairs)
        self.assertEqual(ordered(r.app_launch_json), [
            ("userName", TARGET_USERNAME), ("path", r.app_path),
            ("miniProgramType", 0)])
        self.assertEqual(r.sign, dict(pairs).get("sign"))

    @fixed(300)
    @given(valid_case())
    def test_valid_fields_round_trip(self, case):
        r = repayjump.compose(**case)
        if case.get("nonce_str"):
            self.assertEqual(r.nonce_str, as_text(case["nonce_str"]))
        else:
            self.assertRegex(r.nonce_str, r"\A[A-Za-z0-9]{32}\Z")
        self.check_outputs(case, r)

    @fixed(150)
    @given(valid_case(with_nonce=True))
    def test_render_gives_the_same_bytes(self, case):
        r = repayjump.compose(**case)
        self.check_outputs(case, r)
        for fmt in Format:
            self.assertEqual(repayjump.render(fmt, **case), r[fmt + 2])

    @fixed(500)
    @given(broken_case())
    def test_one_broken_field(self, broken):
        case, (status, field, offset) = broken
        for fn in (repayjump.compose, repayjump.validate):
            with self.assertRaises(repayjump.RepayjumpError) as cm:
                fn(**case)
            e = cm.exception
            self.assertEqual((e.status, e.field, e.offset),
                             (status, field, offset), e.message)
            self.assertTrue(e.message.startswith(KEYWORD[field] + ":"),
                            e.message)
            self.assertNotIn("\n", e.message)
            key = case.get("api_key")
            if key and len(key) >= 8:
                key = key.encode() if isinstance(key, str) else key
                self.assertNotIn(key.decode("latin-1"), repr(e) + e.message)

    @fixed(100)
    @given(valid_case(with_nonce=False))
    def test_render_needs_a_nonce(self, case):
        with self.assertRaises(repayjump.RepayjumpError) as cm:
            repayjump.render(Format.APP_PATH, **case)
        e = cm.exception
        self.assertEqual((e.status, e.field, e.offset),
                         (Status.E_MISSING, Field.NONCE_STR, 0))

    @fixed(200)
    @given(valid_case(variants=V2, with_nonce=True))
    @example({"variant": Variant.V2_MERCHANT, "flags": Flag.RELAXED,
              "appid": "a", "mchid": "1", "nonce_str": "n", "openid": "o",
              "api_key": b"&key=\"%+'<>\\=&"})
    def test_v2_sign_is_hmac_of_sorted_fields(self, case):
        pairs = [(k, v) for k, v in expected_pairs(case, as_text(
            case["nonce_str"])) if k != "sign"]
        key = case["api_key"]
        key = key.encode() if isinstance(key, str) else key
        self.assertEqual(repayjump.sign(**case), v2_sign(pairs, key))

    @fixed(100)
    @given(st.integers(-5, 40))
    def test_nonce_length(self, length):
        if 1 <= length <= 32:
            self.assertRegex(repayjump.nonce(length),
                             rf"\A[A-Za-z0-9]{{{length}}}\Z")
        else:
            with self.assertRaises(repayjump.RepayjumpError) as cm:
                repayjump.nonce(length)
            self.assertEqual(cm.exception.status, Status.E_ARG)


if __name__ == "__main__":
    unittest.main()
