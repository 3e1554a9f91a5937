/* The WeChat Pay v2 signature (HMAC-SHA256 flavour) of key/value strings:
 * a leaf, over libsodium alone. */
#include <string.h>

#include <sodium.h>

#include "internal.h"

static int key_before(const rj_str *a, const rj_str *b) {
  size_t n = a->n < b->n ? a->n : b->n;
  int c = memcmp(a->s, b->s, n);
  return c < 0 || (c == 0 && a->n < b->n);
}

static void mac_add(crypto_auth_hmacsha256_state *st, const char *s, size_t n) {
  crypto_auth_hmacsha256_update(st, (const unsigned char *)s, n);
}

/* The signed string is streamed into the MAC piece by piece, so the key is
 * never copied into a buffer; the MAC state, derived from the key, is
 * wiped. */
void rj_sign(const rj_kv *pairs, size_t count, const char *key, size_t key_len,
             char out[REPAYJUMP_SIGN_LEN + 1]) {
  static const char hex[] = "0123456789ABCDEF";
  const rj_kv *sorted[RJ_SIGN_MAX];
  crypto_auth_hmacsha256_state st;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  size_t i, n = 0;

  /* Insertion sort of the non-empty pairs by key, in byte order. */
  for (i = 0; i < count && i < RJ_SIGN_MAX; i++) {
    size_t j;
    if (pairs[i].val.n == 0 ||
        (pairs[i].key.n == 4 && memcmp(pairs[i].key.s, "sign", 4) == 0))
      continue;
    for (j = n++; j > 0 && key_before(&pairs[i].key, &sorted[j - 1]->key); j--)
      sorted[j] = sorted[j - 1];
    sorted[j] = &pairs[i];
  }

  crypto_auth_hmacsha256_init(&st, (const unsigned char *)key, key_len);
  for (i = 0; i < n; i++) {
    mac_add(&st, sorted[i]->key.s, sorted[i]->key.n);
    mac_add(&st, "=", 1);
    mac_add(&st, sorted[i]->val.s, sorted[i]->val.n);
    mac_add(&st, "&", 1);
  }
  mac_add(&st, "key=", 4);
  mac_add(&st, key, key_len);
  crypto_auth_hmacsha256_final(&st, mac);
  sodium_memzero(&st, sizeof st);

  for (i = 0; i < sizeof mac; i++) {
    out[2 * i] = hex[mac[i] >> 4];
    out[2 * i + 1] = hex[mac[i] & 15];
  }
  out[REPAYJUMP_SIGN_LEN] = '\0';
}
