// The repayment page: asks the merchant's backend for the jump, then opens
// WeChat's repayment mini program with it, by the <navigator> in repay.wxml
// or by wx.navigateToMiniProgram (openRepayment).
//
// Everything passed to the repayment mini program is the backend's
// `navigate` object, unchanged: its target AppID and path too. They are not
// written here because the library that composes the jump holds the one
// copy of them, and a page that keeps its own copy is where the document's
// `app-id="wx… "` (a space inside the AppID) and its unquoted extraData
// came from.
const app = getApp();

// What the user reads when the backend answers with an error. The detail
// (status, field, offset) goes to the log, not to the user.
function unavailable(res) {
  console.error('GET /v1/jump: HTTP', res.statusCode, res.data && res.data.error);
  return 'Repayment is not available right now (HTTP ' + res.statusCode + ').';
}

Page({
  data: {
    navigate: null, // the backend's `navigate` object, as it came
    jumpError: '', // why there is no jump to open
    status: null, // the merchant backend's { summary } of the user's repayment status
    notice: '', // the outcome of the last attempt to open the repayment program
  },

  // On the first show, and on every return from the repayment mini program.
  // It gives nothing back (the document: 无数据), so the page asks the
  // merchant backend again for the user's status (the backend queries
  // WeChat Pay's user-status API), and for a fresh jump: a nonce serves one
  // jump, and nothing of the last one is kept.
  onShow() {
    return Promise.all([this.loadStatus(), this.loadJump()]);
  },

  loadJump() {
    return app.get('/v1/jump').then(
      (res) => {
        if (res.statusCode === 200 && res.data && res.data.navigate) {
          this.setData({ navigate: res.data.navigate, jumpError: '' });
        } else {
          this.setData({ navigate: null, jumpError: unavailable(res) });
        }
      },
      // No login, or no connection: wx.login's or wx.request's errMsg.
      (err) => this.setData({
        navigate: null,
        jumpError: 'Repayment is not available right now (' + (err.errMsg || err.message) + ').',
      }));
  },

  loadStatus() {
    return app.get('/v1/repayment-status').then(
      (res) => this.setData({ status: res.statusCode === 200 ? res.data : null }),
      () => this.setData({ status: null }));
  },

  // The button's way: the same object as the <navigator>, plus the
  // callbacks. WeChat asks the user to confirm before it opens another
  // mini program, so it must follow a tap.
  openRepayment() {
    const navigate = this.data.navigate;
    if (!navigate) {
      return;
    }
    wx.navigateToMiniProgram(Object.assign({}, navigate, {
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
    return this.loadJump();
  },
});
