'use strict';
// Buffers for the structs the library fills, and reading them back.
const koffi = require('koffi');
const { types } = require('./native');

const RESULT_SIZE = koffi.sizeof(types.Result);
const ERROR_SIZE = koffi.sizeof(types.ErrorDetail);
const at = (member) => koffi.offsetof(types.Result, member);
const NONCE_STR = at('nonce_str');
const SIGN = at('sign');
const EXTRA_DATA_JSON = at('extra_data_json');
const NAVIGATE_JSON = at('navigate_json');
const APP_PATH = at('app_path');
const APP_LAUNCH_JSON = at('app_launch_json');

// Every member is NUL-terminated by the library, and ASCII: the field
// rules admit only [A-Za-z0-9_-] into outputs.
function cString(buffer, offset) {
  return buffer.toString('latin1', offset, buffer.indexOf(0, offset));
}

/** A filled repayjump_result, as the frozen object compose returns. */
function readResult(buffer) {
  const sign = cString(buffer, SIGN);
  return Object.freeze({
    nonceStr: cString(buffer, NONCE_STR),
    sign: sign === '' ? null : sign,
    extraDataJson: cString(buffer, EXTRA_DATA_JSON),
    navigateJson: cString(buffer, NAVIGATE_JSON),
    appPath: cString(buffer, APP_PATH),
    appLaunchJson: cString(buffer, APP_LAUNCH_JSON),
  });
}

/** A filled repayjump_error: { status, field, offset, message }. */
function readError(buffer) {
  return koffi.decode(buffer, types.ErrorDetail);
}

module.exports = {
  resultBuffer: () => Buffer.alloc(RESULT_SIZE),
  errorBuffer: () => Buffer.alloc(ERROR_SIZE),
  cString,
  readResult,
  readError,
};
