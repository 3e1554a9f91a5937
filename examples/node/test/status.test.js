'use strict';
// The status query against the shared vectors (tests/status/vectors.json,
// whose path ctest passes in REPAYJUMP_STATUS_VECTORS): every request byte
// for byte with its sign recomputed by Node's own HMAC, every answer's
// verdict, offset and result, the key in no error, workers at once.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const util = require('node:util');
const { Worker } = require('node:worker_threads');
const rj = require('../repayjump');
const native = require('../lib/native');
const { DOC } = require('./support');

const { Variant, Flags, Status, Field, UserState } = rj;
const VECTORS_PATH =
  process.env.REPAYJUMP_STATUS_VECTORS || path.join(__dirname, '..', '..', '..', 'tests', 'status', 'vectors.json');
const VECTORS = JSON.parse(fs.readFileSync(VECTORS_PATH, 'utf8'));
const KEY = VECTORS.key;

// The vectors name fields as C does; the binding takes camelCase, the key as bytes.
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
function options(cFields) {
  const out = {};
  for (const [name, value] of Object.entries(cFields)) {
    out[camel(name)] = name === 'api_key' ? Buffer.from(value) : value;
  }
  return out;
}
const identity = (name) => options(VECTORS.identities[name]);
const answerOf = (v) => (typeof v.answer === 'string' ? Buffer.from(v.answer, 'utf8') : Buffer.from(v.answer.hex, 'hex'));

/** The request's elements, in order: a flat <xml>, nothing else. */
function requestFields(body) {
  assert.match(body, /^<xml>(?:<([a-z_]+)>[^<>&]*<\/\1>)+<\/xml>$/);
  return [...body.matchAll(/<([a-z_]+)>([^<]*)<\/\1>/g)].map(([, k, v]) => [k, v]);
}

/** WeChat Pay's APIv2 signature over every non-empty field but sign. */
function statusSign(pairs, key = KEY) {
  const text = pairs
    .filter(([k, v]) => k !== 'sign' && v !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return crypto.createHmac('sha256', key).update(`${text}&key=${key}`).digest('hex').toUpperCase();
}

function assertSigned(body) {
  const pairs = requestFields(body);
  assert.deepEqual(pairs.at(-1), ['sign', statusSign(pairs)]);
  return Object.fromEntries(pairs);
}

function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return assert.fail('expected an error');
}

test('every request, byte for byte, signed as Node signs it', () => {
  const variants = new Set();
  for (const v of VECTORS.requests) {
    const body = rj.statusRequest({ ...options(v.params), ...options(v.query) });
    assert.equal(body, v.body);
    const fields = assertSigned(body);
    assert.equal(fields.sign_type, 'HMAC-SHA256');
    assert.equal(fields.version, '3.0');
    for (const [name, value] of Object.entries(v.query)) assert.equal(fields[name], value);
    assert.ok(Buffer.byteLength(body) < rj.STATUS_REQUEST_MAX);
    variants.add(v.params.variant);
  }
  assert.deepEqual([...variants].sort(), Object.values(Variant).sort());
});

test('a drawn nonce is signed too, in every variant', () => {
  const seen = new Set();
  for (const name of ['v3', 'v3-partner', 'v2', 'v2-partner']) {
    for (let i = 0; i < 5; i++) {
      const fields = assertSigned(rj.statusRequest({ ...identity(name), openid: DOC.openid, tradeScene: 'GAS' }));
      assert.match(fields.nonce_str, /^[A-Za-z0-9]{32}$/);
      seen.add(fields.nonce_str);
    }
  }
  assert.equal(seen.size, 20);
});

test('the key as a Buffer, a Uint8Array or a secret KeyObject', () => {
  const v = VECTORS.requests[0];
  for (const apiKey of [Buffer.from(KEY), new Uint8Array(Buffer.from(KEY)), crypto.createSecretKey(Buffer.from(KEY))]) {
    assert.equal(rj.statusRequest({ ...options(v.params), ...options(v.query), apiKey }), v.body);
  }
});

test('every answer gets its verdict, offset and result', () => {
  const statuses = new Set();
  for (const v of VECTORS.answers) {
    const want = v.result ?? {};
    if (v.status === Status.OK) {
      const result = rj.statusParse(identity(v.identity), answerOf(v));
      assert.ok(Object.isFrozen(result));
      assert.deepEqual(Object.keys(result), [
        'state', 'userState', 'deductMode', 'openid', 'subOpenid', 'path', 'plateNumberInfo', 'plateNumber', 'repay',
      ]);
      assert.equal(result.repay, result.state === UserState.OVERDUE);
      for (const [name, value] of Object.entries(want)) assert.equal(result[camel(name)], value, `${v.name}: ${name}`);
      statuses.add(0);
      continue;
    }
    const error = thrown(() => rj.statusParse(identity(v.identity), answerOf(v)));
    assert.ok(error instanceof rj.RepayjumpError, v.name);
    statuses.add(error.status);
    assert.equal(error.status, v.status, `${v.name}: ${error.message}`);
    assert.equal(error.code, `REPAYJUMP_${error.statusName}`);
    if ('offset' in v) assert.equal(error.offset, v.offset, v.name);
    assert.ok(!error.message.includes('\n'));
    for (const text of [error.message, error.stack, util.inspect(error), JSON.stringify(error)]) {
      assert.ok(!text.includes(KEY), v.name);
    }
    const words = [error.returnMsg, error.errCode, error.errCodeDes];
    if (error.status === Status.E_RETURN_FAIL || error.status === Status.E_RESULT_FAIL) {
      for (const word of words) assert.equal(typeof word, 'string');
      for (const name of ['return_msg', 'err_code', 'err_code_des']) {
        if (name in want) assert.equal(error[camel(name)], want[name], `${v.name}: ${name}`);
      }
      // An unsigned FAIL carries return_msg only.
      if (error.status === Status.E_RETURN_FAIL) assert.deepEqual(words.slice(1), ['', '']);
    } else {
      assert.deepEqual(words, [null, null, null], v.name);
    }
  }
  assert.deepEqual([...statuses].sort((a, b) => a - b), [-17, -16, -15, -14, -13, -12, -11, -10, -5, 0]);
});

test('states, and their names as the library gives them', () => {
  for (const [name, value] of Object.entries(UserState)) {
    assert.equal(native.userStateName(value), value === UserState.UNKNOWN ? 'unknown' : name);
  }
  const v = VECTORS.answers[0];
  const result = rj.statusParse(identity(v.identity), answerOf(v));
  assert.equal(result.state, UserState.OVERDUE);
});

test('an answer as a string, a Buffer or a Uint8Array', () => {
  const v = VECTORS.answers[0];
  const want = rj.statusParse(identity(v.identity), answerOf(v));
  assert.deepEqual(rj.statusParse(identity(v.identity), v.answer), want);
  assert.deepEqual(rj.statusParse(identity(v.identity), new Uint8Array(answerOf(v))), want);
  assert.throws(() => rj.statusParse(identity(v.identity), 12), TypeError);
  assert.throws(() => rj.statusParse(identity(v.identity), null), TypeError);
  // Another key: the signature does not match.
  const error = thrown(() =>
    rj.statusParse({ ...identity(v.identity), apiKey: Buffer.from('7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ') }, answerOf(v)),
  );
  assert.equal(error.status, Status.E_SIGNATURE);
});

test('URLs of every variant, primary and backup', () => {
  const paths = ['/vehicle/pay/querystate', '/vehicle/partnerpay/querystate'];
  for (const variant of Object.values(Variant)) {
    const p = paths[variant % 2];
    assert.equal(rj.statusUrl(variant), `https://api.mch.weixin.qq.com${p}`);
    assert.equal(rj.statusUrl(variant, true), `https://api2.mch.weixin.qq.com${p}`);
  }
  assert.equal(rj.statusUrl(), rj.statusUrl(Variant.V3_MERCHANT, false));
  const error = thrown(() => rj.statusUrl(4));
  assert.equal(error.status, Status.E_ARG);
  assert.throws(() => rj.statusUrl('1'), TypeError);
  assert.throws(() => rj.statusUrl(0, 1), TypeError);
});

function refused(fields, status, field, offset, message) {
  const base = { ...identity('v3'), openid: DOC.openid, tradeScene: 'PARKING' };
  const error = thrown(() => rj.statusRequest({ ...base, ...fields }));
  assert.ok(error instanceof rj.RepayjumpError, String(error));
  assert.deepEqual([error.status, error.field, error.offset], [status, field, offset], error.message);
  if (message !== undefined) assert.equal(error.message, message);
  return error;
}

test('the request refuses what STATUS.md refuses', () => {
  // The key in every variant, APIv3 included.
  for (const name of ['v3', 'v3-partner', 'v2', 'v2-partner']) {
    refused({ ...identity(name), apiKey: null }, Status.E_MISSING, Field.API_KEY, 0);
  }
  refused({ tradeScene: '' }, Status.E_MISSING, Field.TRADE_SCENE, 0, 'trade_scene: required by the status query');
  refused({ tradeScene: undefined }, Status.E_MISSING, Field.TRADE_SCENE, 0);
  refused({ tradeScene: 'BOAT' }, Status.E_FORMAT, Field.TRADE_SCENE, 0);
  refused({ tradeScene: 'parking' }, Status.E_CHARSET, Field.TRADE_SCENE, 0);
  refused({ jumpScene: 'WEB' }, Status.E_FORMAT, Field.JUMP_SCENE, 0);
  refused({ plateNumber: 'AB888888' }, Status.E_FORMAT, Field.PLATE_NUMBER, 0);
  // Offsets in UTF-8 bytes: 粤 is three.
  refused({ plateNumber: '粤B8888888' }, Status.E_TOO_LONG, Field.PLATE_NUMBER, 10);
  refused({ openid: null }, Status.E_MISSING, Field.OPENID, 0);
  refused({ variant: 4 }, Status.E_ARG, Field.NONE, 0);
  // Relaxed: other scenes and plates.
  const body = rj.statusRequest({
    ...identity('v3'), openid: DOC.openid, flags: Flags.RELAXED, tradeScene: 'CAR_WASH', jumpScene: 'MP2', plateNumber: 'abc',
  });
  assert.ok(body.includes('<trade_scene>CAR_WASH</trade_scene>'));
  assertSigned(body);
});

test('NUL bytes are refused where they are', () => {
  refused({ tradeScene: 'PARK\u0000ING' }, Status.E_CHARSET, Field.TRADE_SCENE, 4,
    'trade_scene: byte 4 is 0x00; expected an uppercase letter or a space');
  refused({ jumpScene: 'A\u0000P' }, Status.E_CHARSET, Field.JUMP_SCENE, 1);
  refused({ plateNumber: '粤B8\u00008888' }, Status.E_CHARSET, Field.PLATE_NUMBER, 5,
    'plate_number: byte 5 is 0x00; expected an uppercase letter or digit');
  refused({ openid: 'oU\u0000x' }, Status.E_CHARSET, Field.OPENID, 2);
  refused({ apiKey: Buffer.from(`${KEY.slice(0, 31)}\u0000`) }, Status.E_CHARSET, Field.API_KEY, 31);
});

test('wrong JavaScript types and unknown options', () => {
  const base = { ...identity('v3'), openid: DOC.openid };
  assert.throws(() => rj.statusRequest({ ...base, tradeScene: 1 }), { name: 'TypeError', message: /tradeScene/ });
  assert.throws(() => rj.statusRequest({ ...base, tradeScene: 'GAS', trade_scene: 'GAS' }), TypeError);
  assert.throws(() => rj.statusRequest({ ...base, tradeScene: 'GAS', apiKey: KEY }), TypeError);
  // The query's options belong to the request, not to the answer.
  assert.throws(() => rj.statusParse({ ...base, tradeScene: 'GAS' }, '<xml/>'), TypeError);
  assert.throws(() => rj.compose({ ...base, tradeScene: 'GAS' }), TypeError);
});

test('identity errors reach statusParse too', () => {
  const v = VECTORS.answers[0];
  let error = thrown(() => rj.statusParse({ ...identity('v3'), apiKey: null }, answerOf(v)));
  assert.deepEqual([error.status, error.field], [Status.E_MISSING, Field.API_KEY]);
  error = thrown(() => rj.statusParse({ ...identity('v3'), mchid: '19x' }, answerOf(v)));
  assert.deepEqual([error.status, error.field], [Status.E_CHARSET, Field.MCHID]);
});

test('the key appears in no error or output', () => {
  const secret = 'S3cr3tK3yS3cr3tK3yS3cr3tK3yS3cr3';
  const pieces = Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
  const leaks = (text) => pieces.some((piece) => text.includes(piece));
  const base = { ...identity('v2'), openid: DOC.openid, tradeScene: 'GAS' };
  const errors = [
    { ...base, apiKey: Buffer.from(secret.slice(0, 31)) },
    { ...base, apiKey: Buffer.from(`${secret}x`) },
    { ...base, apiKey: Buffer.from(`${secret.slice(0, 5)} ${secret.slice(6)}`) },
    { ...base, apiKey: Buffer.from(secret), jumpScene: 'WEB' },
  ].map((fields) => thrown(() => rj.statusRequest(fields)));
  for (const v of VECTORS.answers.filter((a) => a.status !== 0)) {
    errors.push(thrown(() => rj.statusParse({ ...identity(v.identity), apiKey: Buffer.from(secret) }, answerOf(v))));
  }
  for (const error of errors) {
    assert.ok(error instanceof rj.RepayjumpError);
    for (const text of [error.message, error.stack, util.inspect(error, { showHidden: true }), JSON.stringify(error)]) {
      assert.ok(!leaks(text), text);
    }
  }
  assert.ok(!leaks(rj.statusRequest({ ...base, apiKey: Buffer.from(secret) })));
});

test('the result mirrors repayjump_status_result', () => {
  const koffi = require('koffi');
  assert.equal(koffi.sizeof(native.types.StatusResult), native.STATUS_RESULT_SIZE);
  // Each member as the header sizes it (no function gives them).
  const header = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'include', 'repayjump.h'), 'utf8');
  const sizes = Object.fromEntries(
    [...header.matchAll(/#define REPAYJUMP_STATUS_(\w+)_MAX[\s\\]+(\d+)/g)].map(([, name, n]) => [name, Number(n)]),
  );
  const macro = {
    user_state: 'CODE', deduct_mode: 'CODE', openid: 'ID', sub_openid: 'ID', path: 'PATH',
    plate_number_info: 'INFO', plate_number: 'CODE', return_msg: 'TEXT', err_code: 'CODE', err_code_des: 'TEXT',
  };
  for (const [member, name] of Object.entries(macro)) {
    const type = koffi.introspect(native.types.StatusResult).members[member].type;
    assert.equal(koffi.sizeof(type), sizes[name], member);
  }
  assert.equal(rj.ANSWER_MAX, 16384);
  assert.equal(rj.STATUS_REQUEST_MAX, 1024);
});

test('workers request and parse at once', async () => {
  const WORKERS = 4;
  const ROUNDS = 100;
  // Worker data is cloned: the key travels as a string, becomes bytes there.
  const requests = VECTORS.requests.map((v) => {
    const { apiKey, ...rest } = { ...options(v.params), ...options(v.query) };
    return { options: rest, apiKey: apiKey.toString() };
  });
  const answers = VECTORS.answers.map((v) => {
    const { apiKey, ...rest } = identity(v.identity);
    return { options: rest, apiKey: apiKey.toString(), bytes: answerOf(v) };
  });
  const expected = answers.map((a) => {
    try {
      return [0, rj.statusParse({ ...a.options, apiKey: Buffer.from(a.apiKey) }, a.bytes).userState];
    } catch (error) {
      return [error.status, error.offset];
    }
  });
  const { apiKey, ...freshOptions } = { ...identity('v2'), openid: DOC.openid, tradeScene: 'GAS' };
  const fresh = { options: freshOptions, apiKey: apiKey.toString() };
  const run = () =>
    new Promise((resolve, reject) => {
      const worker = new Worker(path.join(__dirname, 'workers', 'status.js'), {
        workerData: { rounds: ROUNDS, requests, answers, fresh },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
    });
  const reports = await Promise.all(Array.from({ length: WORKERS }, run));
  const nonces = new Set();
  for (const { bodies, verdicts, drawn } of reports) {
    assert.equal(bodies.length, ROUNDS);
    bodies.forEach((body, i) => assert.equal(body, VECTORS.requests[i % requests.length].body));
    verdicts.forEach((verdict, i) => assert.deepEqual(verdict, expected[i % answers.length]));
    for (const body of drawn) nonces.add(assertSigned(body).nonce_str);
  }
  assert.equal(nonces.size, WORKERS * ROUNDS);
});
