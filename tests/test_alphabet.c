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

static void every_byte_everywhere(void **state) {
  static const size_t lengths[] = {1,  2,  3,  4,  5,  7,  8,   9,
                                   12, 15, 16, 17, 18, 24, 31,  32,
                                   33, 47, 48, 49, 64, 95, 127, 128};
  char valid[129];
  int f, relaxed;
  size_t l, at;
  unsigned c;
  (void)state;

  for (f = REPAYJUMP_FIELD_APPID; f < REPAYJUMP_FIELD_COUNT; f++) {
    for (relaxed = 0; relaxed < 2; relaxed++) {
      /* A strict AppID has one length, a strict key another. */
      int shaped = !relaxed && (is_appid(f) || f == REPAYJUMP_FIELD_API_KEY);
      memset(valid, '1', sizeof valid);
      if (shaped && is_appid(f))
        memcpy(valid, REF_SUB_APPID, 18);
      for (l = 0; l < sizeof lengths / sizeof *lengths; l++) {
        size_t len = lengths[l];
        if (len > max_len(f, relaxed) ||
            (shaped && len != (is_appid(f) ? 18u : 32u)))
          continue;
        for (at = shaped && is_appid(f) ? 2 : 0; at < len; at++)
          for (c = 1; c < 256; c++)
            try_byte(f, relaxed, valid, len, at, c);
      }
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(every_byte_everywhere),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
