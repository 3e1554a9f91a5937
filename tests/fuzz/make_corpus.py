#!/usr/bin/env python3
"""Write the seed corpus of each fuzz target into corpus/<target>/.

The inputs follow the format in fuzz.h: four header bytes (variant, flags,
NULL mask, mode), then the fields in field order separated by 0x00. The
nonce target takes two bytes (len, buffer mode). Run it from anywhere; it
replaces the files it writes and leaves others (saved findings) alone.
"""
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))

APPID = b"wxcbda96de0b165486"
MCHID = b"1900009231"
NONCE = b"5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
OPENID = b"oUpF8uMEb4qRXf22hE3X68TekukE"
SUB_APPID = b"wx8888888888888888"
SUB_MCHID = b"1900000109"
SUB_OPENID = b"oUpF8uN95-Ptaags6E_roPHg7AG0"
API_KEY = b"7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ"

ALLOW_NO_OPENID, RELAXED = 1, 2


def params(variant, flags=0, mode=0, mask=0, fields=()):
    return bytes([variant, flags, mask, mode]) + b"\0".join(fields)


def v3(openid=OPENID, appid=APPID, mchid=MCHID, nonce=NONCE):
    return [appid, mchid, nonce, openid]


def partner(key=b""):
    return [APPID, MCHID, NONCE, OPENID, SUB_APPID, SUB_MCHID, SUB_OPENID, key]


# name: (variant, flags, fields); each target adds its own mode byte.
CASES = {
    "v3_merchant": (0, 0, v3()),
    "v3_partner": (1, 0, partner()),
    "v2_merchant": (2, 0, v3() + [b"", b"", b"", API_KEY]),
    "v2_partner": (3, 0, partner(API_KEY)),
    "v2_relaxed_long_key": (
        2, RELAXED,
        v3(appid=b"test_app-1", mchid=b"mch-A_1")
        + [b"", b"", b"", b"k=v&key=\"\\%27'" * 8]),
    "no_openid": (0, ALLOW_NO_OPENID, v3(openid=b"")),
    "openid_weixin": (0, 0, v3(openid=OPENID + b"=weixin")),
    "appid_upper_hex": (0, 0, v3(appid=b"wxCBDA96DE0B165486")),
    "nonce_space_utf8": (0, 0, v3(nonce=NONCE[:31] + b" \xe5\x9e\xab")),
}

# The mode bytes each target gets, by case (default 0).
MODES = {
    "validate": {},
    # format in bits 0-1, buffer mode in bits 3-5
    "render": {"v3_partner": 1 | 0 << 3, "v2_merchant": 2 | 1 << 3,
               "v2_partner": 3 | 5 << 3, "v2_relaxed_long_key": 2 | 7 << 3},
    # bit 0: nonce_str inside the result
    "compose": {"v2_partner": 1, "no_openid": 1},
    # buffer mode in bits 0-2
    "sign": {"v2_partner": 1, "v2_relaxed_long_key": 6},
}
SIGN_CASES = ["v3_merchant", "v2_merchant", "v2_partner",
              "v2_relaxed_long_key", "appid_upper_hex"]

# nonce: (len, buffer mode | k << 3)
NONCES = {"len32": (32, 0), "len1": (1, 0), "short_buffer": (16, 1),
          "too_long": (33, 0), "size_query": (8, 3), "extreme": (64, 7)}


# check: byte 0 is variant (0-3, 4 auto) | RELAXED 8 | ALLOW_NO_OPENID 16 |
# api_key 32 | mode << 6 (0 text, 1 pairs, 2 compose); then the input.
AUTO, C_RELAXED, C_NO_OPENID, C_KEY = 4, 8, 16, 32
PATH = b"pages/invest_list/invest_list?"
REF_QUERY = (b"appid=" + APPID + b"&mchid=" + MCHID + b"&nonce_str=" + NONCE
             + b"&openid=" + OPENID)
CHECK_TEXTS = {
    "ios_path": PATH + b"mch_id=" + MCHID + b"&appid=" + APPID
    + b"&nonce_str=" + NONCE + b" &openid=" + OPENID + b"=weixin",
    "android_path": PATH + b"mchid=" + MCHID + b"&appid=" + APPID
    + b"&nonce_str=" + NONCE + b"&openid=" + OPENID + b"=weixin",
    "clean_path": PATH + REF_QUERY,
    "bare_query": REF_QUERY,
    "partner_query": REF_QUERY + b"&sub_appid=" + SUB_APPID
    + b"&sub_mch_id=" + SUB_MCHID + b"&sub_openid=" + SUB_OPENID,
    "v2_signed": b"/" + PATH + b"appid=" + APPID + b"&mch_id=" + MCHID
    + b"&nonce_str=" + NONCE + b"&openid=" + OPENID
    + b"&sign_type=HMAC-SHA256&sign=" + b"0123456789ABCDEF" * 4,
    "escapes_and_gaps": b"&appid=%77x5e73c65404eee268&&mchId=19%2&nonce="
    + b"a%20b&openId&sub_mchid=1&key=x&",
    "not_a_path": b"{\"appid\": 1}",
}
CHECK_PAIRS = {
    # types byte (2 bits a pair, bit 7: offsets), then key\0value\0...
    "extra_data_literal": bytes([0b101010])
    + b"\0".join([b"appid", APPID, b"mchid", MCHID, b"nonce_str", NONCE]),
    "json_values": bytes([0x80 | 0b111001])
    + b"\0".join([b"openid", b"null", b"mchid", b"1900009231", b"appid",
                  b"this.appid", b"nonce_str", b"a\x00b"]),
}


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def status_seeds():
    """The status answers of tests/status/vectors.json: byte 0 the mode
    (bit 0 partner, bit 1 re-sign), then the answer, its sign replaced by
    the placeholder that fuzz_status re-signs with its own key."""
    with open(os.path.join(HERE, "..", "status", "vectors.json"),
              encoding="utf-8") as f:
        vectors = json.load(f)
    for i, v in enumerate(vectors["answers"]):
        answer = v["answer"]
        data = (bytes.fromhex(answer["hex"]) if isinstance(answer, dict)
                else answer.encode())
        mode = 1 if v["identity"].endswith("partner") else 0
        data, signed = re.subn(rb"<sign>(?:<!\[CDATA\[)?[0-9A-Fa-f]{64}(?:\]\]>)?</sign>",
                               b"<sign>" + b"S" * 64 + b"</sign>", data)
        if signed and "wrong key" not in v["name"]:
            mode |= 2
        name = re.sub(r"[^a-z0-9]+", "_", v["name"].lower()).strip("_")
        write("status", f"{i:02d}_{name}", bytes([mode]) + data)


def main():
    status_seeds()
    for target, modes in MODES.items():
        names = SIGN_CASES if target == "sign" else CASES
        for name in names:
            variant, flags, fields = CASES[name]
            write(target, name,
                  params(variant, flags, modes.get(name, 0), 0, fields))
    for name, (length, mode) in NONCES.items():
        write("nonce", name, bytes([length, mode]))
    for name, text in CHECK_TEXTS.items():
        write("check", name, bytes([AUTO]) + text)
    write("check", "v2_signed_with_key", bytes([AUTO | C_KEY])
          + CHECK_TEXTS["v2_signed"])
    write("check", "relaxed_v3", bytes([0 | C_RELAXED | C_NO_OPENID])
          + CHECK_TEXTS["partner_query"])
    for name, data in CHECK_PAIRS.items():
        write("check", "pairs_" + name, bytes([AUTO | 1 << 6]) + data)
    for name in ["v3_merchant", "v3_partner", "v2_merchant", "v2_partner",
                 "v2_relaxed_long_key", "no_openid"]:
        variant, flags, fields = CASES[name]
        write("check", "compose_" + name, bytes([AUTO | C_KEY | 2 << 6])
              + params(variant, flags, 0, 0, fields))
    write("check", "compose_keyless_explicit", bytes([2 | 2 << 6])
          + params(*CASES["v2_partner"][:2], 0, 0, CASES["v2_partner"][2]))


if __name__ == "__main__":
    main()
