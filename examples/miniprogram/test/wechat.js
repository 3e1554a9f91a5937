'use strict';
// What the page needs of WeChat, and no more: App, Page, getApp and a `wx`
// whose request() is the merchant's gateway. The gateway turns the page's
// session into the openid header and asks the real backend over HTTP;
// navigateToMiniProgram() records its argument and answers as the test
// says. There is no WeChat runtime here: no view layer, no real
// <navigator>, no real navigation, no real login.

const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const vm = require('node:vm');

// Runs one of the mini program's scripts with the globals WeChat gives it,
// in this realm (so that its objects compare with deepStrictEqual).
function run(file, globals) {
  const names = Object.keys(globals);
  const source = fs.readFileSync(file, 'utf8');
  const fn = vm.runInThisContext(`(function (${names.join(', ')}) {\n${source}\n})`, {
    filename: file,
    lineOffset: -1,
  });
  fn(...names.map((name) => globals[name]));
}

// GET the backend with only the openid header: all the gateway adds.
function backendGet(backend, urlPath, headers) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: backend.host, port: backend.port, path: urlPath, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({
        statusCode: res.statusCode,
        header: res.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }));
      res.on('error', reject);
    });
    req.setTimeout(5000, () => req.destroy(new Error('backend timed out')));
    req.on('error', reject);
  });
}

// The merchant's gateway in front of the backend: it issues sessions for
// login codes, and for /v1/status and /v1/jump replaces the session with
// the openid header.
class Gateway {
  constructor({ origin, backend, openidHeader, sessionHeader }) {
    this.origin = origin;
    this.backend = backend;
    this.openidHeader = openidHeader;
    this.sessionHeader = sessionHeader;
    this.codes = new Map(); // login code -> openid
    this.sessions = new Map(); // session token -> openid
    this.requests = []; // what the page sent: { method, url, header, data }
    this.statuses = []; // what the backend answered to /v1/status: { openid, statusCode, body }
    this.jumps = []; // what the backend answered to /v1/jump: { openid, statusCode, body }
  }

  // The user WeChat logs in next, known to the merchant by this openid.
  loginCode(openid) {
    const code = 'code' + crypto.randomBytes(8).toString('hex');
    this.codes.set(code, openid);
    return code;
  }

  forgetSessions() {
    this.sessions.clear();
  }

  async handle({ url, method = 'GET', header = {}, data }) {
    this.requests.push({ url, method, header, data });
    const target = new URL(url);
    if (target.origin !== this.origin) {
      throw new Error('url not in domain list');
    }
    const route = method + ' ' + target.pathname;
    if (route === 'POST /v1/session') {
      const openid = data && this.codes.get(data.code);
      if (!openid) {
        return json(400, { error: 'bad code' });
      }
      this.codes.delete(data.code);
      const token = crypto.randomBytes(16).toString('hex');
      this.sessions.set(token, openid);
      return json(200, { token });
    }
    const answers = { 'GET /v1/status': this.statuses, 'GET /v1/jump': this.jumps };
    if (Object.hasOwn(answers, route)) {
      const openid = this.sessions.get(header[this.sessionHeader]);
      if (!openid) {
        return json(401, { error: 'no session' });
      }
      // Only the path: whatever query the client adds never reaches the
      // backend, and the openid comes from the session alone.
      const res = await backendGet(this.backend, target.pathname, { [this.openidHeader]: openid });
      answers[route].push({ openid, statusCode: res.statusCode, body: res.body });
      return res;
    }
    return json(404, { error: 'not found' });
  }
}

function json(statusCode, value) {
  return { statusCode, header: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

// WeChat's setData, for the keys this page uses: top-level ones only.
function setData(patch) {
  for (const [key, value] of Object.entries(patch)) {
    if (/[.[]/.test(key)) {
      throw new Error('setData paths are not supported by this shim: ' + key);
    }
    this.data[key] = value;
  }
}

// Loads app.js and one page of the mini program at `root`.
function load(root, pagePath, gateway) {
  const storage = new Map();
  const calls = { login: 0, navigateToMiniProgram: [] };
  const pending = [];
  let outcome = { success: { errMsg: 'navigateToMiniProgram:ok' } };
  let app = null;
  let pageDef = null;

  // WeChat calls back later, never inside the call itself.
  const later = (fn) => pending.push(new Promise((resolve) => setImmediate(() => resolve(fn()))));

  const wx = {
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => storage.set(key, value),
    removeStorageSync: (key) => storage.delete(key),
    login({ success, fail }) {
      calls.login += 1;
      const openid = gateway.nextUser;
      later(() => (openid ? success({ code: gateway.loginCode(openid), errMsg: 'login:ok' })
        : fail({ errMsg: 'login:fail' })));
    },
    request(options) {
      gateway.handle(options).then(
        (res) => {
          let data = res.body;
          try {
            data = JSON.parse(res.body); // dataType "json", the default
          } catch (e) {
            // not JSON: WeChat gives the text
          }
          options.success({ statusCode: res.statusCode, header: res.header, data, errMsg: 'request:ok' });
        },
        (err) => options.fail({ errMsg: 'request:fail ' + err.message }));
    },
    navigateToMiniProgram(arg) {
      calls.navigateToMiniProgram.push(arg);
      const result = outcome;
      later(() => (result.fail ? arg.fail && arg.fail(result.fail) : arg.success && arg.success(result.success)));
    },
  };

  const globals = {
    wx,
    App: (def) => {
      app = def;
    },
    Page: (def) => {
      pageDef = def;
    },
    getApp: () => app,
    console,
  };
  run(path.join(root, 'app.js'), globals);
  run(path.join(root, pagePath + '.js'), globals);

  // One instance of the page, as WeChat makes it: the definition's methods,
  // its own copy of `data`, and setData.
  const page = Object.assign({}, pageDef, { data: structuredClone(pageDef.data), setData });

  return {
    app,
    pageDef,
    page,
    storage,
    calls,
    // How the next navigateToMiniProgram ends: { success: res } or { fail: err }.
    navigateOutcome(next) {
      outcome = next;
    },
    // Waits until every callback WeChat owes has run, with what it started.
    async settle() {
      while (pending.length) {
        await pending.shift();
      }
    },
  };
}

module.exports = { Gateway, load };
