/* Nonces across fork(): a process that made nonces forks, then parent and
 * child each make many more. If any random state survived the fork
 * unrefreshed (a buffer, a pool, a generator's key), both would produce
 * the same nonces. The child sends its nonces to the parent through a
 * pipe; no nonce may appear twice, nor repeat one made before the fork.
 * Only the public API is used, so whatever the library keeps is covered.
 * Done once from the main thread and once from another thread. */
#define _POSIX_C_SOURCE 200809L /* fork, pipe, waitpid under -std=c11 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <errno.h>
#include <pthread.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixtures.h"

#define NONCE_LEN REPAYJUMP_FIELD_MAX
#define BEFORE 64 /* nonces made before the fork */
#define AFTER 512 /* nonces made by each side after it */

typedef char nonce_t[NONCE_LEN + 1];

/* Every other nonce through compose, which draws its nonce itself. */
static int make_nonce(int i, char *out) {
  if (i % 2) {
    repayjump_params p = fixture(REPAYJUMP_V3_MERCHANT);
    repayjump_result r;
    p.nonce_str = NULL;
    if (repayjump_compose(&p, &r, NULL) != REPAYJUMP_OK)
      return -1;
    memcpy(out, r.nonce_str, sizeof(nonce_t));
  } else if (repayjump_nonce(out, sizeof(nonce_t), NONCE_LEN) != REPAYJUMP_OK) {
    return -1;
  }
  return strspn(out, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     "0123456789") == NONCE_LEN &&
                 out[NONCE_LEN] == '\0'
             ? 0
             : -1;
}

static int write_all(int fd, const char *buf, size_t n) {
  while (n) {
    ssize_t w = write(fd, buf, n);
    if (w < 0 && errno == EINTR)
      continue;
    if (w <= 0)
      return -1;
    buf += w;
    n -= (size_t)w;
  }
  return 0;
}

/* The child: make AFTER nonces, send them, and exit without returning into
 * the test runner. Exit status 0 only if every nonce was made and sent. */
static void child(int fd) {
  nonce_t nonce;
  int i;
  for (i = 0; i < AFTER; i++)
    if (make_nonce(i, nonce) || write_all(fd, nonce, NONCE_LEN))
      _exit(1);
  _exit(close(fd) ? 1 : 0);
}

static int by_bytes(const void *a, const void *b) {
  return memcmp(a, b, sizeof(nonce_t));
}

/* What the parent holds after a fork: its own nonces before and after,
 * and the child's. Filled by fork_and_collect, checked by the caller. */
typedef struct collected {
  nonce_t all[BEFORE + 2 * AFTER];
  size_t n;
  int child_status;
  const char *failure; /* NULL when everything was made and received */
} collected;

/* The child's nonces, from fd into c after the n already there; returns
 * the bytes read (any extra byte counts, to be reported). */
static size_t read_child_nonces(int fd, collected *c) {
  size_t got = 0;
  for (;;) {
    char buf[NONCE_LEN * 16];
    ssize_t r = read(fd, buf, sizeof buf);
    ssize_t k;
    if (r < 0 && errno == EINTR)
      continue;
    if (r <= 0)
      return got;
    for (k = 0; k < r; k++, got++)
      if (got < (size_t)AFTER * NONCE_LEN) {
        c->all[c->n + got / NONCE_LEN][got % NONCE_LEN] = buf[k];
        c->all[c->n + got / NONCE_LEN][NONCE_LEN] = '\0';
      }
  }
}

static void fork_and_collect(collected *c) {
  int fds[2], i;
  size_t got;
  pid_t pid;

  c->n = 0;
  c->failure = NULL;
  for (i = 0; i < BEFORE; i++, c->n++)
    if (make_nonce(i, c->all[c->n])) {
      c->failure = "a nonce before the fork failed";
      return;
    }
  if (pipe(fds)) {
    c->failure = "pipe failed";
    return;
  }
  pid = fork();
  if (pid < 0) {
    c->failure = "fork failed";
    return;
  }
  if (pid == 0) {
    close(fds[0]);
    child(fds[1]);
  }
  close(fds[1]);
  for (i = 0; i < AFTER; i++, c->n++)
    if (make_nonce(i, c->all[c->n]) && !c->failure)
      c->failure = "a nonce in the parent failed";
  got = read_child_nonces(fds[0], c);
  close(fds[0]);
  while (waitpid(pid, &c->child_status, 0) < 0 && errno == EINTR)
    ;
  if (got != (size_t)AFTER * NONCE_LEN && !c->failure)
    c->failure = "the child sent too few or too many bytes";
  c->n += got < (size_t)AFTER * NONCE_LEN ? got / NONCE_LEN : AFTER;
}

static void check_collected(collected *c) {
  size_t i;
  if (c->failure)
    fail_msg("%s", c->failure);
  assert_true(WIFEXITED(c->child_status));
  assert_int_equal(WEXITSTATUS(c->child_status), 0);
  assert_int_equal(c->n, BEFORE + 2 * AFTER);
  /* Before, parent after and child after, all together: 62^32 possible
   * nonces, so a repeat anywhere means shared state. */
  qsort(c->all, c->n, sizeof c->all[0], by_bytes);
  for (i = 1; i < c->n; i++)
    if (!memcmp(c->all[i - 1], c->all[i], sizeof c->all[i]))
      fail_msg("nonce %s made twice across fork()", c->all[i]);
}

static void fork_from_main_thread(void **state) {
  static collected c;
  (void)state;
  fork_and_collect(&c);
  check_collected(&c);
}

static void *fork_in_thread(void *arg) {
  fork_and_collect(arg);
  return NULL;
}

/* The forking thread is the one whose state (if any is per thread) the
 * child inherits; the main thread makes nonces meanwhile. */
static void fork_from_another_thread(void **state) {
  static collected c;
  nonce_t nonce;
  pthread_t t;
  int i;
  (void)state;
  assert_int_equal(pthread_create(&t, NULL, fork_in_thread, &c), 0);
  for (i = 0; i < 16; i++)
    assert_int_equal(make_nonce(i, nonce), 0);
  assert_int_equal(pthread_join(t, NULL), 0);
  check_collected(&c);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(fork_from_main_thread),
      cmocka_unit_test(fork_from_another_thread),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
