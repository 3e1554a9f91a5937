#!/usr/bin/env python3
"""Write vectors.json: objects a merchant's code hands to the checker (a
wx.navigateToMiniProgram argument, an App launch request, extraData), each
with the findings CHECK.md gives it, written here by hand from its rules:
kind, variant, and every finding as [code, field] in the object's order
(field: the jump's field it concerns, null when none). The CLI's check of
each as JSON, and every binding's check of each as its language's map,
must give exactly these.

    make_vectors.py [OUT]     (default: vectors.json beside this script)
"""
import json
import os
import sys

TARGET = "wx5e73c65404eee268"
PAGE = "pages/invest_list/invest_list"
USER = "gh_5e259b7a73b1"
APPID, MCHID = "wxcbda96de0b165486", "1900009231"
NONCE, OPENID = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "oUpF8uMEb4qRXf22hE3X68TekukE"
FIELDS = {"appid": APPID, "mchid": MCHID, "nonce_str": NONCE, "openid": OPENID}
IOS_PATH = (f"{PAGE}?mch_id={MCHID}&appid={APPID}&nonce_str={NONCE} "
            f"&openid={OPENID}=weixin")
QUERY = "&".join(f"{k}={v}" for k, v in FIELDS.items())


def nav(**kw):
    o = {"appId": TARGET, "path": PAGE, "extraData": dict(FIELDS)}
    o.update(kw)
    return {k: v for k, v in o.items() if v is not None}


CASES = [
    ("navigate, clean", nav(envVersion="release"), "navigate", "v3", []),
    ("the document's navigator: the AppID with a space, a nonce with one",
     nav(appId=TARGET + " ",
         extraData={**FIELDS, "nonce_str": NONCE + " "}),
     "navigate", "v3",
     [["navigate.app_id", None], ["value.space", "nonce_str"]]),
    ("extraData encoded twice (JSON.stringify)",
     nav(extraData=json.dumps(FIELDS)), "navigate", "v3",
     [["navigate.extra_data", None]]),
    ("extraData absent, a trial version",
     nav(extraData=None, envVersion="trial"), "navigate", None,
     [["navigate.env", None], ["navigate.extra_data", None]]),
    ("extraData a number", nav(extraData=1), "navigate", None,
     [["navigate.extra_data", None]]),
    ("extraData's appId: the near miss of appid",
     nav(extraData={"appId": APPID, "mchid": MCHID, "nonce_str": NONCE,
                    "openid": OPENID}),
     "navigate", "v3", [["key.unknown", "appid"]]),
    ("the wrong page, an APIv2 extraData without its sign",
     nav(path="pages/index/index",
         extraData={"appid": APPID, "mch_id": MCHID, "nonce_str": NONCE,
                    "openid": OPENID, "sign_type": "HMAC-SHA256"}),
     "navigate", "v2",
     [["navigate.path", None], ["sign.missing", "sign"]]),
    ("a navigate argument without appId",
     {"path": PAGE, "extraData": dict(FIELDS)}, "navigate", "v3",
     [["navigate.app_id", None]]),
    ("an App launch request, clean",
     {"userName": USER, "path": f"{PAGE}?{QUERY}", "miniProgramType": 0},
     "app_launch", "v3", []),
    ("the document's iOS request",
     {"userName": "gh_wrong", "path": IOS_PATH, "miniProgramType": 2},
     "app_launch", "v3",
     [["launch.user_name", None], ["key.version", "mchid"],
      ["value.space", "nonce_str"], ["value.equals", "openid"],
      ["launch.type", None]]),
    ("a launch request without userName, its type a string",
     {"path": f"/{PAGE}?{QUERY}", "miniProgramType": "0"},
     "app_launch", "v3",
     [["path.leading_slash", None], ["launch.type", None],
      ["launch.user_name", None]]),
    ("extraData on its own: the jump's fields",
     {**FIELDS, "openid": 12}, None, "v3", [["json.not_string", "openid"]]),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "vectors.json")
    doc = {"about": "objects for the checker and what CHECK.md finds in "
                    "them; made by make_vectors.py",
           "cases": [{"name": n, "input": i, "kind": k, "variant": v,
                      "findings": f} for n, i, k, v, f in CASES]}
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1, ensure_ascii=False)
        fh.write("\n")


if __name__ == "__main__":
    main()
