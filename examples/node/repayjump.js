'use strict';
// repayjump for Node.js: compose the parameters of the jump to WeChat's
// repayment mini program, through one call into librepayjump per compose,
// check parameters that other code produced, and ask WeChat Pay for the
// user's state when they come back.
const native = require('./lib/native');
const { Variant, Format, Flags, Status, Field, UserState } = require('./lib/constants');
const { RepayjumpError } = require('./lib/errors');
const { PreparedParams, checkInteger, INT_MIN, INT_MAX } = require('./lib/params');
const { resultBuffer, errorBuffer, cString, readResult, readError } = require('./lib/outputs');
const { check: checkInput, checkCodes } = require('./lib/check');
const status = require('./lib/status');

// Synchronous calls reuse these: a thread runs one at a time, and each
// worker thread loads its own copy of this module.
const shared = {
  result: resultBuffer(),
  error: errorBuffer(),
  output: Buffer.alloc(native.OUTPUT_MAX),
  nonce: Buffer.alloc(native.FIELD_MAX + 1),
};

// repayjump_init is idempotent and thread-safe in C; this flag only saves
// the call after the first success in this thread (each worker has its own).
let initialised = false;
function init() {
  if (initialised) return;
  const status = native.init();
  if (status !== Status.OK) {
    throw new RepayjumpError(status, Field.NONE, 0, `init: ${native.strerror(status)}`);
  }
  initialised = true;
}

/**
 * Validate the fields, draw a nonce when nonceStr is absent, sign (APIv2),
 * and return every output as a frozen object. Throws RepayjumpError.
 */
function compose(fields) {
  init();
  const prepared = new PreparedParams(fields);
  try {
    const status = native.compose(prepared.struct, shared.result, shared.error);
    if (status !== Status.OK) throw prepared.error(readError(shared.error));
  } finally {
    prepared.wipe();
  }
  return readResult(shared.result);
}

// fn.async(...args, callback) as a Promise; a call koffi refuses to queue
// (more than 256 at once) rejects it too.
function callAsync(fn, ...args) {
  return new Promise((resolve, reject) => {
    fn.async(...args, (error, value) => (error ? reject(error) : resolve(value)));
  });
}

/** compose() on a thread of libuv's pool; resolves to the same object. */
async function composeAsync(fields) {
  init();
  const prepared = new PreparedParams(fields);
  // Buffers of its own: the call runs while this thread goes on.
  const result = resultBuffer();
  const error = errorBuffer();
  try {
    const status = await callAsync(native.compose, prepared.struct, result, error);
    if (status !== Status.OK) throw prepared.error(readError(error));
  } finally {
    prepared.wipe();
  }
  return readResult(result);
}

/** One output (a Format value) for fields that include nonceStr. */
function render(format, fields) {
  checkInteger('format', format, INT_MIN, INT_MAX);
  init();
  const prepared = new PreparedParams(fields);
  const { output, error } = shared;
  try {
    const status = native.render(prepared.struct, format, output, output.length, null, error);
    if (status !== Status.OK) throw prepared.error(readError(error));
  } finally {
    prepared.wipe();
  }
  return cString(output, 0);
}

/** length (1 to FIELD_MAX) uniformly drawn characters of [A-Za-z0-9]. */
function nonce(length = native.FIELD_MAX) {
  if (!Number.isSafeInteger(length) || length < 0) {
    throw new TypeError('repayjump: length must be a non-negative integer');
  }
  init();
  const out = shared.nonce;
  const status = native.nonce(out, out.length, length);
  if (status !== Status.OK) {
    const detail =
      status === Status.E_ARG ? `length ${length} is not 1 to ${native.FIELD_MAX}` : native.strerror(status);
    throw new RepayjumpError(status, Field.NONE, 0, `nonce: ${detail}`);
  }
  return out.toString('latin1', 0, length);
}

/**
 * List every problem in an App path or query (a string or bytes), or in
 * the fields of a parsed extraData (an object, a Map or [key, value]
 * entries). options: variant (inferred when absent), flags, apiKey (as
 * compose takes it). Returns a frozen { kind, variant, errors, warnings,
 * notes, ok, findings }; throws RepayjumpError for options the library
 * refuses.
 */
function check(input, options) {
  init();
  return checkInput(input, options);
}

/**
 * The signed XML body of WeChat Pay's user state query (querystate), to
 * POST to statusUrl(variant) as text/xml. options: compose's fields for
 * the identity (apiKey is required in every variant, APIv3 included),
 * openid, subOpenid or plateNumber, and tradeScene (required), jumpScene.
 * nonceStr is drawn when absent. Throws RepayjumpError.
 */
function statusRequest(options) {
  init();
  return status.statusRequest(options);
}

/** The URL to POST a variant's status request to; backup: WeChat Pay's backup host. */
function statusUrl(variant = Variant.V3_MERCHANT, backup = false) {
  init();
  return status.statusUrl(variant, backup);
}

/**
 * WeChat Pay's answer (bytes, or a string sent as UTF-8) to a
 * statusRequest with the same identity: a frozen { state, userState,
 * deductMode, openid, subOpenid, path, plateNumberInfo, plateNumber } once
 * trusted; else throws RepayjumpError with the first check that failed.
 */
function statusParse(options, answer) {
  init();
  return status.statusParse(options, answer);
}

module.exports = {
  compose,
  composeAsync,
  render,
  nonce,
  check,
  checkCodes,
  statusRequest,
  statusUrl,
  statusParse,
  RepayjumpError,
  Variant,
  Format,
  Flags,
  Status,
  Field,
  UserState,
  TARGET_APPID: native.TARGET_APPID,
  TARGET_USERNAME: native.TARGET_USERNAME,
  TARGET_PATH: native.TARGET_PATH,
  OUTPUT_MAX: native.OUTPUT_MAX,
  FIELD_MAX: native.FIELD_MAX,
  STATUS_REQUEST_MAX: native.STATUS_REQUEST_MAX,
  ANSWER_MAX: native.ANSWER_MAX,
  version: native.VERSION,
  versionNumber: native.VERSION_NUMBER,
};
