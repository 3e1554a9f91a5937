/* Nonces: uniform over [A-Za-z0-9], from a per-thread pool of ChaCha20
 * keystream that one randombytes_buf seeds.
 *
 * A system call (getrandom) costs more than everything else a compose does,
 * so one 32-byte seed from libsodium's CSPRNG is expanded with
 * randombytes_buf_deterministic (ChaCha20) into POOL_BYTES bytes, enough
 * for about 124 nonces. The pool is per thread, so no lock; it is discarded
 * in the child of fork(), so that parent and child never share a nonce;
 * and wiped when its thread exits. */
#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "internal.h"

/* 248 = 4 * 62: bytes below it map to each character exactly 4 ways; bytes
 * >= 248 are skipped (rejection sampling), so there is no modulo bias. */
#define ACCEPT_BELOW 248
#define POOL_BYTES 4096

#define CHAR_OF(i)                                                             \
  ((i) < 26 ? 'A' + (i) : (i) < 52 ? 'a' + (i)-26 : '0' + (i)-52)
#define MAP(b) ((char)((b) < ACCEPT_BELOW ? CHAR_OF((b) % 62) : 0))
#define MAP_ROW(b)                                                             \
  MAP(b), MAP((b) + 1), MAP((b) + 2), MAP((b) + 3), MAP((b) + 4),              \
      MAP((b) + 5), MAP((b) + 6), MAP((b) + 7), MAP((b) + 8), MAP((b) + 9),    \
      MAP((b) + 10), MAP((b) + 11), MAP((b) + 12), MAP((b) + 13),              \
      MAP((b) + 14), MAP((b) + 15)
/* Each byte's character; 0 for the rejected ones. */
static const char char_of_byte[256] = {
    MAP_ROW(0x00), MAP_ROW(0x10), MAP_ROW(0x20), MAP_ROW(0x30),
    MAP_ROW(0x40), MAP_ROW(0x50), MAP_ROW(0x60), MAP_ROW(0x70),
    MAP_ROW(0x80), MAP_ROW(0x90), MAP_ROW(0xa0), MAP_ROW(0xb0),
    MAP_ROW(0xc0), MAP_ROW(0xd0), MAP_ROW(0xe0), MAP_ROW(0xf0)};

typedef struct pool {
  unsigned char bytes[POOL_BYTES];
  size_t used; /* POOL_BYTES when empty */
  int registered;
} pool;

static _Thread_local pool thread_pool = {{0}, POOL_BYTES, 0};

/* The thread's pool, looked up once per nonce: in a shared library each
 * lookup of a thread-local variable is a call. */
__attribute__((noinline)) static pool *this_thread_pool(void) {
  return &thread_pool;
}

static pthread_once_t setup_once = PTHREAD_ONCE_INIT;
static pthread_key_t exit_key;
static int exit_key_made;

/* fork(): the child runs in the forking thread's copy, and must not hand
 * out the nonces its parent will. */
static void discard_in_child(void) { rj_nonce_discard(); }

static void wipe(pool *p) {
  sodium_memzero(p, sizeof *p);
  p->used = POOL_BYTES; /* empty, not full of zeros */
}

/* Thread exit: the destructor gets the thread's own pool. */
static void wipe_at_exit(void *p) { wipe(p); }

static void setup(void) {
  pthread_atfork(NULL, NULL, discard_in_child);
  exit_key_made = pthread_key_create(&exit_key, wipe_at_exit) == 0;
}

/* Unloading the library (dlclose) must not leave glibc a destructor to
 * call at the next thread exit. */
__attribute__((destructor)) static void teardown(void) {
  if (exit_key_made)
    pthread_key_delete(exit_key);
}

void rj_nonce_discard(void) { wipe(this_thread_pool()); }

static void refill(pool *p) {
  unsigned char seed[randombytes_SEEDBYTES];
  if (!p->registered) {
    pthread_once(&setup_once, setup);
    if (exit_key_made)
      pthread_setspecific(exit_key, p);
    p->registered = 1;
  }
  randombytes_buf(seed, sizeof seed);
  randombytes_buf_deterministic(p->bytes, sizeof p->bytes, seed);
  sodium_memzero(seed, sizeof seed);
  p->used = 0;
}

size_t rj_nonce_map(char *out, size_t len, const unsigned char *bytes, size_t n,
                    size_t *used) {
  const unsigned char *b = bytes + *used, *end = bytes + n;
  char *o = out, *stop = out + len;
  /* Four bytes a round while at least four characters are wanted. */
  while (stop - o >= 4 && end - b >= 4) {
    char c0 = char_of_byte[b[0]], c1 = char_of_byte[b[1]];
    char c2 = char_of_byte[b[2]], c3 = char_of_byte[b[3]];
    *o = c0;
    o += c0 != 0; /* a rejected byte's slot is written again */
    *o = c1;
    o += c1 != 0;
    *o = c2;
    o += c2 != 0;
    *o = c3;
    o += c3 != 0;
    b += 4;
  }
  while (o < stop && b < end) {
    char c = char_of_byte[*b++];
    *o = c;
    o += c != 0; /* a rejected byte's slot is written again */
  }
  *used = (size_t)(b - bytes);
  return (size_t)(o - out);
}

void rj_nonce_fill(char *out, size_t len) {
  pool *p = this_thread_pool();
  size_t done = 0;
  while (done < len) {
    if (p->used == POOL_BYTES)
      refill(p);
    done +=
        rj_nonce_map(out + done, len - done, p->bytes, POOL_BYTES, &p->used);
  }
}

int repayjump_nonce(char *out, size_t cap, size_t len) {
  int rc;
  if (out && cap)
    out[0] = '\0'; /* what every failure leaves */
  if (len < 1 || len > REPAYJUMP_FIELD_MAX || (!out && cap))
    return REPAYJUMP_E_ARG;
  if (!out)
    return REPAYJUMP_OK; /* size query: the caller knows it needs len + 1 */
  if (cap <= len)
    return REPAYJUMP_E_BUFFER;
  rc = repayjump_init();
  if (rc)
    return rc;
  rj_nonce_fill(out, len);
  out[len] = '\0';
  return REPAYJUMP_OK;
}
