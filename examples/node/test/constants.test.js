'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const koffi = require('koffi');
const rj = require('../repayjump');
const { types } = require('../lib/native');
const { TARGET } = require('./support');

test('the target constants are those of the repayment mini program', () => {
  assert.equal(rj.TARGET_APPID, TARGET.appid);
  assert.equal(rj.TARGET_USERNAME, TARGET.username);
  assert.equal(rj.TARGET_PATH, TARGET.path);
  assert.equal(rj.OUTPUT_MAX, 1024);
  assert.equal(rj.FIELD_MAX, 32);
});

test('version: the string and the number agree', () => {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(rj.version);
  assert.ok(match, rj.version);
  const [major, minor, patch] = match.slice(1).map(Number);
  assert.equal(rj.versionNumber, (major << 16) | (minor << 8) | patch);
});

test('the enums are frozen and hold the header values', () => {
  for (const e of [rj.Variant, rj.Format, rj.Flags, rj.Status, rj.Field, rj.UserState]) assert.ok(Object.isFrozen(e));
  assert.deepEqual(Object.values(rj.Variant), [0, 1, 2, 3]);
  assert.deepEqual(Object.values(rj.Format), [0, 1, 2, 3]);
  assert.deepEqual(rj.Flags, { ALLOW_NO_OPENID: 1, RELAXED: 2 });
  assert.deepEqual(Object.values(rj.Status), Array.from({ length: 18 }, (_, i) => -i || 0));
  assert.deepEqual(Object.values(rj.Field), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 64, 65]);
  assert.deepEqual(rj.UserState, { UNKNOWN: 0, NORMAL: 1, PAUSED: 2, OVERDUE: 3, UNAUTHORIZED: 4 });
});

test('field names and status texts come from the library', () => {
  const native = require('../lib/native');
  for (const [name, value] of Object.entries(rj.Field)) {
    // SIGN_TYPE and SIGN are a check finding's only, not repayjump_field's.
    const sign = value === rj.Field.SIGN_TYPE || value === rj.Field.SIGN;
    assert.equal((sign ? native.checkFieldName : native.fieldName)(value), name.toLowerCase());
  }
  const texts = new Set(Object.values(rj.Status).map((status) => native.strerror(status)));
  assert.equal(texts.size, Object.keys(rj.Status).length);
  assert.ok(!texts.has('unknown status'));
});

// Offsets and sizes worked out by hand from include/repayjump.h for LP64
// (x86-64, arm64 Linux): int 4, unsigned 4, pointers and size_t 8.
test('the structs have the C layout', () => {
  const layout = (type) =>
    Object.fromEntries(Object.keys(koffi.introspect(type).members).map((m) => [m, koffi.offsetof(type, m)]));
  assert.equal(koffi.sizeof(types.Params), 72);
  assert.deepEqual(layout(types.Params), {
    variant: 0, flags: 4, appid: 8, mchid: 16, nonce_str: 24, openid: 32,
    sub_appid: 40, sub_mchid: 48, sub_openid: 56, api_key: 64,
  });
  assert.equal(koffi.sizeof(types.ErrorDetail), 208);
  assert.deepEqual(layout(types.ErrorDetail), { status: 0, field: 4, offset: 8, message: 16 });
  assert.equal(koffi.sizeof(types.Result), 33 + 65 + 4 * 1024);
  assert.deepEqual(layout(types.Result), {
    nonce_str: 0, sign: 33, extra_data_json: 98, navigate_json: 1122, app_path: 2146, app_launch_json: 3170,
  });
  assert.equal(koffi.sizeof(types.StatusQuery), 24);
  assert.deepEqual(layout(types.StatusQuery), { trade_scene: 0, jump_scene: 8, plate_number: 16 });
  assert.equal(koffi.sizeof(types.StatusResult), 6664);
  assert.deepEqual(layout(types.StatusResult), {
    state: 0, user_state: 4, deduct_mode: 68, openid: 132, sub_openid: 261, path: 390, plate_number_info: 1414,
    plate_number: 5510, return_msg: 5574, err_code: 6086, err_code_des: 6150,
  });
});
