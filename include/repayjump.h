/*
 * repayjump: compose the parameters that send a WeChat Pay user into WeChat's
 * repayment mini program (微信垫资还款), validated field by field.
 *
 * One public header. C11, also valid C++. Every function is thread-safe and
 * makes no heap allocation. NULL pointers get REPAYJUMP_E_ARG, never a crash.
 * State kept besides libsodium's: a flag caching that libsodium started;
 * each thread's nonce pool (thread-local), wiped at thread exit through a
 * pthread key's destructor; and a pthread_atfork handler, registered once,
 * that discards the forking thread's pool in the child.
 *
 * Buffer rule (render, sign, nonce): the caller owns the buffer. On success
 * the output is NUL-terminated and *len (where given) is its length without
 * the NUL. out == NULL && cap == 0 is a size query: REPAYJUMP_OK with *len
 * set to the length needed. A cap too small gives REPAYJUMP_E_BUFFER, *len
 * set to the length needed, and out[0] == '\0' when cap > 0: never a
 * truncated output.
 */
#ifndef REPAYJUMP_H
#define REPAYJUMP_H

#include <stddef.h>

#include "repayjump_export.h"
#include "repayjump_version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The four published versions of the jump; the value is ABI. */
typedef enum repayjump_variant {
  REPAYJUMP_V3_MERCHANT = 0, /* appid, mchid, nonce_str, openid */
  REPAYJUMP_V3_PARTNER = 1,  /* + sub_appid, sub_mch_id, sub_openid */
  REPAYJUMP_V2_MERCHANT = 2, /* mch_id, + sign_type, sign */
  REPAYJUMP_V2_PARTNER = 3   /* both of the above */
} repayjump_variant;
#define REPAYJUMP_VARIANT_COUNT 4

/* The outputs; the value is ABI. */
typedef enum repayjump_format {
  REPAYJUMP_EXTRA_DATA_JSON = 0, /* extraData of <navigator> */
  REPAYJUMP_NAVIGATE_JSON = 1,   /* argument of wx.navigateToMiniProgram */
  REPAYJUMP_APP_PATH = 2,        /* WXLaunchMiniProgramReq path */
  REPAYJUMP_APP_LAUNCH_JSON = 3  /* userName, path, miniProgramType */
} repayjump_format;
#define REPAYJUMP_FORMAT_COUNT 4

/* Bits of repayjump_params.flags. */
#define REPAYJUMP_ALLOW_NO_OPENID 1u /* openid may be absent (then omitted) */
#define REPAYJUMP_RELAXED 2u         /* looser appid, mchid, api_key rules */

/* Statuses: stable integers, never renumbered; later ones are appended. */
typedef enum repayjump_status {
  REPAYJUMP_OK = 0,
  REPAYJUMP_E_ARG = -1,         /* NULL pointer, unknown variant/format/flag */
  REPAYJUMP_E_BUFFER = -2,      /* output buffer too small */
  REPAYJUMP_E_RNG = -3,         /* randomness unavailable */
  REPAYJUMP_E_MISSING = -4,     /* a required field is absent */
  REPAYJUMP_E_TOO_LONG = -5,    /* a value is longer than its rule allows */
  REPAYJUMP_E_CHARSET = -6,     /* a byte outside the field's alphabet */
  REPAYJUMP_E_FORMAT = -7,      /* right alphabet, wrong shape */
  REPAYJUMP_E_NOT_ALLOWED = -8, /* a field this variant does not use is set */
  REPAYJUMP_E_CONFLICT = -9,    /* sub_openid without sub_appid */
  /* A WeChat Pay answer that is not trusted (repayjump_status_parse),
   * in the order the checks run: */
  REPAYJUMP_E_TOO_LARGE = -10,   /* over REPAYJUMP_ANSWER_MAX bytes */
  REPAYJUMP_E_XML = -11,         /* not flat XML: a DOCTYPE, an entity, a
                                    comment, an attribute, nesting, ... */
  REPAYJUMP_E_DUPLICATE = -12,   /* an element twice */
  REPAYJUMP_E_RETURN_FAIL = -13, /* return_code is not SUCCESS (unsigned) */
  REPAYJUMP_E_SIGNATURE = -14,   /* sign missing, or not the answer's HMAC */
  REPAYJUMP_E_ECHO = -15,        /* appid, mch_id or sub_mch_id is not what
                                    was asked */
  REPAYJUMP_E_RESULT_FAIL = -16, /* result_code is not SUCCESS (signed) */
  REPAYJUMP_E_NO_STATE = -17     /* a trusted answer without user_state */
} repayjump_status;

/* Fields, as named in repayjump_error.field; the value is ABI. */
typedef enum repayjump_field {
  REPAYJUMP_FIELD_NONE = 0,
  REPAYJUMP_FIELD_APPID = 1,
  REPAYJUMP_FIELD_MCHID = 2,
  REPAYJUMP_FIELD_NONCE_STR = 3,
  REPAYJUMP_FIELD_OPENID = 4,
  REPAYJUMP_FIELD_SUB_APPID = 5,
  REPAYJUMP_FIELD_SUB_MCHID = 6,
  REPAYJUMP_FIELD_SUB_OPENID = 7,
  REPAYJUMP_FIELD_API_KEY = 8,
  /* The status query's own (repayjump_status_query): */
  REPAYJUMP_FIELD_TRADE_SCENE = 9,
  REPAYJUMP_FIELD_JUMP_SCENE = 10,
  REPAYJUMP_FIELD_PLATE_NUMBER = 11
} repayjump_field;
/* The fields of repayjump_params (1 to 8) and none. */
#define REPAYJUMP_FIELD_COUNT 9
/* Every repayjump_field, with the status query's. */
#define REPAYJUMP_FIELD_ALL_COUNT 12

/* Longest emitted field value (the document's string(32)). */
#define REPAYJUMP_FIELD_MAX 32
/* Length of an APIv2 signature: 64 uppercase hex digits. */
#define REPAYJUMP_SIGN_LEN 64
/* A buffer this size holds every output of every variant with its NUL. */
#define REPAYJUMP_OUTPUT_MAX 1024
/* Size of repayjump_error.message, NUL included. */
#define REPAYJUMP_MESSAGE_MAX 192

/* The fixed values of the repayment mini program. */
#define REPAYJUMP_TARGET_APPID "wx5e73c65404eee268"
#define REPAYJUMP_TARGET_USERNAME "gh_5e259b7a73b1"
#define REPAYJUMP_TARGET_PATH "pages/invest_list/invest_list"

/*
 * What the caller fills. Zero-initialised means APIv3 merchant, strict.
 * NULL and "" both mean absent. The field order is ABI.
 */
typedef struct repayjump_params {
  int variant;            /* a repayjump_variant */
  unsigned flags;         /* REPAYJUMP_ALLOW_NO_OPENID | REPAYJUMP_RELAXED */
  const char *appid;      /* the merchant's AppID */
  const char *mchid;      /* emitted as mchid (v3) or mch_id (v2) */
  const char *nonce_str;  /* NULL: repayjump_compose generates one */
  const char *openid;     /* the user's openid under appid */
  const char *sub_appid;  /* partner variants only */
  const char *sub_mchid;  /* partner variants only; emitted as sub_mch_id */
  const char *sub_openid; /* partner variants only; needs sub_appid */
  const char *api_key;    /* v2 variants only: signs; never emitted */
} repayjump_params;

/*
 * Detail of a failure, filled by every function that takes one (NULL is
 * allowed). offset is the byte offset of the first offending byte in the
 * field's value (for a value that is too long, the first byte past the
 * limit; for one too short, its length), else 0. message is one English
 * line naming the field and the rule; it never contains the api_key.
 */
typedef struct repayjump_error {
  int status; /* a repayjump_status */
  int field;  /* a repayjump_field */
  size_t offset;
  char message[REPAYJUMP_MESSAGE_MAX];
} repayjump_error;

/* Every output of one compose. Strings are NUL-terminated. */
typedef struct repayjump_result {
  char nonce_str[REPAYJUMP_FIELD_MAX + 1]; /* the one used */
  char sign[REPAYJUMP_SIGN_LEN + 1];       /* empty outside v2 */
  char extra_data_json[REPAYJUMP_OUTPUT_MAX];
  char navigate_json[REPAYJUMP_OUTPUT_MAX];
  char app_path[REPAYJUMP_OUTPUT_MAX];
  char app_launch_json[REPAYJUMP_OUTPUT_MAX];
} repayjump_result;

/*
 * Initialise libsodium. Idempotent and thread-safe; every function that
 * needs it calls it, so calling it is optional. REPAYJUMP_E_RNG if libsodium
 * cannot start.
 */
REPAYJUMP_EXPORT int repayjump_init(void);

/*
 * Check p against its variant's rules. nonce_str may be absent here (compose
 * generates it); render and sign require it. Fields are checked in field
 * order; within a value, the first byte outside the alphabet among its
 * first max + 1 bytes (E_CHARSET at that byte), then the length
 * (E_TOO_LONG at the maximum), then the shape (E_FORMAT). No byte past
 * max + 1 is read.
 */
REPAYJUMP_EXPORT int repayjump_validate(const repayjump_params *p,
                                        repayjump_error *err);

/*
 * Validate, then write one format to out (buffer rule above). Deterministic:
 * nonce_str must be present. On any failure out[0] == '\0' when cap > 0.
 * No string of p may point into out.
 */
REPAYJUMP_EXPORT int repayjump_render(const repayjump_params *p, int format,
                                      char *out, size_t cap, size_t *len,
                                      repayjump_error *err);

/*
 * Validate, generate a 32-character nonce_str if p has none, then fill every
 * output into *result. On failure every string of *result is empty.
 * p->nonce_str may be result->nonce_str, to compose again with the same
 * nonce; no other string of p may point into *result.
 */
REPAYJUMP_EXPORT int repayjump_compose(const repayjump_params *p,
                                       repayjump_result *result,
                                       repayjump_error *err);

/*
 * v2 variants: write the 64 uppercase hex digit signature and its NUL
 * (cap >= REPAYJUMP_SIGN_LEN + 1). REPAYJUMP_E_ARG for a v3 variant.
 */
REPAYJUMP_EXPORT int repayjump_sign(const repayjump_params *p, char *out,
                                    size_t cap, repayjump_error *err);

/*
 * Write len (1..REPAYJUMP_FIELD_MAX) characters of [A-Za-z0-9] and a NUL,
 * each exactly uniform, from libsodium's CSPRNG (cap >= len + 1).
 */
REPAYJUMP_EXPORT int repayjump_nonce(char *out, size_t cap, size_t len);

/* Static English text for a status; "unknown status" for others. */
REPAYJUMP_EXPORT const char *repayjump_strerror(int status);

/* Static name of a repayjump_field ("appid", ..., "plate_number"); "none"
 * for 0 and others. */
REPAYJUMP_EXPORT const char *repayjump_field_name(int field);

/* "MAJOR.MINOR.PATCH" and MAJOR << 16 | MINOR << 8 | PATCH of the library
 * actually loaded; they equal the header's macros when built against it. */
REPAYJUMP_EXPORT const char *repayjump_version(void);
REPAYJUMP_EXPORT int repayjump_version_number(void);

/* The REPAYJUMP_TARGET_* values, for bindings that cannot see macros. */
REPAYJUMP_EXPORT const char *repayjump_target_appid(void);
REPAYJUMP_EXPORT const char *repayjump_target_username(void);
REPAYJUMP_EXPORT const char *repayjump_target_path(void);

/* REPAYJUMP_OUTPUT_MAX and REPAYJUMP_FIELD_MAX. */
REPAYJUMP_EXPORT size_t repayjump_output_max(void);
REPAYJUMP_EXPORT size_t repayjump_field_max(void);

/* REPAYJUMP_SIGN_LEN and REPAYJUMP_MESSAGE_MAX. */
REPAYJUMP_EXPORT size_t repayjump_sign_len(void);
REPAYJUMP_EXPORT size_t repayjump_message_max(void);

/* Static names used on command lines and in JSON, "unknown" for others:
 * variants "v3", "v3-partner", "v2", "v2-partner"; formats "extra-data",
 * "navigate", "app-path", "app-launch". */
REPAYJUMP_EXPORT const char *repayjump_variant_name(int variant);
REPAYJUMP_EXPORT const char *repayjump_format_name(int format);

/* ==== check: diagnose jump parameters that other code produced ====
 *
 * repayjump_check_text reads an App path or a query string;
 * repayjump_check_pairs reads key/value pairs a caller parsed (an extraData
 * object, a wx.navigateToMiniProgram argument, an App launch request, a
 * JavaScript object literal). Both list every problem found as findings in
 * caller-provided storage, in input order, and never allocate. The codes
 * are those of `repayjump check` (CHECK.md). */

/* How serious a finding is; the value is ABI. */
typedef enum repayjump_severity {
  REPAYJUMP_SEVERITY_ERROR = 0,
  REPAYJUMP_SEVERITY_WARNING = 1,
  REPAYJUMP_SEVERITY_NOTE = 2
} repayjump_severity;
#define REPAYJUMP_SEVERITY_COUNT 3

/* What a finding says; the value is ABI, never renumbered; later codes are
 * appended. repayjump_check_code_name gives the stable name. The json.*,
 * js.* and source codes concern the syntax of whole inputs: callers that
 * parse those report them; the library reports json.not_string,
 * js.unquoted and js.expression for pairs of those types, and navigate.*
 * and launch.* for pairs that make those objects. */
typedef enum repayjump_check_code {
  REPAYJUMP_CHECK_NONE = 0,
  REPAYJUMP_CHECK_INPUT_EMPTY = 1,          /* input.empty */
  REPAYJUMP_CHECK_INPUT_UNRECOGNIZED = 2,   /* input.unrecognized */
  REPAYJUMP_CHECK_PATH_PAGE = 3,            /* path.page */
  REPAYJUMP_CHECK_PATH_LEADING_SLASH = 4,   /* path.leading_slash */
  REPAYJUMP_CHECK_PATH_NO_QUERY = 5,        /* path.no_query */
  REPAYJUMP_CHECK_QUERY_EMPTY_PAIR = 6,     /* query.empty_pair */
  REPAYJUMP_CHECK_QUERY_NO_VALUE = 7,       /* query.no_value */
  REPAYJUMP_CHECK_QUERY_BAD_ESCAPE = 8,     /* query.bad_escape */
  REPAYJUMP_CHECK_QUERY_ENCODED = 9,        /* query.encoded */
  REPAYJUMP_CHECK_KEY_UNKNOWN = 10,         /* key.unknown */
  REPAYJUMP_CHECK_KEY_VERSION = 11,         /* key.version */
  REPAYJUMP_CHECK_KEY_DUPLICATE = 12,       /* key.duplicate */
  REPAYJUMP_CHECK_KEY_NOT_ALLOWED = 13,     /* key.not_allowed */
  REPAYJUMP_CHECK_FIELD_MISSING = 14,       /* field.missing */
  REPAYJUMP_CHECK_FIELD_EMPTY = 15,         /* field.empty */
  REPAYJUMP_CHECK_VALUE_SPACE = 16,         /* value.space */
  REPAYJUMP_CHECK_VALUE_EQUALS = 17,        /* value.equals */
  REPAYJUMP_CHECK_VALUE_RULE = 18,          /* value.rule */
  REPAYJUMP_CHECK_APPID_TARGET = 19,        /* appid.target */
  REPAYJUMP_CHECK_PARTNER_CONFLICT = 20,    /* partner.conflict */
  REPAYJUMP_CHECK_SIGN_MISSING = 21,        /* sign.missing */
  REPAYJUMP_CHECK_SIGN_TYPE = 22,           /* sign.type */
  REPAYJUMP_CHECK_SIGN_FORMAT = 23,         /* sign.format */
  REPAYJUMP_CHECK_SIGN_MISMATCH = 24,       /* sign.mismatch */
  REPAYJUMP_CHECK_SIGN_UNVERIFIED = 25,     /* sign.unverified */
  REPAYJUMP_CHECK_JSON_SYNTAX = 26,         /* json.syntax */
  REPAYJUMP_CHECK_JSON_NOT_OBJECT = 27,     /* json.not_object */
  REPAYJUMP_CHECK_JSON_NOT_STRING = 28,     /* json.not_string */
  REPAYJUMP_CHECK_JS_UNQUOTED = 29,         /* js.unquoted */
  REPAYJUMP_CHECK_JS_EXPRESSION = 30,       /* js.expression */
  REPAYJUMP_CHECK_JS_UNCLOSED = 31,         /* js.unclosed */
  REPAYJUMP_CHECK_NAVIGATE_APP_ID = 32,     /* navigate.app_id */
  REPAYJUMP_CHECK_NAVIGATE_PATH = 33,       /* navigate.path */
  REPAYJUMP_CHECK_NAVIGATE_ENV = 34,        /* navigate.env */
  REPAYJUMP_CHECK_NAVIGATE_EXTRA_DATA = 35, /* navigate.extra_data */
  REPAYJUMP_CHECK_LAUNCH_USER_NAME = 36,    /* launch.user_name */
  REPAYJUMP_CHECK_LAUNCH_TYPE = 37,         /* launch.type */
  /* Source code (repayjump scan; check of a WXML element or App code): */
  REPAYJUMP_CHECK_WXML_TARGET = 38,            /* wxml.target */
  REPAYJUMP_CHECK_SRC_UNCLOSED = 39,           /* src.unclosed */
  REPAYJUMP_CHECK_APP_OWN_APPID = 40,          /* app.own_appid */
  REPAYJUMP_CHECK_MANIFEST_ENTRY = 41,         /* manifest.entry */
  REPAYJUMP_CHECK_MANIFEST_EXPORTED = 42,      /* manifest.exported */
  REPAYJUMP_CHECK_MANIFEST_LAUNCH_MODE = 43,   /* manifest.launch_mode */
  REPAYJUMP_CHECK_MANIFEST_TASK_AFFINITY = 44, /* manifest.task_affinity */
  REPAYJUMP_CHECK_PLIST_URL_SCHEME = 45        /* plist.url_scheme */
} repayjump_check_code;
#define REPAYJUMP_CHECK_CODE_COUNT 46

/* What an input was read as; the value is ABI. */
typedef enum repayjump_input_kind {
  REPAYJUMP_KIND_NONE = 0, /* unrecognised, or pairs */
  REPAYJUMP_KIND_APP_PATH = 1,
  REPAYJUMP_KIND_QUERY = 2,
  REPAYJUMP_KIND_EXTRA_DATA = 3,
  REPAYJUMP_KIND_NAVIGATE = 4,
  REPAYJUMP_KIND_APP_LAUNCH = 5,
  REPAYJUMP_KIND_JS_OBJECT = 6,
  REPAYJUMP_KIND_WXML = 7,       /* a <navigator> element */
  REPAYJUMP_KIND_APP_SOURCE = 8, /* Java, Kotlin, Objective-C or Swift */
  REPAYJUMP_KIND_MANIFEST = 9,   /* an AndroidManifest.xml */
  REPAYJUMP_KIND_PLIST = 10      /* an iOS Info.plist */
} repayjump_input_kind;
#define REPAYJUMP_KIND_COUNT 11

/* repayjump_check_options.variant: infer the variant from the keys
 * (sign or sign_type: APIv2; sub_mch_id, sub_appid or sub_openid:
 * partner; mch_id alone does not make an input APIv2). */
#define REPAYJUMP_VARIANT_AUTO (-1)

/* What a value in a repayjump_pair was, in the caller's input; the value
 * is ABI. */
typedef enum repayjump_value_type {
  REPAYJUMP_VALUE_STRING = 0,       /* a string, or a query value: checked */
  REPAYJUMP_VALUE_NOT_STRING = 1,   /* JSON number, boolean, null, array or
                                       object, as written: json.not_string */
  REPAYJUMP_VALUE_JS_BARE = 2,      /* JavaScript: an unquoted name, number or
                                       unparsable run, as written:
                                       js.unquoted, and the text checked by
                                       the rule as if quoted (a second bug,
                                       if any, is a second finding) */
  REPAYJUMP_VALUE_JS_EXPRESSION = 3 /* JavaScript: a variable, member or
                                       call: js.expression, not checked */
} repayjump_value_type;

/* An offset the caller does not know. */
#define REPAYJUMP_NO_OFFSET ((size_t)-1)

/* One key/value pair, as the caller parsed it. Strings are pointer and
 * length: they need no NUL, and a NUL inside is just another bad byte.
 * The offsets place key and value in the caller's input, so findings can;
 * REPAYJUMP_NO_OFFSET where unknown (a JSON parser gives no positions),
 * and then findings give offsets within the value (in_value). */
typedef struct repayjump_pair {
  const char *key;
  size_t key_len;
  const char *value;
  size_t value_len;
  int type; /* a repayjump_value_type */
  size_t key_offset;
  size_t value_offset;
} repayjump_pair;

/* repayjump_check_options.flags: a sign.mismatch finding's message ends
 * with the signature expected. Off, it says only that the signature does
 * not match: a server that checks pairs a client sent, with its key, must
 * not hand out a valid signature for any fields. */
#define REPAYJUMP_CHECK_EXPECTED_SIGN 4u

/* How to check. NULL options mean: infer the variant, strict rules, openid
 * required, no key. */
typedef struct repayjump_check_options {
  int variant;         /* REPAYJUMP_VARIANT_AUTO or a repayjump_variant */
  unsigned flags;      /* REPAYJUMP_ALLOW_NO_OPENID | REPAYJUMP_RELAXED |
                          REPAYJUMP_CHECK_EXPECTED_SIGN */
  const char *api_key; /* NUL-terminated; NULL: a sign is only reported as
                          sign.unverified. Never echoed in any finding. */
} repayjump_check_options;

/* One problem. message and fix are one English line each; neither ever
 * contains the api_key. Something absent (field.missing, sign.missing) is
 * placed at the end of the text, length 0 (check_pairs: offset and pair
 * REPAYJUMP_NO_OFFSET); a key whose place the caller does not know has
 * offset REPAYJUMP_NO_OFFSET. */
typedef struct repayjump_finding {
  int code;        /* a repayjump_check_code */
  int severity;    /* a repayjump_severity */
  int field;       /* the repayjump_field it concerns, 0 when none */
  int in_value;    /* 1: offset counts bytes of the pair's decoded value,
                      whose place in the input is unknown */
  size_t offset;   /* bytes into the input (into the text for check_text);
                      REPAYJUMP_NO_OFFSET where the place is unknown: from
                      check_pairs, a finding about a key whose key_offset
                      is unknown, or about something absent (check_text
                      places the absent at the text's end) */
  size_t length;   /* bytes of input it spans; 0 for something absent */
  size_t pair;     /* check_pairs: index of the pair, REPAYJUMP_NO_OFFSET
                      when none; check_text: REPAYJUMP_NO_OFFSET */
  const char *key; /* the key as written, pointing into the caller's text
                      or pair; NULL when none */
  size_t key_len;
  char message[REPAYJUMP_MESSAGE_MAX]; /* "nonce_str: byte 32 is a space" */
  char fix[REPAYJUMP_MESSAGE_MAX];     /* "remove the space" */
} repayjump_finding;

/* The outcome of one check. */
typedef struct repayjump_check_result {
  size_t count; /* findings in all: more than cap means that only the first
                   cap, in input order, were stored */
  size_t errors, warnings, notes; /* of all count */
  int variant; /* the repayjump_variant checked against, -1 when none */
  int kind;    /* a repayjump_input_kind */
} repayjump_check_result;

/*
 * Check an App path ("pages/invest_list/invest_list?appid=...") or a bare
 * query ("appid=...&mchid=..."): len bytes of text, no NUL needed. Query
 * values are percent-decoded strictly; every offset is into text. Stores
 * up to cap findings (findings may be NULL when cap is 0) and fills
 * *result. With opt->api_key, sign is verified over the first pair of
 * each key the variant signs, keys as written and values decoded.
 * REPAYJUMP_OK whatever was found; REPAYJUMP_E_ARG for NULL
 * result, NULL text with len > 0, NULL findings with cap > 0, or bad
 * options. Thread-safe; text is only read.
 */
REPAYJUMP_EXPORT int repayjump_check_text(const repayjump_check_options *opt,
                                          const char *text, size_t len,
                                          repayjump_finding *findings,
                                          size_t cap,
                                          repayjump_check_result *result);

/*
 * Check count pairs (pairs may be NULL when count is 0), in the caller's
 * order, as one object, told by its keys (CHECK.md):
 * - a wx.navigateToMiniProgram argument (result->kind
 *   REPAYJUMP_KIND_NAVIGATE) when it has extraData or envVersion, or appId
 *   and path: appId, path and envVersion get the navigate.* rules, and
 *   extraData's members, given as pairs keyed "extraData.<key>"
 *   ("extraData.openid"; key_offset places the member's own name), are
 *   checked as the jump's fields, each where it is. extraData's own pair
 *   says what it was: NOT_STRING text starting with '{' an object (its
 *   members, if any, follow), a STRING starting with '{' a JSON string of
 *   one (encoded twice: give its decoded members too), JS_EXPRESSION a
 *   variable (a note), anything else not an object. Other keys (success,
 *   fail) are not the jump's and are passed over.
 * - else an App launch request (REPAYJUMP_KIND_APP_LAUNCH) when it has
 *   userName, miniProgramType or path: userName, miniProgramType (NOT_STRING
 *   or JS_BARE "0") and path, checked as repayjump_check_text checks an App
 *   path, its findings placed in the path's value (pair: the path's index).
 * - else the jump's fields, as repayjump_check_text checks the pairs of a
 *   query (result->kind REPAYJUMP_KIND_NONE).
 * Findings' key points into pairs[i].key, or into a launch path's value.
 */
REPAYJUMP_EXPORT int repayjump_check_pairs(const repayjump_check_options *opt,
                                           const repayjump_pair *pairs,
                                           size_t count,
                                           repayjump_finding *findings,
                                           size_t cap,
                                           repayjump_check_result *result);

/* Static names, "unknown" for others: codes ("value.space"), severities
 * ("error", "warning", "note"), kinds ("app_path", "query", "extra_data",
 * "navigate", "app_launch", "js_object", "wxml", "app_source", "manifest",
 * "plist"; "none" for REPAYJUMP_KIND_NONE). */
REPAYJUMP_EXPORT const char *repayjump_check_code_name(int code);
REPAYJUMP_EXPORT const char *repayjump_severity_name(int severity);
REPAYJUMP_EXPORT const char *repayjump_input_kind_name(int kind);

/* A code's severity (a repayjump_severity); REPAYJUMP_E_ARG for others. */
REPAYJUMP_EXPORT int repayjump_check_code_severity(int code);

/* REPAYJUMP_CHECK_CODE_COUNT, for bindings that list the codes. */
REPAYJUMP_EXPORT int repayjump_check_code_count(void);

/* repayjump_finding.field of a finding about sign_type or sign: keys of
 * the jump that are not fields of repayjump_params. */
#define REPAYJUMP_CHECK_FIELD_SIGN_TYPE 64
#define REPAYJUMP_CHECK_FIELD_SIGN 65

/* The name of a finding's field: repayjump_field_name's ("nonce_str",
 * "sub_mchid"), or "sign_type" and "sign"; NULL for REPAYJUMP_FIELD_NONE,
 * REPAYJUMP_FIELD_API_KEY and any other value. */
REPAYJUMP_EXPORT const char *repayjump_check_field_name(int field);

/* ==== status: the user's state after the jump (STATUS.md) ====
 *
 * Nothing comes back from the repayment program: when the user returns,
 * the merchant asks WeChat Pay's user state query (APIv2 querystate).
 * repayjump_status_request writes the signed XML body to POST to
 * repayjump_status_url; repayjump_status_parse trusts WeChat Pay's answer
 * only when every check of STATUS.md passes. Every variant signs this call
 * with the merchant's APIv2 key, so p->api_key is required in all four;
 * the APIv3 variants take it here only. */

/* The query's own fields. NULL and "" both mean absent. Strict rules:
 * trade_scene one of "PARKING", "PARKING SPACE", "GAS", "HIGHWAY",
 * "BRIDGE"; jump_scene "APP" or "H5" (absent: a mini program);
 * plate_number one of the 31 province abbreviations (UTF-8) then 6 or 7 of
 * [A-Z0-9], e.g. "粤B888888". REPAYJUMP_RELAXED: trade_scene 1..32 of
 * [A-Z_ ] not starting or ending with a space, jump_scene 1..32 of
 * [A-Z0-9], plate_number 1..32 bytes of UTF-8 letters and digits (no
 * ASCII punctuation, space or control). */
typedef struct repayjump_status_query {
  const char *trade_scene;  /* required */
  const char *jump_scene;   /* optional */
  const char *plate_number; /* the user's plate: instead of, or with, an
                               openid (or sub_openid) */
} repayjump_status_query;

/* A buffer this size holds every status request with its NUL. */
#define REPAYJUMP_STATUS_REQUEST_MAX 1024
/* The longest answer repayjump_status_parse reads. */
#define REPAYJUMP_ANSWER_MAX 16384

/*
 * Validate p (any variant, api_key required; openid, sub_openid or
 * q->plate_number required; nonce_str generated when absent) and q, then
 * write the querystate body (buffer rule above): <xml> with one element per
 * present field, version 3.0, sign_type HMAC-SHA256 and the sign over the
 * others. A size query makes no nonce. On failure out[0] == '\0' when
 * cap > 0; err names the field and byte.
 */
REPAYJUMP_EXPORT int repayjump_status_request(const repayjump_params *p,
                                              const repayjump_status_query *q,
                                              char *out, size_t cap,
                                              size_t *len,
                                              repayjump_error *err);

/* The URL to POST a variant's request to: backup 0 WeChat Pay's primary
 * host, 1 its backup host (api2.mch.weixin.qq.com). Static; NULL for an
 * unknown variant. */
REPAYJUMP_EXPORT const char *repayjump_status_url(int variant, int backup);

/* The user's state; the value is ABI. */
typedef enum repayjump_user_state {
  REPAYJUMP_STATE_UNKNOWN = 0, /* a value not listed here: kept verbatim */
  REPAYJUMP_STATE_NORMAL = 1,  /* nothing owed */
  REPAYJUMP_STATE_PAUSED = 2,
  REPAYJUMP_STATE_OVERDUE = 3, /* owes what WeChat advanced: offer the jump */
  REPAYJUMP_STATE_UNAUTHORIZED = 4
} repayjump_user_state;
#define REPAYJUMP_STATE_COUNT 5

/* Sizes of repayjump_status_result's members, NUL included: CODE for
 * user_state, deduct_mode, plate_number and err_code; ID for the openids;
 * INFO for plate_number_info; TEXT for return_msg and err_code_des. */
#define REPAYJUMP_STATUS_CODE_MAX 64
#define REPAYJUMP_STATUS_ID_MAX 129
#define REPAYJUMP_STATUS_PATH_MAX 1024
#define REPAYJUMP_STATUS_INFO_MAX 4096
#define REPAYJUMP_STATUS_TEXT_MAX 512

/* A trusted answer, values decoded from the XML; absent ones are "". The
 * member order is ABI. */
typedef struct repayjump_status_result {
  int state;                                   /* a repayjump_user_state */
  char user_state[REPAYJUMP_STATUS_CODE_MAX];  /* verbatim */
  char deduct_mode[REPAYJUMP_STATUS_CODE_MAX]; /* PROACTIVE, AUTOPAY */
  char openid[REPAYJUMP_STATUS_ID_MAX];
  char sub_openid[REPAYJUMP_STATUS_ID_MAX];
  char path[REPAYJUMP_STATUS_PATH_MAX];
  char plate_number_info[REPAYJUMP_STATUS_INFO_MAX]; /* a JSON text */
  char plate_number[REPAYJUMP_STATUS_CODE_MAX];
  char return_msg[REPAYJUMP_STATUS_TEXT_MAX]; /* WeChat's, verbatim UTF-8 */
  char err_code[REPAYJUMP_STATUS_CODE_MAX];
  char err_code_des[REPAYJUMP_STATUS_TEXT_MAX];
} repayjump_status_result;

/*
 * Read len bytes of WeChat Pay's answer to a request made with p (variant,
 * appid, mchid, sub_mchid and api_key are used; any openid or nonce_str is
 * ignored) and fill *result. REPAYJUMP_OK only for a trusted answer; else
 * the first check that fails, in this order: E_TOO_LARGE, E_XML (offset:
 * the byte in the answer), E_DUPLICATE, E_RETURN_FAIL, E_SIGNATURE (the
 * signature compared in constant time), E_ECHO (field: appid, mchid or
 * sub_mchid), E_RESULT_FAIL, E_NO_STATE; E_TOO_LONG when a value does not
 * fit its member. On failure every member is empty and state 0, except
 * that E_RETURN_FAIL keeps return_msg and E_RESULT_FAIL keeps return_msg,
 * err_code and err_code_des, WeChat's words. Thread-safe; the key is
 * never copied and never in a message. Uses about 20 KiB of stack (a
 * decoded copy of the answer).
 */
REPAYJUMP_EXPORT int repayjump_status_parse(const repayjump_params *p,
                                            const char *answer, size_t len,
                                            repayjump_status_result *result,
                                            repayjump_error *err);

/* Static name of a repayjump_user_state ("NORMAL", ...); "unknown" for
 * REPAYJUMP_STATE_UNKNOWN and others. */
REPAYJUMP_EXPORT const char *repayjump_user_state_name(int state);

/* REPAYJUMP_STATUS_REQUEST_MAX, REPAYJUMP_ANSWER_MAX and
 * sizeof(repayjump_status_result), for bindings that mirror it. */
REPAYJUMP_EXPORT size_t repayjump_status_request_max(void);
REPAYJUMP_EXPORT size_t repayjump_answer_max(void);
REPAYJUMP_EXPORT size_t repayjump_status_result_size(void);

#ifdef __cplusplus
}
#endif

#endif /* REPAYJUMP_H */
