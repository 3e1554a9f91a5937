/* The reference v2 signature: the signed string built here, and
 * HMAC-SHA256 (RFC 2104) built from plain SHA-256, checked against
 * libsodium's crypto_auth_hmacsha256 where its fixed 32-byte key allows. */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "fuzz.h"

#define BLOCK 64 /* SHA-256 block size */

static void hmac_sha256(const unsigned char *key, size_t key_len,
                        const unsigned char *msg, size_t msg_len,
                        unsigned char mac[crypto_hash_sha256_BYTES]) {
  unsigned char k0[BLOCK] = {0}, pad[BLOCK], inner[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_state st;
  size_t i;

  if (key_len > BLOCK)
    crypto_hash_sha256(k0, key, key_len);
  else
    memcpy(k0, key, key_len);

  for (i = 0; i < BLOCK; i++)
    pad[i] = k0[i] ^ 0x36;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, pad, BLOCK);
  crypto_hash_sha256_update(&st, msg, msg_len);
  crypto_hash_sha256_final(&st, inner);

  for (i = 0; i < BLOCK; i++)
    pad[i] = k0[i] ^ 0x5c;
  crypto_hash_sha256_init(&st);
  crypto_hash_sha256_update(&st, pad, BLOCK);
  crypto_hash_sha256_update(&st, inner, sizeof inner);
  crypto_hash_sha256_final(&st, mac);
}

static int by_key(const void *a, const void *b) {
  return strcmp(((const fz_pair *)a)->key, ((const fz_pair *)b)->key);
}

static void append(char *buf, size_t cap, size_t *n, const char *s) {
  size_t len = strlen(s);
  if (*n + len >= cap)
    fz_fail("signed string longer than %zu bytes", cap);
  memcpy(buf + *n, s, len + 1);
  *n += len;
}

void fz_reference_sign(const fz_pair *pairs, size_t count, const char *key,
                       char out[REPAYJUMP_SIGN_LEN + 1]) {
  static const char hex[] = "0123456789ABCDEF";
  fz_pair sorted[FZ_PAIRS_MAX] = {{NULL, NULL}}; /* qsort reads only n */
  char text[4096];
  unsigned char mac[crypto_hash_sha256_BYTES];
  size_t i, n = 0, len = 0;

  FZ_CHECK(count <= FZ_PAIRS_MAX, "reference sign: %zu pairs, at most %d",
           count, FZ_PAIRS_MAX);
  for (i = 0; i < count; i++)
    if (pairs[i].val[0]) /* empty values are not signed */
      sorted[n++] = pairs[i];
  qsort(sorted, n, sizeof *sorted, by_key);
  text[0] = '\0';
  for (i = 0; i < n; i++) {
    append(text, sizeof text, &len, sorted[i].key);
    append(text, sizeof text, &len, "=");
    append(text, sizeof text, &len, sorted[i].val);
    append(text, sizeof text, &len, "&");
  }
  append(text, sizeof text, &len, "key=");
  append(text, sizeof text, &len, key);

  hmac_sha256((const unsigned char *)key, strlen(key),
              (const unsigned char *)text, len, mac);
  if (strlen(key) == crypto_auth_hmacsha256_KEYBYTES) {
    unsigned char lib_mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(lib_mac, (const unsigned char *)text, len,
                           (const unsigned char *)key);
    FZ_CHECK(memcmp(mac, lib_mac, sizeof mac) == 0,
             "reference HMAC differs from crypto_auth_hmacsha256");
  }
  for (i = 0; i < sizeof mac; i++) {
    out[2 * i] = hex[mac[i] >> 4];
    out[2 * i + 1] = hex[mac[i] & 15];
  }
  out[REPAYJUMP_SIGN_LEN] = '\0';
}
