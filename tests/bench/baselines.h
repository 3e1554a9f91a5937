/* What a merchant would write instead of linking repayjump: the baselines
 * the benchmark measures beside the library, in the same run. None of them
 * validates anything; each produces the same four outputs as
 * repayjump_compose for the APIv3 merchant variant. */
#ifndef REPAYJUMP_BENCH_BASELINES_H
#define REPAYJUMP_BENCH_BASELINES_H

#include <stddef.h>

#define BASELINE_OUTPUT_MAX 1024

typedef struct baseline_fields {
  const char *appid, *mchid, *openid;
} baseline_fields;

typedef struct baseline_result {
  char nonce_str[33];
  char extra_data_json[BASELINE_OUTPUT_MAX];
  char navigate_json[BASELINE_OUTPUT_MAX];
  char app_path[BASELINE_OUTPUT_MAX];
  char app_launch_json[BASELINE_OUTPUT_MAX];
} baseline_result;

/* (1) The usual C: 32 calls of randombytes_uniform(62) for the nonce, then
 * one snprintf per output. */
int baseline_snprintf(const baseline_fields *in, baseline_result *out);

/* (2) A JSON library: cJSON builds and prints the JSON outputs, a hand
 * percent-encoder the query; the nonce from one 64-byte randombytes_buf
 * with rejection sampling (the better nonce, so that this baseline is the
 * stronger of the two). */
int baseline_cjson(const baseline_fields *in, baseline_result *out);

/* One output alone, nonce given: snprintf of the extraData JSON, and
 * cJSON of the same. */
int baseline_snprintf_extra_data(const baseline_fields *in, const char *nonce,
                                 char *out, size_t cap);
int baseline_cjson_extra_data(const baseline_fields *in, const char *nonce,
                              char *out, size_t cap);

#endif
