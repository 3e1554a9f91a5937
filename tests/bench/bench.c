/* repayjump-bench: time the library's operations and the baselines of
 * baselines.h in one process, and count their heap allocations.
 *
 *   repayjump-bench [--case NAME]... [--iterations N] [--repeats R] [--list]
 *
 * Prints one line per case: name, median ns/op over R repeats of N
 * iterations, allocations/op. run.py adds instruction and system call
 * counts from valgrind and strace. */
#define _POSIX_C_SOURCE 200809L
#include <repayjump.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "baselines.h"

/* ---- allocation counting: this executable's malloc is everyone's ---- */

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

static unsigned long allocations;

void *malloc(size_t n) {
  allocations++;
  return __libc_malloc(n);
}
void *calloc(size_t n, size_t size) {
  allocations++;
  return __libc_calloc(n, size);
}
void *realloc(void *p, size_t n) {
  allocations++;
  return __libc_realloc(p, n);
}

/* ---- the cases ---- */

static const baseline_fields fields = {"wxcbda96de0b165486", "1900009231",
                                       "oUpF8uMEb4qRXf22hE3X68TekukE"};
static const char nonce[] = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
static const char api_key[] = "7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ";

static repayjump_result result;
static baseline_result base;
static char out[REPAYJUMP_OUTPUT_MAX];

static repayjump_params params(int variant, const char *nonce_str) {
  repayjump_params p = {0};
  int partner =
      variant == REPAYJUMP_V3_PARTNER || variant == REPAYJUMP_V2_PARTNER;
  p.variant = variant;
  p.appid = fields.appid;
  p.mchid = fields.mchid;
  p.nonce_str = nonce_str;
  p.openid = fields.openid;
  if (partner) {
    p.sub_appid = "wx8888888888888888";
    p.sub_mchid = "1900000109";
    p.sub_openid = "oUpF8uN95-Ptaags6E_roPHg7AG0";
  }
  if (variant >= REPAYJUMP_V2_MERCHANT)
    p.api_key = api_key;
  return p;
}

static int run_validate(int arg) {
  repayjump_params p = params(arg, nonce);
  return repayjump_validate(&p, NULL);
}
static int run_render(int arg) {
  repayjump_params p = params(REPAYJUMP_V3_MERCHANT, nonce);
  return repayjump_render(&p, arg, out, sizeof out, NULL, NULL);
}
static int run_compose(int arg) {
  repayjump_params p = params(arg, NULL);
  return repayjump_compose(&p, &result, NULL);
}
static int run_compose_nonce_given(int arg) {
  repayjump_params p = params(arg, nonce);
  return repayjump_compose(&p, &result, NULL);
}
static int run_nonce(int arg) {
  return repayjump_nonce(out, sizeof out, (size_t)arg);
}
/* A clean App path through the checker: an error if it finds anything. */
static const char app_path[] =
    "pages/invest_list/invest_list?appid=wxcbda96de0b165486&mchid=1900009231"
    "&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
    "&openid=oUpF8uMEb4qRXf22hE3X68TekukE";
static repayjump_finding findings[8];
static int run_check(int arg) {
  repayjump_check_result r;
  int rc = repayjump_check_text(NULL, app_path, sizeof app_path - 1, findings,
                                (size_t)arg, &r);
  return rc ? rc : r.count ? -1 : 0;
}
/* ---- the status query: a typical answer, the request, and their floor,
 * the bare HMAC-SHA256 over the same signed strings ---- */

/* A WeChat Pay answer of the usual shape, every value in CDATA, signed at
 * start-up (status_setup); about 650 bytes. */
typedef struct status_field {
  const char *key, *value;
} status_field;
static const status_field answer_fields[] = {
    {"return_code", "SUCCESS"},
    {"return_msg", "OK"},
    {"appid", "wxcbda96de0b165486"},
    {"mch_id", "1900009231"},
    {"nonce_str", "IITRi8Iabbblz1Jc"},
    {"result_code", "SUCCESS"},
    {"user_state", "OVERDUE"},
    {"deduct_mode", "PROACTIVE"},
    {"openid", "oUpF8uMEb4qRXf22hE3X68TekukE"},
    {"path", "pages/repay/index?from=merchant"},
    {"plate_number_info", "{\"plate_number_info\":[{\"plate_number\":"
                          "\"\xe7\xb2\xa4"
                          "B888888\",\"channel_type\":\"ETC\"}]}"},
    {"plate_number", "\xe7\xb2\xa4"
                     "B888888"},
    {"channel_type", "ETC"},
    {"common_use_flag", "1"},
};
#define ANSWER_FIELDS (sizeof answer_fields / sizeof *answer_fields)
static char answer[2048], answer_signed[2048], request_signed[1024];
static size_t answer_len, answer_signed_len, request_signed_len;
static repayjump_status_result status_result;
static const repayjump_status_query status_query = {"PARKING", "APP", NULL};

static int by_key(const void *a, const void *b) {
  return strcmp((*(const status_field *const *)a)->key,
                (*(const status_field *const *)b)->key);
}

/* "k=v&...&key=KEY" of fields, sorted, and the 64 hex digits of its
 * HMAC-SHA256 in sign. */
static size_t signed_string(const status_field *f, size_t n, char *text,
                            size_t cap, char sign[65]) {
  const status_field *sorted[32] = {NULL}; /* qsort reads only n */
  unsigned char mac[32];
  size_t i, len = 0;
  for (i = 0; i < n; i++)
    sorted[i] = &f[i];
  qsort(sorted, n, sizeof(const status_field *), by_key);
  for (i = 0; i < n; i++)
    len += (size_t)snprintf(text + len, cap - len, "%s=%s&", sorted[i]->key,
                            sorted[i]->value);
  len += (size_t)snprintf(text + len, cap - len, "key=%s", api_key);
  crypto_auth_hmacsha256(mac, (const unsigned char *)text, len,
                         (const unsigned char *)api_key);
  for (i = 0; i < 32; i++)
    snprintf(sign + 2 * i, 3, "%02X", mac[i]);
  return len;
}

static repayjump_params status_params(void) {
  repayjump_params p = params(REPAYJUMP_V3_MERCHANT, nonce);
  p.api_key = api_key;
  return p;
}

/* The answer, signed; the request's signed string. 0 on success. */
static int status_setup(void) {
  static const status_field request_fields[] = {
      {"appid", "wxcbda96de0b165486"},
      {"mch_id", "1900009231"},
      {"nonce_str", nonce},
      {"sign_type", "HMAC-SHA256"},
      {"trade_scene", "PARKING"},
      {"jump_scene", "APP"},
      {"openid", "oUpF8uMEb4qRXf22hE3X68TekukE"},
      {"version", "3.0"}};
  repayjump_params p = status_params();
  char sign[65];
  size_t i;
  answer_signed_len = signed_string(answer_fields, ANSWER_FIELDS, answer_signed,
                                    sizeof answer_signed, sign);
  answer_len = (size_t)snprintf(answer, sizeof answer, "<xml>");
  for (i = 0; i < ANSWER_FIELDS; i++)
    answer_len +=
        (size_t)snprintf(answer + answer_len, sizeof answer - answer_len,
                         "<%s><![CDATA[%s]]></%s>", answer_fields[i].key,
                         answer_fields[i].value, answer_fields[i].key);
  answer_len +=
      (size_t)snprintf(answer + answer_len, sizeof answer - answer_len,
                       "<sign><![CDATA[%s]]></sign></xml>", sign);
  request_signed_len = signed_string(
      request_fields, sizeof request_fields / sizeof *request_fields,
      request_signed, sizeof request_signed, sign);
  /* The request is what the library writes, its sign the one made here. */
  if (repayjump_status_request(&p, &status_query, out, sizeof out, NULL,
                               NULL) != REPAYJUMP_OK ||
      strstr(out, sign) == NULL)
    return -1;
  return repayjump_status_parse(&p, answer, answer_len, &status_result, NULL);
}

static int run_status_parse(int arg) {
  repayjump_params p = status_params();
  (void)arg;
  return repayjump_status_parse(&p, answer, answer_len, &status_result, NULL);
}
static int run_status_request(int arg) {
  repayjump_params p = status_params();
  (void)arg;
  return repayjump_status_request(&p, &status_query, out, sizeof out, NULL,
                                  NULL);
}
/* The floor: HMAC-SHA256 of the signed string alone, hex encoded. */
static int run_hmac(int is_answer) {
  const char *s = is_answer ? answer_signed : request_signed;
  size_t n = is_answer ? answer_signed_len : request_signed_len;
  unsigned char mac[32];
  crypto_auth_hmacsha256_state st;
  char *hex = out; /* the library's calls also write here */
  static const char digits[] = "0123456789ABCDEF";
  size_t i;
  crypto_auth_hmacsha256_init(&st, (const unsigned char *)api_key,
                              sizeof api_key - 1);
  crypto_auth_hmacsha256_update(&st, (const unsigned char *)s, n);
  crypto_auth_hmacsha256_final(&st, mac);
  for (i = 0; i < 32; i++) {
    hex[2 * i] = digits[mac[i] >> 4];
    hex[2 * i + 1] = digits[mac[i] & 15];
  }
  hex[64] = '\0';
  return 0;
}

static int run_baseline_snprintf(int arg) {
  (void)arg;
  return baseline_snprintf(&fields, &base);
}
static int run_baseline_cjson(int arg) {
  (void)arg;
  return baseline_cjson(&fields, &base);
}
static int run_snprintf_extra_data(int arg) {
  (void)arg;
  return baseline_snprintf_extra_data(&fields, nonce, out, sizeof out);
}
static int run_cjson_extra_data(int arg) {
  (void)arg;
  return baseline_cjson_extra_data(&fields, nonce, out, sizeof out);
}

typedef struct bench_case {
  const char *name;
  int (*run)(int);
  int arg;
} bench_case;

static const bench_case cases[] = {
    {"validate", run_validate, REPAYJUMP_V3_MERCHANT},
    {"render.extra_data_json", run_render, REPAYJUMP_EXTRA_DATA_JSON},
    {"render.navigate_json", run_render, REPAYJUMP_NAVIGATE_JSON},
    {"render.app_path", run_render, REPAYJUMP_APP_PATH},
    {"render.app_launch_json", run_render, REPAYJUMP_APP_LAUNCH_JSON},
    {"nonce", run_nonce, 32},
    {"compose.v3_merchant", run_compose, REPAYJUMP_V3_MERCHANT},
    {"compose.v3_partner", run_compose, REPAYJUMP_V3_PARTNER},
    {"compose.v2_merchant", run_compose, REPAYJUMP_V2_MERCHANT},
    {"compose.v2_partner", run_compose, REPAYJUMP_V2_PARTNER},
    {"check.app_path", run_check, 8},
    {"compose.v3_merchant.nonce_given", run_compose_nonce_given,
     REPAYJUMP_V3_MERCHANT},
    {"status.parse", run_status_parse, 0},
    {"status.request", run_status_request, 0},
    {"baseline.hmac.answer", run_hmac, 1},
    {"baseline.hmac.request", run_hmac, 0},
    {"baseline.snprintf", run_baseline_snprintf, 0},
    {"baseline.cjson", run_baseline_cjson, 0},
    {"baseline.snprintf.extra_data_json", run_snprintf_extra_data, 0},
    {"baseline.cjson.extra_data_json", run_cjson_extra_data, 0},
};
#define CASE_COUNT (sizeof cases / sizeof cases[0])

/* ---- the baselines must produce what the library does ---- */

static int same_outputs(const baseline_result *b, const char *who) {
  repayjump_params p = params(REPAYJUMP_V3_MERCHANT, b->nonce_str);
  static repayjump_result r;
  const char *ours[4], *theirs[4];
  int f;
  if (repayjump_compose(&p, &r, NULL) != REPAYJUMP_OK)
    return 0;
  ours[0] = r.extra_data_json, theirs[0] = b->extra_data_json;
  ours[1] = r.navigate_json, theirs[1] = b->navigate_json;
  ours[2] = r.app_path, theirs[2] = b->app_path;
  ours[3] = r.app_launch_json, theirs[3] = b->app_launch_json;
  for (f = 0; f < 4; f++) {
    if (strcmp(ours[f], theirs[f]) != 0) {
      fprintf(stderr,
              "repayjump-bench: %s differs from the library:\n  %s\n  %s\n",
              who, theirs[f], ours[f]);
      return 0;
    }
  }
  return 1;
}

static int check_baselines(void) {
  return baseline_snprintf(&fields, &base) == 0 &&
         same_outputs(&base, "baseline.snprintf") &&
         baseline_cjson(&fields, &base) == 0 &&
         same_outputs(&base, "baseline.cjson");
}

/* ---- timing ---- */

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int compare_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Iterations that take about 10 ms, so that timer overhead is noise. */
static unsigned long calibrate(const bench_case *c) {
  unsigned long n = 16;
  for (;;) {
    double t0 = now_ns(), t;
    unsigned long i;
    for (i = 0; i < n; i++)
      c->run(c->arg);
    t = now_ns() - t0;
    if (t > 1e7 || n >= (1ul << 26))
      return n;
    n *= 2;
  }
}

static int measure(const bench_case *c, unsigned long iterations,
                   unsigned repeats) {
  double ns[101];
  unsigned long i, allocs;
  unsigned r;
  int rc = 0;

  if (!iterations)
    iterations = calibrate(c);
  allocs = allocations;
  for (r = 0; r < repeats; r++) {
    double t0 = now_ns();
    for (i = 0; i < iterations; i++)
      rc |= c->run(c->arg);
    ns[r] = (now_ns() - t0) / (double)iterations;
  }
  allocs = allocations - allocs;
  if (rc) {
    fprintf(stderr, "repayjump-bench: %s failed (%d)\n", c->name, rc);
    return 1;
  }
  qsort(ns, repeats, sizeof ns[0], compare_double);
  printf("%s\t%.1f\t%.2f\t%lu\n", c->name, ns[repeats / 2],
         (double)allocs / ((double)iterations * repeats), iterations);
  return 0;
}

static int usage(FILE *to, int status) {
  fputs("usage: repayjump-bench [--case NAME]... [--iterations N] "
        "[--repeats R] [--list]\n"
        "Prints: case, median ns/op, allocations/op, iterations.\n",
        to);
  return status;
}

/* The options; status -1 to go on, else main's exit status. */
typedef struct options {
  const char *only[CASE_COUNT];
  size_t only_count;
  unsigned long iterations;
  unsigned repeats;
  int status;
} options;

static options parse_options(int argc, char **argv) {
  options o = {{NULL}, 0, 0, 11, -1};
  size_t c;
  int i;
  for (i = 1; i < argc && o.status < 0; i++) {
    int has_value = i + 1 < argc;
    if (strcmp(argv[i], "--list") == 0) {
      for (c = 0; c < CASE_COUNT; c++)
        puts(cases[c].name);
      o.status = 0;
    } else if (strcmp(argv[i], "--case") == 0 && has_value &&
               o.only_count < CASE_COUNT) {
      o.only[o.only_count++] = argv[++i];
    } else if (strcmp(argv[i], "--iterations") == 0 && has_value) {
      o.iterations = strtoul(argv[++i], NULL, 10);
    } else if (strcmp(argv[i], "--repeats") == 0 && has_value) {
      o.repeats = (unsigned)strtoul(argv[++i], NULL, 10);
      if (o.repeats < 1 || o.repeats > 101)
        o.status = usage(stderr, 2);
    } else if (strcmp(argv[i], "--help") == 0) {
      o.status = usage(stdout, 0);
    } else {
      o.status = usage(stderr, 2);
    }
  }
  return o;
}

/* Whether the case of this name is to run: all are when none is named. */
static int selected(const options *o, const char *name) {
  size_t k;
  if (o->only_count == 0)
    return 1;
  for (k = 0; k < o->only_count; k++)
    if (strcmp(name, o->only[k]) == 0)
      return 1;
  return 0;
}

static int is_case(const char *name) {
  size_t c;
  for (c = 0; c < CASE_COUNT; c++)
    if (strcmp(cases[c].name, name) == 0)
      return 1;
  return 0;
}

int main(int argc, char **argv) {
  options o = parse_options(argc, argv);
  size_t c, k;
  int failed = 0;

  if (o.status >= 0)
    return o.status;
  if (repayjump_init() != REPAYJUMP_OK || !check_baselines())
    return 1;
  if (status_setup() != REPAYJUMP_OK) {
    fprintf(stderr, "repayjump-bench: the status request or answer is not "
                    "the one signed here\n");
    return 1;
  }
  for (k = 0; k < o.only_count; k++) {
    if (!is_case(o.only[k])) {
      fprintf(stderr, "repayjump-bench: no case %s (see --list)\n", o.only[k]);
      return 2;
    }
  }
  for (c = 0; c < CASE_COUNT; c++)
    if (selected(&o, cases[c].name))
      failed |= measure(&cases[c], o.iterations, o.repeats);
  return failed;
}
