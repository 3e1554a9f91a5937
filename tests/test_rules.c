/* The rules' internals, through the static library: NUL is in no
 * alphabet, in the vector check and in the byte-by-byte explanation, at
 * any offset of any length; values are pointer and length; bytes are
 * named in messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "check.h"

/* The example of the contract: "12\0" "4" is not 4 digits. */
static void nul_is_no_digit(void **state) {
  const rj_rule *mchid = rj_rules[REPAYJUMP_FIELD_MCHID][0];
  (void)state;
  assert_false(rj_all_in((const unsigned char *)"12\0"
                                                "4",
                         4, mchid->alphabet));
  assert_true(rj_all_in((const unsigned char *)"1234", 4, mchid->alphabet));
  assert_false(rj_value_ok(mchid,
                           "12\0"
                           "4",
                           4));
}

/* A NUL at each offset of values of lengths 1 to 40 (every gather shape
 * and vector boundary), in every field's alphabet, strict and relaxed. */
static void nul_in_no_alphabet(void **state) {
  char value[48];
  int f, relaxed;
  size_t len, at;
  (void)state;
  for (f = 1; f < REPAYJUMP_FIELD_COUNT; f++)
    for (relaxed = 0; relaxed < 2; relaxed++) {
      const rj_alphabet *a = rj_rules[f][relaxed]->alphabet;
      for (len = 1; len <= 40; len++)
        for (at = 0; at < len; at++) {
          memset(value, '7', sizeof value); /* a digit: in every alphabet */
          value[at] = '\0';
          assert_false(rj_all_in((const unsigned char *)value, len, a));
          value[at] = '7';
          assert_true(rj_all_in((const unsigned char *)value, len, a));
        }
    }
}

/* The explanation reads pointer and length: a NUL is a byte like any
 * other, and no byte past max + 1 is read (the rest is not even there). */
static void explain_pointer_and_length(void **state) {
  repayjump_error err;
  (void)state;
  assert_int_equal(
      rj_explain(REPAYJUMP_FIELD_OPENID, "openid", "oUpF\0evil", 9, 0, &err),
      REPAYJUMP_E_CHARSET);
  assert_int_equal(err.offset, 4);
  assert_string_equal(err.message, "openid: byte 4 is a NUL byte; expected a "
                                   "letter, digit, '_' or '-'");
  /* 33 allowed bytes of a value said to be a million long. */
  assert_int_equal(rj_explain(REPAYJUMP_FIELD_NONCE_STR, "nonce_str",
                              "abcdefghijklmnopqrstuvwxyzABCDEFG", 1000000, 0,
                              &err),
                   REPAYJUMP_E_TOO_LONG);
  assert_int_equal(err.offset, 32);
  /* The name given is the one in the message (a key as written). */
  assert_int_equal(
      rj_explain(REPAYJUMP_FIELD_SUB_MCHID, "sub_mch_id", "1x", 2, 0, &err),
      REPAYJUMP_E_CHARSET);
  assert_string_equal(err.message,
                      "sub_mch_id: byte 1 is 'x'; expected a digit");
  /* A strict AppID that is just "w" ends at byte 1, read no further. */
  assert_int_equal(rj_explain(REPAYJUMP_FIELD_APPID, "appid", "w", 1, 0, &err),
                   REPAYJUMP_E_FORMAT);
  assert_int_equal(err.offset, 1);
}

static void bytes_named(void **state) {
  static const struct {
    unsigned char c;
    const char *name;
  } cases[] = {{0, "a NUL byte"},     {'\t', "a tab"},
               {'\n', "a newline"},   {'\v', "a vertical tab"},
               {'\f', "a form feed"}, {'\r', "a carriage return"},
               {' ', "a space"},      {'x', "'x'"},
               {'\'', "0x27"},        {0x01, "0x01"},
               {0x7f, "0x7F"},        {0xC3, "0xC3"}};
  size_t i;
  (void)state;
  for (i = 0; i < sizeof cases / sizeof *cases; i++) {
    char buf[8];
    assert_string_equal(rj_describe_byte(cases[i].c, buf), cases[i].name);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(nul_is_no_digit),
      cmocka_unit_test(nul_in_no_alphabet),
      cmocka_unit_test(explain_pointer_and_length),
      cmocka_unit_test(bytes_named),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
