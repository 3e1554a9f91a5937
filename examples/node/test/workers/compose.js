'use strict';
// Run inside a worker thread: compose and draw nonces, and send everything
// back to be checked by the main thread.
const { parentPort, workerData } = require('node:worker_threads');
const rj = require('../../repayjump');

const { rounds, fields, apiKey } = workerData;
const composed = [];
const nonces = [];
for (let i = 0; i < rounds; i++) {
  const variant = i % 2 ? rj.Variant.V2_MERCHANT : rj.Variant.V3_MERCHANT;
  const key = variant === rj.Variant.V2_MERCHANT ? Buffer.from(apiKey) : undefined;
  composed.push({ variant, result: { ...rj.compose({ ...fields, variant, apiKey: key }) } });
  nonces.push(rj.nonce());
}
parentPort.postMessage({ composed, nonces });
