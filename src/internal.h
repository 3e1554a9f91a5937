/* Declarations shared by the library's source files; not installed. */
#ifndef REPAYJUMP_INTERNAL_H
#define REPAYJUMP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "repayjump.h"

/* A string with its length, for the fixed pieces of outputs. */
typedef struct rj_str {
  const char *s;
  size_t n;
} rj_str;
#define RJ_STR(lit)                                                            \
  { lit, sizeof(lit) - 1 }

/* ---- variants.c: the four variants as rows of one table ---- */

/* A set of fields: bit f for repayjump_field f. */
#define RJ_BIT(f) (1u << (f))

/* What an emitted key takes its value from: a repayjump_field, or these. */
enum { RJ_SRC_SIGN_TYPE = REPAYJUMP_FIELD_COUNT, RJ_SRC_SIGN };

#define RJ_KEYS_MAX 9

/* A short constant written with one 16-byte move (render.c): text is
 * zero-padded so that the move, also from text + 2, stays inside it. */
#define RJ_PIECE_MAX 16
typedef struct rj_piece {
  char text[RJ_PIECE_MAX + 2];
  uint8_t n;
} rj_piece;
#define RJ_PIECE(lit)                                                          \
  { lit, sizeof(lit) - 1 }

/* An emitted key: its name, and what leads into its value in each syntax,
 * a JSON object (","name":") and a URL query (&name=). The first pair of
 * an output skips the separator: 2 bytes in JSON, 1 in a query. */
typedef struct rj_key {
  rj_str name;
  rj_piece json, query;
  uint8_t src;
} rj_key;

typedef struct rj_variant {
  const char *name; /* for messages: "APIv3 merchant" */
  /* How it uses each field; any other field must be absent. */
  uint16_t required;
  uint16_t optional;
  uint16_t openids; /* at least one of these, unless ALLOW_NO_OPENID */
  uint8_t key_count;
  rj_key keys[RJ_KEYS_MAX]; /* emitted keys, in output order */
} rj_variant;

extern const rj_variant rj_variants[REPAYJUMP_VARIANT_COUNT];

/* ---- error.c ---- */

/* Fill err (may be NULL) and return status. printf-style message. */
int rj_fail(repayjump_error *err, int status, int field, size_t offset,
            const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* ---- rules.c ---- */

/* Why a value of field f that rj_value_ok (check.h) rejected breaks its
 * strict or relaxed rule: walked byte by byte, it reports the length, then
 * the alphabet, then the shape, and returns that error. */
int rj_explain(int field, const char *value, int relaxed, repayjump_error *err);

/* ---- validate.c ---- */

/* The checked values of a params, indexed by repayjump_field; .s is NULL
 * for an absent field. */
typedef struct rj_fields {
  rj_str val[REPAYJUMP_FIELD_COUNT];
} rj_fields;

/* Validate p into fields; nonce_required makes an absent nonce_str an
 * error (compose generates one instead). */
int rj_validate(const repayjump_params *p, int nonce_required,
                rj_fields *fields, repayjump_error *err);

/* ---- render.c ---- */

typedef struct rj_item {
  rj_str key;
  rj_str val;
  const rj_key *spec; /* render's pieces; NULL where only signing */
} rj_item;

/* The emitted key/value pairs of a validated p, in output order. */
typedef struct rj_items {
  size_t count;
  rj_item item[RJ_KEYS_MAX];
  char sign[REPAYJUMP_SIGN_LEN + 1]; /* backs the sign item's value */
} rj_items;

/* Collect the emitted pairs of validated fields, signing v2 variants. */
void rj_items_collect(int variant, const rj_fields *fields, rj_items *items);

/* Write format of items and a NUL into out, which must have room for the
 * output, its NUL and RJ_SLACK bytes: bytes past the NUL, up to RJ_SLACK
 * of them, are overwritten with constant text. written, when not NULL,
 * holds the outputs of the formats before this one in table order: a
 * format that wraps another copies it from there. Returns the length. */
#define RJ_SLACK 16
size_t rj_items_write(const rj_items *items, int format, char *out,
                      const rj_str written[REPAYJUMP_FORMAT_COUNT]);

/* ---- sign.c ---- */

/* WeChat Pay v2 signature of up to RJ_KEYS_MAX pairs (any order; empty
 * values skipped):
 * HMAC-SHA256 keyed with key over "k=v&...&key=<key>" sorted by k, as 64
 * uppercase hex digits and a NUL in out. */
void rj_sign_pairs(const rj_item *pairs, size_t count, const char *key,
                   size_t key_len, char out[REPAYJUMP_SIGN_LEN + 1]);

/* ---- nonce.c ---- */

/* len characters of [A-Za-z0-9] into out (no NUL); needs repayjump_init. */
void rj_nonce_fill(char *out, size_t len);

/* Up to len characters into out from bytes[*used] on, n bytes in all,
 * skipping the bytes that would bias them; advances *used and returns the
 * count written. */
size_t rj_nonce_map(char *out, size_t len, const unsigned char *bytes, size_t n,
                    size_t *used);

/* Forget this thread's pool: the next nonce draws a new seed. */
void rj_nonce_discard(void);

#endif
