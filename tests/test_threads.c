/* Many threads at once: every variant rendered and composed, nonces made,
 * inputs checked, status requests made and answers read, and
 * repayjump_init raced, all from THREADS threads
 * released together.
 * Every output is compared with a reference rendered single-threaded
 * first; every nonce must be well-formed and distinct from all others.
 * Under ThreadSanitizer (the tsan preset) this is the data-race check. */
#define _POSIX_C_SOURCE 200809L /* pthread_barrier_t under -std=c11 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "fixtures.h"

#define THREADS 8
#define ROUNDS 24
/* Per round: a compose with a fresh nonce per variant, and two nonces. */
#define NONCES_PER_ROUND (REPAYJUMP_VARIANT_COUNT + 2)
#define NONCES_PER_THREAD ((size_t)ROUNDS * NONCES_PER_ROUND)

/* The reference: each variant's fixture, rendered in every format before
 * any thread starts, and composed with its fixed nonce. */
static char reference[REPAYJUMP_VARIANT_COUNT][REPAYJUMP_FORMAT_COUNT]
                     [REPAYJUMP_OUTPUT_MAX];
static repayjump_result reference_result[REPAYJUMP_VARIANT_COUNT];

typedef struct worker {
  pthread_t thread;
  int index;
  int init_status;
  char failure[160]; /* empty when every check passed */
  size_t nonce_count;
  char nonces[NONCES_PER_THREAD][REPAYJUMP_FIELD_MAX + 1];
} worker;

static worker workers[THREADS];
static pthread_barrier_t start_line;

static int well_formed(const char *s, size_t len) {
  size_t i;
  if (strlen(s) != len)
    return 0;
  for (i = 0; i < len; i++)
    if (!strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                "0123456789",
                s[i]))
      return 0;
  return 1;
}

/* Record the first failure of a worker; later ones add nothing. */
static int record(worker *w, const char *what, int variant, int format) {
  if (!w->failure[0])
    snprintf(w->failure, sizeof w->failure,
             "thread %d: %s (variant %d, format %d)", w->index, what, variant,
             format);
  return 0;
}

static int keep_nonce(worker *w, const char *nonce) {
  if (!well_formed(nonce, REPAYJUMP_FIELD_MAX))
    return record(w, "malformed nonce", -1, -1);
  memcpy(w->nonces[w->nonce_count++], nonce, REPAYJUMP_FIELD_MAX + 1);
  return 1;
}

/* The reference output with its nonce replaced by another of the same
 * length: what an APIv3 compose with that nonce must produce. */
static void with_nonce(char *out, const char *ref, const char *nonce) {
  char *at;
  memcpy(out, ref, strlen(ref) + 1); /* ref is an output: it fits */
  at = strstr(out, REF_NONCE);
  if (at)
    memcpy(at, nonce, REPAYJUMP_FIELD_MAX);
}

/* Every string of a result; the bytes after each NUL are not outputs. */
static int same_result(const repayjump_result *a, const repayjump_result *b) {
  return strcmp(a->nonce_str, b->nonce_str) == 0 &&
         strcmp(a->sign, b->sign) == 0 &&
         strcmp(a->extra_data_json, b->extra_data_json) == 0 &&
         strcmp(a->navigate_json, b->navigate_json) == 0 &&
         strcmp(a->app_path, b->app_path) == 0 &&
         strcmp(a->app_launch_json, b->app_launch_json) == 0;
}

/* Every format of variant v into a buffer of exactly the size asked for,
 * so that a byte written past it is a sanitizer's or valgrind's report. */
static int check_renders(worker *w, int v, const repayjump_params *p) {
  repayjump_error err;
  size_t len;
  int f;
  for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++) {
    char *exact;
    int same;
    if (repayjump_render(p, f, NULL, 0, &len, &err) != REPAYJUMP_OK)
      return record(w, "size query failed", v, f);
    exact = malloc(len + 1);
    if (!exact)
      return record(w, "out of memory", v, f);
    same = repayjump_render(p, f, exact, len + 1, &len, &err) == REPAYJUMP_OK &&
           len == strlen(reference[v][f]) &&
           strcmp(exact, reference[v][f]) == 0;
    free(exact);
    if (!same)
      return record(w, "render differs from the reference", v, f);
  }
  return 1;
}

/* A fresh nonce: the outputs are the reference's with that nonce (APIv2
 * outputs also carry a sign over it: compared with a render instead). */
static int check_fresh_compose(worker *w, int v, repayjump_params p) {
  char expected[REPAYJUMP_OUTPUT_MAX];
  const char *fresh[REPAYJUMP_FORMAT_COUNT];
  repayjump_result r;
  repayjump_error err;
  int f, v2 = v == REPAYJUMP_V2_MERCHANT || v == REPAYJUMP_V2_PARTNER;

  p.nonce_str = NULL;
  if (repayjump_compose(&p, &r, &err) != REPAYJUMP_OK)
    return record(w, "compose with a fresh nonce failed", v, -1);
  if (!keep_nonce(w, r.nonce_str))
    return 0;
  fresh[REPAYJUMP_EXTRA_DATA_JSON] = r.extra_data_json;
  fresh[REPAYJUMP_NAVIGATE_JSON] = r.navigate_json;
  fresh[REPAYJUMP_APP_PATH] = r.app_path;
  fresh[REPAYJUMP_APP_LAUNCH_JSON] = r.app_launch_json;
  p.nonce_str = r.nonce_str;
  for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++) {
    if (!v2)
      with_nonce(expected, reference[v][f], r.nonce_str);
    else if (repayjump_render(&p, f, expected, sizeof expected, NULL, &err) !=
             REPAYJUMP_OK)
      return record(w, "render with the fresh nonce failed", v, f);
    if (strcmp(fresh[f], expected) != 0)
      return record(w, "fresh compose differs from the reference", v, f);
  }
  if (v2 &&
      (!strstr(r.app_path, r.sign) || strlen(r.sign) != REPAYJUMP_SIGN_LEN ||
       strcmp(r.sign, reference_result[v].sign) == 0))
    return record(w, "fresh compose has a stale or missing sign", v, -1);
  return 1;
}

static int check_nonces(worker *w) {
  static const size_t nonce_lengths[] = {1, 7, 16, 31};
  char nonce[REPAYJUMP_FIELD_MAX + 1];
  size_t short_len;
  int i;
  for (i = 0; i < 2; i++)
    if (repayjump_nonce(nonce, sizeof nonce, REPAYJUMP_FIELD_MAX) !=
            REPAYJUMP_OK ||
        !keep_nonce(w, nonce))
      return record(w, "repayjump_nonce(32) failed", -1, -1);
  short_len = nonce_lengths[w->nonce_count % 4];
  if (repayjump_nonce(nonce, sizeof nonce, short_len) != REPAYJUMP_OK ||
      !well_formed(nonce, short_len))
    return record(w, "short nonce malformed", -1, -1);
  return 1;
}

/* The document's iOS path (three findings), checked with a key. */
static const char ios_path[] =
    "pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486"
    "&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid="
    "oUpF8uMEb4qRXf22hE3X68TekukE=weixin";
static const repayjump_check_options check_options = {REPAYJUMP_VARIANT_AUTO, 0,
                                                      REF_API_KEY};
static repayjump_finding reference_findings[8];
static repayjump_check_result reference_check;

/* The checker: the iOS path gives the reference's findings byte for byte,
 * and every composed App path, its signature verified, checks clean. */
static int check_inputs(worker *w) {
  repayjump_finding f[8];
  repayjump_check_result r;
  int v;
  if (repayjump_check_text(&check_options, ios_path, sizeof ios_path - 1, f, 8,
                           &r) != REPAYJUMP_OK ||
      memcmp(&r, &reference_check, sizeof r) != 0 ||
      memcmp(f, reference_findings, r.count * sizeof *f) != 0)
    return record(w, "check differs from the reference", -1, -1);
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    const char *path = reference_result[v].app_path;
    if (repayjump_check_text(&check_options, path, strlen(path), f, 8, &r) !=
            REPAYJUMP_OK ||
        r.count != 0)
      return record(w, "a composed App path does not check clean", v, -1);
  }
  return 1;
}

/* The status query: a request with a fixed nonce as the reference's; a
 * FAIL answer keeping WeChat's words; a signed one refused after its HMAC
 * is computed. */
static const repayjump_status_query status_query = {"PARKING SPACE", "APP",
                                                    "粤B888888"};
static const char fail_answer[] =
    "<xml><return_code>FAIL</return_code><return_msg><![CDATA[签名错误]]>"
    "</return_msg></xml>";
static const char signed_answer[] =
    "<?xml version=\"1.0\"?><xml><return_code>SUCCESS</return_code>"
    "<appid>" REF_APPID "</appid><mch_id>" REF_MCHID "</mch_id>"
    "<user_state>OVERDUE</user_state><path>a&amp;b</path>"
    "<sign>0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"
    "</sign></xml>";
static char reference_request[REPAYJUMP_STATUS_REQUEST_MAX];

static repayjump_params status_identity(void) {
  repayjump_params p = fixture(REPAYJUMP_V3_MERCHANT);
  p.api_key = REF_API_KEY;
  return p;
}

static int check_status(worker *w) {
  repayjump_status_result r; /* 6.6 KiB: each thread its own */
  repayjump_params p = status_identity();
  char out[REPAYJUMP_STATUS_REQUEST_MAX];
  repayjump_error err;
  if (repayjump_status_request(&p, &status_query, out, sizeof out, NULL,
                               &err) != REPAYJUMP_OK ||
      strcmp(out, reference_request) != 0)
    return record(w, "status request differs from the reference", -1, -1);
  if (repayjump_status_parse(&p, fail_answer, sizeof fail_answer - 1, &r,
                             &err) != REPAYJUMP_E_RETURN_FAIL ||
      strcmp(r.return_msg, "签名错误") != 0)
    return record(w, "FAIL answer not refused with its words", -1, -1);
  if (repayjump_status_parse(&p, signed_answer, sizeof signed_answer - 1, &r,
                             &err) != REPAYJUMP_E_SIGNATURE ||
      r.user_state[0] != '\0')
    return record(w, "a wrongly signed answer not refused", -1, -1);
  return 1;
}

static int one_round(worker *w) {
  repayjump_result r;
  repayjump_error err;
  int v;

  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    repayjump_params p = fixture(v);
    if (!check_renders(w, v, &p))
      return 0;
    if (repayjump_compose(&p, &r, &err) != REPAYJUMP_OK)
      return record(w, "compose with a nonce failed", v, -1);
    if (!same_result(&r, &reference_result[v]))
      return record(w, "compose differs from the reference", v, -1);
    if (!check_fresh_compose(w, v, p))
      return 0;
  }
  return check_nonces(w) && check_inputs(w) && check_status(w);
}

static void *work(void *arg) {
  worker *w = arg;
  int round;
  /* Every thread calls repayjump_init at the same moment, before any
   * other call has started libsodium. */
  pthread_barrier_wait(&start_line);
  w->init_status = repayjump_init();
  for (round = 0; round < ROUNDS; round++)
    if (!one_round(w))
      break;
  return NULL;
}

static int by_bytes(const void *a, const void *b) {
  return memcmp(a, b, REPAYJUMP_FIELD_MAX + 1);
}

static void concurrent_calls_match_single_threaded(void **state) {
  static char all[THREADS * NONCES_PER_THREAD][REPAYJUMP_FIELD_MAX + 1];
  repayjump_error err;
  size_t n = 0, i;
  int v, f, t;
  (void)state;

  /* Single-threaded first. Neither render nor compose with a given nonce
   * needs libsodium started, so the threads below still race init. */
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    repayjump_params p = fixture(v);
    for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++)
      assert_int_equal(repayjump_render(&p, f, reference[v][f],
                                        REPAYJUMP_OUTPUT_MAX, NULL, &err),
                       REPAYJUMP_OK);
    assert_int_equal(repayjump_compose(&p, &reference_result[v], &err),
                     REPAYJUMP_OK);
  }
  assert_int_equal(repayjump_check_text(&check_options, ios_path,
                                        sizeof ios_path - 1, reference_findings,
                                        8, &reference_check),
                   REPAYJUMP_OK);
  assert_int_equal(reference_check.count, 3);
  {
    repayjump_params p = status_identity();
    assert_int_equal(
        repayjump_status_request(&p, &status_query, reference_request,
                                 sizeof reference_request, NULL, &err),
        REPAYJUMP_OK);
  }
  /* The reference is the document's: pin one output independently. */
  assert_string_equal(reference[REPAYJUMP_V3_MERCHANT][REPAYJUMP_APP_PATH],
                      REF_APP_PATH);

  assert_int_equal(pthread_barrier_init(&start_line, NULL, THREADS), 0);
  for (t = 0; t < THREADS; t++) {
    workers[t].index = t;
    assert_int_equal(
        pthread_create(&workers[t].thread, NULL, work, &workers[t]), 0);
  }
  for (t = 0; t < THREADS; t++)
    assert_int_equal(pthread_join(workers[t].thread, NULL), 0);
  pthread_barrier_destroy(&start_line);

  for (t = 0; t < THREADS; t++) {
    if (workers[t].failure[0])
      fail_msg("%s", workers[t].failure);
    assert_int_equal(workers[t].init_status, REPAYJUMP_OK);
    assert_int_equal(workers[t].nonce_count, NONCES_PER_THREAD);
    memcpy(all[n], workers[t].nonces, sizeof workers[t].nonces);
    n += NONCES_PER_THREAD;
  }

  /* 62^32 possible nonces: any repeat among these is a bug. */
  qsort(all, n, sizeof all[0], by_bytes);
  for (i = 1; i < n; i++)
    if (!memcmp(all[i - 1], all[i], sizeof all[i]))
      fail_msg("nonce %s made twice", all[i]);
  /* No fresh nonce is the reference's fixed one. */
  assert_null(bsearch(REF_NONCE, all, n, sizeof all[0], by_bytes));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(concurrent_calls_match_single_threaded),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
