'use strict';
// The header's enums and flag bits. Their values are ABI, never renumbered.

const Variant = Object.freeze({
  V3_MERCHANT: 0,
  V3_PARTNER: 1,
  V2_MERCHANT: 2,
  V2_PARTNER: 3,
});

const Format = Object.freeze({
  EXTRA_DATA_JSON: 0,
  NAVIGATE_JSON: 1,
  APP_PATH: 2,
  APP_LAUNCH_JSON: 3,
});

const Flags = Object.freeze({
  ALLOW_NO_OPENID: 1,
  RELAXED: 2,
});

const Status = Object.freeze({
  OK: 0,
  E_ARG: -1,
  E_BUFFER: -2,
  E_RNG: -3,
  E_MISSING: -4,
  E_TOO_LONG: -5,
  E_CHARSET: -6,
  E_FORMAT: -7,
  E_NOT_ALLOWED: -8,
  E_CONFLICT: -9,
  // An answer of WeChat Pay that is not trusted (statusParse), in the
  // order the checks run:
  E_TOO_LARGE: -10,
  E_XML: -11,
  E_DUPLICATE: -12,
  E_RETURN_FAIL: -13,
  E_SIGNATURE: -14,
  E_ECHO: -15,
  E_RESULT_FAIL: -16,
  E_NO_STATE: -17,
});

const Field = Object.freeze({
  NONE: 0,
  APPID: 1,
  MCHID: 2,
  NONCE_STR: 3,
  OPENID: 4,
  SUB_APPID: 5,
  SUB_MCHID: 6,
  SUB_OPENID: 7,
  API_KEY: 8,
  // The status query's own (statusRequest):
  TRADE_SCENE: 9,
  JUMP_SCENE: 10,
  PLATE_NUMBER: 11,
  // A check finding's only (Finding.field): keys of the jump that are not
  // fields of its params (REPAYJUMP_CHECK_FIELD_SIGN_TYPE, _SIGN).
  SIGN_TYPE: 64,
  SIGN: 65,
});

// The user's state in a trusted answer (repayjump_user_state); UNKNOWN is
// a state the library does not list, kept verbatim in userState.
const UserState = Object.freeze({
  UNKNOWN: 0,
  NORMAL: 1,
  PAUSED: 2,
  OVERDUE: 3,
  UNAUTHORIZED: 4,
});

module.exports = { Variant, Format, Flags, Status, Field, UserState };
