#!/usr/bin/python3
"""A stand-in of WeChat Pay's user state query (querystate) for tests.

Speaks the call of STATUS.md over HTTPS on 127.0.0.1: POST
/vehicle/pay/querystate and /vehicle/partnerpay/querystate with a text/xml
UTF-8 body. It checks each request as WeChat would (the required fields,
sign_type HMAC-SHA256, the HMAC-SHA256 signature with the merchant's APIv2
key) and answers from a table, signing its answer with the same key. Fault
modes make it answer the way a broken or hostile host would.

    wechatpay.py --cert PEM --key PEM --api-key-file FILE
                 [--port N] [--control-port N] [--table JSON]
                 [--fault MODE] [--delay-ms MS] [--threads N]

The first line on stdout, once both ports listen, is

    listening on 127.0.0.1:PORT control 127.0.0.1:CONTROL_PORT

(port 0, the default, picks free ports). The control port speaks plain
HTTP on loopback, JSON in and out:

    GET  /state   {"connections": N, "requests": N, "fault": ..., ...}
                  connections: TCP connections accepted on the HTTPS
                  port; requests: querystate requests read in full
    POST /state   a JSON object merged into the running state: "fault",
                  "delay_ms", "users" (openid -> answer fields),
                  "plates" (plate number -> answer fields), "default"
                  (answer fields for anyone else); "reset_counts": true
                  zeroes the counters. Answers the new state.

The table (--table, and "users"/"plates"/"default" above) maps a user to
the fields of a successful answer, e.g.
{"users": {"oUpF8...": {"user_state": "OVERDUE", "deduct_mode":
"PROACTIVE", "path": "pages/repay/index"}}, "default": {"user_state":
"NORMAL"}}. A sub_openid is looked up among the users too.

Fault modes (--fault, or "fault" at run time):

    none            the answer from the table
    wrong-sign      a signed answer whose sign is not its HMAC
    no-sign         the answer without its sign
    return-fail     return_code FAIL with return_msg (unsigned)
    result-fail     signed, result_code FAIL, err_code SYSTEMERROR
    no-state        signed, result_code SUCCESS, no user_state
    echo-mismatch   signed, but for another mch_id
    http-500        HTTP 500 with an empty body; http-503 likewise
    slow            the answer, after --delay-ms (default 3000)
    malformed       a truncated XML document
    xxe             a DOCTYPE declaring an external entity, used in a value
    oversize        a signed answer of more than 16 KiB
    duplicate       a signed answer with user_state twice
    reset           the connection reset (RST) without an answer
    close           the connection closed without an answer

A request that fails WeChat's checks is answered as WeChat does: a body
that is not XML, a missing field or a bad value gets return_code FAIL and
a return_msg; a bad signature gets result_code FAIL with err_code
SIGNERROR (signed). Stops on SIGTERM or SIGINT.
"""
import argparse
import hashlib
import hmac
import html
import json
import os
import re
import secrets
import signal
import socket
import socketserver
import ssl
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PATHS = {"/vehicle/pay/querystate": False,
         "/vehicle/partnerpay/querystate": True}
FAULTS = ("none", "wrong-sign", "no-sign", "return-fail", "result-fail",
          "no-state", "echo-mismatch", "http-500", "http-503", "slow",
          "malformed", "xxe", "oversize", "duplicate", "reset", "close")
TRADE_SCENES = ("PARKING", "PARKING SPACE", "GAS", "HIGHWAY", "BRIDGE")
ANSWER_FIELDS = ("user_state", "deduct_mode", "path", "plate_number_info",
                 "channel_type", "common_use_flag")
MAX_BODY = 64 * 1024

ELEMENT = re.compile(r"<([A-Za-z_][A-Za-z0-9_]*)>"
                     r"(?:<!\[CDATA\[(.*?)\]\]>|([^<]*))</\1>", re.S)


def sign(fields, key):
    """WeChat Pay APIv2 HMAC-SHA256: non-empty fields but sign, sorted by
    key, k=v joined by &, then &key=KEY; 64 uppercase hex digits."""
    text = "&".join(f"{k}={fields[k]}" for k in sorted(fields)
                    if k != "sign" and fields[k] != "")
    text += "&key=" + key
    return hmac.new(key.encode(), text.encode(),
                    hashlib.sha256).hexdigest().upper()


def parse_request(body):
    """A flat <xml> document -> dict, or None when it is not one (or an
    element is there twice)."""
    text = body.strip()
    if text.startswith("<?xml"):
        end = text.find("?>")
        if end < 0:
            return None
        text = text[end + 2:].strip()
    if not (text.startswith("<xml>") and text.endswith("</xml>")):
        return None
    inner = text[5:-6]
    fields, pos = {}, 0
    for m in ELEMENT.finditer(inner):
        if inner[pos:m.start()].strip():
            return None
        pos = m.end()
        name = m.group(1)
        if name in fields:
            return None
        fields[name] = (m.group(2) if m.group(2) is not None
                        else html.unescape(m.group(3)))
    if inner[pos:].strip():
        return None
    return fields


def render(fields, extra=""):
    """Write an answer by hand: each value in CDATA (none has "]]>")."""
    parts = ["<xml>"]
    for k, v in fields:
        parts.append(f"<{k}><![CDATA[{v}]]></{k}>")
    parts.append(extra)
    parts.append("</xml>")
    return "".join(parts)


class State:
    """The table and the counters, shared by every thread."""

    def __init__(self, table, fault, delay_ms):
        self.lock = threading.Lock()
        self.users = dict(table.get("users", {}))
        self.plates = dict(table.get("plates", {}))
        self.default = dict(table.get("default", {"user_state": "NORMAL"}))
        self.fault = fault
        self.delay_ms = delay_ms
        self.connections = 0
        self.requests = 0

    def snapshot(self):
        with self.lock:
            return {"connections": self.connections,
                    "requests": self.requests, "fault": self.fault,
                    "delay_ms": self.delay_ms, "users": self.users,
                    "plates": self.plates, "default": self.default}

    def update(self, change):
        with self.lock:
            if "fault" in change:
                if change["fault"] not in FAULTS:
                    raise ValueError(f"unknown fault {change['fault']!r}")
                self.fault = change["fault"]
            if "delay_ms" in change:
                self.delay_ms = int(change["delay_ms"])
            for name in ("users", "plates"):
                for who, answer in change.get(name, {}).items():
                    table = getattr(self, name)
                    if answer is None:
                        table.pop(who, None)
                    else:
                        table[who] = dict(answer)
            if "default" in change:
                self.default = dict(change["default"])
            if change.get("reset_counts"):
                self.connections = self.requests = 0

    def lookup(self, req):
        with self.lock:
            for who, table in ((req.get("sub_openid"), self.users),
                               (req.get("openid"), self.users),
                               (req.get("plate_number"), self.plates)):
                if who and who in table:
                    return dict(table[who]), self.fault, self.delay_ms
            return dict(self.default), self.fault, self.delay_ms


def check_request(req, partner):
    """WeChat's checks of the request's fields: None when they pass, else
    its return_msg."""
    required = ["appid", "mch_id", "nonce_str", "sign_type", "sign",
                "trade_scene", "version"]
    if partner:
        required += ["sub_mch_id"]
    for name in required:
        if not req.get(name):
            return f"missing parameter {name}"
    if req["sign_type"] != "HMAC-SHA256":
        return "sign_type must be HMAC-SHA256"
    if req["version"] != "3.0":
        return "version must be 3.0"
    if req["trade_scene"] not in TRADE_SCENES:
        return "trade_scene is invalid"
    if req.get("jump_scene", "") not in ("", "APP", "H5"):
        return "jump_scene is invalid"
    if not (req.get("openid") or req.get("sub_openid")
            or req.get("plate_number")):
        return "missing parameter openid or plate_number"
    if req.get("sub_openid") and not req.get("sub_appid"):
        return "sub_openid needs sub_appid"
    if not re.fullmatch(r"[0-9A-Za-z]{1,32}", req["nonce_str"]):
        return "nonce_str is invalid"
    if not re.fullmatch(r"[0-9A-F]{64}", req["sign"]):
        return "sign is invalid"
    return None


def answer_for(req, partner, key, state):
    """(HTTP status, body, fault): the answer to a well-formed request."""
    fields, fault, delay_ms = state.lookup(req)
    head = [("return_code", "SUCCESS"), ("return_msg", "OK"),
            ("appid", req["appid"]), ("mch_id", req["mch_id"])]
    if partner:
        head += [("sub_appid", req.get("sub_appid", "")),
                 ("sub_mch_id", req["sub_mch_id"])]
    head.append(("nonce_str", secrets.token_hex(16)))
    if fault == "echo-mismatch":
        head = [(k, "1900000000" if k == "mch_id" else v) for k, v in head]
    good = hmac.compare_digest(req["sign"], sign(req, key))
    if not good:
        body = head + [("result_code", "FAIL"), ("err_code", "SIGNERROR"),
                       ("err_code_des", "签名错误")]
    elif fault == "result-fail":
        body = head + [("result_code", "FAIL"), ("err_code", "SYSTEMERROR"),
                       ("err_code_des", "系统错误，请稍后重试")]
    else:
        body = head + [("result_code", "SUCCESS")]
        for name in ("openid", "sub_openid", "plate_number"):
            if req.get(name):
                body.append((name, req[name]))
        for name in ANSWER_FIELDS:
            if fields.get(name) and not (name == "user_state"
                                         and fault == "no-state"):
                body.append((name, fields[name]))
    body = [(k, v) for k, v in body if v != ""]
    signature = sign(dict(body), key)
    extra = ""
    if fault == "wrong-sign":
        signature = signature[1:] + ("0" if signature[0] != "0" else "1")
    if fault == "oversize":
        pad = "x" * (17 * 1024)
        body.append(("padding", pad))
        signature = sign(dict(body), key)
    if fault == "duplicate":
        extra = f"<user_state><![CDATA[NORMAL]]></user_state>"
    if fault != "no-sign":
        body.append(("sign", signature))
    text = render(body, extra)
    if fault == "xxe":
        text = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                + text.replace("<user_state><![CDATA[",
                               "<user_state>&x;<![CDATA["))
    if fault == "malformed":
        text = text[:len(text) // 2]
    if fault == "return-fail":
        text = render([("return_code", "FAIL"),
                       ("return_msg", "商户号不存在 (no such merchant)")])
    return text, fault, delay_ms


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "wechatpay-standin"
    sys_version = ""
    disable_nagle_algorithm = True

    def log_message(self, format, *args):  # noqa: A002 (the base's name)
        pass

    def send(self, status, body, ctype="text/xml; charset=UTF-8"):
        data = body.encode()
        head = (f"HTTP/1.1 {status} {'OK' if status == 200 else 'Error'}\r\n"
                f"Content-Type: {ctype}\r\n"
                f"Content-Length: {len(data)}\r\n\r\n").encode()
        # One write: no small segment left for Nagle and delayed ACKs.
        self.wfile.write(head + data)

    def do_POST(self):
        state, key = self.server.state, self.server.api_key
        partner = PATHS.get(self.path)
        length = self.headers.get("Content-Length")
        if partner is None or length is None or not length.isdigit() \
                or int(length) > MAX_BODY:
            self.close_connection = True
            self.send(404 if partner is None else 400, "")
            return
        raw = self.rfile.read(int(length))
        with state.lock:
            state.requests += 1
        ctype = self.headers.get("Content-Type", "")
        try:
            req = parse_request(raw.decode("utf-8"))
        except UnicodeDecodeError:
            req = None
        if req is None or not ctype.startswith("text/xml"):
            self.send(200, render([("return_code", "FAIL"),
                                   ("return_msg", "XML格式错误")]))
            return
        problem = check_request(req, partner)
        if problem is not None:
            self.send(200, render([("return_code", "FAIL"),
                                   ("return_msg", problem)]))
            return
        text, fault, delay_ms = answer_for(req, partner, key, state)
        if fault == "slow":
            time.sleep(delay_ms / 1000)
        if fault in ("reset", "close"):
            if fault == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                           struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if fault in ("http-500", "http-503"):
            self.send(int(fault[5:]), "")
            return
        self.send(200, text)

    def do_GET(self):
        self.close_connection = True
        self.send(405, "")


class TLSServer(ThreadingHTTPServer):
    """Counts accepted connections; the TLS handshake runs on the
    connection's own thread, so that a client that stalls or refuses the
    certificate never holds the accepting thread."""
    daemon_threads = True
    request_queue_size = 128

    def get_request(self):
        sock, addr = super().get_request()
        with self.state.lock:
            self.state.connections += 1
        return sock, addr

    def finish_request(self, request, client_address):
        request.settimeout(30)
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return
        try:
            self.RequestHandlerClass(tls, client_address, self)
        except (ssl.SSLError, OSError):
            pass
        finally:
            try:
                tls.close()
            except OSError:
                pass


class Control(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002
        pass

    def reply(self, status, doc):
        data = (json.dumps(doc) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path != "/state":
            return self.reply(404, {"error": "GET /state"})
        return self.reply(200, self.server.state.snapshot())

    def do_POST(self):
        if self.path != "/state":
            return self.reply(404, {"error": "POST /state"})
        n = int(self.headers.get("Content-Length", "0"))
        try:
            self.server.state.update(json.loads(self.rfile.read(n)))
        except (ValueError, TypeError, AttributeError) as e:
            return self.reply(400, {"error": str(e)})
        return self.reply(200, self.server.state.snapshot())


class ControlServer(ThreadingHTTPServer):
    daemon_threads = True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cert", required=True, help="server certificate PEM")
    ap.add_argument("--key", required=True, help="its private key PEM")
    ap.add_argument("--api-key-file", required=True,
                    help="the merchant's APIv2 key")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--control-port", type=int, default=0)
    ap.add_argument("--table", help="a JSON file: users, plates, default")
    ap.add_argument("--fault", choices=FAULTS, default="none")
    ap.add_argument("--delay-ms", type=int, default=3000)
    args = ap.parse_args()

    with open(args.api_key_file, encoding="utf-8") as f:
        api_key = f.read().rstrip("\r\n")
    table = {}
    if args.table:
        with open(args.table, encoding="utf-8") as f:
            table = json.load(f)
    state = State(table, args.fault, args.delay_ms)

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(args.cert, args.key)

    server = TLSServer(("127.0.0.1", args.port), Handler)
    server.context, server.state, server.api_key = context, state, api_key
    control = ControlServer(("127.0.0.1", args.control_port), Control)
    control.state = state
    threads = [threading.Thread(target=s.serve_forever, daemon=True)
               for s in (server, control)]
    for t in threads:
        t.start()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    print(f"listening on 127.0.0.1:{server.server_address[1]} control "
          f"127.0.0.1:{control.server_address[1]}", flush=True)
    while not stop.wait(3600):
        pass
    for s in (server, control):
        s.shutdown()
        s.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
