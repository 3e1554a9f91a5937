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
}>;
export type Status = (typeof Status)[keyof typeof Status];
export type StatusName = keyof typeof Status;

/** The field an error is about; NONE when no field is at fault. */
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
}>;
export type Field = (typeof Field)[keyof typeof Field];

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
 * UTF-8, or its bytes), or the fields of a parsed extraData: a plain
 * object, a Map, or [key, value] entries (which keep repeated keys). A
 * string or Uint8Array value is checked; any other value is sent as its
 * JSON.stringify text (json.not_string); an undefined value is left out.
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
  /** The field it concerns, Field.NONE when none. */
  readonly field: Field;
  /** The library's name of the field: 'openid', 'none'... */
  readonly fieldName: string;
  /** The key as written in the input; null when none. */
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
  /** 'app_path' or 'query'; null for an object, a Map, entries or an unrecognised input. */
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

// ---- errors ----

/** What every failure of the library throws. */
export declare class RepayjumpError extends Error {
  constructor(status: number, field: number, offset: number, message: string);
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
  /** Byte offset (UTF-8) of the first offending byte, else 0. */
  readonly offset: number;
}

// ---- constants, read from the library loaded ----

export declare const TARGET_APPID: string;
export declare const TARGET_USERNAME: string;
export declare const TARGET_PATH: string;
export declare const OUTPUT_MAX: number;
export declare const FIELD_MAX: number;
/** The loaded library's version, e.g. '0.3.0'. */
export declare const version: string;
/** The same as (major << 16) | (minor << 8) | patch. */
export declare const versionNumber: number;
