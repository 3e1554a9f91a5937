// TypeScript declarations of repayjump.js, the whole public API: one
// section per export, in the order of its module.exports. Self-contained
// (no @types/node needed): a Buffer is a Uint8Array, and a KeyObject
// matches SecretKey below. test/types.ts checks them against the module.

// ---- the header's enums and flag bits: frozen objects, ABI values ----

/** The four published versions of the jump (repayjump_variant). */
export declare const Variant: Readonly<{
  V3_MERCHANT: 0;
  V3_PARTNER: 1;
  V2_MERCHANT: 2;
  V2_PARTNER: 3;
}>;
export type Variant = (typeof Variant)[keyof typeof Variant];

/** The outputs render() writes one of (repayjump_format). */
export declare const Format: Readonly<{
  EXTRA_DATA_JSON: 0;
  NAVIGATE_JSON: 1;
  APP_PATH: 2;
  APP_LAUNCH_JSON: 3;
}>;
export type Format = (typeof Format)[keyof typeof Format];

/** Bits of Fields.flags, or-ed together. */
export declare const Flags: Readonly<{
  ALLOW_NO_OPENID: 1;
  RELAXED: 2;
}>;

/** The library's statuses: OK, and the negative failures. */
export declare const Status: Readonly<{
  OK: 0;
  E_ARG: -1;
  E_BUFFER: -2;
  E_RNG: -3;
  E_MISSING: -4;
  E_TOO_LONG: -5;
  E_CHARSET: -6;
  E_FORMAT: -7;
  E_NOT_ALLOWED: -8;
  E_CONFLICT: -9;
  /** statusParse: an answer over ANSWER_MAX bytes. */
  E_TOO_LARGE: -10;
  /** statusParse: not flat XML (a DOCTYPE, an entity, a comment, an attribute, nesting...). */
  E_XML: -11;
  /** statusParse: an element twice. */
  E_DUPLICATE: -12;
  /** statusParse: return_code is not SUCCESS (unsigned); see returnMsg. */
  E_RETURN_FAIL: -13;
  /** statusParse: sign missing, or not the answer's HMAC with the key. */
  E_SIGNATURE: -14;
  /** statusParse: appid, mch_id or sub_mch_id is not the one asked. */
  E_ECHO: -15;
  /** statusParse: result_code is not SUCCESS (signed); see errCode, errCodeDes. */
  E_RESULT_FAIL: -16;
  /** statusParse: a trusted answer without user_state. */
  E_NO_STATE: -17;
}>;
export type Status = (typeof Status)[keyof typeof Status];
export type StatusName = keyof typeof Status;

/** The field an error or a finding is about; NONE when none. SIGN_TYPE and SIGN are a finding's only. */
export declare const Field: Readonly<{
  NONE: 0;
  APPID: 1;
  MCHID: 2;
  NONCE_STR: 3;
  OPENID: 4;
  SUB_APPID: 5;
  SUB_MCHID: 6;
  SUB_OPENID: 7;
  API_KEY: 8;
  TRADE_SCENE: 9;
  JUMP_SCENE: 10;
  PLATE_NUMBER: 11;
  /** A check finding's only (Finding.field): the keys sign_type and sign. */
  SIGN_TYPE: 64;
  SIGN: 65;
}>;
export type Field = (typeof Field)[keyof typeof Field];

/** The user's state in a trusted answer (repayjump_user_state). */
export declare const UserState: Readonly<{
  /** A state the library does not list: kept verbatim in StatusResult.userState. */
  UNKNOWN: 0;
  /** Nothing owed. */
  NORMAL: 1;
  PAUSED: 2;
  /** Owes what WeChat advanced: offer the repayment jump. */
  OVERDUE: 3;
  UNAUTHORIZED: 4;
}>;
export type UserState = (typeof UserState)[keyof typeof UserState];

// ---- inputs and outputs ----

/** A secret crypto.KeyObject (crypto.createSecretKey), as the key. */
export interface SecretKey {
  readonly type: 'secret' | 'public' | 'private';
  export(): Uint8Array;
}

/**
 * The fields of a jump. undefined, null and '' mean absent; any other
 * option name is a TypeError.
 */
export interface Fields {
  /** Default Variant.V3_MERCHANT. */
  variant?: Variant;
  /** Default 0; Flags.ALLOW_NO_OPENID | Flags.RELAXED. */
  flags?: number;
  appid?: string | null;
  mchid?: string | null;
  /** Absent: compose() draws one; render() requires it. */
  nonceStr?: string | null;
  openid?: string | null;
  subAppid?: string | null;
  subMchid?: string | null;
  subOpenid?: string | null;
  /** The APIv2 key (v2 variants only): bytes, never a string. */
  apiKey?: Uint8Array | SecretKey | null;
}

/** Every output of a compose, frozen. */
export interface Result {
  readonly nonceStr: string;
  /** 64 uppercase hex digits for APIv2, null otherwise. */
  readonly sign: string | null;
  readonly extraDataJson: string;
  readonly navigateJson: string;
  readonly appPath: string;
  readonly appLaunchJson: string;
}

// ---- functions ----

/** Validate, draw nonceStr when absent, sign (APIv2). Throws RepayjumpError. */
export declare function compose(fields: Fields): Result;

/** compose() on a thread of libuv's pool. */
export declare function composeAsync(fields: Fields): Promise<Result>;

/** One output for fields that include nonceStr. Throws RepayjumpError. */
export declare function render(format: Format, fields: Fields): string;

/** length (1 to FIELD_MAX, default FIELD_MAX) characters of [A-Za-z0-9]. */
export declare function nonce(length?: number): string;

// ---- check: inputs and outputs ----

/**
 * What check() reads: an App path or a bare query (a string, sent as
 * UTF-8, or its bytes), or an object: a plain object, a Map, or [key,
 * value] entries (which keep repeated keys), holding the fields of a parsed
 * extraData, a wx.navigateToMiniProgram argument (with extraData or
 * envVersion, or appId and path) or an App launch request (with userName,
 * miniProgramType or path). A string or Uint8Array value is checked; any
 * other value is sent as its JSON.stringify text (json.not_string); an
 * undefined value is left out. A navigate argument's extraData, a plain
 * object, a Map, or a string holding a JSON object (encoded twice, which
 * is reported), has its members checked as the fields, each under the key
 * 'extraData.<key>'; no other nested value is opened.
 */
export type CheckInput =
  | string
  | Uint8Array
  | Readonly<Record<string, unknown>>
  | ReadonlyMap<string, unknown>
  | ReadonlyArray<readonly [string, unknown]>;

/** How to check; any other option name is a TypeError. */
export interface CheckOptions {
  /** Absent, undefined or null: inferred from the keys. */
  variant?: Variant | null;
  /** Default 0; Flags.ALLOW_NO_OPENID | Flags.RELAXED. */
  flags?: number;
  /** The APIv2 key, to verify sign (as compose takes it). Absent: sign.unverified. */
  apiKey?: Uint8Array | SecretKey | null;
}

/** One problem, frozen. */
export interface Finding {
  /** The stable name of what is wrong: 'value.space', 'key.version'... (CHECK.md). */
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'note';
  /** The field it concerns, Field.NONE when none; Field.SIGN_TYPE, Field.SIGN for those keys. */
  readonly field: Field;
  /** The library's name of the field: 'openid', 'sign_type', 'sign', 'none' (none)... */
  readonly fieldName: string;
  /** The key as written in the input, 'extraData.<key>' for a member of extraData; null when none. */
  readonly key: string | null;
  /** Bytes (UTF-8) into the input, or into the key's value when inValue. */
  readonly offset: number;
  /** Bytes it spans; 0 for something absent. */
  readonly length: number;
  /** true: offset counts bytes of the value (an object's values have no place in a text). */
  readonly inValue: boolean;
  /** One English line; never holds the key. */
  readonly message: string;
  /** One English line: what to change. */
  readonly fix: string;
}

/** What check() found, frozen. */
export interface CheckResult {
  /** 'app_path' or 'query'; for an object 'navigate', 'app_launch' or null (its fields); null for an unrecognised input. */
  readonly kind: string | null;
  /** The variant checked against; null when none could be. */
  readonly variant: Variant | null;
  readonly errors: number;
  readonly warnings: number;
  readonly notes: number;
  /** errors === 0: warnings and notes allowed. */
  readonly ok: boolean;
  /** Every finding, in input order. */
  readonly findings: ReadonlyArray<Finding>;
}

// ---- check: functions ----

/** List every problem in input. Throws RepayjumpError (E_ARG) for options the library refuses. */
export declare function check(input: CheckInput, options?: CheckOptions): CheckResult;

/** Every finding code the library has, with its severity: { 'input.empty': 'error', ... }. */
export declare function checkCodes(): Readonly<Record<string, 'error' | 'warning' | 'note'>>;

// ---- the status query: the user's state after the jump ----

/**
 * The identity of compose, with the APIv2 apiKey required in every variant
 * (APIv3 included: WeChat signs this call with it), and the query's own
 * fields. openid, subOpenid or plateNumber is required; nonceStr is drawn
 * when absent. Any other option name is a TypeError.
 */
export interface StatusOptions extends Fields {
  /** 'PARKING', 'PARKING SPACE', 'GAS', 'HIGHWAY' or 'BRIDGE' (strict). */
  tradeScene: string;
  /** 'APP' or 'H5'; absent: a mini program. */
  jumpScene?: string | null;
  /** The user's plate, e.g. '粤B888888'. */
  plateNumber?: string | null;
}

/** A trusted answer of WeChat Pay's user state query, frozen; absent values are ''. */
export interface StatusResult {
  /** The state; UserState.UNKNOWN for one the library does not list. */
  readonly state: UserState;
  /** WeChat's user_state, verbatim: 'OVERDUE'... */
  readonly userState: string;
  /** 'PROACTIVE' or 'AUTOPAY'. */
  readonly deductMode: string;
  readonly openid: string;
  readonly subOpenid: string;
  readonly path: string;
  /** A JSON text. */
  readonly plateNumberInfo: string;
  readonly plateNumber: string;
  /** state === UserState.OVERDUE: the user owes what WeChat advanced, so offer the repayment jump. */
  readonly repay: boolean;
}

/** The signed XML body of querystate, to POST to statusUrl(variant) as text/xml. Throws RepayjumpError. */
export declare function statusRequest(options: StatusOptions): string;

/** The URL to POST a variant's request to: WeChat Pay's primary host, or with backup its backup host. */
export declare function statusUrl(variant?: Variant, backup?: boolean): string;

/**
 * WeChat Pay's answer (its bytes, or a string sent as UTF-8) to a
 * statusRequest with the same identity (openid and nonceStr are ignored).
 * Throws RepayjumpError with the first check that failed: E_TOO_LARGE,
 * E_XML, E_DUPLICATE, E_RETURN_FAIL, E_SIGNATURE, E_ECHO, E_RESULT_FAIL,
 * E_NO_STATE; E_TOO_LONG for a value longer than its member.
 */
export declare function statusParse(options: Fields, answer: Uint8Array | string): StatusResult;

// ---- errors ----

/** What every failure of the library throws. */
export declare class RepayjumpError extends Error {
  constructor(
    status: number,
    field: number,
    offset: number,
    message: string,
    wechat?: { returnMsg: string; errCode: string; errCodeDes: string } | null,
  );
  readonly name: 'RepayjumpError';
  /** A negative Status value. */
  readonly status: Status;
  /** 'E_CHARSET'..., or 'UNKNOWN' for a status this binding does not know. */
  readonly statusName: StatusName | 'UNKNOWN';
  /** 'REPAYJUMP_' + statusName. */
  readonly code: `REPAYJUMP_${StatusName | 'UNKNOWN'}`;
  readonly field: Field;
  /** The library's name of the field: 'mchid', 'none'... */
  readonly fieldName: string;
  /** Byte offset (UTF-8) of the first offending byte (for statusParse, in the answer), else 0. */
  readonly offset: number;
  /** WeChat's return_msg, verbatim, for E_RETURN_FAIL and E_RESULT_FAIL; null otherwise. */
  readonly returnMsg: string | null;
  /** WeChat's err_code for E_RESULT_FAIL ('' for E_RETURN_FAIL); null otherwise. */
  readonly errCode: string | null;
  /** WeChat's err_code_des for E_RESULT_FAIL ('' for E_RETURN_FAIL); null otherwise. */
  readonly errCodeDes: string | null;
}

// ---- constants, read from the library loaded ----

export declare const TARGET_APPID: string;
export declare const TARGET_USERNAME: string;
export declare const TARGET_PATH: string;
export declare const OUTPUT_MAX: number;
export declare const FIELD_MAX: number;
/** The longest status request, with its NUL: 1024. */
export declare const STATUS_REQUEST_MAX: number;
/** The longest answer statusParse reads: 16384. */
export declare const ANSWER_MAX: number;
/** The loaded library's version, e.g. '0.4.0'. */
export declare const version: string;
/** The same as (major << 16) | (minor << 8) | patch. */
export declare const versionNumber: number;
