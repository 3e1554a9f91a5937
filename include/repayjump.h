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
  REPAYJUMP_E_CONFLICT = -9     /* sub_openid without sub_appid */
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
  REPAYJUMP_FIELD_API_KEY = 8
} repayjump_field;
#define REPAYJUMP_FIELD_COUNT 9

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
 * order, and within a value: length, then alphabet, then shape.
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

/* Static name of a repayjump_field ("appid", ...); "none" for 0 and others. */
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

#ifdef __cplusplus
}
#endif

#endif /* REPAYJUMP_H */
