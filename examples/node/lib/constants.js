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
});

module.exports = { Variant, Format, Flags, Status, Field };
