'use strict';
// The repayment page against the running backend (repayjump-httpd): the
// page asks for the user's state and the jump with its session, the
// gateway turns the session into the openid header, and what the page
// hands to wx.navigateToMiniProgram and binds in <navigator> must be the
// backend's `navigate` object exactly. The backend asks a WeChat Pay
// stand-in for the state, which says OVERDUE for this user throughout (the
// return trip itself, and the other states, are status.test.js's).
//
// Environment: REPAYJUMP_HTTPD (the backend), REPAYJUMP_CLI (the
// repayjump tool, to compose the same jump independently),
// REPAYJUMP_PYTHON (for the stand-in).

const { after, before, beforeEach, describe, test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { required, workspace, startWeChatPay, startBackend, statusEnv } = require('./services');
const { Gateway, load } = require('./wechat');
const wxml = require('./wxml');

const ROOT = path.join(__dirname, '..');
const PAGE = 'pages/repay/repay';
const OPENID_HEADER = 'X-Openid';
const SESSION_HEADER = 'X-Merchant-Session';
// The document's example merchant and user.
const APPID = 'wxcbda96de0b165486';
const MCHID = '1900009231';
const OPENID = 'oUpF8uMEb4qRXf22hE3X68TekukE';
// The document's bug 5: `=weixin` glued to the openid.
const BAD_OPENID = OPENID + '=weixin';
const API_KEY = 'repayjumpMiniProgramTestKey32byt';

// The same jump from the library through the CLI, for the backend's nonce.
function libraryNavigate(openid, nonce) {
  const out = execFileSync(required('REPAYJUMP_CLI'), ['compose', '--appid', APPID,
    '--mchid', MCHID, '--openid', openid, '--nonce', nonce, '--format', 'navigate']);
  return JSON.parse(out);
}

let ws;
let wechatpay;
let backend;

before(async () => {
  ws = workspace(API_KEY);
  wechatpay = await startWeChatPay(ws, { users: { [OPENID]: { user_state: 'OVERDUE' } } });
  backend = await startBackend({
    REPAYJUMP_APPID: APPID,
    REPAYJUMP_MCHID: MCHID,
    REPAYJUMP_VARIANT: 'v3',
    ...statusEnv(ws, wechatpay, wechatpay),
  }, ['--openid-header', OPENID_HEADER]);
});

after(async () => {
  try {
    if (backend) {
      assert.deepEqual(await backend.stop(), { code: 0, signal: null }, 'the backend stops cleanly on SIGTERM');
    }
  } finally {
    if (wechatpay) await wechatpay.stop();
    if (ws) ws.remove();
  }
});

let gateway;
let wechat;

beforeEach(() => {
  const config = load(ROOT, PAGE, { nextUser: null }); // only to read the page's backend
  gateway = new Gateway({
    origin: config.app.globalData.backend,
    backend,
    openidHeader: OPENID_HEADER,
    sessionHeader: SESSION_HEADER,
  });
  gateway.nextUser = OPENID;
  wechat = load(ROOT, PAGE, gateway);
});

const navigateOf = (jump) => JSON.parse(jump.body).navigate;
const tree = () => wxml.parse(fs.readFileSync(path.join(ROOT, PAGE + '.wxml'), 'utf8'));
const shownNavigators = (data) => [...wxml.shown(wxml.render(tree(), data))].filter((el) => el.name === 'navigator');

describe('the WXML', () => {
  test('has one <navigator> binding the navigate object, released version', () => {
    const navigators = [...wxml.elements(tree())].filter((el) => el.name === 'navigator');
    assert.equal(navigators.length, 1);
    const { attrs } = navigators[0];
    assert.equal(attrs.target, 'miniProgram');
    assert.equal(attrs['open-type'], 'navigate');
    assert.equal(attrs['app-id'], '{{navigate.appId}}');
    assert.equal(attrs.path, '{{navigate.path}}');
    assert.equal(attrs['extra-data'], '{{navigate.extraData}}');
    assert.equal(attrs.version, 'release');
    const others = Object.keys(attrs).filter((name) => !['target', 'open-type', 'app-id', 'path',
      'extra-data', 'version', 'class'].includes(name));
    assert.deepEqual(others.filter((name) => !/^(bind|catch)/.test(name)), [], 'no other attribute');
  });

  test('has no stray space in any attribute value', () => {
    for (const el of wxml.elements(tree())) {
      for (const [name, value] of Object.entries(el.attrs)) {
        if (value === true) continue;
        assert.equal(value, value.trim(), `line ${el.line}: ${name}="${value}"`);
        if (value.includes('{{')) {
          assert.match(value, wxml.BINDING, `line ${el.line}: ${name}="${value}"`);
        }
      }
    }
  });

  test('binds events to methods of the page', () => {
    const handlers = [];
    for (const el of wxml.elements(tree())) {
      for (const [name, value] of Object.entries(el.attrs)) {
        if (/^(bind|catch)/.test(name)) handlers.push(value);
      }
    }
    assert.ok(handlers.includes('openRepayment'));
    for (const handler of handlers) {
      assert.equal(typeof wechat.pageDef[handler], 'function', handler);
    }
  });

  test('the parser refuses the document\'s own markup', () => {
    // The document's sample, as it is: never closed, and a space in app-id.
    const sample = '<navigator  target="miniProgram" open-type="navigate" app-id="wx5e73c65404eee268 " '
      + 'path="pages/invest_list/invest_list" extra-data="{{extraData}}" version="release">跳转到还款小程序';
    assert.throws(() => wxml.parse(sample), /<navigator> is never closed/);
    const closed = wxml.parse(sample + '</navigator>');
    const value = [...wxml.elements(closed)][0].attrs['app-id'];
    assert.notEqual(value, value.trim(), 'the stray space is kept, for the check above to see');
    assert.throws(() => wxml.parse('<navigator app-id=wx5e73c65404eee268>x</navigator>'), /unquoted/);
    assert.throws(() => wxml.parse('<navigator path="a"version="release">x</navigator>'), /run together/);
    assert.throws(() => wxml.parse('<view><navigator>x</view></navigator>'), /<\/view> closes <navigator>/);
  });
});

describe('the page against the backend', () => {
  test('sends its session, never an openid, and opens exactly the backend\'s navigate', async () => {
    const { page, calls, storage } = wechat;
    await page.onShow();
    await wechat.settle();

    assert.equal(gateway.statuses.length, 1);
    assert.equal(gateway.statuses[0].statusCode, 200, gateway.statuses[0].body);
    assert.equal(gateway.statuses[0].openid, OPENID);
    assert.equal(page.data.status.repay, true);
    assert.equal(gateway.jumps.length, 1);
    const [jump] = gateway.jumps;
    assert.equal(jump.statusCode, 200, jump.body);
    assert.equal(jump.openid, OPENID);
    const navigate = navigateOf(jump);
    assert.deepEqual(navigate, libraryNavigate(OPENID, navigate.extraData.nonce_str),
      'the backend serves the library\'s jump for the session\'s user');
    assert.deepEqual(page.data.navigate, navigate);

    for (const sent of gateway.requests) {
      const text = JSON.stringify(sent);
      assert.doesNotMatch(text, /openid/i, 'the page names no openid');
      assert.ok(!text.includes(OPENID), 'the page sends no openid');
      assert.equal(new URL(sent.url).search, '', 'no query');
      if (sent.method === 'GET') {
        assert.deepEqual(Object.keys(sent.header), [SESSION_HEADER]);
      }
    }
    assert.deepEqual([...storage.keys()], ['merchantSession'], 'only the session is kept');

    page.openRepayment();
    await wechat.settle();
    assert.equal(calls.navigateToMiniProgram.length, 1);
    const [arg] = calls.navigateToMiniProgram;
    const { success, fail, ...sent } = arg;
    assert.deepStrictEqual(sent, navigate, 'the argument is the backend\'s navigate object');
    assert.equal(typeof success, 'function');
    assert.equal(typeof fail, 'function');
    assert.equal(page.data.notice, '');

    const [navigator] = shownNavigators(page.data);
    assert.ok(navigator, 'the <navigator> is shown');
    assert.equal(navigator.attrs['app-id'], navigate.appId);
    assert.equal(navigator.attrs.path, navigate.path);
    assert.deepStrictEqual(navigator.attrs['extra-data'], navigate.extraData);
    assert.equal(navigator.attrs.version, navigate.envVersion);
  });

  test('on return asks again for the status and a fresh jump', async () => {
    const { page } = wechat;
    const asked = (await wechatpay.state()).requests;
    await page.onShow();
    assert.equal(gateway.statuses.length, 1);
    assert.equal(page.data.status.summary, 'You have an amount to repay.');
    page.openRepayment();
    await wechat.settle();

    await page.onShow(); // back from the repayment mini program: nothing came with it
    assert.equal(gateway.statuses.length, 2);
    assert.equal((await wechatpay.state()).requests, asked + 2, 'each show asked WeChat Pay');
    assert.deepEqual(page.data.status, {
      state: 'OVERDUE', repay: true, repaid: false, summary: 'You have an amount to repay.',
    }, 'still owed: offered again, not "repaid"');
    assert.equal(gateway.jumps.length, 2);
    const [first, second] = gateway.jumps.map(navigateOf);
    assert.notEqual(second.extraData.nonce_str, first.extraData.nonce_str, 'a fresh nonce');
    assert.deepStrictEqual(page.data.navigate, second);
    assert.equal(wechat.calls.login, 1, 'the session is kept');
  });

  test('the user cancels: a message, a fresh jump, no retry', async () => {
    const { page, calls } = wechat;
    await page.onShow();
    wechat.navigateOutcome({ fail: { errMsg: 'navigateToMiniProgram:fail cancel' } });
    page.openRepayment();
    await wechat.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await wechat.settle();

    assert.equal(calls.navigateToMiniProgram.length, 1, 'opened once, not retried');
    assert.equal(page.data.notice, 'Repayment was not opened: you cancelled.');
    assert.equal(gateway.jumps.length, 2);
    assert.deepStrictEqual(page.data.navigate, navigateOf(gateway.jumps[1]));

    // The same through <navigator>'s bindfail, which WeChat calls itself.
    page.setData({ notice: '' });
    const [navigator] = [...wxml.elements(tree())].filter((el) => el.name === 'navigator');
    await page[navigator.attrs.bindfail]({ type: 'fail', detail: { errMsg: 'navigateToMiniProgram:fail cancel' } });
    assert.equal(page.data.notice, 'Repayment was not opened: you cancelled.');
    assert.equal(calls.navigateToMiniProgram.length, 1);

    // Any other failure says what WeChat said.
    wechat.navigateOutcome({ fail: { errMsg: 'navigateToMiniProgram:fail invalid appid' } });
    page.openRepayment();
    await wechat.settle();
    assert.equal(page.data.notice, 'Repayment could not be opened (navigateToMiniProgram:fail invalid appid).');
    assert.equal(calls.navigateToMiniProgram.length, 2);
  });

  test('a backend 400: no jump shown, nothing opened', async () => {
    gateway.nextUser = BAD_OPENID;
    const { page, calls } = wechat;
    const asked = (await wechatpay.state()).requests;
    const logged = [];
    const error = console.error;
    console.error = (...args) => logged.push(args);
    try {
      await page.onShow();
    } finally {
      console.error = error;
    }

    assert.equal(gateway.statuses.length, 1);
    const [status] = gateway.statuses;
    assert.equal(status.statusCode, 400);
    const { error: reason } = JSON.parse(status.body);
    // Which rule it breaks first is the library's to say (tested there).
    assert.match(reason.status, /^REPAYJUMP_E_[A-Z_]+$/);
    assert.equal(reason.field, 'openid');
    assert.equal((await wechatpay.state()).requests, asked, 'nothing was sent to WeChat Pay');
    assert.equal(gateway.jumps.length, 0, 'no state, no jump asked for');

    assert.equal(page.data.status, null);
    assert.equal(page.data.navigate, null);
    assert.equal(page.data.statusError, 'Your repayment status is not available right now (HTTP 400).');
    assert.equal(logged.length, 1, 'the detail is logged');
    assert.deepEqual(logged[0].slice(0, 2), ['GET /v1/status: HTTP', 400]);
    assert.deepEqual(shownNavigators(page.data), []);
    const buttons = [...wxml.shown(wxml.render(tree(), page.data))].filter((el) => el.name === 'button');
    assert.deepEqual(buttons, []);
    page.openRepayment();
    await wechat.settle();
    assert.equal(calls.navigateToMiniProgram.length, 0);
  });

  test('no login, then no backend: said so, nothing opened', async () => {
    const { page, calls } = wechat;
    gateway.nextUser = null; // wx.login fails
    await page.onShow();
    assert.equal(page.data.navigate, null);
    assert.equal(page.data.statusError, 'Your repayment status is not available right now (login:fail).');

    gateway.nextUser = OPENID;
    gateway.backend = { host: '127.0.0.1', port: 1 }; // nothing listens there
    await page.onShow();
    assert.equal(page.data.navigate, null);
    assert.match(page.data.statusError, /^Your repayment status is not available right now \(request:fail .+\)\.$/);
    page.openRepayment();
    await wechat.settle();
    assert.equal(calls.navigateToMiniProgram.length, 0);
  });

  test('the state, then no jump: said so, nothing opened', async () => {
    const { page, calls } = wechat;
    await page.onShow();
    assert.ok(page.data.navigate);
    // The user cancels, and the fresh jump finds no backend.
    gateway.backend = { host: '127.0.0.1', port: 1 };
    wechat.navigateOutcome({ fail: { errMsg: 'navigateToMiniProgram:fail cancel' } });
    page.openRepayment();
    await wechat.settle();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(page.data.navigate, null);
    assert.match(page.data.jumpError, /^Repayment is not available right now \(request:fail .+\)\.$/);
    assert.deepEqual(shownNavigators(page.data), []);
    page.openRepayment();
    await wechat.settle();
    assert.equal(calls.navigateToMiniProgram.length, 1, 'only the cancelled one');
  });

  test('an expired session: dropped, and the next show logs in again', async () => {
    const { page, storage, calls } = wechat;
    await page.onShow();
    gateway.forgetSessions();
    const error = console.error;
    console.error = () => {};
    try {
      await page.onShow();
    } finally {
      console.error = error;
    }
    assert.equal(page.data.navigate, null);
    assert.equal(page.data.statusError, 'Your repayment status is not available right now (HTTP 401).');
    assert.equal(storage.has('merchantSession'), false);

    await page.onShow();
    assert.equal(calls.login, 2);
    assert.deepStrictEqual(page.data.navigate, navigateOf(gateway.jumps.at(-1)));
  });
});
