/* Every byte at every offset: the alphabet check reads values 16 bytes at a
 * time, in overlapping and gathered vectors whose shape depends on the
 * length, so each byte value 1..255 is tried at each offset of values of
 * lengths around every vector boundary, in every field, strict and
 * relaxed, against an oracle written from README's rules table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

#define DIGIT(c) ((c) >= '0' && (c) <= '9')
#define ALPHA(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z'))
#define ALNUM(c) (DIGIT(c) || ALPHA(c))
#define ID(c) (ALNUM(c) || (c) == '_' || (c) == '-')
#define HEX_LOWER(c) (DIGIT(c) || ((c) >= 'a' && (c) <= 'f'))
#define GRAPH(c) ((c) >= 0x21 && (c) <= 0x7e)

/* Whether byte c may stand in field f's value (its shape aside). */
static int in_alphabet(int f, int relaxed, unsigned c) {
  switch (f) {
  case REPAYJUMP_FIELD_MCHID:
  case REPAYJUMP_FIELD_SUB_MCHID:
    return relaxed ? ID(c) : DIGIT(c);
  case REPAYJUMP_FIELD_NONCE_STR:
    return ALNUM(c);
  case REPAYJUMP_FIELD_API_KEY:
    return relaxed ? GRAPH(c) : ALNUM(c);
  default: /* the AppIDs and openids */
    return ID(c);
  }
}

static int is_appid(int f) {
  return f == REPAYJUMP_FIELD_APPID || f == REPAYJUMP_FIELD_SUB_APPID;
}

static size_t max_len(int f, int relaxed) {
  return f == REPAYJUMP_FIELD_API_KEY && relaxed ? 128 : 32;
}

/* Try byte c at offset at of a valid value of length len. */
static void try_byte(int f, int relaxed, const char *valid, size_t len,
                     size_t at, unsigned c) {
  repayjump_params p = fixture(REPAYJUMP_V2_PARTNER);
  repayjump_error err;
  char value[129];
  int want = REPAYJUMP_OK, got;

  memcpy(value, valid, len);
  value[len] = '\0';
  value[at] = (char)c;
  p.flags = relaxed ? REPAYJUMP_RELAXED : 0;
  set_field(&p, f, value);
  if (!in_alphabet(f, relaxed, c))
    want = REPAYJUMP_E_CHARSET;
  else if (is_appid(f) && !relaxed && !HEX_LOWER(c))
    want = REPAYJUMP_E_FORMAT; /* at >= 2: the 16 hex digits */
  got = repayjump_validate(&p, &err);
  if (got != want || (want && (err.field != f || err.offset != at)))
    fail_msg("%s%s, length %zu, byte 0x%02X at %zu: status %d field %d "
             "offset %zu; expected %d at %zu",
             repayjump_field_name(f), relaxed ? " (relaxed)" : "", len, c, at,
             got, err.field, err.offset, want, at);
}

/* Every byte value at every offset of f's values of length len, made by
 * altering valid, which has at least len bytes. A strict AppID keeps its
 * "wx": bytes from 2. */
static void try_every_byte(int f, int relaxed, const char *valid, size_t len) {
  size_t at;
  unsigned c;
  for (at = !relaxed && is_appid(f) ? 2 : 0; at < len; at++)
    for (c = 1; c < 256; c++)
      try_byte(f, relaxed, valid, len, at, c);
}

/* The lengths field f takes: a strict AppID has one, a strict key
 * another; values of '1's, and a strict AppID REF_SUB_APPID. */
static void try_field(int f, int relaxed) {
  static const size_t lengths[] = {1,  2,  3,  4,  5,  7,  8,   9,
                                   12, 15, 16, 17, 18, 24, 31,  32,
                                   33, 47, 48, 49, 64, 95, 127, 128};
  static const char ones[] = "11111111111111111111111111111111"
                             "11111111111111111111111111111111"
                             "11111111111111111111111111111111"
                             "11111111111111111111111111111111";
  size_t l;
  if (!relaxed && is_appid(f)) {
    try_every_byte(f, relaxed, REF_SUB_APPID, sizeof REF_SUB_APPID - 1);
    return;
  }
  if (!relaxed && f == REPAYJUMP_FIELD_API_KEY) {
    try_every_byte(f, relaxed, ones, 32);
    return;
  }
  for (l = 0; l < sizeof lengths / sizeof *lengths; l++)
    if (lengths[l] <= max_len(f, relaxed))
      try_every_byte(f, relaxed, ones, lengths[l]);
}

static void every_byte_everywhere(void **state) {
  int f, relaxed;
  (void)state;
  for (f = REPAYJUMP_FIELD_APPID; f < REPAYJUMP_FIELD_COUNT; f++)
    for (relaxed = 0; relaxed < 2; relaxed++)
      try_field(f, relaxed);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_byte_everywhere),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
