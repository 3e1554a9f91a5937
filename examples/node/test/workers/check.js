'use strict';
// Run inside a worker thread: check the inputs again and again, and send
// every result back to be compared by the main thread.
const { parentPort, workerData } = require('node:worker_threads');
const rj = require('../../repayjump');

const { inputs, rounds } = workerData;
const results = [];
for (let i = 0; i < rounds; i++) {
  for (const input of inputs) results.push(rj.check(input));
}
parentPort.postMessage(results);
