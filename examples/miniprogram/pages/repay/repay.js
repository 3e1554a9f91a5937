// The repayment page: asks the merchant's backend for the user's state
// (GET /v1/status, which asks WeChat Pay), offers the jump only when the
// user owes what WeChat advanced (OVERDUE), and then asks for the jump
// (GET /v1/jump) and opens WeChat's repayment mini program with it, by the
// <navigator> in repay.wxml or by wx.navigateToMiniProgram (openRepayment).
//
// Everything passed to the repayment mini program is the backend's
// `navigate` object, unchanged: its target AppID and path too. They are not
// written here because the library that composes the jump holds the one
// copy of them, and a page that keeps its own copy is where the document's
// `app-id="wx… "` (a space inside the AppID) and its unquoted extraData
// came from.
const app = getApp();

// WeChat Pay's word for a user who owes nothing.
const NORMAL = 'NORMAL';

// What the user reads when the backend answers with an error. The detail
// (status, field, offset, WeChat Pay's err_code) goes to the log, not to
// the user.
function unavailable(what, route, res) {
  console.error('GET ' + route + ': HTTP', res.statusCode, res.data && res.data.error);
  return what + ' is not available right now (HTTP ' + res.statusCode + ').';
}

// The same for no login or no connection: wx.login's or wx.request's errMsg.
function unreachable(what, err) {
  return what + ' is not available right now (' + (err.errMsg || err.message) + ').';
}

Page({
  data: {
    // The user's state from the backend's last answer, or null:
    // { state: WeChat Pay's user_state, repay: the backend's `repay` (true
    // exactly for OVERDUE), repaid: OVERDUE before and NORMAL now, summary }.
    status: null,
    statusError: '', // why the state is not known
    navigate: null, // the backend's `navigate` object, as it came; only while status.repay
    jumpError: '', // why there is no jump to open
    notice: '', // the outcome of the last attempt to open the repayment program
  },

  owed: false, // whether the last state the backend gave was OVERDUE
  shows: 0, // onShow calls so far: an answer to an earlier one is dropped

  // On the first show, and on every return from the repayment mini program.
  // It gives nothing back (the document: 无数据), so the page asks the
  // merchant backend again for the user's state, and only for an OVERDUE
  // user for a fresh jump: a nonce serves one jump, and nothing of the last
  // one is kept. Until the backend answers there is no jump to tap.
  onShow() {
    this.shows += 1;
    const show = this.shows;
    this.setData({ navigate: null, jumpError: '' });
    return this.loadStatus(show).then((repay) => (repay ? this.loadJump(show) : undefined));
  },

  // Resolves to whether to offer the jump: true only for a 200 that says
  // repay. Any error (the backend's 502 for an answer it cannot trust or
  // WeChat Pay's FAIL, 503 not configured, 504 no answer from WeChat Pay,
  // 400, 401) leaves the state unknown and offers nothing.
  loadStatus(show) {
    return app.get('/v1/status').then(
      (res) => {
        if (show !== this.shows) {
          return false;
        }
        if (res.statusCode !== 200 || !res.data || typeof res.data.repay !== 'boolean'
            || typeof res.data.user_state !== 'string') {
          this.setData({ status: null, statusError: unavailable('Your repayment status', '/v1/status', res) });
          return false;
        }
        const state = res.data.user_state;
        const repay = res.data.repay;
        const repaid = this.owed && !repay && state === NORMAL;
        this.owed = repay;
        let summary = 'Nothing to repay.';
        if (repay) {
          summary = 'You have an amount to repay.';
        } else if (repaid) {
          summary = 'Repaid. Thank you.';
        }
        this.setData({ status: { state, repay, repaid, summary }, statusError: '' });
        return repay;
      },
      (err) => {
        if (show === this.shows) {
          this.setData({ status: null, statusError: unreachable('Your repayment status', err) });
        }
        return false;
      });
  },

  loadJump(show) {
    return app.get('/v1/jump').then(
      (res) => {
        if (show !== this.shows) {
          return;
        }
        if (res.statusCode === 200 && res.data && res.data.navigate) {
          this.setData({ navigate: res.data.navigate, jumpError: '' });
        } else {
          this.setData({ navigate: null, jumpError: unavailable('Repayment', '/v1/jump', res) });
        }
      },
      (err) => {
        if (show === this.shows) {
          this.setData({ navigate: null, jumpError: unreachable('Repayment', err) });
        }
      });
  },

  // Whether the page offers the jump now: an OVERDUE state and a jump.
  offered() {
    return Boolean(this.data.status && this.data.status.repay && this.data.navigate);
  },

  // The button's way: the same object as the <navigator>, plus the
  // callbacks. WeChat asks the user to confirm before it opens another
  // mini program, so it must follow a tap.
  openRepayment() {
    if (!this.offered()) {
      return;
    }
    wx.navigateToMiniProgram(Object.assign({}, this.data.navigate, {
      success: () => this.setData({ notice: '' }),
      fail: (err) => this.openFailed(err),
    }));
  },

  // The <navigator>'s bindfail: the same outcome as openRepayment's fail.
  onNavigatorFail(event) {
    return this.openFailed(event.detail);
  },

  // The user declined WeChat's confirmation (errMsg
  // "navigateToMiniProgram:fail cancel"), or WeChat refused: say so, and
  // get a fresh jump for the user's next tap. Never retry by itself.
  openFailed(err) {
    const errMsg = (err && err.errMsg) || '';
    const cancelled = /:fail cancel$/.test(errMsg);
    this.setData({
      notice: cancelled ? 'Repayment was not opened: you cancelled.'
        : 'Repayment could not be opened (' + errMsg + ').',
    });
    return this.data.status && this.data.status.repay ? this.loadJump(this.shows) : undefined;
  },
});
