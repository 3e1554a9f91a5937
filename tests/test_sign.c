/* The APIv2 signature: WeChat's published example, sorting, empty values,
 * long keys, and repayjump_sign's arguments. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"
#include "internal.h"

#define PAIR(k, v)                                                             \
  { RJ_STR(k), RJ_STR(v) }
#define WECHAT_KEY "192006250b4c09247ec02edce69f6a2d"
#define WECHAT_SIGN                                                            \
  "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6"

/* WeChat Pay's documented example, given in an unsorted order and with an
 * empty value that must be left out of the signed string. */
static void wechat_example(void **state) {
  const rj_kv pairs[] = {
      PAIR("nonce_str", "ibuaiVcKdpRxkhJA"),
      PAIR("mch_id", "10000100"),
      PAIR("device_info", "1000"),
      PAIR("attach", ""),
      PAIR("body", "test"),
      PAIR("appid", "wxd930ea5d5a258f4f"),
  };
  char sign[REPAYJUMP_SIGN_LEN + 1];
  (void)state;
  rj_sign(pairs, sizeof pairs / sizeof *pairs, WECHAT_KEY,
          sizeof WECHAT_KEY - 1, sign);
  assert_string_equal(sign, WECHAT_SIGN);
  /* One byte of the key changed changes the signature. */
  rj_sign(pairs, sizeof pairs / sizeof *pairs, WECHAT_KEY,
          sizeof WECHAT_KEY - 2, sign);
  assert_string_not_equal(sign, WECHAT_SIGN);
}

/* Keys sort in byte order: "mch_id" < "mchid" ('_' is 0x5F, 'i' 0x69), and
 * a key sorts before the longer keys it prefixes ("nonce" < "nonce_str"). */
static void sort_is_byte_order(void **state) {
  const rj_kv a[] = {PAIR("mchid", "1"), PAIR("mch_id", "2"),
                     PAIR("nonce_str", "3"), PAIR("nonce", "4")};
  const rj_kv b[] = {PAIR("nonce", "4"), PAIR("mch_id", "2"),
                     PAIR("mchid", "1"), PAIR("nonce_str", "3")};
  char sa[REPAYJUMP_SIGN_LEN + 1], sb[REPAYJUMP_SIGN_LEN + 1];
  (void)state;
  rj_sign(a, 4, "k", 1, sa);
  rj_sign(b, 4, "k", 1, sb);
  assert_string_equal(sa, sb);
  /* HMAC-SHA256("k", "mch_id=2&mchid=1&nonce=4&nonce_str=3&key=k"), from
   * Python's hmac. */
  assert_string_equal(
      sa, "2EEB41F9C520C718B334C8C51CC972061B1340423E92BF0EAD1B854A340AF5B4");
}

/* A pair keyed "sign" is not signed: an answer's own sign is among its
 * fields. "signs" and "sig" are other keys. */
static void sign_is_not_signed(void **state) {
  const rj_kv with[] = {PAIR("a", "1"), PAIR("sign", "X"), PAIR("b", "2")};
  const rj_kv without[] = {PAIR("a", "1"), PAIR("b", "2")};
  const rj_kv others[] = {PAIR("a", "1"), PAIR("signs", "X"), PAIR("b", "2")};
  const rj_kv shorter[] = {PAIR("a", "1"), PAIR("sig", "X"), PAIR("b", "2")};
  char s1[REPAYJUMP_SIGN_LEN + 1], s2[REPAYJUMP_SIGN_LEN + 1];
  (void)state;
  rj_sign(with, 3, "k", 1, s1);
  rj_sign(without, 2, "k", 1, s2);
  assert_string_equal(s1, s2);
  rj_sign(others, 3, "k", 1, s1);
  assert_string_not_equal(s1, s2);
  rj_sign(shorter, 3, "k", 1, s1);
  assert_string_not_equal(s1, s2);
}

/* A relaxed key longer than SHA-256's block (128 bytes), from Python. */
static void long_relaxed_key(void **state) {
  static const char key128[] =
      "XQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9Z!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
      "XQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9Z";
  repayjump_params p = fixture(REPAYJUMP_V2_MERCHANT);
  char sign[REPAYJUMP_SIGN_LEN + 1];
  (void)state;
  assert_int_equal(sizeof key128 - 1, 128);
  p.flags = REPAYJUMP_RELAXED;
  p.api_key = key128;
  assert_int_equal(repayjump_sign(&p, sign, sizeof sign, NULL), REPAYJUMP_OK);
  assert_string_equal(
      sign, "CBCCF179C7DB55ACFDF4609CFCCCDA846D6C28F15C5D3C32D9F908DA3D2A1A6C");
}

static void sign_arguments(void **state) {
  repayjump_params p = fixture(REPAYJUMP_V2_PARTNER);
  repayjump_error err;
  char sign[REPAYJUMP_SIGN_LEN + 2];
  (void)state;
  /* size query, then cap 64 too small, 65 enough */
  assert_int_equal(repayjump_sign(&p, NULL, 0, &err), REPAYJUMP_OK);
  memset(sign, 'x', sizeof sign);
  assert_int_equal(repayjump_sign(&p, sign, REPAYJUMP_SIGN_LEN, &err),
                   REPAYJUMP_E_BUFFER);
  assert_int_equal(err.status, REPAYJUMP_E_BUFFER);
  assert_int_equal(sign[0], '\0');
  assert_int_equal(sign[1], 'x');
  assert_int_equal(repayjump_sign(&p, sign, REPAYJUMP_SIGN_LEN + 1, &err),
                   REPAYJUMP_OK);
  assert_int_equal(strlen(sign), REPAYJUMP_SIGN_LEN);
  assert_int_equal(repayjump_sign(&p, NULL, 65, &err), REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_sign(NULL, sign, sizeof sign, &err),
                   REPAYJUMP_E_ARG);
  assert_int_equal(sign[0], '\0');

  /* v3 variants are not signed */
  p = fixture(REPAYJUMP_V3_PARTNER);
  assert_int_equal(repayjump_sign(&p, sign, sizeof sign, &err),
                   REPAYJUMP_E_ARG);
  assert_string_equal(err.message,
                      "variant: the APIv3 partner variant is not signed");

  /* the nonce is signed, so it must be there; a bad field is reported */
  p = fixture(REPAYJUMP_V2_MERCHANT);
  p.nonce_str = NULL;
  assert_int_equal(repayjump_sign(&p, sign, sizeof sign, &err),
                   REPAYJUMP_E_MISSING);
  assert_int_equal(err.field, REPAYJUMP_FIELD_NONCE_STR);
  p = fixture(REPAYJUMP_V2_MERCHANT);
  p.api_key = "short";
  assert_int_equal(repayjump_sign(&p, sign, sizeof sign, &err),
                   REPAYJUMP_E_FORMAT);
  assert_int_equal(err.field, REPAYJUMP_FIELD_API_KEY);
  assert_int_equal(err.offset, 5);
}

/* At most RJ_SIGN_MAX pairs are signed (the sort has that many slots): a
 * pair past them is ignored, here one that would sort first. */
static void pairs_past_capacity_ignored(void **state) {
  static char keys[RJ_SIGN_MAX + 1][4];
  rj_kv pairs[RJ_SIGN_MAX + 1];
  char all[REPAYJUMP_SIGN_LEN + 1], capped[REPAYJUMP_SIGN_LEN + 1];
  size_t i;
  (void)state;
  assert_int_equal(RJ_SIGN_MAX, 48);
  for (i = 0; i < RJ_SIGN_MAX; i++) {
    snprintf(keys[i], sizeof keys[i], "k%02zu", i);
    pairs[i].key.s = pairs[i].val.s = keys[i];
    pairs[i].key.n = pairs[i].val.n = 3;
  }
  pairs[RJ_SIGN_MAX].key.s = pairs[RJ_SIGN_MAX].val.s = "a0";
  pairs[RJ_SIGN_MAX].key.n = pairs[RJ_SIGN_MAX].val.n = 2;
  rj_sign(pairs, RJ_SIGN_MAX + 1, "k", 1, all);
  rj_sign(pairs, RJ_SIGN_MAX, "k", 1, capped);
  assert_string_equal(all, capped);
  rj_sign(pairs + 1, RJ_SIGN_MAX, "k", 1, capped); /* a0 signed here */
  assert_string_not_equal(all, capped);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(wechat_example),
      cmocka_unit_test(sort_is_byte_order),
      cmocka_unit_test(sign_is_not_signed),
      cmocka_unit_test(long_relaxed_key),
      cmocka_unit_test(sign_arguments),
      cmocka_unit_test(pairs_past_capacity_ignored),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
