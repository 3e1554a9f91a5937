'use strict';
// The status query (STATUS.md): the signed querystate body for WeChat Pay,
// the URLs to POST it to, and WeChat Pay's answer read only once trusted.
const os = require('node:os');
const koffi = require('koffi');
const native = require('./native');
const { Field, Status, UserState } = require('./constants');
const { RepayjumpError } = require('./errors');
const { PreparedParams, checkInteger, INT_MIN, INT_MAX } = require('./params');
const { errorBuffer, readError } = require('./outputs');

const { StatusResult } = native.types;
const RESULT_SIZE = koffi.sizeof(StatusResult);
const at = (member) => koffi.offsetof(StatusResult, member);
// [property, member offset]: the values a trusted answer gives.
const VALUES = [
  ['userState', at('user_state')],
  ['deductMode', at('deduct_mode')],
  ['openid', at('openid')],
  ['subOpenid', at('sub_openid')],
  ['path', at('path')],
  ['plateNumberInfo', at('plate_number_info')],
  ['plateNumber', at('plate_number')],
];
const STATE = at('state');
const RETURN_MSG = at('return_msg');
const ERR_CODE = at('err_code');
const ERR_CODE_DES = at('err_code_des');

const readInt = os.endianness() === 'LE' ? (b, o) => b.readInt32LE(o) : (b, o) => b.readInt32BE(o);
// WeChat's values: UTF-8, NUL-terminated by the library.
const cText = (buffer, offset) => buffer.toString('utf8', offset, buffer.indexOf(0, offset));

// Reused by synchronous calls, as repayjump.js reuses its own: a thread
// runs one at a time, and each worker thread loads its own copy.
const shared = {
  request: Buffer.alloc(native.STATUS_REQUEST_MAX),
  result: Buffer.alloc(RESULT_SIZE),
  error: errorBuffer(),
};

/**
 * The signed XML body of WeChat Pay's user state query, for compose's
 * identity (apiKey required in every variant) and tradeScene, jumpScene,
 * plateNumber. Throws RepayjumpError.
 */
function statusRequest(options) {
  const prepared = new PreparedParams(options, true);
  const { request, error } = shared;
  let status;
  try {
    status = native.statusRequest(prepared.struct, prepared.query, request, request.length, null, error);
  } finally {
    prepared.wipe();
  }
  if (status !== Status.OK) throw prepared.error(readError(error));
  return cText(request, 0);
}

/** The URL to POST a variant's request to: WeChat Pay's primary host, or its backup. */
function statusUrl(variant = 0, backup = false) {
  checkInteger('variant', variant, INT_MIN, INT_MAX);
  if (typeof backup !== 'boolean') throw new TypeError('repayjump: backup must be a boolean');
  const url = native.statusUrl(variant, backup ? 1 : 0);
  if (url === null) {
    throw new RepayjumpError(Status.E_ARG, Field.NONE, 0, `variant: ${variant} is not a variant (0 to 3)`);
  }
  return url;
}

function answerBytes(answer) {
  if (typeof answer === 'string') return Buffer.from(answer, 'utf8');
  if (answer instanceof Uint8Array) return answer;
  throw new TypeError('repayjump: an answer is a Buffer, a Uint8Array or a string');
}

/**
 * WeChat Pay's answer to a statusRequest made with the same identity, as
 * a frozen object, once every check of STATUS.md passed; else throws
 * RepayjumpError with the first check that failed (E_RETURN_FAIL and
 * E_RESULT_FAIL with WeChat's returnMsg, errCode and errCodeDes).
 */
function statusParse(options, answer) {
  const bytes = answerBytes(answer);
  const prepared = new PreparedParams(options);
  const { result, error } = shared;
  let status;
  try {
    status = native.statusParse(prepared.struct, bytes, bytes.length, result, error);
  } finally {
    prepared.wipe();
  }
  if (status !== Status.OK) {
    const detail = readError(error);
    const failed = prepared.error(detail);
    if (status !== Status.E_RETURN_FAIL && status !== Status.E_RESULT_FAIL) throw failed;
    throw new RepayjumpError(failed.status, failed.field, failed.offset, failed.message, {
      returnMsg: cText(result, RETURN_MSG),
      errCode: cText(result, ERR_CODE),
      errCodeDes: cText(result, ERR_CODE_DES),
    });
  }
  const read = { state: readInt(result, STATE) };
  for (const [name, offset] of VALUES) read[name] = cText(result, offset);
  // As GET /v1/status says it: true exactly for OVERDUE.
  read.repay = read.state === UserState.OVERDUE;
  return Object.freeze(read);
}

module.exports = { statusRequest, statusUrl, statusParse };
