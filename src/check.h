/* The value rules as data, and the fast check of one value against its
 * rule: a yes or no, 16 bytes at a time. The rules and the slow check that
 * explains a "no" byte by byte are in rules.c. Not installed. */
#ifndef REPAYJUMP_CHECK_H
#define REPAYJUMP_CHECK_H

#include <stdint.h>
#include <string.h>

#include "internal.h"

/* Byte classes. NUL is in none: it ends every value. */
enum {
  C_DIGIT = 1,
  C_LOWER = 2,
  C_UPPER = 4,
  C_ID_PUNCT = 8,  /* '_' and '-' */
  C_GRAPH = 16,    /* printable ASCII other than space */
  C_HEX_LOWER = 32 /* [0-9a-f] */
};
#define DIGITS C_DIGIT
#define ALNUM (C_DIGIT | C_LOWER | C_UPPER)
#define ID (ALNUM | C_ID_PUNCT)

/* Shapes beyond the alphabet. */
enum { SHAPE_ANY, SHAPE_APPID, SHAPE_KEY32 };

typedef struct rj_rule {
  uint8_t alphabet; /* classes */
  uint8_t max_len;
  uint8_t shape;
  const char *expected; /* for messages: "a letter or digit" */
} rj_rule;

/* [field][relaxed] */
extern const rj_rule *const rj_rules[REPAYJUMP_FIELD_COUNT][2];

/* Each byte's classes. */
extern const uint8_t rj_byte_class[256];

#if defined(__GNUC__)
#define RJ_INLINE static inline __attribute__((always_inline))

/* 16 bytes at a time, in portable vector code (SSE2, NEON, ...). */
typedef unsigned char rj_u8x16 __attribute__((vector_size(16)));
#define RJ_SPLAT(c) ((rj_u8x16){c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c})
#define RJ_IN_RANGE(x, lo, hi)                                                 \
  ((rj_u8x16)((rj_u8x16)((x)-RJ_SPLAT(lo)) <= RJ_SPLAT((hi) - (lo))))

/* All ones in the lanes of x that are in alphabet, zero elsewhere; with a
 * constant alphabet it folds to the compares that alphabet needs. */
RJ_INLINE rj_u8x16 rj_members(rj_u8x16 x, unsigned alphabet) {
  rj_u8x16 in = RJ_SPLAT(0);
  if ((alphabet & (C_LOWER | C_UPPER)) == (C_LOWER | C_UPPER))
    in |= RJ_IN_RANGE(x | RJ_SPLAT(0x20), 'a', 'z'); /* both cases at once */
  else if (alphabet & C_LOWER)
    in |= RJ_IN_RANGE(x, 'a', 'z');
  else if (alphabet & C_UPPER)
    in |= RJ_IN_RANGE(x, 'A', 'Z');
  if (alphabet & C_DIGIT)
    in |= RJ_IN_RANGE(x, '0', '9');
  if (alphabet & C_ID_PUNCT)
    in |= (rj_u8x16)(x == RJ_SPLAT('_')) | (rj_u8x16)(x == RJ_SPLAT('-'));
  if (alphabet & C_GRAPH)
    in |= RJ_IN_RANGE(x, 0x21, 0x7e);
  if (alphabet & C_HEX_LOWER)
    in |= RJ_IN_RANGE(x, '0', '9') | RJ_IN_RANGE(x, 'a', 'f');
  return in;
}

/* Whether the n bytes at v are all in alphabet, reading no byte outside
 * them: whole vectors, the last one overlapping the one before; a short
 * value is gathered into a vector of '0', a byte of every alphabet. */
RJ_INLINE int rj_all_in_as(const unsigned char *v, size_t n,
                           unsigned alphabet) {
  union {
    rj_u8x16 x;
    uint64_t q[2];
    uint32_t d[4];
    unsigned char b[16];
  } u;
  rj_u8x16 ok = RJ_SPLAT(0xff);
  size_t i;
  if (n >= 16) {
    for (i = 0; i + 16 < n; i += 16) {
      memcpy(&u.x, v + i, 16);
      ok &= rj_members(u.x, alphabet);
    }
    memcpy(&u.x, v + n - 16, 16);
  } else {
    u.x = RJ_SPLAT('0');
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
  u.x = ok & rj_members(u.x, alphabet);
  return (u.q[0] & u.q[1]) == UINT64_MAX;
}

/* One specialised copy per alphabet in use. */
RJ_INLINE int rj_all_in(const unsigned char *v, size_t n, unsigned alphabet) {
  switch (alphabet) {
  case DIGITS:
    return rj_all_in_as(v, n, DIGITS);
  case ALNUM:
    return rj_all_in_as(v, n, ALNUM);
  case ID:
    return rj_all_in_as(v, n, ID);
  case C_HEX_LOWER:
    return rj_all_in_as(v, n, C_HEX_LOWER);
  default:
    return rj_all_in_as(v, n, C_GRAPH);
  }
}
#else
#define RJ_INLINE static inline
RJ_INLINE int rj_all_in(const unsigned char *v, size_t n, unsigned alphabet) {
  unsigned ok = alphabet;
  size_t i;
  for (i = 0; i < n; i++)
    ok &= rj_byte_class[v[i]];
  return ok == alphabet || !n;
}
#endif

/* Whether value (not NULL, not empty) keeps rule r; its length in *len. */
RJ_INLINE int rj_value_ok(const rj_rule *r, const char *value, size_t *len) {
  const unsigned char *v = (const unsigned char *)value;
  size_t n = strnlen(value, (size_t)r->max_len + 1);
  *len = n;
  if (n > r->max_len || !rj_all_in(v, n, r->alphabet))
    return 0;
  if (r->shape == SHAPE_APPID) /* "wx" and 16 lowercase hex digits */
    return n == 18 && v[0] == 'w' && v[1] == 'x' &&
           rj_all_in(v + 2, 16, C_HEX_LOWER);
  return r->shape != SHAPE_KEY32 || n == 32;
}

#endif
