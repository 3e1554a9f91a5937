/* Nonces: the byte-to-character rule (rejection of bytes >= 248 included),
 * the pool (exact output from a scripted seed, one seed for many nonces,
 * discarded on fork), the buffer rule, and a chi-square test of uniformity
 * over real randomness. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <sodium.h>

#include "fixtures.h"
#include "internal.h"

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

/* rj_nonce_map over bytes[0..n) for len characters; returns the count. */
static size_t map(char *out, size_t len, const unsigned char *bytes, size_t n,
                  size_t *used) {
  size_t got = rj_nonce_map(out, len, bytes, n, used);
  out[got] = '\0';
  return got;
}

static void exact_from_bytes(void **state) {
  unsigned char bytes[64];
  char out[33];
  size_t i, used = 0;
  (void)state;
  for (i = 0; i < sizeof bytes; i++)
    bytes[i] = (unsigned char)i;
  assert_int_equal(map(out, 32, bytes, sizeof bytes, &used), 32);
  assert_string_equal(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef");
  assert_int_equal(used, 32);
}

/* 247 is the last accepted byte and maps like 61; 248..255 are skipped. */
static void rejection_boundary(void **state) {
  unsigned char bytes[10] = {248, 0, 255, 61, 62, 123, 247, 186, 249, 185};
  char out[8];
  size_t used = 0;
  (void)state;
  assert_int_equal(map(out, 7, bytes, sizeof bytes, &used), 7);
  assert_string_equal(out, "A9A99A9");
  assert_int_equal(used, 10);
}

/* When the bytes run out the count is short, and the next call goes on. */
static void bytes_run_out(void **state) {
  unsigned char bytes[8] = {250, 1, 251, 2, 252, 253, 254, 255};
  char out[8];
  size_t used = 0;
  (void)state;
  assert_int_equal(map(out, 4, bytes, sizeof bytes, &used), 2);
  assert_string_equal(out, "BC");
  assert_int_equal(used, 8);
  assert_int_equal(map(out, 4, bytes, sizeof bytes, &used), 0);
}

/* The pool: the ChaCha20 keystream of one scripted seed, mapped by the
 * rule above, written here independently of the library. */
#define POOL_BYTES 4096
static unsigned char keystream[2][POOL_BYTES];
static unsigned char seeds[2 * randombytes_SEEDBYTES];

static void expect_pools(void) {
  size_t k, i;
  for (k = 0; k < 2; k++) {
    unsigned char *seed = seeds + k * randombytes_SEEDBYTES;
    for (i = 0; i < randombytes_SEEDBYTES; i++)
      seed[i] = (unsigned char)(7 * i + 100 * k);
    randombytes_buf_deterministic(keystream[k], POOL_BYTES, seed);
  }
  rj_nonce_discard();
  play(seeds, sizeof seeds);
}

/* The characters the pools give, in order: pool 0, then pool 1. */
static size_t expected_chars(char *out, size_t max) {
  size_t n = 0, i;
  int k;
  for (k = 0; k < 2; k++)
    for (i = 0; i < POOL_BYTES && n < max; i++)
      if (keystream[k][i] < 248)
        out[n++] = alphabet[keystream[k][i] % 62];
  return n;
}

static void pool_serves_many_nonces_per_seed(void **state) {
  static char want[2 * POOL_BYTES];
  char out[33];
  size_t total, served = 0;
  (void)state;
  expect_pools();
  total = expected_chars(want, sizeof want);
  /* Every nonce the first seed can serve whole, then one that straddles
   * the two pools. */
  while (buf_calls < 2) {
    assert_int_equal(repayjump_nonce(out, sizeof out, 32), REPAYJUMP_OK);
    assert_memory_equal(out, want + 32 * served, 32);
    served++;
  }
  assert_true(32 * served <= total);
  assert_int_equal(script_pos, 2 * randombytes_SEEDBYTES);
  print_message("one seed served %zu nonces\n", served - 1);
  assert_true(served - 1 >= 64);
}

/* compose without a nonce draws from the pool: one seed for many. */
static void compose_draws_from_pool(void **state) {
  static repayjump_result r;
  static char want[2 * POOL_BYTES];
  char path_part[64];
  repayjump_params p = fixture(REPAYJUMP_V3_MERCHANT);
  size_t i;
  (void)state;
  expect_pools();
  expected_chars(want, sizeof want);
  p.nonce_str = NULL;
  for (i = 0; i < 10; i++) {
    assert_int_equal(repayjump_compose(&p, &r, NULL), REPAYJUMP_OK);
    assert_memory_equal(r.nonce_str, want + 32 * i, 32);
    snprintf(path_part, sizeof path_part, "&nonce_str=%s&", r.nonce_str);
    assert_non_null(strstr(r.app_path, path_part));
  }
  assert_int_equal(buf_calls, 1);
}

/* Discarding the pool (as fork's child does) draws a new seed. */
static void discard_draws_a_new_seed(void **state) {
  char a[33], b[33];
  (void)state;
  expect_pools();
  assert_int_equal(repayjump_nonce(a, sizeof a, 32), REPAYJUMP_OK);
  rj_nonce_discard();
  assert_int_equal(repayjump_nonce(b, sizeof b, 32), REPAYJUMP_OK);
  assert_int_equal(buf_calls, 2);
  assert_string_not_equal(a, b);
}

/* A child of fork() must not repeat the nonces its parent goes on to
 * make: without the discard, both would read the same pool. */
static void fork_child_gets_its_own_nonces(void **state) {
  char parent[33], child[33] = {0};
  int fds[2], status;
  pid_t pid;
  (void)state;
  stop(NULL); /* real randomness */
  assert_int_equal(repayjump_nonce(parent, sizeof parent, 32), REPAYJUMP_OK);
  assert_int_equal(pipe(fds), 0);
  fflush(NULL); /* the child exits through exit(), flushing its copies */
  pid = fork();
  assert_true(pid >= 0);
  if (pid == 0) {
    char mine[33];
    int ok = repayjump_nonce(mine, sizeof mine, 32) == REPAYJUMP_OK &&
             write(fds[1], mine, 32) == 32;
    exit(ok ? 0 : 1); /* exit, not _exit: coverage counts the child too */
  }
  close(fds[1]);
  assert_int_equal(read(fds[0], child, 32), 32);
  close(fds[0]);
  assert_int_equal(waitpid(pid, &status, 0), pid);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  assert_int_equal(repayjump_nonce(parent, sizeof parent, 32), REPAYJUMP_OK);
  assert_string_not_equal(parent, child);
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
#define SAMPLES (20000UL * 32) /* in the counters' type, unsigned long */

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
      cmocka_unit_test(exact_from_bytes),
      cmocka_unit_test(rejection_boundary),
      cmocka_unit_test(bytes_run_out),
      cmocka_unit_test_teardown(pool_serves_many_nonces_per_seed, stop),
      cmocka_unit_test_teardown(compose_draws_from_pool, stop),
      cmocka_unit_test_teardown(discard_draws_a_new_seed, stop),
      cmocka_unit_test(fork_child_gets_its_own_nonces),
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
