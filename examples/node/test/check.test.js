'use strict';
// check(): the document's own samples, every compose output, mappings with
// JSON values, NUL and non-ASCII bytes, the key never shown, and findings
// beyond the first storage.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const util = require('node:util');
const { Worker } = require('node:worker_threads');
const rj = require('../repayjump');
const { DOC, API_KEY, TARGET } = require('./support');

// The document's App paths, verbatim.
const IOS_PATH =
  'pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486' +
  '&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin';
const ANDROID_PATH =
  'pages/invest_list/invest_list?mchid=1900009231&appid=wxcbda96de0b165486' +
  '&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin';
const EXTRA_DATA = Object.freeze({
  appid: DOC.appid,
  mchid: DOC.mchid,
  nonce_str: DOC.nonceStr,
  openid: DOC.openid,
});

const codes = (result) => result.findings.map((f) => f.code);
const bytesBefore = (text, needle) => Buffer.byteLength(text.slice(0, text.indexOf(needle)));

/** finding sits at the first needle of text, counted in UTF-8 bytes. */
function assertAt(finding, text, needle, key) {
  assert.notEqual(text.indexOf(needle), -1);
  assert.equal(finding.offset, bytesBefore(text, needle), util.inspect(finding));
  assert.ok(finding.length >= 1);
  const spanned = Buffer.from(text).subarray(finding.offset, finding.offset + finding.length);
  assert.ok(Buffer.from(needle).subarray(0, finding.length).equals(spanned), util.inspect(finding));
  assert.equal(finding.key, key);
  assert.equal(finding.inValue, false);
}

function assertClean(result, notes = []) {
  assert.deepEqual(codes(result), notes, util.inspect(result.findings));
  assert.deepEqual([result.errors, result.warnings, result.notes], [0, 0, notes.length]);
  assert.equal(result.ok, true);
}

test("the document's iOS path: key.version, value.space, value.equals", () => {
  const result = rj.check(IOS_PATH);
  assert.deepEqual(codes(result), ['key.version', 'value.space', 'value.equals']);
  assert.equal(result.kind, 'app_path');
  assert.equal(result.variant, rj.Variant.V3_MERCHANT);
  assert.deepEqual([result.errors, result.warnings, result.notes, result.ok], [3, 0, 0, false]);
  const [version, space, equals] = result.findings;
  assertAt(version, IOS_PATH, 'mch_id', 'mch_id');
  assert.equal(version.length, 'mch_id'.length);
  assertAt(space, IOS_PATH, ' &openid', 'nonce_str');
  assert.equal(space.length, 1);
  assertAt(equals, IOS_PATH, '=weixin', 'openid');
  assert.deepEqual(
    result.findings.map((f) => [f.field, f.fieldName, f.severity]),
    [
      [rj.Field.MCHID, 'mchid', 'error'],
      [rj.Field.NONCE_STR, 'nonce_str', 'error'],
      [rj.Field.OPENID, 'openid', 'error'],
    ],
  );
  for (const f of result.findings) {
    assert.ok(f.message.length > 0 && f.fix.length > 0);
    assert.doesNotMatch(f.message + f.fix, /\n/);
  }
  assert.ok(Object.isFrozen(result) && Object.isFrozen(result.findings) && Object.isFrozen(version));
});

test("the document's Android path: value.equals", () => {
  const result = rj.check(ANDROID_PATH);
  assert.deepEqual(codes(result), ['value.equals']);
  assertAt(result.findings[0], ANDROID_PATH, '=weixin', 'openid');
});

test('a bare query, as a string or as bytes', () => {
  const query = ANDROID_PATH.slice(ANDROID_PATH.indexOf('?') + 1);
  for (const input of [query, Buffer.from(query), new Uint8Array(Buffer.from(query))]) {
    const result = rj.check(input);
    assert.equal(result.kind, 'query');
    assert.deepEqual(codes(result), ['value.equals']);
    assertAt(result.findings[0], query, '=weixin', 'openid');
  }
});

test('a number in an object is json.not_string, and the fix quotes it', () => {
  const result = rj.check({ ...EXTRA_DATA, mchid: 1900009231 });
  assert.deepEqual(codes(result), ['json.not_string']);
  const [f] = result.findings;
  assert.deepEqual([f.key, f.field, f.severity], ['mchid', rj.Field.MCHID, 'error']);
  assert.match(f.fix, /"1900009231"/);
  assert.equal(result.kind, null);
});

test('every JSON value that is not a string goes as its JSON text', () => {
  // A scalar's fix quotes its JSON text; an array or object is only named.
  for (const [value, text] of [
    [true, '"true"'],
    [null, '"null"'],
    [1.5, '"1.5"'],
    [[1, 'a'], null],
    [{ x: 1 }, null],
  ]) {
    const result = rj.check({ ...EXTRA_DATA, nonce_str: value });
    assert.deepEqual(codes(result), ['json.not_string'], String(text));
    assert.equal(result.findings[0].key, 'nonce_str');
    if (text) assert.ok(result.findings[0].fix.includes(text), text);
  }
  // undefined is no value, as JSON.stringify has it: the field is missing.
  assert.deepEqual(codes(rj.check({ ...EXTRA_DATA, openid: undefined })), ['field.missing']);
});

test('string values are checked, at offsets within the value', () => {
  const result = rj.check({ ...EXTRA_DATA, openid: `${DOC.openid}=weixin` });
  assert.deepEqual(codes(result), ['value.equals']);
  const [f] = result.findings;
  assert.deepEqual([f.key, f.offset, f.inValue], ['openid', DOC.openid.length, true]);
  assertClean(rj.check(EXTRA_DATA));
  assertClean(rj.check(new Map(Object.entries(EXTRA_DATA))));
});

test('entries keep a repeated key', () => {
  const entries = [...Object.entries(EXTRA_DATA), ['appid', DOC.appid]];
  const result = rj.check(entries);
  assert.deepEqual(codes(result), ['key.duplicate']);
  assert.equal(result.findings[0].key, 'appid');
});

test('NUL bytes reach the library and are reported there', () => {
  let result = rj.check({ ...EXTRA_DATA, openid: 'oUpF\0evil' });
  assert.deepEqual(codes(result), ['value.rule']);
  const [f] = result.findings;
  assert.deepEqual([f.key, f.offset, f.inValue], ['openid', 4, true]);
  assert.match(f.message, /byte 4 is (a NUL byte|0x00)/);
  const withNul = ANDROID_PATH.replace('kukE=weixin', 'ku\0E');
  result = rj.check(withNul);
  assert.deepEqual(codes(result), ['value.rule']);
  assert.equal(result.findings[0].offset, withNul.indexOf('\0'));
  assert.match(result.findings[0].message, /is (a NUL byte|0x00)/);
});

test('offsets count UTF-8 bytes', () => {
  // The space comes after 中, three bytes in UTF-8.
  const text =
    'pages/invest_list/invest_list?mchid=1900009231&appid=wxcbda96de0b165486&openid=中kukE&nonce_str=5K82 64';
  let result = rj.check(text);
  assert.deepEqual(codes(result), ['value.rule', 'value.space']);
  assert.equal(result.findings[0].offset, bytesBefore(text, '中'));
  assert.equal(result.findings[1].offset, bytesBefore(text, ' '));
  assert.equal(result.findings[1].offset, text.indexOf(' ') + 2);
  result = rj.check({ ...EXTRA_DATA, openid: 'ab中c' });
  assert.deepEqual([result.findings[0].offset, result.findings[0].inValue], [2, true]);
});

const PARTNER = { subAppid: DOC.subAppid, subMchid: DOC.subMchid, subOpenid: DOC.subOpenid };
const COMPOSED = [
  { variant: rj.Variant.V3_MERCHANT },
  { variant: rj.Variant.V3_PARTNER, ...PARTNER },
  { variant: rj.Variant.V2_MERCHANT, apiKey: API_KEY },
  { variant: rj.Variant.V2_PARTNER, ...PARTNER, apiKey: API_KEY },
  { variant: rj.Variant.V3_PARTNER, subMchid: DOC.subMchid },
  { variant: rj.Variant.V3_MERCHANT, openid: null, flags: rj.Flags.ALLOW_NO_OPENID },
  { variant: rj.Variant.V2_PARTNER, ...PARTNER, openid: null, apiKey: API_KEY },
];

test('every output of compose checks clean', () => {
  for (const extra of COMPOSED) {
    const fields = { appid: DOC.appid, mchid: DOC.mchid, openid: DOC.openid, ...extra };
    const key = extra.apiKey ? Buffer.from(extra.apiKey) : undefined;
    const jump = rj.compose({ ...fields, apiKey: key && Buffer.from(key) });
    const inputs = [
      jump.appPath,
      JSON.parse(jump.extraDataJson),
      JSON.parse(jump.navigateJson).extraData,
      JSON.parse(jump.appLaunchJson).path,
    ];
    const flags = extra.flags ?? 0;
    for (const input of inputs) {
      const result = rj.check(input, { flags, apiKey: key });
      assertClean(result);
      assert.equal(result.variant, extra.variant);
      // Without the key an APIv2 sign is only a note.
      if (key) assertClean(rj.check(input, { flags }), ['sign.unverified']);
    }
    assertClean(rj.check(jump.appPath, { variant: extra.variant, flags, apiKey: key }));
  }
});

test('a wrong key gives sign.mismatch, and no key is ever shown', () => {
  const wrong = Buffer.from('W0ngK3yW0ngK3yW0ngK3yW0ngK3yW0ng');
  const jump = rj.compose({ variant: rj.Variant.V2_MERCHANT, ...fieldsOf(DOC), apiKey: Buffer.from(API_KEY) });
  const result = rj.check(jump.appPath, { apiKey: wrong });
  assert.deepEqual(codes(result), ['sign.mismatch']);
  assertAt(result.findings[0], jump.appPath, jump.sign, 'sign');
  const shown = util.inspect(result, { depth: null }) + JSON.stringify(result);
  for (const key of [wrong.toString(), API_KEY]) {
    for (let i = 0; i < 27; i += 3) assert.ok(!shown.includes(key.slice(i, i + 6)), 'key shown');
  }
  assert.equal(wrong.toString(), 'W0ngK3yW0ngK3yW0ngK3yW0ngK3yW0ng', "the caller's key is left as it was");
});

function fieldsOf(doc) {
  return { appid: doc.appid, mchid: doc.mchid, openid: doc.openid };
}

test('more findings than the first storage holds are all returned', () => {
  const keys = Array.from({ length: 45 }, (_, i) => `zz${i}`);
  const query = keys.map((k) => `${k}=1`).join('&');
  const result = rj.check(query);
  const unknown = result.findings.filter((f) => f.code === 'key.unknown');
  assert.deepEqual(
    unknown.map((f) => f.key),
    keys,
  );
  for (const f of unknown) assert.equal(f.offset, query.indexOf(`${f.key}=`));
  assert.ok(result.findings.length > 45);
  assert.equal(result.errors + result.warnings + result.notes, result.findings.length);
});

test('options the library or JavaScript refuses', () => {
  for (const variant of [4, -2]) {
    assert.throws(() => rj.check(IOS_PATH, { variant }), { code: 'REPAYJUMP_E_ARG' });
  }
  assert.throws(() => rj.check(IOS_PATH, { flags: 8 }), { code: 'REPAYJUMP_E_ARG' });
  assert.throws(() => rj.check(IOS_PATH, { flags: -1 }), RangeError);
  assert.throws(() => rj.check(IOS_PATH, { mch_id: 1 }), TypeError);
  assert.throws(() => rj.check(IOS_PATH, { apiKey: 'a string' }), TypeError);
  assert.throws(() => rj.check(42), TypeError);
  assert.throws(() => rj.check({ openid: () => 1 }), TypeError);
  assert.throws(() => rj.check([['appid']]), TypeError);
});

test('a key with a NUL byte is refused, and not shown', () => {
  assert.throws(
    () => rj.check(IOS_PATH, { apiKey: Buffer.from('abc\0def') }),
    (error) =>
      error.code === 'REPAYJUMP_E_CHARSET' &&
      error.field === rj.Field.API_KEY &&
      error.offset === 3 &&
      !error.message.includes('abc'),
  );
});

test('nothing to check is input.empty', () => {
  assert.deepEqual(codes(rj.check('')), ['input.empty']);
});

test("codes and severities are the library's", () => {
  const table = rj.checkCodes();
  assert.equal(table['value.space'], 'error');
  assert.equal(table['path.leading_slash'], 'warning');
  assert.equal(table['sign.unverified'], 'note');
  assert.ok(Object.keys(table).length >= 37); // CHECK.md's table
  assert.deepEqual(new Set(Object.values(table)), new Set(['error', 'warning', 'note']));
  for (const input of [IOS_PATH, `/${ANDROID_PATH}`, 'a&&b']) {
    for (const f of rj.check(input).findings) assert.equal(table[f.code], f.severity, f.code);
  }
});

test("the document's navigate argument: the AppID's space, and the nonce's under extraData.nonce_str", () => {
  const result = rj.check({
    appId: `${TARGET.appid} `,
    path: TARGET.path,
    extraData: { ...EXTRA_DATA, nonce_str: `${DOC.nonceStr} ` },
  });
  assert.equal(result.kind, 'navigate');
  assert.equal(result.variant, rj.Variant.V3_MERCHANT);
  assert.deepEqual(codes(result), ['navigate.app_id', 'value.space']);
  const [appId, space] = result.findings;
  assert.deepEqual([appId.key, appId.offset, appId.inValue], ['appId', 18, true]);
  assert.deepEqual(
    [space.key, space.field, space.offset, space.inValue],
    ['extraData.nonce_str', rj.Field.NONCE_STR, 32, true],
  );
});

test('extraData as a Map, or a JSON string or bytes of an object, has its members checked', () => {
  const members = { ...EXTRA_DATA, nonce_str: `${DOC.nonceStr} ` };
  const json = JSON.stringify(members);
  const navigate = (extraData) => rj.check({ appId: TARGET.appid, path: TARGET.path, extraData });
  const asMap = navigate(new Map(Object.entries(members)));
  assert.deepEqual(
    asMap.findings.map((f) => [f.code, f.key]),
    [['value.space', 'extraData.nonce_str']],
  );
  for (const twice of [json, Buffer.from(json)]) {
    assert.deepEqual(
      navigate(twice).findings.map((f) => [f.code, f.key]),
      [
        ['navigate.extra_data', 'extraData'],
        ['value.space', 'extraData.nonce_str'],
      ],
    );
  }
});

test('extraData that is no object is one pair', () => {
  for (const extraData of ['[1,2]', 'null', '"{}"', 12, [EXTRA_DATA], Buffer.from([0x7b, 0xff, 0x7d])]) {
    const result = rj.check({ appId: TARGET.appid, path: TARGET.path, extraData });
    assert.deepEqual(
      result.findings.map((f) => f.key),
      ['extraData', ...result.findings.slice(1).map(() => null)],
      util.inspect(extraData),
    );
    assert.equal(result.findings[0].code, 'navigate.extra_data');
  }
});

test('only the top-level extraData is opened', () => {
  const inner = { ...EXTRA_DATA, extraData: { nonce_str: `${DOC.nonceStr} ` } };
  let result = rj.check({ appId: TARGET.appid, path: TARGET.path, extraData: inner });
  assert.deepEqual(
    result.findings.map((f) => [f.code, f.key]),
    [['key.unknown', 'extraData.extraData']],
  );
  // A member's object is its JSON text, as a top-level one's.
  result = rj.check({ extraData: { ...EXTRA_DATA, openid: { a: [1] } } });
  assert.deepEqual(codes(result), ['json.not_string', 'navigate.app_id', 'navigate.path']);
  assert.equal(result.findings[0].key, 'extraData.openid');
  // Elsewhere an object stays one value.
  result = rj.check({ ...EXTRA_DATA, openid: { nonce_str: `${DOC.nonceStr} ` } });
  assert.deepEqual(
    result.findings.map((f) => [f.code, f.key]),
    [['json.not_string', 'openid']],
  );
  assert.equal(result.kind, null);
});

test('an App launch request: miniProgramType the number 0', () => {
  const query = new URLSearchParams(EXTRA_DATA).toString();
  const launch = { userName: TARGET.username, path: `${TARGET.path}?${query}`, miniProgramType: 0 };
  const result = rj.check(launch);
  assert.equal(result.kind, 'app_launch');
  assertClean(result);
  assert.deepEqual(
    rj.check({ ...launch, miniProgramType: '0' }).findings.map((f) => [f.code, f.key]),
    [['launch.type', 'miniProgramType']],
  );
});

test('worker threads check at once and agree with this thread', async () => {
  const many = Array.from({ length: 40 }, (_, i) => `k${i}=v`).join('&');
  const inputs = [IOS_PATH, ANDROID_PATH, { ...EXTRA_DATA, mchid: 1 }, many];
  const expected = inputs.map((input) => rj.check(input));
  const runs = Array.from(
    { length: 4 },
    () =>
      new Promise((resolve, reject) => {
        const worker = new Worker(path.join(__dirname, 'workers', 'check.js'), {
          workerData: { inputs, rounds: 100 },
        });
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
      }),
  );
  for (const results of await Promise.all(runs)) {
    assert.equal(results.length, 100 * inputs.length);
    results.forEach((result, i) => assert.deepEqual(result, expected[i % inputs.length]));
  }
});
