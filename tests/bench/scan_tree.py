#!/usr/bin/python3
"""The scan benchmark: a generated tree of source files (mini program,
Android and iOS code, about 5 KB each, one in a hundred with the jump),
then `grep -r` for the target's AppID and `repayjump scan` over it in the
same run, best of three each. Prints files/s, MB/s and the ratio; with
--enforce, fails when scan takes more than --max-ratio times grep's time.

    scan_tree.py --cli build-bench/repayjump [--files 10000] [--enforce]
"""

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time

TARGET = "wx5e73c65404eee268"
PATH = ("pages/invest_list/invest_list?appid=wxcbda96de0b165486&mchid="
        "1900009231&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid="
        "oUpF8uMEb4qRXf22hE3X68TekukE")

JAVA = '''package com.example.app{n};

import android.content.Context;
import java.util.List;

/** Generated: ordinary App code, {n}. */
public final class Screen{n} {{
  private static final String TAG = "Screen{n}";
  private final List<String> items;

  Screen{n}(List<String> items) {{ this.items = items; }}

  // Counts the items that start with a given prefix.
  int count(String prefix) {{
    int n = 0;
    for (String s : items) {{
      if (s.startsWith(prefix)) n++; // "quoted" in a comment
    }}
    return n;
  }}
}}
'''
JAVA_JUMP = '''
class Launch{n} {{
  static void go(Context context) {{
    IWXAPI api = WXAPIFactory.createWXAPI(context, "wxd930ea5d5a258f4f");
    WXLaunchMiniProgram.Req req = new WXLaunchMiniProgram.Req();
    req.userName = "gh_5e259b7a73b1";
    req.path = "{path}";
    req.miniprogramType = WXLaunchMiniProgram.Req.MINIPTOGRAM_TYPE_RELEASE;
    api.sendReq(req);
  }}
}}
'''
JS = '''// Generated page {n}.
Page({{
  data: {{ list: [], title: 'page {n}', count: {n} }},
  onLoad(query) {{
    wx.request({{ url: 'https://example.com/api/{n}', success: (r) => this.setData({{ list: r.data }}) }})
  }},
  onTap(e) {{ wx.navigateTo({{ url: '/pages/detail/detail?id=' + e.currentTarget.dataset.id }}) }},
}})
'''
JS_JUMP = '''
function repay{n}(f) {{
  wx.navigateToMiniProgram({{
    appId: '{target}', path: 'pages/invest_list/invest_list',
    extraData: {{ appid: f.appid, mchid: f.mchid, nonce_str: f.nonce, openid: f.openid }},
    envVersion: 'release'
  }})
}}
'''
WXML = '''<view class="page-{n}">
  <text>{{{{title}}}}</text>
  <block wx:for="{{{{list}}}}" wx:key="id"><view>{{{{item.name}}}}</view></block>
  <navigator url="/pages/detail/detail?id={n}">more</navigator>
</view>
'''
WXML_JUMP = '''<navigator target="miniProgram" app-id="{target}" path="pages/invest_list/invest_list" extra-data="{{{{extraData}}}}" version="release">Repay</navigator>
'''
OBJC = '''#import "View{n}.h"

@implementation View{n}
- (NSString *)title {{ return @"View {n}"; }} // a "comment"
- (NSInteger)count {{ return {n}; }}
@end
'''
KINDS = [("java", JAVA, JAVA_JUMP), ("js", JS, JS_JUMP),
         ("wxml", WXML, WXML_JUMP), ("m", OBJC, "")]


def generate(root, files, size):
    rnd = random.Random(15)
    total = 0
    for i in range(files):
        ext, body, jump = KINDS[i % len(KINDS)]
        d = os.path.join(root, f"d{i // 200:03d}")
        os.makedirs(d, exist_ok=True)
        text = body.format(n=i)
        while len(text) < size:
            text += body.format(n=i + len(text))
        if jump and rnd.random() < 0.01:
            text += jump.format(n=i, target=TARGET, path=PATH)
        data = text.encode()
        total += len(data)
        with open(os.path.join(d, f"f{i}.{ext}"), "wb") as f:
            f.write(data)
    return total


def best(cmd, ok):
    times = []
    for _ in range(3):
        start = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, check=False)
        times.append(time.perf_counter() - start)
        if p.returncode not in ok:
            sys.exit(f"{cmd[0]} exited {p.returncode}: {p.stderr.decode()}")
    return min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--files", type=int, default=10000)
    ap.add_argument("--size", type=int, default=5000)
    ap.add_argument("--max-ratio", type=float, default=3.0)
    ap.add_argument("--enforce", action="store_true")
    a = ap.parse_args()
    root = tempfile.mkdtemp(prefix="repayjump-scan-bench-")
    try:
        total = generate(root, a.files, a.size)
        # warm the page cache for both
        subprocess.run(["grep", "-rqF", "no-such-string-anywhere", root],
                       check=False)
        grep = best(["grep", "-rF", TARGET, root], (0, 1))
        scan = best([a.cli, "scan", "--format", "json", root], (0, 1))
    finally:
        shutil.rmtree(root)
    mb = total / 1e6
    ratio = scan / grep
    print(f"scan bench: {a.files} files, {mb:.1f} MB")
    print(f"  grep -r: {grep * 1000:.0f} ms, {a.files / grep:.0f} files/s, "
          f"{mb / grep:.0f} MB/s")
    print(f"  scan:    {scan * 1000:.0f} ms, {a.files / scan:.0f} files/s, "
          f"{mb / scan:.0f} MB/s")
    print(f"  scan / grep: {ratio:.2f} (at most {a.max_ratio})")
    if a.enforce and ratio > a.max_ratio:
        sys.exit(f"scan bench: {ratio:.2f} times grep's time, over "
                 f"{a.max_ratio}")


if __name__ == "__main__":
    main()
