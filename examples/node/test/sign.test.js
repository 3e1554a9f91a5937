'use strict';
// The APIv2 sign against Node's own HMAC-SHA256 over the sorted fields.
const test = require('node:test');
const assert = require('node:assert/strict');
const rj = require('../repayjump');
const { DOC, API_KEY, v2Sign, pathEntries } = require('./support');

const { appid, mchid, openid, subAppid, subMchid, subOpenid } = DOC;

function checkSigned(fields, key) {
  const result = rj.compose({ ...fields, apiKey: Buffer.from(key) });
  const extra = JSON.parse(result.extraDataJson);
  assert.equal(extra.sign_type, 'HMAC-SHA256');
  assert.equal(extra.sign, v2Sign(extra, key));
  // The App path carries the same signed fields.
  assert.deepEqual(Object.fromEntries(pathEntries(result.appPath)), extra);
  assert.match(result.sign, /^[0-9A-F]{64}$/);
  return result;
}

test('v2 merchant with a drawn nonce', () => {
  checkSigned({ variant: rj.Variant.V2_MERCHANT, appid, mchid, openid }, API_KEY);
});

test('v2 partner: sub fields are signed, absent ones left out', () => {
  const full = { variant: rj.Variant.V2_PARTNER, appid, mchid, subAppid, subMchid, openid, subOpenid };
  checkSigned(full, API_KEY);
  const { subAppid: _a, subOpenid: _o, ...few } = full;
  const extra = JSON.parse(checkSigned(few, API_KEY).extraDataJson);
  assert.ok(!('sub_appid' in extra) && !('sub_openid' in extra));
});

test('relaxed keys: punctuation, and longer than a SHA-256 block', () => {
  const fields = { variant: rj.Variant.V2_MERCHANT, flags: rj.Flags.RELAXED, appid, mchid, openid };
  checkSigned(fields, 'k!e#y$%&()*+,-./:;<=>?@[]^_`{|}~');
  checkSigned(fields, 'A1'.repeat(64));
});

test('a different key gives a different sign', () => {
  const fields = { variant: rj.Variant.V2_MERCHANT, appid, mchid, openid, nonceStr: DOC.nonceStr };
  const other = API_KEY.slice(0, 31) + (API_KEY.endsWith('Z') ? 'Y' : 'Z');
  assert.notEqual(checkSigned(fields, API_KEY).sign, checkSigned(fields, other).sign);
});
