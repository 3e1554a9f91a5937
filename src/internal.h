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

/* 0 in a constant expression, and a compile error when cond is false: a
 * check on a table row, where _Static_assert cannot stand. */
#define RJ_ASSERT_ZERO(cond) (0 * sizeof(char[(cond) ? 1 : -1]))

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

/* Why the len bytes at value, of field f and named name in the message,
 * that rj_value_ok (check.h) rejected break f's strict or relaxed rule:
 * the first byte outside the alphabet among the first max + 1 bytes
 * (E_CHARSET), else the length (E_TOO_LONG at max), else the shape
 * (E_FORMAT). Fills err and returns that status. len may exceed max + 1:
 * no byte past max + 1 is read. */
int rj_explain(int field, const char *name, const char *value, size_t len,
               int relaxed, repayjump_error *err);

/* c for a message: "a space", "a tab", "a newline", "a NUL byte"..., "'x'"
 * for a printable byte, "0xNN" for others; buf backs the last two. */
const char *rj_describe_byte(unsigned char c, char buf[8]);

/* ---- validate.c ---- */

/* The checked values of a params, indexed by repayjump_field; .s is NULL
 * for an absent field. */
typedef struct rj_fields {
  rj_str val[REPAYJUMP_FIELD_COUNT];
} rj_fields;

/* What rj_validate asks beyond the variant's row: nonce_str present
 * (compose generates one instead); the status query's identity, where every
 * variant signs with the APIv2 key and no openid is required (the status
 * query has plate_number too). */
enum { RJ_NEED_NONCE = 1, RJ_STATUS_IDENTITY = 2 };

/* Validate p into fields; mode is a set of the bits above. */
int rj_validate(const repayjump_params *p, unsigned mode, rj_fields *fields,
                repayjump_error *err);

/* ---- sign.c: a leaf over key/value strings ---- */

/* A key and its value. */
typedef struct rj_kv {
  rj_str key, val;
} rj_kv;

/* The most pairs rj_sign signs: a status answer's elements. */
#define RJ_SIGN_MAX 48

/* WeChat Pay v2 signature of up to RJ_SIGN_MAX pairs (any order; empty
 * values and a pair keyed "sign" skipped; pairs past RJ_SIGN_MAX ignored):
 * HMAC-SHA256 keyed with key over "k=v&...&key=<key>" sorted by k, as 64
 * uppercase hex digits and a NUL in out. */
void rj_sign(const rj_kv *pairs, size_t count, const char *key, size_t key_len,
             char out[REPAYJUMP_SIGN_LEN + 1]);

/* ---- xml.c: WeChat Pay's flat XML, a leaf ---- */

#define RJ_XML_MAX RJ_SIGN_MAX

/* The children of <xml>, in document order. */
typedef struct rj_xml {
  size_t count;
  rj_kv kv[RJ_XML_MAX];         /* element name, decoded content */
  size_t name_off[RJ_XML_MAX];  /* where each name is in the text */
  size_t value_off[RJ_XML_MAX]; /* where each content starts */
} rj_xml;

/* Read len bytes of flat XML (xml.c says what that admits) into doc,
 * decoding contents into scratch, which must hold len bytes; names point
 * into answer. REPAYJUMP_E_XML with err's offset at the refused byte. */
int rj_xml_read(const char *answer, size_t len, rj_xml *doc, char *scratch,
                repayjump_error *err);

/* The length of the well-formed UTF-8 character at s[0..n) (n >= 1), or
 * 0: overlong forms, surrogates and code points past U+10FFFF are not. */
size_t rj_utf8_len(const unsigned char *s, size_t n);

/* ---- pairs.c: what a validated params emits ---- */

/* The emitted key/value pairs, in output order, each with its row of the
 * variant's table (render's lead-ins). */
typedef struct rj_pairs {
  size_t count;
  rj_kv kv[RJ_KEYS_MAX];
  const rj_key *spec[RJ_KEYS_MAX];
  char sign[REPAYJUMP_SIGN_LEN + 1]; /* backs the sign pair's value */
} rj_pairs;

/* Collect the emitted pairs of validated fields, signing v2 variants. */
void rj_pairs_collect(int variant, const rj_fields *fields, rj_pairs *pairs);

/* ---- render.c ---- */

/* Write format of pairs and a NUL into out, which must have room for the
 * output, its NUL and RJ_SLACK bytes: bytes past the NUL, up to RJ_SLACK
 * of them, are overwritten with constant text. written, when not NULL,
 * holds the outputs of the formats before this one in table order: a
 * format that wraps another copies it from there. Returns the length. */
#define RJ_SLACK 16
size_t rj_render_write(const rj_pairs *pairs, int format, char *out,
                       const rj_str written[REPAYJUMP_FORMAT_COUNT]);

/* ---- names.c ---- */

typedef struct rj_check_code {
  const char *name; /* "value.space" */
  int severity;     /* a repayjump_severity */
} rj_check_code;

/* Indexed by repayjump_check_code; entry 0 is empty. */
extern const rj_check_code rj_check_codes[REPAYJUMP_CHECK_CODE_COUNT];

/* ---- query.c ---- */

/* An offset that is not there. */
#define RJ_NONE ((size_t)-1)

/* Walks the pairs of text[start..end). */
typedef struct rj_query {
  const char *text;
  size_t at, end;
  int done;
  int after_empty; /* the pair before was empty */
} rj_query;

/* A pair as written: key and raw value point into the text, with their
 * offsets in it. */
typedef struct rj_qpair {
  rj_str key, val;
  size_t key_off, val_off;
  int no_value; /* no '=': no value at all */
  int encoded;  /* the value holds a '%' */
} rj_qpair;

enum { RJ_QUERY_END, RJ_QUERY_PAIR, RJ_QUERY_EMPTY };

void rj_query_start(rj_query *q, const char *text, size_t start, size_t end);

/* The next pair: RJ_QUERY_PAIR; RJ_QUERY_EMPTY for an empty one ("&&", a
 * leading or trailing '&'), with key_off at the '&' that makes it (each
 * '&' once); or RJ_QUERY_END. */
int rj_query_next(rj_query *q, rj_qpair *p);

/* What a text (not blank) is: an App path, a bare query, or neither. */
enum { RJ_TEXT_PATH, RJ_TEXT_QUERY, RJ_TEXT_NEITHER };

/* Decide between an App path and a query: RJ_TEXT_PATH with *page_end at
 * the end of its page (its '?', or len when it has none), RJ_TEXT_QUERY
 * (pairs from byte 0, no page), or RJ_TEXT_NEITHER. A '?' after a '=' or
 * '&' is inside a query's value, not a path's. */
int rj_text_kind(const char *text, size_t len, size_t *page_end);

/* What a value holds: "at" offsets are raw, into the value as written;
 * indexes count decoded bytes. RJ_NONE when absent. */
typedef struct rj_scan {
  size_t len;             /* decoded length */
  size_t bad_escape;      /* at: a '%' not followed by two hex digits; the scan
                             stops there */
  size_t escape;          /* at: the first %XX */
  size_t space_at, space; /* the first whitespace byte, raw or decoded */
  size_t equals_at, equals; /* the first '=', raw or decoded */
  unsigned char space_byte;
} rj_scan;

/* Scan raw[0..n), percent-decoding it when decode is set, and store the
 * first cap decoded bytes in out. */
void rj_value_scan(const char *raw, size_t n, int decode, char *out, size_t cap,
                   rj_scan *s);

/* The raw offset of decoded byte index (at most the decoded length: n for
 * the length itself) of a value without bad escapes. */
size_t rj_value_raw_offset(const char *raw, size_t n, int decode, size_t index);

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
