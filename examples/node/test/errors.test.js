'use strict';
// Every status the library can give through the binding, with its field,
// byte offset and message; the key never in any of them.
const test = require('node:test');
const assert = require('node:assert/strict');
const util = require('node:util');
const rj = require('../repayjump');
const { DOC, API_KEY } = require('./support');

const { Variant, Flags, Status, Field } = rj;
const { appid, mchid, openid, nonceStr, subAppid, subMchid, subOpenid } = DOC;
const key = () => Buffer.from(API_KEY);

function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return assert.fail('expected an error');
}

function expectError(fn, status, field, offset, message) {
  const caught = thrown(fn);
  assert.ok(caught instanceof rj.RepayjumpError, `expected a RepayjumpError, got ${caught}`);
  assert.ok(caught instanceof Error);
  assert.equal(caught.name, 'RepayjumpError');
  const statusName = Object.keys(Status).find((name) => Status[name] === status);
  assert.deepEqual(
    {
      status: caught.status,
      statusName: caught.statusName,
      code: caught.code,
      field: caught.field,
      offset: caught.offset,
    },
    { status, statusName, code: `REPAYJUMP_${statusName}`, field, offset },
  );
  const fieldName = Object.keys(Field).find((name) => Field[name] === field).toLowerCase();
  assert.equal(caught.fieldName, fieldName);
  if (message instanceof RegExp) assert.match(caught.message, message);
  else assert.equal(caught.message, message);
  assert.ok(!caught.message.includes('\n'), 'one line');
  return caught;
}

const cases = [
  // [name, fields, status, field, offset, message]
  ['missing mchid', { appid, openid }, Status.E_MISSING, Field.MCHID, 0,
    'mchid: required by the APIv3 merchant variant'],
  ['missing openid', { appid, mchid }, Status.E_MISSING, Field.OPENID, 0,
    /^openid: required by the APIv3 merchant variant; set REPAYJUMP_ALLOW_NO_OPENID/],
  ['missing key', { variant: Variant.V2_MERCHANT, appid, mchid, openid }, Status.E_MISSING,
    Field.API_KEY, 0, 'api_key: required by the APIv2 merchant variant'],
  ['openid of 33 bytes', { appid, mchid, openid: 'o'.repeat(33) }, Status.E_TOO_LONG,
    Field.OPENID, 32, 'openid: longer than 32 bytes'],
  ['relaxed key of 129 bytes',
    { variant: Variant.V2_MERCHANT, flags: Flags.RELAXED, appid, mchid, openid, apiKey: Buffer.alloc(129, 'k') },
    Status.E_TOO_LONG, Field.API_KEY, 128, 'api_key: longer than 128 bytes'],
  ['letter in mchid', { appid, mchid: '1900x231', openid }, Status.E_CHARSET, Field.MCHID, 4,
    "mchid: byte 4 is 'x'; expected a digit"],
  ['UTF-8 in openid', { appid, mchid, openid: 'ab\u00e9' }, Status.E_CHARSET, Field.OPENID, 2,
    "openid: byte 2 is 0xC3; expected a letter, digit, '_' or '-'"],
  ['space after the nonce', { appid, mchid, openid, nonceStr: 'abc ' }, Status.E_CHARSET,
    Field.NONCE_STR, 3, 'nonce_str: byte 3 is a space; expected a letter or digit'],
  ['uppercase hex in appid', { appid: 'wxCbda96de0b165486', mchid, openid }, Status.E_FORMAT,
    Field.APPID, 2, "appid: byte 2 is 'C'; expected wx followed by 16 lowercase hex digits"],
  ['short appid', { appid: 'wx12', mchid, openid }, Status.E_FORMAT, Field.APPID, 4,
    'appid: ends at byte 4; expected wx followed by 16 lowercase hex digits'],
  ['short key', { variant: Variant.V2_MERCHANT, appid, mchid, openid, apiKey: Buffer.from(API_KEY.slice(0, 20)) },
    Status.E_FORMAT, Field.API_KEY, 20, 'api_key: ends at byte 20; expected exactly 32 letters or digits'],
  ['sub_mchid in v3 merchant', { appid, mchid, openid, subMchid }, Status.E_NOT_ALLOWED,
    Field.SUB_MCHID, 0, 'sub_mchid: not used by the APIv3 merchant variant; leave it absent'],
  ['key in v3 merchant', { appid, mchid, openid, apiKey: key() }, Status.E_NOT_ALLOWED,
    Field.API_KEY, 0, 'api_key: not used by the APIv3 merchant variant; leave it absent'],
  ['sub_openid without sub_appid', { variant: Variant.V3_PARTNER, appid, mchid, subMchid, subOpenid },
    Status.E_CONFLICT, Field.SUB_OPENID, 0, /^sub_openid: set without sub_appid/],
  ['unknown variant', { variant: 4, appid, mchid, openid }, Status.E_ARG, Field.NONE, 0,
    'variant: 4 is not a variant (0 to 3)'],
  ['unknown flag bit', { flags: 4, appid, mchid, openid }, Status.E_ARG, Field.NONE, 0,
    'flags: unknown bits 0x4'],
];

for (const [name, fields, status, field, offset, message] of cases) {
  test(`compose: ${name}`, () => expectError(() => rj.compose(fields), status, field, offset, message));
}

test('composeAsync rejects with the same error', async () => {
  await assert.rejects(rj.composeAsync({ appid, mchid: '1900x231', openid }), (error) => {
    assert.ok(error instanceof rj.RepayjumpError);
    assert.equal(error.code, 'REPAYJUMP_E_CHARSET');
    assert.equal(error.offset, 4);
    return true;
  });
  await assert.rejects(rj.composeAsync({ appid, mchid, openid, bogus: 1 }), TypeError);
});

test('render: nonceStr is required, and an unknown format is E_ARG', () => {
  expectError(() => rj.render(rj.Format.APP_PATH, { appid, mchid, openid }), Status.E_MISSING,
    Field.NONCE_STR, 0, 'nonce_str: required by the APIv3 merchant variant');
  expectError(() => rj.render(4, { appid, mchid, openid, nonceStr }), Status.E_ARG, Field.NONE, 0,
    'format: 4 is not a format (0 to 3)');
});

test('nonce: a length outside 1 to 32 is E_ARG', () => {
  for (const length of [0, 33, 2 ** 40]) {
    expectError(() => rj.nonce(length), Status.E_ARG, Field.NONE, 0, `nonce: length ${length} is not 1 to 32`);
  }
});

test('a NUL byte is refused at its offset, never cut short', () => {
  expectError(() => rj.compose({ appid, mchid: '1900\u0000', openid }), Status.E_CHARSET, Field.MCHID, 4,
    'mchid: byte 4 is 0x00; expected a digit');
  // A leading NUL would make an empty C string, i.e. absent: still refused.
  expectError(() => rj.compose({ appid, mchid, openid: '\u0000abc' }), Status.E_CHARSET, Field.OPENID, 0,
    "openid: byte 0 is 0x00; expected a letter, digit, '_' or '-'");
  // Offsets are in UTF-8 bytes; an earlier bad byte is reported first.
  expectError(() => rj.compose({ appid, mchid, openid: '\u00e9\u0000' }), Status.E_CHARSET, Field.OPENID, 0,
    "openid: byte 0 is 0xC3; expected a letter, digit, '_' or '-'");
  // A NUL past the first 33 bytes is past the limit: too long.
  expectError(() => rj.compose({ appid, mchid, openid: `${'o'.repeat(40)}\u0000` }), Status.E_TOO_LONG,
    Field.OPENID, 32, 'openid: longer than 32 bytes');
  const withNul = Buffer.from(API_KEY);
  withNul[9] = 0;
  expectError(() => rj.compose({ variant: Variant.V2_MERCHANT, appid, mchid, openid, apiKey: withNul }),
    Status.E_CHARSET, Field.API_KEY, 9, 'api_key: byte 9 is not allowed; expected exactly 32 letters or digits');
});

test('wrong JavaScript types are TypeErrors or RangeErrors', () => {
  assert.throws(() => rj.compose({ appid, mch_id: mchid, openid }), { name: 'TypeError', message: /'mch_id'/ });
  assert.throws(() => rj.compose({ appid, mchid: 1900009231, openid }), TypeError);
  assert.throws(() => rj.compose({ variant: '2', appid, mchid, openid }), TypeError);
  assert.throws(() => rj.compose({ flags: 2 ** 33, appid, mchid, openid }), RangeError);
  assert.throws(() => rj.compose({ variant: 2 ** 40, appid, mchid, openid }), RangeError);
  assert.throws(() => rj.compose(null), TypeError);
  assert.throws(() => rj.render('0', { appid, mchid, openid, nonceStr }), TypeError);
  assert.throws(() => rj.render(2 ** 32, { appid, mchid, openid, nonceStr }), RangeError);
  assert.throws(() => rj.nonce(-1), TypeError);
  assert.throws(() => rj.nonce(1.5), TypeError);
});

test('a key given as a string is refused without echoing it', () => {
  const variant = Variant.V2_MERCHANT;
  assert.throws(() => rj.compose({ variant, appid, mchid, openid, apiKey: API_KEY }), (error) => {
    assert.ok(error instanceof TypeError);
    assert.ok(!util.inspect(error).includes(API_KEY));
    return true;
  });
});

test('the key appears in no error, result or log line', () => {
  // Every 8-byte piece of the key: not even part of it may leak.
  const pieces = Array.from({ length: API_KEY.length - 7 }, (_, i) => API_KEY.slice(i, i + 8));
  const leaks = (text) => pieces.some((piece) => text.includes(piece));
  const v2 = { variant: Variant.V2_PARTNER, appid, mchid, subAppid, subMchid, openid };
  const result = rj.compose({ ...v2, apiKey: key() });
  assert.ok(!leaks(util.inspect(result, { showHidden: true, depth: null })));
  assert.ok(!leaks(JSON.stringify(result)));
  const failures = [
    { ...v2, mchid: 'x', apiKey: key() },
    { ...v2, flags: Flags.RELAXED, apiKey: Buffer.from(`${API_KEY} `) },
    { ...v2, apiKey: Buffer.from(`${API_KEY}x`) },
    { ...v2, apiKey: Buffer.from(`${API_KEY.slice(0, 31)}!`) },
    { appid, mchid, openid, apiKey: key() },
  ];
  for (const fields of failures) {
    const error = thrown(() => rj.compose(fields));
    assert.ok(error instanceof rj.RepayjumpError);
    assert.equal(error.field === Field.API_KEY || error.field === Field.MCHID, true);
    for (const text of [error.message, error.stack, util.inspect(error, { showHidden: true }), JSON.stringify(error)]) {
      assert.ok(!leaks(text), text);
    }
  }
});

test('the copy of the key is zeroed after the call', () => {
  const { PreparedParams } = require('../lib/params');
  const prepared = new PreparedParams({ variant: Variant.V2_MERCHANT, appid, mchid, openid, apiKey: key() });
  assert.equal(prepared.key.toString('latin1'), `${API_KEY}\u0000`);
  prepared.wipe();
  assert.ok(prepared.key.every((byte) => byte === 0));
});
