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

const string = (name) => lib.func(`const char *${name}(void)`)();
const codeName = lib.func('const char *repayjump_check_code_name(int code)');
const codeSeverity = lib.func('int repayjump_check_code_severity(int code)');
const CODE_COUNT = lib.func('int repayjump_check_code_count(void)')();

module.exports = {
  types: { Params, ErrorDetail, Result, CheckOptions, Pair, Finding, CheckResult },
  OUTPUT_MAX,
  FIELD_MAX,
  SIGN_LEN,
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
  checkText: lib.func(
    'int repayjump_check_text(const repayjump_check_options *opt, const uint8_t *text, size_t len, ' +
      'repayjump_finding *findings, size_t cap, repayjump_check_result *result)',
  ),
  checkPairs: lib.func(
    'int repayjump_check_pairs(const repayjump_check_options *opt, const repayjump_pair *pairs, ' +
      'size_t count, repayjump_finding *findings, size_t cap, repayjump_check_result *result)',
  ),
  // Asked once: the binding holds no copy of the library's tables.
  CODE_NAMES: Array.from({ length: CODE_COUNT }, (_, code) => codeName(code)),
  CODE_SEVERITIES: Array.from({ length: CODE_COUNT }, (_, code) => codeSeverity(code)),
  codeName,
  severityName: lib.func('const char *repayjump_severity_name(int severity)'),
  kindName: lib.func('const char *repayjump_input_kind_name(int kind)'),
};
