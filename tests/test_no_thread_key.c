/* The nonce pool registers a thread-specific key to wipe itself when its
 * thread exits. When the process has used up its keys (PTHREAD_KEYS_MAX),
 * the pool must still serve nonces, from every thread, only without that
 * wipe. */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* A nonce made in another thread, and the status it was made with. */
typedef struct nonce_job {
  char nonce[33];
  int rc;
} nonce_job;

static void *nonce_in_thread(void *arg) {
  nonce_job *job = arg;
  job->rc = repayjump_nonce(job->nonce, sizeof job->nonce, 32);
  return NULL;
}

static void nonces_without_a_key(void **state) {
  static pthread_key_t keys[4096];
  char a[33];
  nonce_job b = {{0}, -1};
  pthread_t thread;
  size_t n = 0;
  (void)state;
  /* Before the library's first nonce, so that no key is left for it. */
  while (n < sizeof keys / sizeof *keys &&
         pthread_key_create(&keys[n], NULL) == 0)
    n++;
  assert_true(n < sizeof keys / sizeof *keys); /* the keys did run out */

  assert_int_equal(repayjump_nonce(a, sizeof a, 32), REPAYJUMP_OK);
  assert_int_equal(pthread_create(&thread, NULL, nonce_in_thread, &b), 0);
  assert_int_equal(pthread_join(thread, NULL), 0);
  assert_int_equal(b.rc, REPAYJUMP_OK);
  assert_int_equal(strspn(a, alphabet), 32);
  assert_int_equal(strspn(b.nonce, alphabet), 32);
  assert_string_not_equal(a, b.nonce);
  while (n > 0)
    pthread_key_delete(keys[--n]);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(nonces_without_a_key),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
