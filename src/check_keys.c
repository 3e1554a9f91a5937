/* The checker: the keys of the jump, looked up in the variants' rows, and
 * the nearest key to a near miss ("openId", "nonceStr", "sub_mchid"). */
#include <string.h>

#include "check_ctx.h"

const rj_key *rj_ck_find_key(const rj_variant *v, const char *k, size_t n) {
  size_t i;
  for (i = 0; i < v->key_count; i++)
    if (v->keys[i].name.n == n && memcmp(v->keys[i].name.s, k, n) == 0)
      return &v->keys[i];
  return NULL;
}

/* Any key of the jump: the two partner rows hold every key of both API
 * versions between them. */
const rj_key *rj_ck_find_any_key(const char *k, size_t n) {
  const rj_key *key = rj_ck_find_key(&rj_variants[REPAYJUMP_V3_PARTNER], k, n);
  return key ? key : rj_ck_find_key(&rj_variants[REPAYJUMP_V2_PARTNER], k, n);
}

int rj_ck_has_src(const rj_variant *v, unsigned src) {
  size_t i;
  for (i = 0; i < v->key_count; i++)
    if (v->keys[i].src == src)
      return 1;
  return 0;
}

/* Lowercase, without '_' and '-': "nonceStr" and "nonce_str" agree. */
static size_t fold(const char *s, size_t n, char out[RJ_PIECE_MAX]) {
  size_t i, m = 0;
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (c == '_' || c == '-')
      continue;
    if (m == RJ_PIECE_MAX)
      return RJ_PIECE_MAX + 1; /* longer than any key */
    out[m++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
  }
  return m;
}

/* Levenshtein distance of two folded keys. */
static size_t distance(const char *a, size_t an, const char *b, size_t bn) {
  size_t row[RJ_PIECE_MAX + 1], i, j;
  for (j = 0; j <= bn; j++)
    row[j] = j;
  for (i = 1; i <= an; i++) {
    size_t diag = row[0];
    row[0] = i;
    for (j = 1; j <= bn; j++) {
      size_t up = row[j];
      size_t best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  return row[bn];
}

/* How close a folded key is to key: 0 the same, 1 a prefix of it ("nonce"),
 * else its edit distance plus one; beyond 3 it is not close. */
static size_t closeness(const char *k, size_t n, const rj_key *key) {
  char f[RJ_PIECE_MAX];
  size_t m = fold(key->name.s, key->name.n, f), d;
  if (n == m && memcmp(k, f, n) == 0)
    return 0;
  if (n >= 4 && n < m && memcmp(k, f, n) == 0)
    return 1;
  d = distance(k, n, f, m) + 1;
  return d <= (m >= 6 ? 3u : 2u) ? d : (size_t)-1;
}

/* The key of the jump nearest an unknown one, those of v first; NULL when
 * none is close. */
const rj_key *rj_ck_nearest(const rj_variant *v, const char *k, size_t n) {
  const rj_variant *rows[3] = {v, &rj_variants[REPAYJUMP_V3_PARTNER],
                               &rj_variants[REPAYJUMP_V2_PARTNER]};
  const rj_key *best = NULL;
  size_t best_d = (size_t)-1, r, i, m;
  char f[RJ_PIECE_MAX];
  m = fold(k, n, f);
  if (m > RJ_PIECE_MAX || m == 0)
    return NULL;
  for (r = v ? 0 : 1; r < 3; r++)
    for (i = 0; i < rows[r]->key_count; i++) {
      size_t d = closeness(f, m, &rows[r]->keys[i]);
      if (d < best_d)
        best = &rows[r]->keys[i], best_d = d;
    }
  return best;
}
