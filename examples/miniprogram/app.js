// The merchant's mini program. Its backend knows the user by the login
// session kept here; the mini program never learns, sends or chooses an
// openid: the merchant's gateway adds it after checking the session, so no
// client can ask for another user's repayment page.

// PLACEHOLDER: the merchant's own HTTPS API, declared as a request domain
// (request 合法域名) in the mini program's admin console.
const BACKEND = 'https://api.merchant.example';
const SESSION_KEY = 'merchantSession';
const SESSION_HEADER = 'X-Merchant-Session';

// wx.request as a promise of its response, whatever the HTTP status.
function request(options) {
  return new Promise((resolve, reject) => {
    wx.request(Object.assign({}, options, { success: resolve, fail: reject }));
  });
}

App({
  globalData: { backend: BACKEND },
  loggingIn: null, // the login under way, if any

  // The merchant session: a token the backend issues for a wx.login code
  // (it exchanges the code with WeChat itself, code2Session). Kept in
  // storage until the backend says it expired.
  session() {
    const saved = wx.getStorageSync(SESSION_KEY);
    if (saved) {
      return Promise.resolve(saved);
    }
    // One login at a time, however many requests wait for it.
    if (!this.loggingIn) {
      const done = () => {
        this.loggingIn = null;
      };
      this.loggingIn = this.login().then((token) => {
        done();
        return token;
      }, (err) => {
        done();
        throw err;
      });
    }
    return this.loggingIn;
  },

  login() {
    return new Promise((resolve, reject) => wx.login({ success: resolve, fail: reject }))
      .then((login) => request({
        url: BACKEND + '/v1/session',
        method: 'POST',
        data: { code: login.code },
      }))
      .then((res) => {
        if (res.statusCode !== 200 || !res.data || typeof res.data.token !== 'string') {
          throw new Error('login: HTTP ' + res.statusCode);
        }
        wx.setStorageSync(SESSION_KEY, res.data.token);
        return res.data.token;
      });
  },

  // GET one of the merchant's APIs with the session. A 401 drops the
  // session, so that the next call logs in again.
  get(path) {
    return this.session()
      .then((token) => request({
        url: BACKEND + path,
        method: 'GET',
        header: { [SESSION_HEADER]: token },
      }))
      .then((res) => {
        if (res.statusCode === 401) {
          wx.removeStorageSync(SESSION_KEY);
        }
        return res;
      });
  },
});
