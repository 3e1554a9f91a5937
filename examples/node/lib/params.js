'use strict';
// Options as a Node caller writes them, to a repayjump_params.
const { KeyObject } = require('node:crypto');
const { Field, Status } = require('./constants');
const { RepayjumpError } = require('./errors');

// [option, struct member, field]: the string fields, in the header's order.
const STRING_FIELDS = [
  ['appid', 'appid', Field.APPID],
  ['mchid', 'mchid', Field.MCHID],
  ['nonceStr', 'nonce_str', Field.NONCE_STR],
  ['openid', 'openid', Field.OPENID],
  ['subAppid', 'sub_appid', Field.SUB_APPID],
  ['subMchid', 'sub_mchid', Field.SUB_MCHID],
  ['subOpenid', 'sub_openid', Field.SUB_OPENID],
];
const KNOWN_OPTIONS = new Set(['variant', 'flags', 'apiKey', ...STRING_FIELDS.map(([o]) => o)]);
// [option, struct member, field]: the status query's own (repayjump_status_query).
const QUERY_FIELDS = [
  ['tradeScene', 'trade_scene', Field.TRADE_SCENE],
  ['jumpScene', 'jump_scene', Field.JUMP_SCENE],
  ['plateNumber', 'plate_number', Field.PLATE_NUMBER],
];
const STATUS_OPTIONS = new Set([...KNOWN_OPTIONS, ...QUERY_FIELDS.map(([o]) => o)]);

// A C string ends at its first NUL, so a value with a NUL would arrive
// shortened. Each NUL is sent as 0x01 instead: outside every field's
// alphabet, it makes the library refuse the value in its usual order of
// checks. The first NUL's byte offset is kept to name that byte right.
const NUL = 0x00;
const STAND_IN = 0x01;

// variant and format are C ints, flags a C unsigned: koffi would turn a
// number outside into another one, not refuse it.
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;
const UINT_MAX = 2 ** 32 - 1;

function checkInteger(name, value, min, max) {
  if (!Number.isInteger(value)) throw new TypeError(`repayjump: ${name} must be an integer`);
  if (value < min || value > max) throw new RangeError(`repayjump: ${name} must be ${min} to ${max}`);
  return value;
}

function stringOption(options, name, field, nuls) {
  const value = options[name];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new TypeError(`repayjump: ${name} must be a string`);
  const at = value.indexOf('\0');
  if (at === -1) return value;
  nuls.set(field, Buffer.byteLength(value.slice(0, at)));
  return value.replaceAll('\0', String.fromCharCode(STAND_IN));
}

// The key's bytes, copied into a NUL-terminated buffer that wipe() zeroes.
// The message never names the type of a wrong value: it could be the key.
function keyCopy(apiKey, nuls) {
  if (apiKey === undefined || apiKey === null) return null;
  let bytes = apiKey;
  let exported = null;
  if (apiKey instanceof KeyObject && apiKey.type === 'secret') {
    bytes = exported = apiKey.export();
  } else if (!(apiKey instanceof Uint8Array)) {
    throw new TypeError('repayjump: apiKey must be a Buffer, a Uint8Array or a secret KeyObject');
  }
  const copy = Buffer.alloc(bytes.length + 1);
  copy.set(bytes);
  if (exported) exported.fill(0);
  const at = copy.indexOf(NUL);
  if (at < bytes.length) {
    nuls.set(Field.API_KEY, at);
    for (let i = at; i < bytes.length; i++) if (copy[i] === NUL) copy[i] = STAND_IN;
  }
  return copy;
}

/**
 * A repayjump_params for koffi, the key copy it points to, and the NULs;
 * with withQuery, also the status query's repayjump_status_query (query).
 */
class PreparedParams {
  constructor(options, withQuery = false) {
    if (options === null || typeof options !== 'object') {
      throw new TypeError('repayjump: expected an object of fields');
    }
    const known = withQuery ? STATUS_OPTIONS : KNOWN_OPTIONS;
    for (const name of Object.keys(options)) {
      if (!known.has(name)) throw new TypeError(`repayjump: unknown option '${name}'`);
    }
    this.nuls = new Map();
    this.struct = {
      variant: checkInteger('variant', options.variant ?? 0, INT_MIN, INT_MAX),
      flags: checkInteger('flags', options.flags ?? 0, 0, UINT_MAX),
      api_key: null,
    };
    for (const [option, member, field] of STRING_FIELDS) {
      this.struct[member] = stringOption(options, option, field, this.nuls);
    }
    this.query = null;
    if (withQuery) {
      this.query = {};
      for (const [option, member, field] of QUERY_FIELDS) {
        this.query[member] = stringOption(options, option, field, this.nuls);
      }
    }
    // Last: nothing throws once the key is copied, until wipe() is due.
    this.struct.api_key = this.key = keyCopy(options.apiKey, this.nuls);
  }

  /** Zero the key copy; call once the native call has returned. */
  wipe() {
    if (this.key) this.key.fill(0);
  }

  /** The error for a filled repayjump_error, naming a NUL as 0x00. */
  error(detail) {
    const offset = Number(detail.offset);
    let message = detail.message;
    if (detail.status === Status.E_CHARSET && this.nuls.get(detail.field) === offset) {
      message = message.replace(' is 0x01;', ' is 0x00;');
    }
    return new RepayjumpError(detail.status, detail.field, offset, message);
  }
}

module.exports = { PreparedParams, checkInteger, keyCopy, INT_MIN, INT_MAX, UINT_MAX };
