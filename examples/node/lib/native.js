'use strict';
// The C library through koffi: where it is found, its structs laid out as
// include/repayjump.h lays them out, and its functions.
const koffi = require('koffi');

const SONAME = 'librepayjump.so.1';

function loadLibrary() {
  const path = process.env.REPAYJUMP_LIBRARY;
  try {
    return koffi.load(path || SONAME);
  } catch (cause) {
    const message = path
      ? `repayjump: cannot load REPAYJUMP_LIBRARY=${path} (${cause.message}); ` +
        `set REPAYJUMP_LIBRARY to the path of ${SONAME}, or unset it to use the system loader`
      : `repayjump: ${SONAME} not found by the system loader (${cause.message}); ` +
        `install the library (cmake --install build) or set REPAYJUMP_LIBRARY to the path of ${SONAME}`;
    const error = new Error(message, { cause });
    error.code = 'ERR_REPAYJUMP_LIBRARY';
    throw error;
  }
}

const lib = loadLibrary();

const size = (name) => Number(lib.func(`size_t ${name}(void)`)());
const OUTPUT_MAX = size('repayjump_output_max');
const FIELD_MAX = size('repayjump_field_max');
const SIGN_LEN = size('repayjump_sign_len');
const MESSAGE_MAX = size('repayjump_message_max');

// Member order and types are ABI: they mirror the header exactly.
const Params = koffi.struct('repayjump_params', {
  variant: 'int',
  flags: 'unsigned int',
  appid: 'const char *',
  mchid: 'const char *',
  nonce_str: 'const char *',
  openid: 'const char *',
  sub_appid: 'const char *',
  sub_mchid: 'const char *',
  sub_openid: 'const char *',
  api_key: 'const char *',
});

const ErrorDetail = koffi.struct('repayjump_error', {
  status: 'int',
  field: 'int',
  offset: 'size_t',
  message: koffi.array('char', MESSAGE_MAX),
});

const Result = koffi.struct('repayjump_result', {
  nonce_str: koffi.array('char', FIELD_MAX + 1),
  sign: koffi.array('char', SIGN_LEN + 1),
  extra_data_json: koffi.array('char', OUTPUT_MAX),
  navigate_json: koffi.array('char', OUTPUT_MAX),
  app_path: koffi.array('char', OUTPUT_MAX),
  app_launch_json: koffi.array('char', OUTPUT_MAX),
});

const CheckOptions = koffi.struct('repayjump_check_options', {
  variant: 'int',
  flags: 'unsigned int',
  api_key: 'const char *',
});

// Strings are pointer and length, not NUL-terminated: written and read as
// addresses (lib/check.js), never as C strings.
const Pair = koffi.struct('repayjump_pair', {
  key: 'const void *',
  key_len: 'size_t',
  value: 'const void *',
  value_len: 'size_t',
  type: 'int',
  key_offset: 'size_t',
  value_offset: 'size_t',
});

const Finding = koffi.struct('repayjump_finding', {
  code: 'int',
  severity: 'int',
  field: 'int',
  in_value: 'int',
  offset: 'size_t',
  length: 'size_t',
  pair: 'size_t',
  key: 'const void *',
  key_len: 'size_t',
  message: koffi.array('char', MESSAGE_MAX),
  fix: koffi.array('char', MESSAGE_MAX),
});

const CheckResult = koffi.struct('repayjump_check_result', {
  count: 'size_t',
  errors: 'size_t',
  warnings: 'size_t',
  notes: 'size_t',
  variant: 'int',
  kind: 'int',
});

// The status query (0.3.0): an older library lacks its functions.
let statusResultSize;
try {
  statusResultSize = size('repayjump_status_result_size');
} catch (cause) {
  const error = new Error(
    `repayjump: the library loaded has no repayjump_status_result_size (${cause.message}): ` +
      'this binding needs librepayjump 0.3.0 or later',
    { cause },
  );
  error.code = 'ERR_REPAYJUMP_LIBRARY';
  throw error;
}

const StatusQuery = koffi.struct('repayjump_status_query', {
  trade_scene: 'const char *',
  jump_scene: 'const char *',
  plate_number: 'const char *',
});

// The members' sizes are the header's REPAYJUMP_STATUS_*_MAX, which no
// function gives one by one; the whole is checked below.
const CODE_MAX = 64;
const ID_MAX = 129;
const PATH_MAX = 1024;
const INFO_MAX = 4096;
const TEXT_MAX = 512;
const StatusResult = koffi.struct('repayjump_status_result', {
  state: 'int',
  user_state: koffi.array('char', CODE_MAX),
  deduct_mode: koffi.array('char', CODE_MAX),
  openid: koffi.array('char', ID_MAX),
  sub_openid: koffi.array('char', ID_MAX),
  path: koffi.array('char', PATH_MAX),
  plate_number_info: koffi.array('char', INFO_MAX),
  plate_number: koffi.array('char', CODE_MAX),
  return_msg: koffi.array('char', TEXT_MAX),
  err_code: koffi.array('char', CODE_MAX),
  err_code_des: koffi.array('char', TEXT_MAX),
});
if (koffi.sizeof(StatusResult) !== statusResultSize) {
  const error = new Error(
    `repayjump: the library loaded lays out repayjump_status_result in ${statusResultSize} bytes, ` +
      `this binding in ${koffi.sizeof(StatusResult)}: use the binding of the library's version`,
  );
  error.code = 'ERR_REPAYJUMP_LIBRARY';
  throw error;
}

const string = (name) => lib.func(`const char *${name}(void)`)();
const codeName = lib.func('const char *repayjump_check_code_name(int code)');
const codeSeverity = lib.func('int repayjump_check_code_severity(int code)');
const CODE_COUNT = lib.func('int repayjump_check_code_count(void)')();

module.exports = {
  types: { Params, ErrorDetail, Result, CheckOptions, Pair, Finding, CheckResult, StatusQuery, StatusResult },
  OUTPUT_MAX,
  FIELD_MAX,
  SIGN_LEN,
  STATUS_REQUEST_MAX: size('repayjump_status_request_max'),
  ANSWER_MAX: size('repayjump_answer_max'),
  STATUS_RESULT_SIZE: statusResultSize,
  TARGET_APPID: string('repayjump_target_appid'),
  TARGET_USERNAME: string('repayjump_target_username'),
  TARGET_PATH: string('repayjump_target_path'),
  VERSION: string('repayjump_version'),
  VERSION_NUMBER: lib.func('int repayjump_version_number(void)')(),
  init: lib.func('int repayjump_init(void)'),
  // Outputs are Buffers the caller reads (lib/outputs.js): cheaper than
  // koffi turning every member of a 4 KiB struct into a JS value.
  compose: lib.func(
    'int repayjump_compose(const repayjump_params *p, repayjump_result *result, repayjump_error *err)',
  ),
  render: lib.func(
    'int repayjump_render(const repayjump_params *p, int format, char *out, size_t cap, ' +
      'size_t *len, repayjump_error *err)',
  ),
  nonce: lib.func('int repayjump_nonce(char *out, size_t cap, size_t len)'),
  strerror: lib.func('const char *repayjump_strerror(int status)'),
  fieldName: lib.func('const char *repayjump_field_name(int field)'),
  checkFieldName: lib.func('const char *repayjump_check_field_name(int field)'),
  checkText: lib.func(
    'int repayjump_check_text(const repayjump_check_options *opt, const uint8_t *text, size_t len, ' +
      'repayjump_finding *findings, size_t cap, repayjump_check_result *result)',
  ),
  checkPairs: lib.func(
    'int repayjump_check_pairs(const repayjump_check_options *opt, const repayjump_pair *pairs, ' +
      'size_t count, repayjump_finding *findings, size_t cap, repayjump_check_result *result)',
  ),
  statusRequest: lib.func(
    'int repayjump_status_request(const repayjump_params *p, const repayjump_status_query *q, ' +
      'char *out, size_t cap, size_t *len, repayjump_error *err)',
  ),
  statusUrl: lib.func('const char *repayjump_status_url(int variant, int backup)'),
  statusParse: lib.func(
    'int repayjump_status_parse(const repayjump_params *p, const uint8_t *answer, size_t len, ' +
      'repayjump_status_result *result, repayjump_error *err)',
  ),
  userStateName: lib.func('const char *repayjump_user_state_name(int state)'),
  // Asked once: the binding holds no copy of the library's tables.
  CODE_NAMES: Array.from({ length: CODE_COUNT }, (_, code) => codeName(code)),
  CODE_SEVERITIES: Array.from({ length: CODE_COUNT }, (_, code) => codeSeverity(code)),
  codeName,
  severityName: lib.func('const char *repayjump_severity_name(int severity)'),
  kindName: lib.func('const char *repayjump_input_kind_name(int kind)'),
};
