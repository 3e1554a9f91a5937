#!/usr/bin/env python3
"""Write vectors.json: status requests and WeChat Pay answers with the
verdict each must get, signed here with Python's hmac, independently of the
library. Every binding's tests and tests/status/test_vectors.py read it.

    make_vectors.py > vectors.json
"""
import hashlib
import hmac
import json

KEY = "192006250b4c09247ec02edce69f6a2d"
APPID, MCHID = "wxcbda96de0b165486", "1900009231"
SUB_APPID, SUB_MCHID = "wx8888888888888888", "1900000109"
OPENID = "oUpF8uMEb4qRXf22hE3X68TekukE"
NONCE = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
PLATE = "粤B888888"

IDENTITIES = {
    "v3": {"variant": 0, "appid": APPID, "mchid": MCHID, "api_key": KEY},
    "v3-partner": {"variant": 1, "appid": APPID, "mchid": MCHID,
                   "sub_appid": SUB_APPID, "sub_mchid": SUB_MCHID,
                   "api_key": KEY},
    "v2": {"variant": 2, "appid": APPID, "mchid": MCHID, "api_key": KEY},
    "v2-partner": {"variant": 3, "appid": APPID, "mchid": MCHID,
                   "sub_appid": SUB_APPID, "sub_mchid": SUB_MCHID,
                   "api_key": KEY},
}
ORDER = ["appid", "mch_id", "sub_appid", "sub_mch_id", "nonce_str",
         "sign_type", "trade_scene", "jump_scene", "openid", "sub_openid",
         "plate_number", "version"]


def sign(fields, key=KEY):
    text = "&".join(f"{k}={v}" for k, v in sorted(fields.items())
                    if k != "sign" and v) + "&key=" + key
    return hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest().upper()


def request(identity, query, openid=None, sub_openid=None):
    f = {"appid": identity["appid"], "mch_id": identity["mchid"],
         "sub_appid": identity.get("sub_appid"),
         "sub_mch_id": identity.get("sub_mchid"), "nonce_str": NONCE,
         "sign_type": "HMAC-SHA256", "trade_scene": query.get("trade_scene"),
         "jump_scene": query.get("jump_scene"), "openid": openid,
         "sub_openid": sub_openid, "plate_number": query.get("plate_number"),
         "version": "3.0"}
    f = {k: f[k] for k in ORDER if f[k]}
    f["sign"] = sign(f)
    return "<xml>" + "".join(f"<{k}>{v}</{k}>" for k, v in f.items()) + "</xml>"


def requests():
    out = []
    for name, ident in IDENTITIES.items():
        partner = "sub_mchid" in ident
        cases = [({"trade_scene": "PARKING"}, OPENID, None),
                 ({"trade_scene": "PARKING SPACE", "jump_scene": "APP",
                   "plate_number": PLATE}, None, None),
                 ({"trade_scene": "HIGHWAY", "jump_scene": "H5"}, OPENID,
                  None)]
        if partner:
            cases.append(({"trade_scene": "GAS"}, None, "oSubOpenid_Abc-123"))
        for query, openid, sub_openid in cases:
            params = dict(ident, nonce_str=NONCE)
            if openid:
                params["openid"] = openid
            if sub_openid:
                params["sub_openid"] = sub_openid
            out.append({"variant": name, "params": params, "query": query,
                        "body": request(ident, query, openid, sub_openid)})
    return out


def xml(fields, cdata=True):
    def value(v):
        return f"<![CDATA[{v}]]>" if cdata else v
    return "<xml>" + "".join(f"<{k}>{value(v)}</{k}>" for k, v in fields) + "</xml>"


def signed(fields, key=KEY):
    return list(fields) + [("sign", sign(dict(fields), key))]


def ok(state="OVERDUE", identity="v3", **extra):
    ident = IDENTITIES[identity]
    f = [("return_code", "SUCCESS"), ("return_msg", "OK"),
         ("appid", ident["appid"]), ("mch_id", ident["mchid"])]
    if "sub_mchid" in ident:
        f += [("sub_appid", ident["sub_appid"]),
              ("sub_mch_id", ident["sub_mchid"])]
    f += [("nonce_str", "IITRi8Iabbblz1Jc"), ("result_code", "SUCCESS")]
    if state is not None:
        f.append(("user_state", state))
    f += list(extra.items())
    return f


def answers():
    v = []

    def add(name, answer, status, identity="v3", offset=None, result=None):
        row = {"name": name, "identity": identity, "answer": answer,
               "status": status}
        if offset is not None:
            row["offset"] = offset
        if result is not None:
            row["result"] = result
        v.append(row)

    full = ok("OVERDUE", deduct_mode="PROACTIVE", openid=OPENID,
              path="pages/index/index?from=repay&x=1",
              plate_number_info='{"plate_number_info":[{"plate_number":"'
                                + PLATE + '"}]}',
              plate_number=PLATE, channel_type="ETC", common_use_flag="1")
    add("trusted OVERDUE, CDATA", xml(signed(full)), 0,
        result={"state": 3, "user_state": "OVERDUE", "deduct_mode": "PROACTIVE",
                "openid": OPENID, "path": "pages/index/index?from=repay&x=1",
                "plate_number": PLATE,
                "plate_number_info": dict(full)["plate_number_info"]})
    for state, code in (("NORMAL", 1), ("PAUSED", 2), ("UNAUTHORIZED", 4),
                        ("FROZEN", 0)):
        add(f"trusted {state}, text", xml(signed(ok(state)), cdata=False), 0,
            result={"state": code, "user_state": state})
    for identity in ("v3-partner", "v2", "v2-partner"):
        add(f"trusted, {identity}",
            xml(signed(ok("NORMAL", identity, sub_openid="oSub_1"))), 0,
            identity, result={"state": 1, "sub_openid": "oSub_1"})
    body = xml(signed(ok("NORMAL", path="a&b<c>")), cdata=False)
    body = body.replace("a&b<c>", "a&amp;b&lt;c&gt;&#x4e2d;&#25991;")
    body = body.replace(sign(dict(ok("NORMAL", path="a&b<c>"))),
                        sign(dict(ok("NORMAL", path="a&b<c>中文"))))
    add("entities and character references decoded before signing", body, 0,
        result={"state": 1, "path": "a&b<c>中文"})
    add("declaration, whitespace between elements, an empty element",
        '<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n'
        + "".join(f"  <{k}>{v}</{k}>\n" for k, v in signed(ok("NORMAL")))
        + "  <channel_type/>\n</xml>\n", 0, result={"state": 1})

    good = xml(signed(ok()))
    add("over 16 KiB", good[:-6] + "<pad>" + "x" * 16384 + "</pad></xml>",
        -10, offset=16384)
    head = '<?xml version="1.0"?>'
    refusals = [
        ("DOCTYPE (XXE)", head + '<!DOCTYPE xml [<!ENTITY e SYSTEM '
         '"file:///etc/passwd">]>' + good, len(head)),
        ("entity declaration", "<xml><!ENTITY e \"x\"></xml>", 5),
        ("undeclared entity", "<xml><a>&e;</a></xml>", 8),
        ("comment", "<xml><!-- x --><a>1</a></xml>", 5),
        ("processing instruction", "<xml><?pi x?></xml>", 5),
        ("attribute", '<xml><a b="1">1</a></xml>', 8),
        ("nested element", "<xml><a><b>1</b></a></xml>", 8),
        ("second root", good + "<xml></xml>", len(good)),
        ("root not xml", "<root><a>1</a></root>", 0),
        ("text outside an element", "<xml>x<a>1</a></xml>", 5),
        ("unclosed element", "<xml><a>1</xml>", 9),
        ("mismatched end tag", "<xml><a>1</b></xml>", 9),
        ("document ends inside", "<xml><a>1</a>", 13),
        ("malformed character reference", "<xml><a>&#xZZ;</a></xml>", 8),
        ("character reference to NUL", "<xml><a>&#0;</a></xml>", 8),
        ("control byte", "<xml><a>\u0001</a></xml>", 8),
        ("CDATA never ends", "<xml><a><![CDATA[x</a></xml>", 8),
        ("]]> in text", "<xml><a>x]]>y</a></xml>", 9),
        ("empty", "", 0),
    ]
    for name, answer, offset in refusals:
        add(name, answer, -11, offset=offset)
    add("not UTF-8 (latin-1 byte)", {"hex": (b"<xml><a>\xe9</a></xml>").hex()},
        -11, offset=8)

    dup = ok() + [("user_state", "NORMAL")]
    add("an element twice", xml(signed(dup[:-1]))[:-6]
        + "<user_state>NORMAL</user_state></xml>", -12)
    add("return_code FAIL keeps return_msg",
        xml([("return_code", "FAIL"), ("return_msg", "签名错误")]), -13,
        result={"return_msg": "签名错误", "state": 0})
    add("no return_code", xml(signed(ok()[1:])), -13)
    add("no sign", xml(ok()), -14)
    add("wrong key", xml(signed(ok(), "0" * 32)), -14)
    lower = signed(ok())
    lower[-1] = ("sign", lower[-1][1].lower())
    add("lowercase sign", xml(lower), -14)
    tampered = xml(signed(ok("NORMAL"))).replace("NORMAL", "OVERDUE")
    add("state changed after signing", tampered, -14)
    other = [(k, "wx0000000000000000" if k == "appid" else v) for k, v in ok()]
    add("another appid", xml(signed(other)), -15)
    other = [(k, "1900000000" if k == "mch_id" else v) for k, v in ok()]
    add("another mch_id", xml(signed(other)), -15)
    other = [(k, v) for k, v in ok() if k != "mch_id"]
    add("no mch_id", xml(signed(other)), -15)
    other = [(k, "1900000001" if k == "sub_mch_id" else v)
             for k, v in ok(identity="v3-partner")]
    add("another sub_mch_id", xml(signed(other)), -15, "v3-partner")
    fail = [(k, "FAIL" if k == "result_code" else v) for k, v in ok(None)]
    fail += [("err_code", "SYSTEMERROR"), ("err_code_des", "系统错误")]
    add("result_code FAIL keeps err_code", xml(signed(fail)), -16,
        result={"err_code": "SYSTEMERROR", "err_code_des": "系统错误",
                "return_msg": "OK", "state": 0})
    add("no user_state", xml(signed(ok(None))), -17)
    add("path too long for its member",
        xml(signed(ok(path="p" * 1024))), -5)
    return v


if __name__ == "__main__":
    print(json.dumps({"key": KEY, "identities": IDENTITIES,
                      "requests": requests(), "answers": answers()},
                     ensure_ascii=False, indent=1))
