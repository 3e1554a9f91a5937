'use strict';
// Several worker threads and libuv's pool composing and drawing nonces at
// once: every output checked, every nonce distinct.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { Worker } = require('node:worker_threads');
const rj = require('../repayjump');
const { DOC, API_KEY, checkOutputs, v2Sign } = require('./support');

const WORKERS = 4;
const ROUNDS = 200;
const ASYNC_CALLS = 200;
const fields = { appid: DOC.appid, mchid: DOC.mchid, openid: DOC.openid };

function runWorker() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, 'workers', 'compose.js'), {
      workerData: { rounds: ROUNDS, fields, apiKey: API_KEY },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
  });
}

function check(variant, result) {
  const v2 = variant === rj.Variant.V2_MERCHANT;
  const fieldsOut = [
    ['appid', fields.appid],
    [v2 ? 'mch_id' : 'mchid', fields.mchid],
    ['nonce_str', result.nonceStr],
    ['openid', fields.openid],
  ];
  if (v2) fieldsOut.push(['sign_type', 'HMAC-SHA256']);
  if (v2) fieldsOut.push(['sign', v2Sign(Object.fromEntries(fieldsOut), API_KEY)]);
  checkOutputs(result, fieldsOut);
  assert.match(result.nonceStr, /^[A-Za-z0-9]{32}$/);
}

test('workers and async calls compose at once', async () => {
  const asyncCalls = Array.from({ length: ASYNC_CALLS }, (_, i) => {
    const variant = i % 2 ? rj.Variant.V2_MERCHANT : rj.Variant.V3_MERCHANT;
    const apiKey = i % 2 ? Buffer.from(API_KEY) : undefined;
    return rj.composeAsync({ ...fields, variant, apiKey }).then((result) => ({ variant, result }));
  });
  const [workers, asyncResults] = await Promise.all([
    Promise.all(Array.from({ length: WORKERS }, runWorker)),
    Promise.all(asyncCalls),
  ]);

  const nonces = [];
  for (const { composed, nonces: drawn } of workers) {
    assert.equal(composed.length, ROUNDS);
    assert.equal(drawn.length, ROUNDS);
    for (const { variant, result } of composed) {
      check(variant, result);
      nonces.push(result.nonceStr);
    }
    for (const nonce of drawn) assert.match(nonce, /^[A-Za-z0-9]{32}$/);
    nonces.push(...drawn);
  }
  for (const { variant, result } of asyncResults) {
    check(variant, result);
    nonces.push(result.nonceStr);
  }
  assert.equal(nonces.length, WORKERS * ROUNDS * 2 + ASYNC_CALLS);
  assert.equal(new Set(nonces).size, nonces.length, 'every nonce distinct');
});
