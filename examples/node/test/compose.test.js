'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const rj = require('../repayjump');
const { DOC, API_KEY, checkOutputs, v2Sign } = require('./support');

const { appid, mchid, openid, nonceStr, subAppid, subMchid, subOpenid } = DOC;
const NONCE = /^[A-Za-z0-9]{32}$/;

test('APIv3 merchant: the four outputs hold the fields in the table order', () => {
  const result = rj.compose({ variant: rj.Variant.V3_MERCHANT, appid, mchid, openid, nonceStr });
  checkOutputs(result, [
    ['appid', appid],
    ['mchid', mchid],
    ['nonce_str', nonceStr],
    ['openid', openid],
  ]);
  assert.equal(result.nonceStr, nonceStr);
  assert.equal(result.sign, null);
});

test('the reference case renders the App path of the contract', () => {
  const result = rj.compose({ appid, mchid, openid, nonceStr });
  assert.equal(
    result.appPath,
    'pages/invest_list/invest_list?appid=wxcbda96de0b165486&mchid=1900009231' +
      '&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid=oUpF8uMEb4qRXf22hE3X68TekukE',
  );
});

test('without nonceStr a fresh 32-character nonce is drawn each time', () => {
  const first = rj.compose({ appid, mchid, openid });
  const second = rj.compose({ appid, mchid, openid });
  assert.match(first.nonceStr, NONCE);
  assert.match(second.nonceStr, NONCE);
  assert.notEqual(first.nonceStr, second.nonceStr);
  checkOutputs(first, [
    ['appid', appid],
    ['mchid', mchid],
    ['nonce_str', first.nonceStr],
    ['openid', openid],
  ]);
});

test('APIv3 partner: sub-merchant fields in their places', () => {
  const result = rj.compose({
    variant: rj.Variant.V3_PARTNER,
    appid,
    mchid,
    openid,
    nonceStr,
    subAppid,
    subMchid,
    subOpenid,
  });
  checkOutputs(result, [
    ['appid', appid],
    ['sub_appid', subAppid],
    ['mchid', mchid],
    ['sub_mch_id', subMchid],
    ['nonce_str', nonceStr],
    ['openid', openid],
    ['sub_openid', subOpenid],
  ]);
});

test('APIv2 merchant: mch_id, sign_type and a sign, never the key', () => {
  const key = Buffer.from(API_KEY);
  const result = rj.compose({ variant: rj.Variant.V2_MERCHANT, appid, mchid, openid, nonceStr, apiKey: key });
  const fields = [
    ['appid', appid],
    ['mch_id', mchid],
    ['nonce_str', nonceStr],
    ['openid', openid],
    ['sign_type', 'HMAC-SHA256'],
  ];
  const sign = v2Sign(Object.fromEntries(fields), API_KEY);
  checkOutputs(result, [...fields, ['sign', sign]]);
  assert.equal(result.sign, sign);
  // The README's value for these inputs, computed there by Python's hmac.
  assert.equal(sign, '3952AFE499501C0E01362E97696C64F411385ADE58BA01B8F7BFF0896C4BDAC8');
  assert.equal(key.toString(), API_KEY, "the caller's key buffer is left as it was");
});

test('APIv2 partner: every field, signed', () => {
  const result = rj.compose({
    variant: rj.Variant.V2_PARTNER,
    appid,
    mchid,
    openid,
    nonceStr,
    subAppid,
    subMchid,
    subOpenid,
    apiKey: Buffer.from(API_KEY),
  });
  const fields = [
    ['appid', appid],
    ['sub_appid', subAppid],
    ['mch_id', mchid],
    ['sub_mch_id', subMchid],
    ['nonce_str', nonceStr],
    ['openid', openid],
    ['sub_openid', subOpenid],
    ['sign_type', 'HMAC-SHA256'],
  ];
  checkOutputs(result, [...fields, ['sign', v2Sign(Object.fromEntries(fields), API_KEY)]]);
});

test('ALLOW_NO_OPENID leaves openid out; empty strings and null mean absent', () => {
  for (const absent of [undefined, null, '']) {
    const result = rj.compose({ appid, mchid, openid: absent, nonceStr, flags: rj.Flags.ALLOW_NO_OPENID });
    checkOutputs(result, [
      ['appid', appid],
      ['mchid', mchid],
      ['nonce_str', nonceStr],
    ]);
  }
});

test('RELAXED accepts test-account ids', () => {
  const result = rj.compose({ appid: 'test_App-1', mchid: 'm-01', openid, nonceStr, flags: rj.Flags.RELAXED });
  checkOutputs(result, [
    ['appid', 'test_App-1'],
    ['mchid', 'm-01'],
    ['nonce_str', nonceStr],
    ['openid', openid],
  ]);
});

test('the result is frozen', () => {
  const result = rj.compose({ appid, mchid, openid });
  assert.ok(Object.isFrozen(result));
  assert.throws(() => {
    result.appPath = 'elsewhere';
  }, TypeError);
});

test('render writes each format exactly as compose does', () => {
  const fields = { variant: rj.Variant.V2_PARTNER, appid, mchid, openid, nonceStr, subAppid, subMchid };
  const composed = rj.compose({ ...fields, apiKey: Buffer.from(API_KEY) });
  const outputs = {
    [rj.Format.EXTRA_DATA_JSON]: composed.extraDataJson,
    [rj.Format.NAVIGATE_JSON]: composed.navigateJson,
    [rj.Format.APP_PATH]: composed.appPath,
    [rj.Format.APP_LAUNCH_JSON]: composed.appLaunchJson,
  };
  for (const [format, expected] of Object.entries(outputs)) {
    assert.equal(rj.render(Number(format), { ...fields, apiKey: Buffer.from(API_KEY) }), expected);
  }
});

test('composeAsync resolves to the same outputs', async () => {
  const fields = { variant: rj.Variant.V2_MERCHANT, appid, mchid, openid, nonceStr };
  const sync = rj.compose({ ...fields, apiKey: Buffer.from(API_KEY) });
  const async = await rj.composeAsync({ ...fields, apiKey: Buffer.from(API_KEY) });
  assert.deepEqual(async, sync);
  assert.ok(Object.isFrozen(async));
});

test('the key may be a Uint8Array or a secret KeyObject', () => {
  const { createSecretKey } = require('node:crypto');
  const fields = { variant: rj.Variant.V2_MERCHANT, appid, mchid, openid, nonceStr };
  const expected = rj.compose({ ...fields, apiKey: Buffer.from(API_KEY) }).sign;
  assert.equal(rj.compose({ ...fields, apiKey: new TextEncoder().encode(API_KEY) }).sign, expected);
  assert.equal(rj.compose({ ...fields, apiKey: createSecretKey(Buffer.from(API_KEY)) }).sign, expected);
});
