'use strict';
// The document's example values, and checks of outputs made with Node's own
// JSON and URL parsers and HMAC, independent of the library.
const assert = require('node:assert/strict');
const crypto = require('node:crypto');

const DOC = Object.freeze({
  appid: 'wxcbda96de0b165486',
  mchid: '1900009231',
  openid: 'oUpF8uMEb4qRXf22hE3X68TekukE',
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  subAppid: 'wx8888888888888888',
  subMchid: '1900000109',
  subOpenid: 'oUpF8uN95-Ptaags6E_roPHg7AG0',
});
const API_KEY = '7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ';

// The repayment mini program's fixed values, as WeChat's document gives them.
const TARGET = Object.freeze({
  appid: 'wx5e73c65404eee268',
  username: 'gh_5e259b7a73b1',
  path: 'pages/invest_list/invest_list',
});

/** WeChat Pay's v2 signature: HMAC-SHA256 of "k=v&...&key=KEY", sorted. */
function v2Sign(fields, key) {
  const text = Object.keys(fields)
    .filter((k) => k !== 'sign' && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
  return crypto.createHmac('sha256', key).update(`${text}&key=${key}`).digest('hex').toUpperCase();
}

/** The query of an App path, as [key, value] pairs in order. */
function pathEntries(appPath) {
  const url = new URL(appPath, 'https://path.invalid/');
  assert.equal(url.pathname, `/${TARGET.path}`);
  return [...url.searchParams.entries()];
}

/**
 * Parse every output of a compose result and check they agree with each
 * other and with the expected [key, value] pairs, in order. Returns the
 * extraData object.
 */
function checkOutputs(result, expected) {
  const extra = JSON.parse(result.extraDataJson);
  assert.deepEqual(Object.entries(extra), expected);
  // Compact: the parsed value written back by JSON.stringify is the same text.
  assert.equal(JSON.stringify(extra), result.extraDataJson);

  const navigate = JSON.parse(result.navigateJson);
  assert.deepEqual(Object.keys(navigate), ['appId', 'path', 'extraData', 'envVersion']);
  assert.equal(navigate.appId, TARGET.appid);
  assert.equal(navigate.path, TARGET.path);
  assert.deepEqual(Object.entries(navigate.extraData), expected);
  assert.equal(navigate.envVersion, 'release');
  assert.equal(JSON.stringify(navigate), result.navigateJson);

  assert.deepEqual(pathEntries(result.appPath), expected);

  const launch = JSON.parse(result.appLaunchJson);
  assert.deepEqual(launch, { userName: TARGET.username, path: result.appPath, miniProgramType: 0 });
  assert.deepEqual(Object.keys(launch), ['userName', 'path', 'miniProgramType']);
  assert.equal(JSON.stringify(launch), result.appLaunchJson);

  assert.equal(extra.nonce_str, result.nonceStr);
  assert.equal(extra.sign ?? null, result.sign);
  return extra;
}

module.exports = { DOC, API_KEY, TARGET, v2Sign, pathEntries, checkOutputs };
