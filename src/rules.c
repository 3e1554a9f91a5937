/* The value rules of every field, strict and relaxed (API.md, "Value
 * rules"), and the check of one value against its rule. */
#define _POSIX_C_SOURCE 200809L /* strnlen */
#include <string.h>

#include "internal.h"

/* Byte classes, derived from each byte's value at compile time. */
enum {
  C_DIGIT = 1,
  C_LOWER = 2,
  C_UPPER = 4,
  C_ID_PUNCT = 8,  /* '_' and '-' */
  C_GRAPH = 16,    /* printable ASCII other than space */
  C_HEX_LOWER = 32 /* [0-9a-f] */
};                 /* NUL is in no class: it ends every scan */
#define IN(c, lo, hi) ((c) >= (lo) && (c) <= (hi))
#define CLASS_OF(c)                                                            \
  ((IN(c, '0', '9') ? C_DIGIT : 0) | (IN(c, 'a', 'z') ? C_LOWER : 0) |         \
   (IN(c, 'A', 'Z') ? C_UPPER : 0) |                                           \
   ((c) == '_' || (c) == '-' ? C_ID_PUNCT : 0) |                               \
   (IN(c, 0x21, 0x7e) ? C_GRAPH : 0) |                                         \
   (IN(c, '0', '9') || IN(c, 'a', 'f') ? C_HEX_LOWER : 0))
#define ROW(c)                                                                 \
  CLASS_OF(c), CLASS_OF(c + 1), CLASS_OF(c + 2), CLASS_OF(c + 3),              \
      CLASS_OF(c + 4), CLASS_OF(c + 5), CLASS_OF(c + 6), CLASS_OF(c + 7),      \
      CLASS_OF(c + 8), CLASS_OF(c + 9), CLASS_OF(c + 10), CLASS_OF(c + 11),    \
      CLASS_OF(c + 12), CLASS_OF(c + 13), CLASS_OF(c + 14), CLASS_OF(c + 15)
static const uint8_t byte_class[256] = {
    ROW(0x00), ROW(0x10), ROW(0x20), ROW(0x30), ROW(0x40), ROW(0x50),
    ROW(0x60), ROW(0x70), ROW(0x80), ROW(0x90), ROW(0xa0), ROW(0xb0),
    ROW(0xc0), ROW(0xd0), ROW(0xe0), ROW(0xf0)};

#define DIGITS C_DIGIT
#define ALNUM (C_DIGIT | C_LOWER | C_UPPER)
#define ID (ALNUM | C_ID_PUNCT)

/* Where a value's shape breaks: the offset of the first wrong byte, its
 * length when it ends too early, or SHAPE_OK. Called after the alphabet
 * check has passed. */
#define SHAPE_OK ((size_t)-1)
typedef size_t (*shape_fn)(const char *v, size_t len);

/* A WeChat AppID: "wx" and 16 lowercase hex digits. */
static size_t shape_appid(const char *v, size_t len) {
  size_t i;
  if (v[0] != 'w')
    return 0;
  if (v[1] != 'x') /* v[1] is the NUL when len is 1: "ends at byte 1" */
    return 1;
  for (i = 2; i < len && i < 18; i++)
    if (!(byte_class[(unsigned char)v[i]] & C_HEX_LOWER))
      return i;
  return len == 18 ? SHAPE_OK : i;
}

/* An APIv2 key as WeChat Pay issues it: exactly 32 bytes (max_len stops
 * longer ones first). */
static size_t shape_key32(const char *v, size_t len) {
  (void)v;
  return len == 32 ? SHAPE_OK : len;
}

typedef struct rule {
  uint8_t alphabet; /* byte_class mask */
  uint8_t max_len;
  shape_fn shape; /* NULL: any shape */
  const char *expected;
} rule;

static const rule appid_strict = {ID, 32, shape_appid,
                                  "wx followed by 16 lowercase hex digits"};
static const rule any_id = {ID, 32, NULL, "a letter, digit, '_' or '-'"};
static const rule mchid_strict = {DIGITS, 32, NULL, "a digit"};
static const rule nonce = {ALNUM, 32, NULL, "a letter or digit"};
static const rule key_strict = {ALNUM, 32, shape_key32,
                                "exactly 32 letters or digits"};
static const rule key_relaxed = {C_GRAPH, 128, NULL,
                                 "printable ASCII other than space"};

/* [field][relaxed]: nonce_str and the openids are the same in both. */
static const rule *const rules[REPAYJUMP_FIELD_COUNT][2] = {
    [REPAYJUMP_FIELD_APPID] = {&appid_strict, &any_id},
    [REPAYJUMP_FIELD_MCHID] = {&mchid_strict, &any_id},
    [REPAYJUMP_FIELD_NONCE_STR] = {&nonce, &nonce},
    [REPAYJUMP_FIELD_OPENID] = {&any_id, &any_id},
    [REPAYJUMP_FIELD_SUB_APPID] = {&appid_strict, &any_id},
    [REPAYJUMP_FIELD_SUB_MCHID] = {&mchid_strict, &any_id},
    [REPAYJUMP_FIELD_SUB_OPENID] = {&any_id, &any_id},
    [REPAYJUMP_FIELD_API_KEY] = {&key_strict, &key_relaxed},
};

/* "'x'" for a printable byte, "0xNN" for others, so a message stays one
 * line of ASCII whatever the input holds. */
static const char *describe(unsigned char c, char buf[8]) {
  static const char hex[] = "0123456789ABCDEF";
  if ((byte_class[c] & C_GRAPH) && c != '\'') {
    buf[0] = '\'', buf[1] = (char)c, buf[2] = '\'', buf[3] = '\0';
  } else {
    buf[0] = '0', buf[1] = 'x', buf[2] = hex[c >> 4], buf[3] = hex[c & 15];
    buf[4] = '\0';
  }
  return buf;
}

/* A wrong byte at offset in field's value. The api_key's bytes are never
 * echoed: even one of them is part of a secret. */
static int fail_at(repayjump_error *err, int status, int field,
                   const char *value, size_t len, size_t offset,
                   const char *expected) {
  const char *name = repayjump_field_name(field);
  char buf[8];
  if (offset >= len)
    return rj_fail(err, status, field, offset,
                   "%s: ends at byte %zu; expected %s", name, offset, expected);
  if (field == REPAYJUMP_FIELD_API_KEY)
    return rj_fail(err, status, field, offset,
                   "%s: byte %zu is not allowed; expected %s", name, offset,
                   expected);
  return rj_fail(err, status, field, offset, "%s: byte %zu is %s; expected %s",
                 name, offset, describe((unsigned char)value[offset], buf),
                 expected);
}

/* ---- the fast check: is the whole value in the alphabet? ---- */

#if defined(__GNUC__)
/* 16 bytes at a time, in portable vector code (SSE2, NEON, ...). */
typedef unsigned char u8x16 __attribute__((vector_size(16)));
#define SPLAT(c) ((u8x16){c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c})
#define IN_RANGE(x, lo, hi) ((u8x16)((u8x16)((x)-SPLAT(lo)) <= SPLAT((hi) - (lo))))

/* All ones in the lanes of x that are in alphabet, zero elsewhere. Inlined
 * into all_in's callers with a constant alphabet, so that it folds to the
 * compares that alphabet needs. */
#define INLINE static inline __attribute__((always_inline))
INLINE u8x16 members(u8x16 x, unsigned alphabet) {
  u8x16 in = SPLAT(0);
  if (alphabet & C_DIGIT)
    in |= IN_RANGE(x, '0', '9');
  if (alphabet & C_LOWER)
    in |= IN_RANGE(x, 'a', 'z');
  if (alphabet & C_UPPER)
    in |= IN_RANGE(x, 'A', 'Z');
  if (alphabet & C_ID_PUNCT)
    in |= (u8x16)(x == SPLAT('_')) | (u8x16)(x == SPLAT('-'));
  if (alphabet & C_GRAPH)
    in |= IN_RANGE(x, 0x21, 0x7e);
  if (alphabet & C_HEX_LOWER)
    in |= IN_RANGE(x, '0', '9') | IN_RANGE(x, 'a', 'f');
  return in;
}

/* Whether the n bytes at v are all in alphabet, reading no byte outside
 * them: whole vectors, the last one overlapping the one before; a short
 * value is gathered into a vector of '0', a byte of every alphabet. */
INLINE int all_in_inline(const unsigned char *v, size_t n,
                          unsigned alphabet) {
  union {
    u8x16 x;
    uint64_t q[2];
    uint32_t d[4];
    unsigned char b[16];
  } u;
  u8x16 ok = SPLAT(0xff);
  size_t i;
  if (n >= 16) {
    for (i = 0; i + 16 < n; i += 16) {
      memcpy(&u.x, v + i, 16);
      ok &= members(u.x, alphabet);
    }
    memcpy(&u.x, v + n - 16, 16);
  } else {
    u.x = SPLAT('0');
    if (n >= 8) {
      memcpy(&u.q[0], v, 8);
      memcpy(&u.q[1], v + n - 8, 8);
    } else if (n >= 4) {
      memcpy(&u.d[0], v, 4);
      memcpy(&u.d[1], v + n - 4, 4);
    } else if (n) {
      u.b[0] = v[0], u.b[1] = v[n / 2], u.b[2] = v[n - 1];
    }
  }
  u.x = ok & members(u.x, alphabet);
  return (u.q[0] & u.q[1]) == UINT64_MAX;
}

static int all_in(const unsigned char *v, size_t n, unsigned alphabet) {
  switch (alphabet) {
  case DIGITS:
    return all_in_inline(v, n, DIGITS);
  case ALNUM:
    return all_in_inline(v, n, ALNUM);
  case ID:
    return all_in_inline(v, n, ID);
  case C_HEX_LOWER:
    return all_in_inline(v, n, C_HEX_LOWER);
  default:
    return all_in_inline(v, n, C_GRAPH);
  }
}
#else
static int all_in(const unsigned char *v, size_t n, unsigned alphabet) {
  unsigned ok = alphabet;
  size_t i;
  for (i = 0; i < n; i++)
    ok &= byte_class[v[i]];
  return ok == alphabet || !n;
}
#endif

static int shape_ok(const rule *r, const unsigned char *v, size_t len) {
  if (r->shape == shape_appid)
    return len == 18 && v[0] == 'w' && v[1] == 'x' &&
           all_in(v + 2, 16, C_HEX_LOWER);
  if (r->shape == shape_key32)
    return len == 32;
  return 1;
}

/* ---- the slow check, for a failure: which byte, and why ---- */

static int explain(int field, const char *value, const rule *r,
                   repayjump_error *err) {
  const unsigned char *v = (const unsigned char *)value;
  size_t len = 0, i;

  /* Never past max_len + 1 bytes: it stops at the NUL, at a byte outside
   * the alphabet, or one byte past the limit. */
  while (len <= r->max_len && (byte_class[v[len]] & r->alphabet))
    len++;
  if (len > r->max_len || v[len] != '\0') {
    /* The length is reported before the alphabet. */
    for (i = len; i <= r->max_len && v[i]; i++)
      ;
    if (i > r->max_len)
      return rj_fail(err, REPAYJUMP_E_TOO_LONG, field, r->max_len,
                     "%s: longer than %u bytes", repayjump_field_name(field),
                     (unsigned)r->max_len);
    return fail_at(err, REPAYJUMP_E_CHARSET, field, value, i, len, r->expected);
  }
  return fail_at(err, REPAYJUMP_E_FORMAT, field, value, len,
                 r->shape(value, len), r->expected);
}

int rj_check_value(int field, const char *value, int relaxed, rj_str *checked,
                   repayjump_error *err) {
  const rule *r = rules[field][relaxed != 0];
  const unsigned char *v = (const unsigned char *)value;
  size_t len = strnlen(value, (size_t)r->max_len + 1);

  if (len > r->max_len || !all_in(v, len, r->alphabet) ||
      !shape_ok(r, v, len))
    return explain(field, value, r, err);
  checked->s = value;
  checked->n = len;
  return REPAYJUMP_OK;
}
