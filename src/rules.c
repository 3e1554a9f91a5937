/* The value rules of every field, strict and relaxed (API.md, "Value
 * rules"), and the slow check of one value against its rule, which finds
 * the first offending byte and says why. */
#include "check.h"

/* Byte classes, derived from each byte's value at compile time. */
#define IN(c, lo, hi) ((c) >= (lo) && (c) <= (hi))
#define CLASS_OF(c)                                                            \
  ((IN(c, '0', '9') ? C_DIGIT : 0) | (IN(c, 'a', 'z') ? C_LOWER : 0) |         \
   (IN(c, 'A', 'Z') ? C_UPPER : 0) |                                           \
   ((c) == '_' || (c) == '-' ? C_ID_PUNCT : 0) |                               \
   (IN(c, 0x21, 0x7e) ? C_GRAPH : 0) |                                         \
   (IN(c, '0', '9') || IN(c, 'a', 'f') ? C_HEX_LOWER : 0))
#define ROW(c)                                                                 \
  CLASS_OF(c), CLASS_OF((c) + 1), CLASS_OF((c) + 2), CLASS_OF((c) + 3),        \
      CLASS_OF((c) + 4), CLASS_OF((c) + 5), CLASS_OF((c) + 6),                 \
      CLASS_OF((c) + 7), CLASS_OF((c) + 8), CLASS_OF((c) + 9),                 \
      CLASS_OF((c) + 10), CLASS_OF((c) + 11), CLASS_OF((c) + 12),              \
      CLASS_OF((c) + 13), CLASS_OF((c) + 14), CLASS_OF((c) + 15)
const uint8_t rj_byte_class[256] = {ROW(0x00), ROW(0x10), ROW(0x20), ROW(0x30),
                                    ROW(0x40), ROW(0x50), ROW(0x60), ROW(0x70),
                                    ROW(0x80), ROW(0x90), ROW(0xa0), ROW(0xb0),
                                    ROW(0xc0), ROW(0xd0), ROW(0xe0), ROW(0xf0)};

/* Where a WeChat AppID ("wx" and 16 lowercase hex digits) whose shape is
 * known to be wrong breaks: the offset of the first wrong byte, or its
 * length when it ends too early. The alphabet check has passed. */
static size_t appid_break(const char *v, size_t len) {
  size_t i;
  if (v[0] != 'w')
    return 0;
  if (len < 2 || v[1] != 'x') /* "w" alone ends at byte 1 */
    return 1;
  for (i = 2; i < len && i < 18; i++)
    if (!(rj_byte_class[(unsigned char)v[i]] & C_HEX_LOWER))
      return i;
  return i;
}

/* The alphabets, as classes and as ranges and single bytes (check.h). */
#define V(c)                                                                   \
  { c, c, c, c, c, c, c, c, c, c, c, c, c, c, c, c }
#define ALPHABET(classes, lo0, hi0, lo1, hi1, lo2, hi2, one0, one1)            \
  {                                                                            \
    {V(lo0), V(lo1), V(lo2)},                                                  \
        {V((hi0) - (lo0)), V((hi1) - (lo1)), V((hi2) - (lo2))},                \
        {V(one0), V(one1)}, (classes)                                          \
  }
/* Slots an alphabet does not need repeat its first range and first byte:
 * a slot of zeros would admit NUL. */
static const rj_alphabet digits =
    ALPHABET(DIGITS, '0', '9', '0', '9', '0', '9', '0', '0');
static const rj_alphabet alnum =
    ALPHABET(ALNUM, '0', '9', 'A', 'Z', 'a', 'z', '0', '0');
static const rj_alphabet id =
    ALPHABET(ID, '0', '9', 'A', 'Z', 'a', 'z', '_', '-');
static const rj_alphabet graph =
    ALPHABET(C_GRAPH, 0x21, 0x7e, 0x21, 0x7e, 0x21, 0x7e, 0x21, 0x21);
const rj_alphabet rj_hex_lower =
    ALPHABET(C_HEX_LOWER, '0', '9', 'a', 'f', '0', '9', '0', '0');

/* Every emitted field's max_len is REPAYJUMP_FIELD_MAX (render.c relies on
 * it); only the api_key, never emitted, has others. */
static const rj_rule appid_strict = {&id, REPAYJUMP_FIELD_MAX, SHAPE_APPID,
                                     "wx followed by 16 lowercase hex digits"};
static const rj_rule any_id = {&id, REPAYJUMP_FIELD_MAX, SHAPE_ANY,
                               "a letter, digit, '_' or '-'"};
static const rj_rule mchid_strict = {&digits, REPAYJUMP_FIELD_MAX, SHAPE_ANY,
                                     "a digit"};
static const rj_rule nonce = {&alnum, REPAYJUMP_FIELD_MAX, SHAPE_ANY,
                              "a letter or digit"};
static const rj_rule key_strict = {&alnum, 32, SHAPE_KEY32,
                                   "exactly 32 letters or digits"};
static const rj_rule key_relaxed = {&graph, 128, SHAPE_ANY,
                                    "printable ASCII other than space"};

/* nonce_str and the openids are the same in both. */
const rj_rule *const rj_rules[REPAYJUMP_FIELD_COUNT][2] = {
    [REPAYJUMP_FIELD_APPID] = {&appid_strict, &any_id},
    [REPAYJUMP_FIELD_MCHID] = {&mchid_strict, &any_id},
    [REPAYJUMP_FIELD_NONCE_STR] = {&nonce, &nonce},
    [REPAYJUMP_FIELD_OPENID] = {&any_id, &any_id},
    [REPAYJUMP_FIELD_SUB_APPID] = {&appid_strict, &any_id},
    [REPAYJUMP_FIELD_SUB_MCHID] = {&mchid_strict, &any_id},
    [REPAYJUMP_FIELD_SUB_OPENID] = {&any_id, &any_id},
    [REPAYJUMP_FIELD_API_KEY] = {&key_strict, &key_relaxed},
};

/* Whitespace and control bytes by name, other printable bytes quoted, the
 * rest in hex, so a message stays one line of ASCII whatever the input
 * holds. */
const char *rj_describe_byte(unsigned char c, char buf[8]) {
  static const char hex[] = "0123456789ABCDEF";
  static const char *const named[] = {
      ['\0'] = "a NUL byte",  ['\t'] = "a tab",
      ['\n'] = "a newline",   ['\v'] = "a vertical tab",
      ['\f'] = "a form feed", ['\r'] = "a carriage return",
      [' '] = "a space",
  };
  if (c < sizeof named / sizeof *named && named[c])
    return named[c];
  if ((rj_byte_class[c] & C_GRAPH) && c != '\'') {
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
                   const char *name, const char *value, size_t len,
                   size_t offset, const char *expected) {
  char buf[8];
  if (offset >= len)
    return rj_fail(err, status, field, offset,
                   "%s: ends at byte %zu; expected %s", name, offset, expected);
  if (field == REPAYJUMP_FIELD_API_KEY)
    return rj_fail(err, status, field, offset,
                   "%s: byte %zu is not allowed; expected %s", name, offset,
                   expected);
  return rj_fail(err, status, field, offset, "%s: byte %zu is %s; expected %s",
                 name, offset,
                 rj_describe_byte((unsigned char)value[offset], buf), expected);
}

/* ---- the slow check, for a failure: which byte, and why ---- */

int rj_explain(int field, const char *name, const char *value, size_t len,
               int relaxed, repayjump_error *err) {
  const rj_rule *r = rj_rules[field][relaxed != 0];
  const unsigned char *v = (const unsigned char *)value;
  size_t i, n = len <= r->max_len ? len : (size_t)r->max_len + 1;

  /* The bug is usually one byte (a space, an '='), which also makes the
   * value too long: the first byte outside the alphabet among the first
   * max_len + 1 comes before the length. */
  for (i = 0; i < n; i++)
    if (!(rj_byte_class[v[i]] & r->alphabet->classes))
      return fail_at(err, REPAYJUMP_E_CHARSET, field, name, value, len, i,
                     r->expected);
  if (len > r->max_len)
    return rj_fail(err, REPAYJUMP_E_TOO_LONG, field, r->max_len,
                   "%s: longer than %u bytes", name, (unsigned)r->max_len);
  /* Length and alphabet hold: the shape is what is wrong, an AppID's or a
   * strict key's (exactly 32 bytes: it ends early). */
  return fail_at(err, REPAYJUMP_E_FORMAT, field, name, value, len,
                 r->shape == SHAPE_APPID ? appid_break(value, len) : len,
                 r->expected);
}
