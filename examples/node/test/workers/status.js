'use strict';
// Run inside a worker thread: make the vectors' requests, parse their
// answers and make requests with drawn nonces; send everything back to be
// checked by the main thread.
const { parentPort, workerData } = require('node:worker_threads');
const rj = require('../../repayjump');

const { rounds, requests, answers, fresh } = workerData;
const bodies = [];
const verdicts = [];
const drawn = [];
for (let i = 0; i < rounds; i++) {
  const request = requests[i % requests.length];
  bodies.push(rj.statusRequest({ ...request.options, apiKey: Buffer.from(request.apiKey) }));
  const answer = answers[i % answers.length];
  try {
    const result = rj.statusParse({ ...answer.options, apiKey: Buffer.from(answer.apiKey) }, answer.bytes);
    verdicts.push([0, result.userState]);
  } catch (error) {
    verdicts.push([error.status, error.offset]);
  }
  drawn.push(rj.statusRequest({ ...fresh.options, apiKey: Buffer.from(fresh.apiKey) }));
}
parentPort.postMessage({ bodies, verdicts, drawn });
