/* Nonces: exact output from scripted random bytes (rejection of bytes
 * >= 248 included), one randombytes_buf per nonce, the buffer rule, and a
 * chi-square test of uniformity over real randomness. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "fixtures.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* A randombytes implementation that serves a script when one is set, and
 * the system's CSPRNG otherwise; it counts its buf calls. */
static const unsigned char *script;
static size_t script_len, script_pos;
static int buf_calls;

static void scripted_buf(void *const buf, const size_t size) {
  unsigned char *b = buf;
  size_t i;
  buf_calls++;
  if (!script) {
    randombytes_sysrandom_implementation.buf(buf, size);
    return;
  }
  assert_true(script_pos + size <= script_len); /* the script ran out */
  for (i = 0; i < size; i++)
    b[i] = script[script_pos++];
}
static uint32_t scripted_random(void) {
  uint32_t r;
  scripted_buf(&r, sizeof r);
  return r;
}
static const char *scripted_name(void) { return "scripted"; }
static randombytes_implementation scripted = {
    scripted_name, scripted_random, NULL, NULL, scripted_buf, NULL};

static void play(const unsigned char *bytes, size_t n) {
  script = bytes;
  script_len = n;
  script_pos = 0;
  buf_calls = 0;
}
static int stop(void **state) {
  (void)state;
  script = NULL;
  return 0;
}

static void exact_from_bytes(void **state) {
  unsigned char bytes[64];
  char out[33];
  size_t i;
  (void)state;
  for (i = 0; i < sizeof bytes; i++)
    bytes[i] = (unsigned char)i;
  play(bytes, sizeof bytes);
  assert_int_equal(repayjump_nonce(out, sizeof out, 32), REPAYJUMP_OK);
  assert_string_equal(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef");
  assert_int_equal(buf_calls, 1);
  assert_int_equal(script_pos, 64); /* one 64-byte request */
}

/* 247 is the last accepted byte and maps like 61; 248..255 are skipped. */
static void rejection_boundary(void **state) {
  unsigned char bytes[64] = {248, 0, 255, 61, 62, 123, 247, 186, 249, 185};
  char out[8];
  (void)state;
  play(bytes, sizeof bytes);
  assert_int_equal(repayjump_nonce(out, sizeof out, 7), REPAYJUMP_OK);
  assert_string_equal(out, "A9A99A9");
  assert_int_equal(buf_calls, 1);
}

/* When the 64 bytes run out, a second request continues the nonce. */
static void refill_after_rejections(void **state) {
  unsigned char bytes[128];
  char out[33];
  (void)state;
  memset(bytes, 250, 40);
  memset(bytes + 40, 1, 24);
  memset(bytes + 64, 2, 64);
  play(bytes, sizeof bytes);
  assert_int_equal(repayjump_nonce(out, sizeof out, 32), REPAYJUMP_OK);
  assert_string_equal(out, "BBBBBBBBBBBBBBBBBBBBBBBBCCCCCCCC");
  assert_int_equal(buf_calls, 2);
}

static void all_rejected(void **state) {
  unsigned char bytes[128];
  char out[5];
  size_t i;
  (void)state;
  for (i = 0; i < 64; i++)
    bytes[i] = (unsigned char)(248 + i % 8);
  for (i = 64; i < 128; i++)
    bytes[i] = (unsigned char)(i - 64 + 26);
  play(bytes, sizeof bytes);
  assert_int_equal(repayjump_nonce(out, sizeof out, 4), REPAYJUMP_OK);
  assert_string_equal(out, "abcd");
  assert_int_equal(buf_calls, 2);
}

/* compose without a nonce makes one randombytes_buf call. */
static void compose_draws_once(void **state) {
  static repayjump_result r;
  unsigned char bytes[64];
  repayjump_params p = fixture(REPAYJUMP_V3_MERCHANT);
  size_t i;
  (void)state;
  for (i = 0; i < sizeof bytes; i++)
    bytes[i] = (unsigned char)(i + 10);
  p.nonce_str = NULL;
  play(bytes, sizeof bytes);
  assert_int_equal(repayjump_compose(&p, &r, NULL), REPAYJUMP_OK);
  assert_int_equal(buf_calls, 1);
  assert_string_equal(r.nonce_str, "KLMNOPQRSTUVWXYZabcdefghijklmnop");
  assert_non_null(
      strstr(r.app_path, "&nonce_str=KLMNOPQRSTUVWXYZabcdefghijklmnop&"));
}

static void nonce_arguments(void **state) {
  char out[40];
  size_t len;
  (void)state;
  memset(out, 'x', sizeof out);
  assert_int_equal(repayjump_nonce(out, sizeof out, 0), REPAYJUMP_E_ARG);
  assert_int_equal(out[0], '\0');
  assert_int_equal(repayjump_nonce(out, sizeof out, 33), REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_nonce(NULL, 0, 16), REPAYJUMP_OK);
  assert_int_equal(repayjump_nonce(NULL, 17, 16), REPAYJUMP_E_ARG);
  memset(out, 'x', sizeof out);
  assert_int_equal(repayjump_nonce(out, 16, 16), REPAYJUMP_E_BUFFER);
  assert_int_equal(out[0], '\0');
  assert_int_equal(out[1], 'x');
  for (len = 1; len <= REPAYJUMP_FIELD_MAX; len++) {
    memset(out, 'x', sizeof out);
    assert_int_equal(repayjump_nonce(out, len + 1, len), REPAYJUMP_OK);
    assert_int_equal(strlen(out), len);
    assert_int_equal(strspn(out, alphabet), len);
  }
}

/* Chi-square with 61 degrees of freedom: P(X > 130) = 6.6e-7, so a
 * uniform generator fails this test less than once in a million runs. */
#define CHI2_LIMIT 130.0
#define SAMPLES (20000 * 32)

static double chi_square(const unsigned long counts[62], unsigned long total) {
  double expected = (double)total / 62.0, x = 0;
  int i;
  for (i = 0; i < 62; i++) {
    double d = (double)counts[i] - expected;
    x += d * d / expected;
  }
  return x;
}

static void uniform_over_real_randomness(void **state) {
  unsigned long counts[62] = {0};
  char out[33];
  unsigned long n = 0;
  double x;
  (void)state;
  while (n < SAMPLES) {
    int i;
    assert_int_equal(repayjump_nonce(out, sizeof out, 32), REPAYJUMP_OK);
    for (i = 0; i < 32; i++, n++) {
      const char *at = strchr(alphabet, out[i]);
      assert_non_null(at);
      counts[at - alphabet]++;
    }
  }
  x = chi_square(counts, n);
  print_message("chi-square of %lu nonce characters: %.1f (limit %.0f)\n", n, x,
                CHI2_LIMIT);
  assert_true(x < CHI2_LIMIT);
}

/* The same test rejects the usual mistake, byte % 62 without rejection. */
static void test_detects_modulo_bias(void **state) {
  unsigned long counts[62] = {0};
  unsigned char bytes[4096];
  unsigned long n = 0;
  (void)state;
  while (n < SAMPLES) {
    size_t i;
    randombytes_buf(bytes, sizeof bytes);
    for (i = 0; i < sizeof bytes && n < SAMPLES; i++, n++)
      counts[bytes[i] % 62]++;
  }
  assert_true(chi_square(counts, n) > CHI2_LIMIT);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_teardown(exact_from_bytes, stop),
      cmocka_unit_test_teardown(rejection_boundary, stop),
      cmocka_unit_test_teardown(refill_after_rejections, stop),
      cmocka_unit_test_teardown(all_rejected, stop),
      cmocka_unit_test_teardown(compose_draws_once, stop),
      cmocka_unit_test(nonce_arguments),
      cmocka_unit_test(uniform_over_real_randomness),
      cmocka_unit_test(test_detects_modulo_bias),
  };
  /* Before sodium_init, as libsodium requires; init itself draws bytes. */
  randombytes_set_implementation(&scripted);
  if (repayjump_init() != REPAYJUMP_OK)
    return 1;
  return cmocka_run_group_tests(tests, NULL, NULL);
}
