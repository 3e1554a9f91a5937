"""Start and drive tests/wechatpay/wechatpay.py from a Python test.

    from standin import Pki, StandIn
    pki = Pki(tmpdir)                  # two CAs made with the openssl CLI
    with StandIn(pki, api_key) as w:   # w.url(partner), w.state(), w.set()
        ...

Pki makes, in tmpdir, a CA (ca.pem) and a certificate it signs for
127.0.0.1 and localhost (server.pem, server.key), and a second, unrelated
CA with a certificate of its own for the same names (other-ca.pem,
other-server.pem, other-server.key): a client that trusts ca.pem must
refuse the second. Keys are EC P-256, valid for a day.
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "wechatpay.py")
PATHS = {False: "/vehicle/pay/querystate",
         True: "/vehicle/partnerpay/querystate"}


def openssl(*args, cwd):
    subprocess.run(["openssl"] + list(args), cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class Pki:
    def __init__(self, directory):
        self.dir = directory
        for prefix in ("", "other-"):
            self._make(prefix)
        self.ca = os.path.join(directory, "ca.pem")
        self.cert = os.path.join(directory, "server.pem")
        self.key = os.path.join(directory, "server.key")
        self.other_ca = os.path.join(directory, "other-ca.pem")
        self.other_cert = os.path.join(directory, "other-server.pem")
        self.other_key = os.path.join(directory, "other-server.key")

    def _make(self, prefix):
        d = self.dir
        ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
              "-nodes"]
        openssl("req", "-x509", *ec, "-keyout", f"{prefix}ca.key",
                "-out", f"{prefix}ca.pem", "-days", "1",
                "-subj", f"/CN=repayjump test {prefix}CA",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=d)
        openssl("req", *ec, "-keyout", f"{prefix}server.key",
                "-out", f"{prefix}server.csr", "-subj", "/CN=127.0.0.1",
                cwd=d)
        with open(os.path.join(d, f"{prefix}ext.cnf"), "w") as f:
            f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\n"
                    "basicConstraints=CA:FALSE\n"
                    "extendedKeyUsage=serverAuth\n")
        openssl("x509", "-req", "-in", f"{prefix}server.csr",
                "-CA", f"{prefix}ca.pem", "-CAkey", f"{prefix}ca.key",
                "-CAcreateserial", "-days", "1", "-extfile",
                f"{prefix}ext.cnf", "-out", f"{prefix}server.pem", cwd=d)


class StandIn:
    """One wechatpay.py process; other_ca: serve the certificate of the
    unrelated CA instead."""

    def __init__(self, pki, api_key, fault="none", delay_ms=None,
                 table=None, other_ca=False, python=sys.executable):
        self.tablefile = None
        self.keyfile = tempfile.NamedTemporaryFile("w", prefix="wxkey-",
                                                   dir=pki.dir)
        self.keyfile.write(api_key)
        self.keyfile.flush()
        args = [python, SCRIPT,
                "--cert", pki.other_cert if other_ca else pki.cert,
                "--key", pki.other_key if other_ca else pki.key,
                "--api-key-file", self.keyfile.name, "--fault", fault]
        if delay_ms is not None:
            args += ["--delay-ms", str(delay_ms)]
        if table is not None:
            self.tablefile = tempfile.NamedTemporaryFile(
                "w", prefix="wxtable-", suffix=".json", dir=pki.dir)
            json.dump(table, self.tablefile)
            self.tablefile.flush()
            args += ["--table", self.tablefile.name]
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL)
        line = self.proc.stdout.readline().decode()
        m = re.fullmatch(r"listening on 127\.0\.0\.1:(\d+) control "
                         r"127\.0\.0\.1:(\d+)\n", line)
        if not m:
            self.close()
            raise AssertionError(f"stand-in did not start: {line!r}")
        self.port, self.control_port = int(m.group(1)), int(m.group(2))

    def url(self, partner=False):
        return f"https://127.0.0.1:{self.port}{PATHS[partner]}"

    def _control(self, method, doc=None):
        data = None if doc is None else json.dumps(doc).encode()
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.control_port}/state", data=data,
            method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    def state(self):
        """Counters and table: connections, requests, fault, users, ..."""
        return self._control("GET")

    def set(self, **change):
        """Merge change into the running state (see wechatpay.py)."""
        return self._control("POST", change)

    def close(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()
        self.keyfile.close()
        if self.tablefile is not None:
            self.tablefile.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
