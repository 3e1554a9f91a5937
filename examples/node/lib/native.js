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

const outputMax = lib.func('size_t repayjump_output_max(void)');
const fieldMax = lib.func('size_t repayjump_field_max(void)');
const OUTPUT_MAX = Number(outputMax());
const FIELD_MAX = Number(fieldMax());
// REPAYJUMP_SIGN_LEN and REPAYJUMP_MESSAGE_MAX have no function: both are
// part of the ABI (a change renames the SONAME), so they are fixed here.
const SIGN_LEN = 64;
const MESSAGE_MAX = 192;

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

const string = (name) => lib.func(`const char *${name}(void)`)();

module.exports = {
  types: { Params, ErrorDetail, Result },
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
};
