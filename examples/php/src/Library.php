<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * @internal Loads librepayjump once per process and starts it.
 *
 * PHP runs one request at a time per process (CLI, FPM worker), so a static
 * handle is enough; a forked child inherits it, which is safe: the library
 * keeps no state but libsodium's, whose randomness comes from getrandom().
 */
final class Library
{
    /** The variable read first: a path to the shared library. */
    public const ENV = 'REPAYJUMP_LIBRARY';
    /** The name the system loader is asked for otherwise. */
    public const SONAME = 'librepayjump.so.1';

    // FFI::cdef cannot read macros, so the header's sizes are written as
    // numbers below; a test checks them against the library's functions
    // (repayjump_field_max, repayjump_sign_len, ...).
    public const FIELD_MAX = 32;
    public const SIGN_LEN = 64;
    public const OUTPUT_MAX = 1024;
    public const MESSAGE_MAX = 192;
    public const STATUS_REQUEST_MAX = 1024;
    public const ANSWER_MAX = 16384;

    /** include/repayjump.h, types and functions, in the header's order. */
    public const DECLARATIONS = <<<'C'
        typedef struct repayjump_params {
          int variant;
          unsigned flags;
          const char *appid;
          const char *mchid;
          const char *nonce_str;
          const char *openid;
          const char *sub_appid;
          const char *sub_mchid;
          const char *sub_openid;
          const char *api_key;
        } repayjump_params;

        typedef struct repayjump_error {
          int status;
          int field;
          size_t offset;
          char message[192];
        } repayjump_error;

        typedef struct repayjump_result {
          char nonce_str[33];
          char sign[65];
          char extra_data_json[1024];
          char navigate_json[1024];
          char app_path[1024];
          char app_launch_json[1024];
        } repayjump_result;

        int repayjump_init(void);
        int repayjump_validate(const repayjump_params *p, repayjump_error *err);
        int repayjump_render(const repayjump_params *p, int format, char *out,
                             size_t cap, size_t *len, repayjump_error *err);
        int repayjump_compose(const repayjump_params *p, repayjump_result *result,
                              repayjump_error *err);
        int repayjump_sign(const repayjump_params *p, char *out, size_t cap,
                           repayjump_error *err);
        int repayjump_nonce(char *out, size_t cap, size_t len);
        const char *repayjump_strerror(int status);
        const char *repayjump_field_name(int field);
        const char *repayjump_version(void);
        int repayjump_version_number(void);
        const char *repayjump_target_appid(void);
        const char *repayjump_target_username(void);
        const char *repayjump_target_path(void);
        size_t repayjump_output_max(void);
        size_t repayjump_field_max(void);
        size_t repayjump_sign_len(void);
        size_t repayjump_message_max(void);

        typedef struct repayjump_pair {
          const char *key;
          size_t key_len;
          const char *value;
          size_t value_len;
          int type;
          size_t key_offset;
          size_t value_offset;
        } repayjump_pair;

        typedef struct repayjump_check_options {
          int variant;
          unsigned flags;
          const char *api_key;
        } repayjump_check_options;

        typedef struct repayjump_finding {
          int code;
          int severity;
          int field;
          int in_value;
          size_t offset;
          size_t length;
          size_t pair;
          const char *key;
          size_t key_len;
          char message[192];
          char fix[192];
        } repayjump_finding;

        typedef struct repayjump_check_result {
          size_t count;
          size_t errors, warnings, notes;
          int variant;
          int kind;
        } repayjump_check_result;

        int repayjump_check_text(const repayjump_check_options *opt, const char *text, size_t len,
                                 repayjump_finding *findings, size_t cap,
                                 repayjump_check_result *result);
        int repayjump_check_pairs(const repayjump_check_options *opt, const repayjump_pair *pairs,
                                  size_t count, repayjump_finding *findings, size_t cap,
                                  repayjump_check_result *result);
        const char *repayjump_check_code_name(int code);
        const char *repayjump_severity_name(int severity);
        const char *repayjump_input_kind_name(int kind);
        int repayjump_check_code_severity(int code);
        int repayjump_check_code_count(void);
        const char *repayjump_check_field_name(int field);

        typedef struct repayjump_status_query {
          const char *trade_scene;
          const char *jump_scene;
          const char *plate_number;
        } repayjump_status_query;

        int repayjump_status_request(const repayjump_params *p, const repayjump_status_query *q,
                                     char *out, size_t cap, size_t *len, repayjump_error *err);
        const char *repayjump_status_url(int variant, int backup);

        typedef struct repayjump_status_result {
          int state;
          char user_state[64];
          char deduct_mode[64];
          char openid[129];
          char sub_openid[129];
          char path[1024];
          char plate_number_info[4096];
          char plate_number[64];
          char return_msg[512];
          char err_code[64];
          char err_code_des[512];
        } repayjump_status_result;

        int repayjump_status_parse(const repayjump_params *p, const char *answer, size_t len,
                                   repayjump_status_result *result, repayjump_error *err);
        const char *repayjump_user_state_name(int state);
        size_t repayjump_status_request_max(void);
        size_t repayjump_answer_max(void);
        size_t repayjump_status_result_size(void);
        C;

    private static ?\FFI $ffi = null;
    /** @var array<string, \FFI\CType> */
    private static array $types = [];

    public static function ffi(): \FFI
    {
        return self::$ffi ??= self::load();
    }

    /** A C type parsed once: FFI would parse a type string on every new() and cast(). */
    public static function type(string $declaration): \FFI\CType
    {
        return self::$types[$declaration] ??= self::ffi()->type($declaration);
    }

    private static function load(): \FFI
    {
        $path = getenv(self::ENV);
        $fromEnv = is_string($path) && $path !== '';
        try {
            $ffi = \FFI::cdef(self::DECLARATIONS, $fromEnv ? $path : self::SONAME);
        } catch (\FFI\Exception $e) {
            throw new LibraryException(self::explain($e, $fromEnv ? $path : null), 0, $e);
        }
        // The mirror of repayjump_status_result against the library's own size.
        $size = $ffi->repayjump_status_result_size();
        if (\FFI::sizeof($ffi->type('repayjump_status_result')) !== $size) {
            throw new LibraryException(sprintf('the library loaded lays out repayjump_status_result in %d bytes, '
                . 'this binding in %d: use the binding of the library\'s version', $size,
                \FFI::sizeof($ffi->type('repayjump_status_result'))));
        }
        $status = $ffi->repayjump_init();
        if ($status !== 0) {
            throw Errors::fromStatus($ffi, $status, 'cannot start the library');
        }
        return $ffi;
    }

    private static function explain(\FFI\Exception $e, ?string $path): string
    {
        if (str_contains($e->getMessage(), 'ffi.enable')) {
            return 'PHP refuses FFI here (ffi.enable=' . ini_get('ffi.enable') . ', SAPI '
                . PHP_SAPI . '): set ffi.enable=1 in php.ini to load ' . self::SONAME;
        }
        if ($path !== null) {
            return sprintf('cannot load %s=%s (%s): point %s at librepayjump.so.1, '
                . 'e.g. build/librepayjump.so.1 after cmake --build', self::ENV, $path,
                $e->getMessage(), self::ENV);
        }
        return sprintf('%s not found by the system loader: set %s to its path '
            . '(e.g. build/librepayjump.so.1), or install it with cmake --install build and ldconfig',
            self::SONAME, self::ENV);
    }
}
