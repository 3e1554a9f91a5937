'use strict';
// The return trip, the whole loop: the page asks the real backend
// (repayjump-httpd) for the user's state, the backend asks WeChat Pay (two
// stand-ins, primary and backup, over HTTPS with a CA made here), the page
// offers the jump only for OVERDUE, the user goes to the repayment mini
// program, WeChat Pay's state changes meanwhile (the stand-in's control
// port), and the page, shown again with nothing given back, asks again and
// says "repaid". What the user sees is read from the WXML rendered with
// the page's data.
//
// Environment: REPAYJUMP_HTTPD (the backend), REPAYJUMP_CLI (the
// repayjump tool, to compose the same jump independently),
// REPAYJUMP_PYTHON (for the stand-ins).

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
const API_KEY = 'repayjumpMiniProgramTestKey32byt';
const OVERDUE = { user_state: 'OVERDUE', deduct_mode: 'PROACTIVE' };
const NORMAL = { user_state: 'NORMAL' };

const OWED = 'You have an amount to repay.';
const REPAID = 'Repaid. Thank you.';
const CLEAR = 'Nothing to repay.';

// The same jump from the library through the CLI, for the backend's nonce.
function libraryNavigate(openid, nonce) {
  const out = execFileSync(required('REPAYJUMP_CLI'), ['compose', '--appid', APPID,
    '--mchid', MCHID, '--openid', openid, '--nonce', nonce, '--format', 'navigate']);
  return JSON.parse(out);
}

let ws;
let primary;
let backup;
let backend;

before(async () => {
  ws = workspace(API_KEY);
  primary = await startWeChatPay(ws, { users: { [OPENID]: OVERDUE } });
  backup = await startWeChatPay(ws, { users: { [OPENID]: OVERDUE } });
  backend = await startBackend({
    REPAYJUMP_APPID: APPID,
    REPAYJUMP_MCHID: MCHID,
    ...statusEnv(ws, primary, backup),
  }, ['--openid-header', OPENID_HEADER, '--threads', '2']);
});

after(async () => {
  try {
    if (backend) {
      const log = backend.stderr();
      assert.deepEqual(await backend.stop(), { code: 0, signal: null }, 'the backend stops cleanly on SIGTERM');
      for (const secret of [API_KEY, OPENID, 'OVERDUE', 'NORMAL']) {
        assert.ok(!log.includes(secret), `the backend's log holds no ${secret}`);
      }
    }
  } finally {
    for (const w of [primary, backup]) {
      if (w) await w.stop();
    }
    if (ws) ws.remove();
  }
});

// The user's state at WeChat Pay, on both hosts, as WeChat would change it.
function wechatSays(change) {
  return Promise.all([primary, backup].map((w) => w.set(change)));
}

let gateway;
let wechat;

beforeEach(async () => {
  await wechatSays({ fault: 'none', reset_counts: true, users: { [OPENID]: OVERDUE } });
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

const tree = () => wxml.parse(fs.readFileSync(path.join(ROOT, PAGE + '.wxml'), 'utf8'));

// What the page shows for its data: the text, and the ways to open the
// repayment mini program.
function view(data) {
  const shown = wxml.render(tree(), data);
  const elements = [...wxml.shown(shown)];
  return {
    text: wxml.text(shown),
    navigators: elements.filter((el) => el.name === 'navigator'),
    buttons: elements.filter((el) => el.name === 'button'),
  };
}

// The backend's last answer to /v1/status, parsed.
function lastStatus() {
  const { statusCode, body } = gateway.statuses.at(-1);
  return { statusCode, doc: JSON.parse(body) };
}

// WeChat Pay's requests read so far: [primary, backup].
async function asked() {
  return [(await primary.state()).requests, (await backup.state()).requests];
}

// Nothing to open: no jump in the data, none shown, and a tap opens nothing.
async function assertNoJump(page) {
  assert.equal(page.data.navigate, null);
  const shown = view(page.data);
  assert.deepEqual(shown.navigators, [], 'no <navigator>');
  assert.deepEqual(shown.buttons, [], 'no button');
  const opened = wechat.calls.navigateToMiniProgram.length;
  page.openRepayment();
  await wechat.settle();
  assert.equal(wechat.calls.navigateToMiniProgram.length, opened, 'a tap opens nothing');
}

// Runs fn with console.error captured.
async function logged(fn) {
  const lines = [];
  const error = console.error;
  console.error = (...args) => lines.push(args);
  try {
    await fn();
  } finally {
    console.error = error;
  }
  return lines;
}

describe('the return trip', { timeout: 30000 }, () => {
  test('OVERDUE: the jump is offered; WeChat Pay then says NORMAL: "repaid", no jump', async () => {
    const { page, calls } = wechat;

    // First show: the state, then (OVERDUE) the jump.
    await page.onShow();
    assert.deepEqual(await asked(), [1, 0], 'the backend asked WeChat Pay once');
    assert.deepEqual(lastStatus(), {
      statusCode: 200,
      doc: { user_state: 'OVERDUE', repay: true, deduct_mode: 'PROACTIVE', path: '' },
    });
    assert.deepEqual(page.data.status, { state: 'OVERDUE', repay: true, repaid: false, summary: OWED });
    assert.equal(page.data.statusError, '');
    assert.equal(gateway.jumps.length, 1);
    const [jump] = gateway.jumps;
    assert.equal(jump.statusCode, 200, jump.body);
    const { navigate } = JSON.parse(jump.body);
    assert.deepEqual(navigate, libraryNavigate(OPENID, navigate.extraData.nonce_str),
      'the backend serves the library\'s jump for the session\'s user');
    assert.deepStrictEqual(page.data.navigate, navigate);
    let shown = view(page.data);
    assert.deepEqual(shown.text.filter((t) => t === OWED), [OWED]);
    assert.equal(shown.navigators.length, 1, 'the <navigator> is offered');
    assert.equal(shown.buttons.length, 1, 'the button is offered');
    assert.equal(shown.navigators[0].attrs['app-id'], navigate.appId);
    assert.equal(shown.navigators[0].attrs.path, navigate.path);
    assert.deepStrictEqual(shown.navigators[0].attrs['extra-data'], navigate.extraData);

    // The tap: exactly the backend's navigate argument.
    page.openRepayment();
    await wechat.settle();
    assert.equal(calls.navigateToMiniProgram.length, 1);
    const { success, fail, ...sent } = calls.navigateToMiniProgram[0];
    assert.deepStrictEqual(sent, navigate, 'the argument is the backend\'s navigate object');
    assert.equal(typeof success, 'function');
    assert.equal(typeof fail, 'function');

    // In the repayment mini program the user repays: WeChat Pay's state
    // changes, and nothing comes back to the page.
    await wechatSays({ users: { [OPENID]: NORMAL } });

    // The return: onShow again.
    await page.onShow();
    assert.deepEqual(await asked(), [2, 0], 'the backend asked WeChat Pay again');
    assert.equal(gateway.statuses.length, 2);
    assert.deepEqual(lastStatus(), {
      statusCode: 200, doc: { user_state: 'NORMAL', repay: false, deduct_mode: '', path: '' },
    });
    assert.deepEqual(page.data.status, { state: 'NORMAL', repay: false, repaid: true, summary: REPAID });
    shown = view(page.data);
    assert.ok(shown.text.includes(REPAID), shown.text.join(' | '));
    assert.ok(!shown.text.includes(OWED));
    assert.equal(gateway.jumps.length, 1, 'no jump asked for once repaid');
    await assertNoJump(page);
    assert.equal(calls.navigateToMiniProgram.length, 1, 'opened once in all');

    // The page never named the user: only its session went out.
    for (const request of gateway.requests) {
      assert.ok(!JSON.stringify(request).includes(OPENID), 'the page sends no openid');
      assert.equal(new URL(request.url).search, '', 'no query');
    }
    for (const answer of gateway.statuses) {
      assert.equal(answer.openid, OPENID, 'the gateway\'s openid, from the session');
    }

    // Shown again later: still nothing owed, now just "nothing to repay".
    await page.onShow();
    assert.deepEqual(page.data.status, { state: 'NORMAL', repay: false, repaid: false, summary: CLEAR });
    await assertNoJump(page);
  });

  test('a NORMAL user never sees the jump', async () => {
    await wechatSays({ users: { [OPENID]: NORMAL } });
    const { page } = wechat;
    await page.onShow();
    assert.deepEqual(await asked(), [1, 0]);
    assert.deepEqual(page.data.status, { state: 'NORMAL', repay: false, repaid: false, summary: CLEAR });
    assert.ok(view(page.data).text.includes(CLEAR));
    assert.equal(gateway.jumps.length, 0, 'no jump asked for');
    await assertNoJump(page);
    await page.onShow(); // shown again: still no jump, and never "repaid"
    assert.equal(page.data.status.repaid, false);
    assert.equal(gateway.jumps.length, 0);
    await assertNoJump(page);
  });

  test('other states offer nothing, and are never "repaid"', async () => {
    const { page } = wechat;
    for (const state of ['PAUSED', 'UNAUTHORIZED', 'SOMETHING_NEW']) {
      await wechatSays({ users: { [OPENID]: { user_state: state } } });
      await page.onShow();
      assert.deepEqual(page.data.status, { state, repay: false, repaid: false, summary: CLEAR }, state);
      await assertNoJump(page);
    }
    assert.equal(gateway.jumps.length, 0);
  });

  test('WeChat Pay fails on both hosts: an error, no jump, then the state again', async () => {
    const { page } = wechat;
    await page.onShow(); // OVERDUE, the jump offered
    assert.ok(page.data.navigate);
    const cases = [
      // An HTTP 5xx is retried once on the backup; on both it is 502.
      { fault: 'http-500', http: 502, status: 'WECHATPAY_E_HTTP_STATUS' },
      // A signed FAIL is not retried.
      { fault: 'result-fail', http: 502, status: 'REPAYJUMP_E_RESULT_FAIL' },
      // An answer that is not WeChat Pay's.
      { fault: 'wrong-sign', http: 502, status: 'REPAYJUMP_E_SIGNATURE' },
      // The connection closed with no answer, on both: 504.
      { fault: 'close', http: 504, status: 'WECHATPAY_E_NO_ANSWER' },
    ];
    for (const c of cases) {
      await wechatSays({ fault: c.fault });
      const jumps = gateway.jumps.length;
      const lines = await logged(() => page.onShow());
      const { statusCode, doc } = lastStatus();
      assert.equal(statusCode, c.http, c.fault);
      assert.equal(doc.error.status, c.status, c.fault);
      assert.equal(page.data.status, null, c.fault);
      assert.equal(page.data.statusError,
        `Your repayment status is not available right now (HTTP ${c.http}).`, c.fault);
      assert.ok(view(page.data).text.includes(page.data.statusError));
      assert.equal(lines.length, 1, 'the detail is logged');
      assert.equal(lines[0][2].status, c.status, 'the log has the backend\'s status');
      assert.equal(gateway.jumps.length, jumps, 'no jump asked for');
      await assertNoJump(page); // the earlier jump is gone too
    }

    // WeChat Pay answers again, and the user had repaid meanwhile: the
    // state known before the failures was OVERDUE, so this is "repaid".
    await wechatSays({ fault: 'none', users: { [OPENID]: NORMAL } });
    await page.onShow();
    assert.deepEqual(page.data.status, { state: 'NORMAL', repay: false, repaid: true, summary: REPAID });
    assert.equal(page.data.statusError, '');
    await assertNoJump(page);
  });

  test('the primary fails, the backup answers: the jump is offered', async () => {
    await primary.set({ fault: 'http-503' });
    const { page } = wechat;
    await page.onShow();
    assert.deepEqual(await asked(), [1, 1], 'one retry, on the backup');
    assert.equal(page.data.status.repay, true);
    assert.equal(view(page.data).navigators.length, 1);
  });

  test('status queries not configured (503): an error, no jump', async () => {
    // The same merchant without the APIv2 key: the jump is served, the
    // state is not, so the page must not offer the jump.
    const bare = await startBackend({ REPAYJUMP_APPID: APPID, REPAYJUMP_MCHID: MCHID },
      ['--openid-header', OPENID_HEADER]);
    try {
      gateway.backend = bare;
      const { page } = wechat;
      const lines = await logged(() => page.onShow());
      const { statusCode, doc } = lastStatus();
      assert.equal(statusCode, 503);
      assert.equal(doc.error.status, 'HTTPD_E_NOT_CONFIGURED');
      assert.equal(page.data.statusError, 'Your repayment status is not available right now (HTTP 503).');
      assert.equal(lines.length, 1);
      assert.equal(gateway.jumps.length, 0);
      await assertNoJump(page);
    } finally {
      assert.deepEqual(await bare.stop(), { code: 0, signal: null });
    }
  });

  test('an answer to an earlier show never overrides a later one', async () => {
    const { page } = wechat;
    // The user comes back while the first show's query is on its way: its
    // answer (OVERDUE) arrives after the second show's (NORMAL), and must
    // neither bring back the jump nor ask for one.
    const handle = gateway.handle.bind(gateway);
    let release;
    const held = new Promise((resolve) => {
      release = resolve;
    });
    gateway.handle = async (options) => {
      const res = await handle(options);
      if (gateway.statuses.length === 1 && options.url.endsWith('/v1/status')) {
        await held;
      }
      return res;
    };
    const first = page.onShow();
    for (let waited = 0; gateway.statuses.length < 1; waited += 5) {
      assert.ok(waited < 5000, 'the first show asked for the state');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    assert.equal(JSON.parse(gateway.statuses[0].body).user_state, 'OVERDUE');
    await wechatSays({ users: { [OPENID]: NORMAL } });
    await page.onShow();
    assert.equal(page.data.status.state, 'NORMAL');
    release();
    await first;
    await wechat.settle();
    assert.equal(page.data.status.state, 'NORMAL', 'the earlier answer is dropped');
    assert.equal(gateway.jumps.length, 0);
    await assertNoJump(page);
  });
});
