/* The key/value pairs a validated params emits, in the variant's order:
 * what render writes and, for APIv2, what sign covers. */
#include "internal.h"

static const rj_str sign_type = RJ_STR("HMAC-SHA256");

void rj_pairs_collect(int variant, const rj_fields *fields, rj_pairs *pairs) {
  const rj_variant *v = &rj_variants[variant];
  size_t k, count = 0;
  pairs->sign[0] = '\0';
  for (k = 0; k < v->key_count; k++) {
    const rj_key *key = &v->keys[k];
    rj_kv *kv = &pairs->kv[count];
    if (key->src == RJ_SRC_SIGN_TYPE) {
      kv->val = sign_type;
    } else if (key->src == RJ_SRC_SIGN) {
      /* sign is last: it covers every pair collected before it. */
      const rj_str *api_key = &fields->val[REPAYJUMP_FIELD_API_KEY];
      rj_sign(pairs->kv, count, api_key->s, api_key->n, pairs->sign);
      kv->val.s = pairs->sign;
      kv->val.n = REPAYJUMP_SIGN_LEN;
    } else if (fields->val[key->src].s) {
      kv->val = fields->val[key->src];
    } else {
      continue; /* absent optional fields are left out, never empty */
    }
    kv->key = key->name;
    pairs->spec[count] = key;
    count++;
  }
  pairs->count = count;
}
