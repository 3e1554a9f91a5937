'use strict';
// A failure of the library, with its status, field and byte offset.
const native = require('./native');
const { Status } = require('./constants');

const statusNames = new Map(Object.entries(Status).map(([name, value]) => [value, name]));

class RepayjumpError extends Error {
  /**
   * @param {number} status a negative Status value
   * @param {number} field a Field value, 0 when no field is at fault
   * @param {number} offset byte offset of the first offending byte, else 0
   * @param {string} message one line naming the field and the rule
   * @param {{returnMsg: string, errCode: string, errCodeDes: string} | null} wechat
   *   WeChat's own words, for an answer that says FAIL (E_RETURN_FAIL,
   *   E_RESULT_FAIL); null otherwise
   */
  constructor(status, field, offset, message, wechat = null) {
    super(message);
    this.name = 'RepayjumpError';
    this.status = status;
    this.statusName = statusNames.get(status) ?? 'UNKNOWN';
    this.code = `REPAYJUMP_${this.statusName}`;
    this.field = field;
    this.fieldName = native.fieldName(field);
    this.offset = offset;
    this.returnMsg = wechat?.returnMsg ?? null;
    this.errCode = wechat?.errCode ?? null;
    this.errCodeDes = wechat?.errCodeDes ?? null;
  }
}

module.exports = { RepayjumpError };
