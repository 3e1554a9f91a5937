'use strict';
// The services the page's tests run against, started and stopped by the
// tests themselves, on 127.0.0.1 and free ports only:
//
// - WeChat Pay's stand-in (tests/wechatpay/wechatpay.py), over HTTPS with a
//   certificate from a CA made at test time by tests/wechatpay/standin.py's
//   Pki (the openssl command), steered through its control port;
// - the real backend, repayjump-httpd, with the openid header and the
//   status query pointed at the stand-ins and trusting only that CA.
//
// Environment: REPAYJUMP_HTTPD (the backend), REPAYJUMP_PYTHON (the Python
// that runs the stand-in; python3 by default).

const assert = require('node:assert/strict');
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const readline = require('node:readline');

const WECHATPAY = path.join(__dirname, '..', '..', '..', 'tests', 'wechatpay');
const PYTHON = process.env.REPAYJUMP_PYTHON || 'python3';

function required(name) {
  const value = process.env[name];
  assert.ok(value, `${name} must name the program (ctest sets it)`);
  return value;
}

// A child process whose first line on stdout says where it listens.
async function started(command, args, env, pattern) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr = [];
  child.stderr.on('data', (chunk) => stderr.push(chunk));
  const first = await new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${command} exited ${code}: ${Buffer.concat(stderr)}`)));
  });
  const m = pattern.exec(first);
  assert.ok(m, `first line of ${command}: ${first}`);
  child.stdout.resume(); // nothing else is expected there; never let it block
  return {
    match: m,
    stderr: () => Buffer.concat(stderr).toString('utf8'),
    // SIGTERM, then how it ended: { code, signal }.
    stop() {
      if (child.exitCode !== null || child.signalCode !== null) {
        return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
      }
      const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

// A temporary directory with a test CA and a certificate it signs for
// 127.0.0.1, and the merchant's APIv2 key in a file.
function workspace(apiKey) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'miniprogram-'));
  execFileSync(PYTHON, ['-c', 'import sys; sys.path.insert(0, sys.argv[1]); '
    + 'from standin import Pki; Pki(sys.argv[2])', WECHATPAY, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const keyFile = path.join(dir, 'apikey');
  fs.writeFileSync(keyFile, apiKey + '\n', { mode: 0o600 });
  return {
    dir,
    ca: path.join(dir, 'ca.pem'),
    cert: path.join(dir, 'server.pem'),
    key: path.join(dir, 'server.key'),
    keyFile,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

// POST or GET the stand-in's control port (plain HTTP, JSON).
function control(port, method, doc) {
  return new Promise((resolve, reject) => {
    const body = doc === undefined ? '' : JSON.stringify(doc);
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: '/state',
      method,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (res.statusCode !== 200) {
          reject(new Error(`stand-in control: HTTP ${res.statusCode}: ${text}`));
        } else {
          resolve(JSON.parse(text));
        }
      });
    });
    req.setTimeout(5000, () => req.destroy(new Error('stand-in control timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

// One WeChat Pay stand-in, answering from `table` (see tests/wechatpay/README.md).
async function startWeChatPay(ws, table) {
  const tableFile = path.join(ws.dir, `table-${process.hrtime.bigint()}.json`);
  fs.writeFileSync(tableFile, JSON.stringify(table));
  const proc = await started(PYTHON, [path.join(WECHATPAY, 'wechatpay.py'), '--cert', ws.cert, '--key', ws.key,
    '--api-key-file', ws.keyFile, '--table', tableFile], process.env,
  /^listening on 127\.0\.0\.1:(\d+) control 127\.0\.0\.1:(\d+)$/);
  const port = Number(proc.match[1]);
  const controlPort = Number(proc.match[2]);
  return {
    url: `https://127.0.0.1:${port}/vehicle/pay/querystate`,
    // Merge a change into its running state: users, fault, reset_counts...
    set: (change) => control(controlPort, 'POST', change),
    // Its counters (connections, requests), fault and table.
    state: () => control(controlPort, 'GET'),
    stop: () => proc.stop(),
  };
}

// repayjump-httpd on a free loopback port, with `env` added to its own.
async function startBackend(env, args = []) {
  const proc = await started(required('REPAYJUMP_HTTPD'), ['--listen', '127.0.0.1:0', ...args],
    { ...process.env, ...env }, /^listening on (127\.0\.0\.1):(\d+)$/);
  return {
    host: proc.match[1],
    port: Number(proc.match[2]),
    stderr: proc.stderr,
    stop: () => proc.stop(),
  };
}

// What the backend needs to ask WeChat Pay's stand-ins for the user's state.
function statusEnv(ws, primary, backup) {
  return {
    REPAYJUMP_API_KEY_FILE: ws.keyFile,
    REPAYJUMP_TRADE_SCENE: 'PARKING',
    REPAYJUMP_WECHATPAY_URL: primary.url,
    REPAYJUMP_WECHATPAY_BACKUP_URL: backup.url,
    REPAYJUMP_WECHATPAY_CA: ws.ca,
    REPAYJUMP_WECHATPAY_TIMEOUT_MS: '2000',
  };
}

module.exports = { required, workspace, startWeChatPay, startBackend, statusEnv };
