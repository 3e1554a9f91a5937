'use strict';
// The binding's compose (APIv3 merchant, fresh nonce, all four outputs)
// against the same job in pure Node: regular expressions for the strict
// rules, JSON.stringify, URLSearchParams, and a nonce from randomBytes with
// rejection sampling. Prints the median ns/op of each and their ratio.
//
//   node bench.js [iterations] [repeats]
const assert = require('node:assert/strict');
const { randomBytes } = require('node:crypto');
const rj = require('repayjump');

const iterations = Number(process.argv[2] ?? 20000);
const repeats = Number(process.argv[3] ?? 7);
const fields = { appid: 'wxcbda96de0b165486', mchid: '1900009231', openid: 'oUpF8uMEb4qRXf22hE3X68TekukE' };

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LIMIT = 248; // 4 * 62: bytes from here on would favour some characters

function pureNonce(length = 32) {
  let nonce = '';
  while (nonce.length < length) {
    const bytes = randomBytes(64);
    for (let i = 0; i < bytes.length && nonce.length < length; i++) {
      if (bytes[i] < LIMIT) nonce += ALPHABET[bytes[i] % 62];
    }
  }
  return nonce;
}

const RULES = { appid: /^wx[0-9a-f]{16}$/, mchid: /^[0-9]{1,32}$/, openid: /^[A-Za-z0-9_-]{1,32}$/ };

function pureCompose(input) {
  for (const [name, rule] of Object.entries(RULES)) {
    if (!rule.test(input[name])) throw new Error(`${name}: invalid`);
  }
  const { appid, mchid, openid, nonceStr } = input;
  const extra = { appid, mchid, nonce_str: nonceStr ?? pureNonce(), openid };
  const extraDataJson = JSON.stringify(extra);
  const appPath = `${rj.TARGET_PATH}?${new URLSearchParams(extra)}`;
  return {
    nonceStr: extra.nonce_str,
    extraDataJson,
    navigateJson: JSON.stringify({
      appId: rj.TARGET_APPID,
      path: rj.TARGET_PATH,
      extraData: extra,
      envVersion: 'release',
    }),
    appPath,
    appLaunchJson: JSON.stringify({ userName: rj.TARGET_USERNAME, path: appPath, miniProgramType: 0 }),
  };
}

// Once: the pure version writes the very bytes of the library, and its
// nonces are of the library's alphabet and length.
const nonceStr = '5K8264ILTKCH16CQ2502SI8ZNMTM67VS';
const { sign: _sign, ...expected } = rj.compose({ ...fields, nonceStr });
assert.deepEqual(pureCompose({ ...fields, nonceStr }), expected);
assert.match(pureNonce(), /^[A-Za-z0-9]{32}$/);

let sink = 0;
function timeBatch(fn) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += fn().appPath.length;
  return Number(process.hrtime.bigint() - start) / iterations;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const cases = [
  ['compose, binding (koffi)', () => rj.compose(fields)],
  ['compose, pure Node', () => pureCompose(fields)],
  ['nonce, binding (koffi)', () => ({ appPath: rj.nonce() })],
  ['nonce, pure Node', () => ({ appPath: pureNonce() })],
];
for (const [, fn] of cases) timeBatch(fn); // warm up the JIT
// Each repeat times every case in turn, so that a busy moment of the
// machine falls on all of them alike.
const samples = cases.map(() => []);
for (let r = 0; r < repeats; r++) cases.forEach(([, fn], i) => samples[i].push(timeBatch(fn)));
const ns = Object.fromEntries(cases.map(([name], i) => [name, median(samples[i])]));

console.log(`node ${process.version}, koffi ${require('koffi').version}, library ${rj.version}`);
console.log(`${iterations} iterations, median of ${repeats} repeats`);
for (const [name, value] of Object.entries(ns)) {
  console.log(`${name.padEnd(26)} ${value.toFixed(0).padStart(8)} ns/op`);
}
const ratio = (a, b) => (ns[`${a}, binding (koffi)`] / ns[`${a}, pure Node`]).toFixed(2);
console.log(`compose ratio binding/pure: ${ratio('compose')}`);
console.log(`nonce ratio binding/pure: ${ratio('nonce')}`);
if (sink === 0) throw new Error('nothing was composed');
