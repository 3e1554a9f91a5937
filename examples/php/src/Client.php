<?php

declare(strict_types=1);

namespace Repayjump;

/**
 * The repayjump library, from PHP. Each compose or render is one call into
 * the library; failures throw RepayjumpException. check and checkArray list
 * every problem in parameters that other code produced. statusRequest and
 * statusParse ask WeChat Pay for the user's state when they come back.
 */
final class Client
{
    private function __construct()
    {
    }

    /**
     * Validate, take a fresh nonce unless one is given, sign (APIv2), and
     * return all four outputs.
     *
     * @throws RepayjumpException a field breaks its rule
     * @throws LibraryException   librepayjump cannot be loaded
     */
    public static function compose(
        Variant $variant,
        string $appid,
        string $mchid,
        ?string $openid = null,
        ?string $nonceStr = null,
        ?string $subAppid = null,
        ?string $subMchid = null,
        ?string $subOpenid = null,
        #[\SensitiveParameter] ?string $apiKey = null,
        int $flags = 0,
    ): Result {
        return self::composeParams(new Params(
            $appid, $mchid, $variant, $openid, $nonceStr, $subAppid, $subMchid, $subOpenid, $apiKey, $flags,
        ));
    }

    /** compose() for a Params value. */
    public static function composeParams(Params $params): Result
    {
        $ffi = Library::ffi();
        $native = NativeParams::from($ffi, $params);
        // Fresh for each call, never shared: a signal handler or destructor
        // running between two statements may compose too.
        $result = $ffi->new(Library::type('repayjump_result'));
        $error = $ffi->new(Library::type('repayjump_error'));
        try {
            $status = $ffi->repayjump_compose(\FFI::addr($native->struct), \FFI::addr($result), \FFI::addr($error));
        } finally {
            $native->wipe();
        }
        if ($status !== 0) {
            throw Errors::fromError($ffi, $error);
        }
        $sign = \FFI::string($result->sign);
        return new Result(
            $params->variant,
            \FFI::string($result->nonce_str),
            $sign === '' ? null : $sign,
            \FFI::string($result->extra_data_json),
            \FFI::string($result->navigate_json),
            \FFI::string($result->app_path),
            \FFI::string($result->app_launch_json),
        );
    }

    /**
     * One output, deterministically: the nonce must be given.
     *
     * @throws RepayjumpException
     */
    public static function render(Params $params, Format $format): string
    {
        $ffi = Library::ffi();
        $native = NativeParams::from($ffi, $params);
        $out = $ffi->new(Library::type('char[' . Library::OUTPUT_MAX . ']'));
        $len = $ffi->new(Library::type('size_t'));
        $error = $ffi->new(Library::type('repayjump_error'));
        try {
            $status = $ffi->repayjump_render(\FFI::addr($native->struct), $format->value, $out,
                Library::OUTPUT_MAX, \FFI::addr($len), \FFI::addr($error));
        } finally {
            $native->wipe();
        }
        if ($status !== 0) {
            throw Errors::fromError($ffi, $error);
        }
        return \FFI::string($out, $len->cdata);
    }

    /**
     * $length (1 to 32) characters of [A-Za-z0-9], each exactly uniform,
     * from libsodium's CSPRNG.
     *
     * @throws RepayjumpException status REPAYJUMP_E_ARG for a length out of range
     */
    public static function nonce(int $length = Library::FIELD_MAX): string
    {
        $ffi = Library::ffi();
        if ($length < 1 || $length > Library::FIELD_MAX) {
            // size_t cannot carry a negative length to the library's own check.
            throw Errors::fromStatus($ffi, Status::Arg->value, sprintf('nonce length %d, expected 1 to %d', $length, Library::FIELD_MAX));
        }
        $out = $ffi->new(Library::type('char[' . (Library::FIELD_MAX + 1) . ']'));
        $status = $ffi->repayjump_nonce($out, Library::FIELD_MAX + 1, $length);
        if ($status !== 0) {
            throw Errors::fromStatus($ffi, $status, 'nonce');
        }
        return \FFI::string($out, $length);
    }

    /**
     * List every problem in an App path or a query string (UTF-8; offsets in
     * bytes). $variant null infers it from the keys; with $apiKey an APIv2
     * sign is verified, else reported as sign.unverified.
     *
     * @throws RepayjumpException only for options the library refuses (flags)
     */
    public static function check(
        string $text,
        ?Variant $variant = null,
        int $flags = 0,
        #[\SensitiveParameter] ?string $apiKey = null,
    ): CheckResult {
        return Checker::text($text, $variant, $flags, $apiKey);
    }

    /**
     * check() for an object already parsed, e.g. json_decode($extraData,
     * true): the fields, a wx.navigateToMiniProgram argument (with extraData
     * or envVersion, or appId and path; kind "navigate") or an App launch
     * request (with userName, miniProgramType or path; kind "app_launch").
     * A string value is checked; any other (int, float, bool, null, array)
     * is json.not_string, sent as its JSON text for the fix to quote. A
     * navigate argument's extraData, an associative array or a string
     * holding a JSON object (encoded twice, which is reported), has its
     * members checked as the fields, found under the key "extraData.<key>";
     * no other nested value is opened.
     *
     * @param array<array-key, mixed> $fields
     * @throws RepayjumpException only for options the library refuses (flags)
     */
    public static function checkArray(
        array $fields,
        ?Variant $variant = null,
        int $flags = 0,
        #[\SensitiveParameter] ?string $apiKey = null,
    ): CheckResult {
        return Checker::pairs($fields, $variant, $flags, $apiKey);
    }

    /** @return array<string, string> every finding code the library has, with its severity: ['input.empty' => 'error', ...] */
    public static function checkCodes(): array
    {
        return Checker::codes();
    }

    /**
     * The signed XML body of WeChat Pay's user state query (querystate), to
     * POST to statusUrl() as text/xml. $params is the merchant's identity,
     * whose APIv2 key is required in every variant (the APIv3 ones too:
     * WeChat signs this call with it), with an openid, a subOpenid or
     * $plateNumber ("粤B888888"); its nonce is drawn when absent.
     * $tradeScene is "PARKING", "PARKING SPACE", "GAS", "HIGHWAY" or
     * "BRIDGE"; $jumpScene "APP" or "H5" (null: a mini program).
     *
     * @throws RepayjumpException a field breaks its rule
     */
    public static function statusRequest(
        Params $params,
        string $tradeScene,
        ?string $jumpScene = null,
        ?string $plateNumber = null,
    ): string {
        $ffi = Library::ffi();
        $native = NativeParams::from($ffi, $params);
        $out = $ffi->new(Library::type('char[' . Library::STATUS_REQUEST_MAX . ']'));
        $len = $ffi->new(Library::type('size_t'));
        $error = $ffi->new(Library::type('repayjump_error'));
        try {
            $query = NativeQuery::from($ffi, $tradeScene, $jumpScene, $plateNumber);
            $status = $ffi->repayjump_status_request(\FFI::addr($native->struct), \FFI::addr($query->struct), $out,
                Library::STATUS_REQUEST_MAX, \FFI::addr($len), \FFI::addr($error));
        } finally {
            $native->wipe();
        }
        if ($status !== 0) {
            throw Errors::fromError($ffi, $error);
        }
        return \FFI::string($out, $len->cdata);
    }

    /**
     * The URL to POST a variant's status request to: WeChat Pay's primary
     * host, or with $backup its backup host, for one retry after a failed
     * connection, a timeout or an HTTP 5xx.
     */
    public static function statusUrl(Variant $variant = Variant::V3Merchant, bool $backup = false): string
    {
        return Library::ffi()->repayjump_status_url($variant->value, $backup ? 1 : 0);
    }

    /**
     * WeChat Pay's answer to a statusRequest() made with the same identity
     * (variant, appid, mchid, subMchid and the key are used; openid and the
     * nonce are ignored), trusted only when every check passes: flat XML of
     * at most ANSWER_MAX bytes, no element twice, return_code SUCCESS, the
     * sign the HMAC of its own fields with the key (compared in constant
     * time), appid, mch_id (and sub_mch_id) as asked, result_code SUCCESS
     * and a user_state.
     *
     * @throws RepayjumpException the first check that failed (statusCase()
     *   Status::TooLarge, Xml, Duplicate, ReturnFail, Signature, Echo,
     *   ResultFail, NoState; TooLong for a value longer than its member),
     *   with WeChat's returnMsg, errCode and errCodeDes for the two FAILs
     */
    public static function statusParse(Params $params, string $answer): StatusResult
    {
        $ffi = Library::ffi();
        $native = NativeParams::from($ffi, $params);
        $result = $ffi->new(Library::type('repayjump_status_result'));
        $error = $ffi->new(Library::type('repayjump_error'));
        try {
            $status = $ffi->repayjump_status_parse(\FFI::addr($native->struct), $answer, strlen($answer),
                \FFI::addr($result), \FFI::addr($error));
        } finally {
            $native->wipe();
        }
        if ($status !== 0) {
            throw Errors::fromAnswer($ffi, $error, $result);
        }
        return new StatusResult(
            UserState::tryFrom($result->state) ?? UserState::Unknown,
            \FFI::string($result->user_state),
            \FFI::string($result->deduct_mode),
            \FFI::string($result->openid),
            \FFI::string($result->sub_openid),
            \FFI::string($result->path),
            \FFI::string($result->plate_number_info),
            \FFI::string($result->plate_number),
        );
    }

    /** "MAJOR.MINOR.PATCH" of the library loaded. */
    public static function version(): string
    {
        return Library::ffi()->repayjump_version();
    }

    /** MAJOR << 16 | MINOR << 8 | PATCH of the library loaded. */
    public static function versionNumber(): int
    {
        return Library::ffi()->repayjump_version_number();
    }

    /** The repayment mini program's AppID, appId of the navigation. */
    public static function targetAppid(): string
    {
        return Library::ffi()->repayjump_target_appid();
    }

    /** The repayment mini program's original id, userName of an App's launch. */
    public static function targetUsername(): string
    {
        return Library::ffi()->repayjump_target_username();
    }

    /** The page the jump opens. */
    public static function targetPath(): string
    {
        return Library::ffi()->repayjump_target_path();
    }

    /** A size that holds every output of every variant with its NUL. */
    public static function outputMax(): int
    {
        return Library::ffi()->repayjump_output_max();
    }

    /** The longest emitted field value. */
    public static function fieldMax(): int
    {
        return Library::ffi()->repayjump_field_max();
    }

    /** A size that holds every status request with its NUL. */
    public static function statusRequestMax(): int
    {
        return Library::ffi()->repayjump_status_request_max();
    }

    /** The longest answer statusParse reads: a longer one is REPAYJUMP_E_TOO_LARGE. */
    public static function answerMax(): int
    {
        return Library::ffi()->repayjump_answer_max();
    }
}
