/* Nonces: uniform over [A-Za-z0-9] from one randombytes_buf per nonce. */
#include <sodium.h>

#include "internal.h"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/* 248 = 4 * 62: bytes below it map to each character exactly 4 ways;
 * bytes >= 248 are skipped (rejection sampling), so no modulo bias. 64
 * bytes give 32 characters unless more than 32 of them are rejected
 * (probability 1.5e-32); only then is a second randombytes_buf, a system
 * call, made. */
#define ACCEPT_BELOW 248
#define POOL_BYTES 64

void rj_nonce_fill(char *out, size_t len) {
  unsigned char pool[POOL_BYTES];
  size_t used = POOL_BYTES, i = 0;
  while (i < len) {
    unsigned char b;
    if (used == POOL_BYTES) {
      randombytes_buf(pool, sizeof pool);
      used = 0;
    }
    b = pool[used++];
    if (b < ACCEPT_BELOW)
      out[i++] = alphabet[b % (sizeof alphabet - 1)];
  }
  sodium_memzero(pool, sizeof pool);
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
