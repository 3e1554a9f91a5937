/* The value rules as data, and the fast check of one value against its
 * rule: a yes or no, 16 bytes at a time. The rules and the slow check that
 * explains a "no" byte by byte are in rules.c. Not installed. */
#ifndef REPAYJUMP_CHECK_H
#define REPAYJUMP_CHECK_H

#include <stdint.h>
#include <string.h>

#include "internal.h"

/* Byte classes. NUL is in none: a value is pointer and length, and a NUL
 * inside it is just another byte outside every alphabet. */
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

/* GCC and Clang vector extensions, lowered to SSE2, NEON or plain integer
 * code by the compiler: every supported toolchain has them. A second,
 * byte-by-byte implementation for others would be code that no build runs
 * and so no test checks. */
#if !defined(__GNUC__)
#error "repayjump needs GCC or Clang vector extensions (vector_size)"
#endif
/* 16 bytes at a time, in portable vector code (SSE2, NEON, ...). */
typedef unsigned char rj_u8x16 __attribute__((vector_size(16)));

/* An alphabet: its classes (for the byte-by-byte walk), and for the vector
 * check the same set as three byte ranges lo..lo+span and two single
 * bytes; the ones an alphabet does not need repeat one it does (rules.c),
 * so that no unused slot admits a byte, NUL included. */
typedef struct rj_alphabet {
  rj_u8x16 lo[3], span[3], one[2];
  uint8_t classes;
} rj_alphabet;

typedef struct rj_rule {
  const rj_alphabet *alphabet;
  uint8_t max_len;
  uint8_t shape;
  const char *expected; /* for messages: "a letter or digit" */
} rj_rule;

/* [field][relaxed] */
extern const rj_rule *const rj_rules[REPAYJUMP_FIELD_COUNT][2];

/* Each byte's classes. */
extern const uint8_t rj_byte_class[256];

/* [0-9a-f], the digits of a strict AppID. */
extern const rj_alphabet rj_hex_lower;

#define RJ_INLINE static inline

#define RJ_SPLAT(c) ((rj_u8x16){c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c})

/* All ones in the lanes of x that are in alphabet a, zero elsewhere. */
RJ_INLINE rj_u8x16 rj_members(rj_u8x16 x, const rj_alphabet *a) {
  rj_u8x16 in = (rj_u8x16)(x == a->one[0]) | (rj_u8x16)(x == a->one[1]);
  int r;
  for (r = 0; r < 3; r++)
    in |= (rj_u8x16)((rj_u8x16)(x - a->lo[r]) <= a->span[r]);
  return in;
}

/* Whether the n (>= 1) bytes at v are all in alphabet a, reading no byte
 * outside them: whole vectors, the last one overlapping the one before; a short
 * value is gathered into a vector of '0', a byte of every alphabet. */
RJ_INLINE int rj_all_in(const unsigned char *v, size_t n,
                        const rj_alphabet *a) {
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
      ok &= rj_members(u.x, a);
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
    } else {
      u.b[0] = v[0], u.b[1] = v[n / 2], u.b[2] = v[n - 1];
    }
  }
  u.x = ok & rj_members(u.x, a);
  return (u.q[0] & u.q[1]) == UINT64_MAX;
}

/* Whether the n (>= 1) bytes at value keep rule r. */
RJ_INLINE int rj_value_ok(const rj_rule *r, const char *value, size_t n) {
  const unsigned char *v = (const unsigned char *)value;
  if (n > r->max_len || !rj_all_in(v, n, r->alphabet))
    return 0;
  if (r->shape == SHAPE_APPID) /* "wx" and 16 lowercase hex digits */
    return n == 18 && v[0] == 'w' && v[1] == 'x' &&
           rj_all_in(v + 2, 16, &rj_hex_lower);
  return r->shape != SHAPE_KEY32 || n == 32;
}

#endif
