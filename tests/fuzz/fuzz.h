/*
 * Support shared by the fuzz targets: how an input becomes a
 * repayjump_params, a reference model of the contract (API.md) written
 * apart from the library, and the checks of outputs and errors. Every
 * violated property ends in fz_fail(), which prints a message and aborts,
 * so that libFuzzer and the replay driver both report it.
 */
#ifndef REPAYJUMP_FUZZ_H
#define REPAYJUMP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include <repayjump.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- check.c ---- */

/* Print "repayjump fuzz: <message>" to stderr and abort(). fuzz.cfg says
 * the same to cppcheck, which does not read _Noreturn. */
_Noreturn void fz_fail(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;
#define FZ_CHECK(cond, ...)                                                    \
  do {                                                                         \
    if (!(cond))                                                               \
      fz_fail(__VA_ARGS__);                                                    \
  } while (0)

/* Start libsodium for the reference HMAC; aborts if it cannot. */
void fz_init(void);

/* ---- input.c: the input format ----
 *
 * Targets that take a repayjump_params read their input as
 *
 *   byte 0  variant: below 0xF0 the variant (byte & 3); from 0xF0 one of
 *           16 values that are not variants (-1, 4, INT_MAX, ...)
 *   byte 1  flags: bits 0-1 are the flags; bit 7 adds one unknown bit,
 *           1 << (2 + (byte >> 2) % 30)
 *   byte 2  NULL mask: bit f-1 set passes field f as NULL
 *   byte 3  mode: what the target does with it (see each target)
 *   rest    the fields in repayjump_field order (appid, mchid, nonce_str,
 *           openid, sub_appid, sub_mchid, sub_openid, api_key), separated
 *           by 0x00: n separators make n + 1 fields, an empty one is "";
 *           fields past the last, or all when nothing follows the header,
 *           are NULL. Bytes after the eighth field are ignored.
 *
 * Missing header bytes read as 0. Each field is copied into a heap block
 * of exactly its length + 1, so that a read past its NUL is an ASan error.
 */
typedef struct fz_input {
  repayjump_params p;
  uint8_t mode;
  char *field[REPAYJUMP_FIELD_COUNT]; /* the copies; [0] unused */
} fz_input;

void fz_input_decode(const uint8_t *data, size_t size, fz_input *in);
void fz_input_free(fz_input *in);

/* Field f of p (p's members are in field order), NULL for f out of range. */
const char *fz_field(const repayjump_params *p, int f);
void fz_set_field(repayjump_params *p, int f, const char *value);

/* ---- oracle.c: the contract, written independently of src/ ---- */

/* What a call should return: status, and on failure field and offset. */
typedef struct fz_expect {
  int status;
  int field;
  size_t offset;
} fz_expect;

/* Validation of p by the rules of API.md; nonce_required for render and
 * sign, not for validate and compose. */
fz_expect fz_reference_validate(const repayjump_params *p, int nonce_required);

/* An expected status with no field (E_ARG, E_BUFFER, OK). */
fz_expect fz_expect_status(int status);

/* The key/value pairs a valid p emits, in order, with nonce as nonce_str
 * and, for v2, the reference signature. */
#define FZ_PAIRS_MAX 9
typedef struct fz_pair {
  const char *key;
  const char *val;
} fz_pair;
typedef struct fz_pairs {
  size_t count;
  fz_pair pair[FZ_PAIRS_MAX];
  char sign[REPAYJUMP_SIGN_LEN + 1]; /* "" for v3 */
} fz_pairs;

void fz_expected_pairs(const repayjump_params *p, const char *nonce,
                       fz_pairs *out);

/* ---- hmac.c ---- */

/* WeChat Pay's v2 signature of pairs (sign_type included, sign excluded):
 * "k=v&...&key=<key>" sorted by key, HMAC-SHA256 built here from
 * crypto_hash_sha256 (and, for 32-byte keys, compared with libsodium's
 * crypto_auth_hmacsha256), as 64 uppercase hex digits. */
void fz_reference_sign(const fz_pair *pairs, size_t count, const char *key,
                       char out[REPAYJUMP_SIGN_LEN + 1]);

/* ---- percent.c ---- */

/* Strict percent-decoding of src[0..n) into dst (NUL-terminated, cap
 * bytes): RFC 3986 unreserved bytes as they are and %XX with two hex
 * digits; any other byte ('+', a stray '%', a reserved or non-ASCII byte)
 * fails. Returns the decoded length, or -1. */
long fz_percent_decode(const char *src, size_t n, char *dst, size_t cap);

/* ---- outputs.c ---- */

/* Check one output of an accepted input: only allowed bytes, len ==
 * strlen, JSON parsed by jansson (compact, keys and values exactly the
 * pairs in order), the App path's query decoded back to the pairs. */
void fz_check_output(int format, const char *out, size_t len,
                     const fz_pairs *want);

/* ---- errors.c ---- */

/* Check a call's status rc and err (NULL when not passed) against want:
 * same status, field and offset, and a message that is one line of
 * printable ASCII naming the field. what names the call in messages. */
void fz_check_error(const char *what, int rc, const repayjump_error *err,
                    const fz_expect *want);

/* ---- buffer.c: output buffers with guard bytes ---- */

#define FZ_GUARD ((size_t)16)
#define FZ_FILL 0xA5 /* what the caller's buffer holds before a call */
#define FZ_GUARD_BYTE 0x5A

typedef struct fz_buffer {
  unsigned char *block; /* guard, cap bytes of FZ_FILL, guard */
  char *out;            /* block + FZ_GUARD, or NULL */
  size_t cap;
} fz_buffer;

/* A buffer of cap bytes; with_out == 0 gives out == NULL (no block). */
void fz_buffer_init(fz_buffer *b, size_t cap, int with_out);
/* Abort if a guard byte changed. */
void fz_buffer_check_guards(const fz_buffer *b, const char *what);
/* After a failure: out[0] == '\0' (when cap > 0) and no other byte of the
 * buffer written, so nothing of a partial output is left. */
void fz_buffer_check_failed(const fz_buffer *b, const char *what);
/* After a success of length len: out[len] == '\0' and no byte after it
 * written. */
void fz_buffer_check_tail(const fz_buffer *b, size_t len, const char *what);
void fz_buffer_free(fz_buffer *b);

#endif
