/* GET /metrics: counters in Prometheus' text exposition format, served by
   a daemon of its own (--metrics-listen), apart from the service's port.

   Each thread counts into a shard of its own, taken on its first count:
   a count is a relaxed atomic add on a cache line no other thread writes,
   so the request path takes no lock and shares no line. A scrape adds the
   shards up. Every label value comes from a fixed table here (routes,
   statuses, outcomes, WeChat Pay's known err_codes and "other"): no label
   carries an openid or any byte a client or WeChat Pay chose. */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "httpd.h"

/* Histogram bounds in µs: 100 µs to 10 s; a last, unbounded bucket. */
static const uint64_t bounds[] = {
    100,   250,    500,    1000,   2500,    5000,    10000,   25000,
    50000, 100000, 250000, 500000, 1000000, 2500000, 5000000, 10000000};
#define BOUNDS (sizeof bounds / sizeof bounds[0])
#define BUCKETS (BOUNDS + 1)

/* The statuses the service answers with; 0: no answer sent in full. */
static const unsigned statuses[] = {0,   200, 400, 404, 405, 413,
                                    414, 431, 500, 502, 503, 504};
#define STATUSES (sizeof statuses / sizeof statuses[0])
#define STATUS_OTHER STATUSES /* one more slot */

static const char *const route_labels[ROUTE_COUNT] = {"other", "/v1/jump",
                                                      "/healthz", "/v1/status"};

static const char *const outcome_labels[OUTCOME_COUNT] = {
    "trusted", "signature", "malformed", "fail",      "mismatch",
    "http",    "tls",       "timeout",   "no_answer", "internal"};

/* WeChat Pay's common err_codes; any other is counted as "other", and a
   FAIL without one as "none". */
static const char *const err_codes[] = {
    "SYSTEMERROR",      "PARAM_ERROR",
    "SIGNERROR",        "NOAUTH",
    "INVALID_REQUEST",  "FREQUENCY_LIMITED",
    "LACK_PARAMS",      "APPID_MCHID_NOT_MATCH",
    "MCHID_NOT_EXIST",  "APPID_NOT_EXIST",
    "XML_FORMAT_ERROR", "REQUIRE_POST_METHOD",
    "POST_DATA_EMPTY",  "NOT_UTF8",
    "USER_NOT_EXIST",   "INVALID_OPENID"};
#define ERR_CODES (sizeof err_codes / sizeof err_codes[0])
#define ERR_OTHER ERR_CODES
#define ERR_NONE (ERR_CODES + 1)

typedef atomic_ullong counter;

typedef struct shard {
  _Alignas(64) counter requests[ROUTE_COUNT][STATUSES + 1];
  counter duration[ROUTE_COUNT][BUCKETS];
  counter duration_sum[ROUTE_COUNT]; /* µs */
  counter wechatpay[BUCKETS];
  counter wechatpay_sum; /* µs */
  counter backup;
  counter outcomes[OUTCOME_COUNT];
  counter fails[ERR_CODES + 2];
} shard;

/* Threads past SHARDS share shards: still correct, only less cheap. */
#define SHARDS 64
static shard shards[SHARDS];
static atomic_uint next_shard;
static _Thread_local shard *mine;
static atomic_llong connections;

static shard *this_shard(void) {
  if (mine == NULL)
    mine = &shards[atomic_fetch_add_explicit(&next_shard, 1,
                                             memory_order_relaxed) %
                   SHARDS];
  return mine;
}

static void add(counter *c, uint64_t n) {
  atomic_fetch_add_explicit(c, n, memory_order_relaxed);
}

static size_t bucket(uint64_t micros) {
  size_t i = 0;
  while (i < BOUNDS && micros > bounds[i])
    i++;
  return i;
}

void httpd_metrics_request(enum httpd_route r, unsigned status,
                           uint64_t micros) {
  shard *s = this_shard();
  size_t i = 0;
  while (i < STATUSES && statuses[i] != status)
    i++;
  add(&s->requests[r][i], 1);
  add(&s->duration[r][bucket(micros)], 1);
  add(&s->duration_sum[r], micros);
}

void httpd_metrics_connections(int delta) {
  atomic_fetch_add_explicit(&connections, delta, memory_order_relaxed);
}

void httpd_metrics_wechatpay_attempt(uint64_t micros, int backup) {
  shard *s = this_shard();
  add(&s->wechatpay[bucket(micros)], 1);
  add(&s->wechatpay_sum, micros);
  if (backup)
    add(&s->backup, 1);
}

void httpd_metrics_wechatpay_outcome(enum httpd_outcome o,
                                     const char *err_code) {
  shard *s = this_shard();
  add(&s->outcomes[o], 1);
  if (o == OUTCOME_FAIL) {
    size_t i = 0;
    if (err_code == NULL || err_code[0] == '\0')
      i = ERR_NONE;
    else
      while (i < ERR_CODES && strcmp(err_codes[i], err_code) != 0)
        i++;
    add(&s->fails[i], 1);
  }
}

/* ---- the exposition ---- */

typedef struct text {
  char *buf;
  size_t size, len;
  int full;
} text;

static void put(text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void put(text *t, const char *fmt, ...) {
  va_list ap;
  int n;
  if (t->full)
    return;
  va_start(ap, fmt);
  n = vsnprintf(t->buf + t->len, t->size - t->len, fmt, ap);
  va_end(ap);
  if (n < 0 || (size_t)n >= t->size - t->len)
    t->full = 1;
  else
    t->len += (size_t)n;
}

/* The sum over the shards of the counter at offset within a shard. */
static unsigned long long total(const counter *first) {
  size_t offset = (size_t)((const char *)first - (const char *)&shards[0]);
  unsigned long long sum = 0;
  size_t i;
  for (i = 0; i < SHARDS; i++)
    sum += atomic_load_explicit(
        (const counter *)((const char *)&shards[i] + offset),
        memory_order_relaxed);
  return sum;
}

/* A histogram's series: cumulative buckets, sum in seconds, count. */
static void histogram(text *t, const char *name, const char *label,
                      const counter *buckets, const counter *sum) {
  unsigned long long cumulative = 0, micros = total(sum);
  const char *sep = label[0] != '\0' ? "," : "";
  size_t i;
  for (i = 0; i < BUCKETS; i++) {
    cumulative += total(&buckets[i]);
    if (i < BOUNDS)
      put(t, "%s_bucket{%s%sle=\"%g\"} %llu\n", name, label, sep,
          (double)bounds[i] / 1e6, cumulative);
    else
      put(t, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", name, label, sep, cumulative);
  }
  put(t, "%s_sum%s%s%s %llu.%06llu\n", name, label[0] ? "{" : "", label,
      label[0] ? "}" : "", micros / 1000000u, micros % 1000000u);
  put(t, "%s_count%s%s%s %llu\n", name, label[0] ? "{" : "", label,
      label[0] ? "}" : "", cumulative);
}

/* repayjump_httpd_requests_total: the series counted so far. */
static void requests(text *t) {
  size_t r, i;
  put(t, "# HELP repayjump_httpd_requests_total Requests answered, by route "
         "and status (incomplete: no answer sent in full).\n"
         "# TYPE repayjump_httpd_requests_total counter\n");
  for (r = 0; r < ROUTE_COUNT; r++)
    for (i = 0; i <= STATUSES; i++) {
      unsigned long long n = total(&shards[0].requests[r][i]);
      if (n == 0)
        continue;
      if (i == STATUS_OTHER)
        put(t,
            "repayjump_httpd_requests_total{route=\"%s\",status=\"other\"}"
            " %llu\n",
            route_labels[r], n);
      else if (statuses[i] == 0)
        put(t,
            "repayjump_httpd_requests_total{route=\"%s\",status="
            "\"incomplete\"} %llu\n",
            route_labels[r], n);
      else
        put(t,
            "repayjump_httpd_requests_total{route=\"%s\",status=\"%u\"} "
            "%llu\n",
            route_labels[r], statuses[i], n);
    }
}

size_t httpd_metrics_render(char *out, size_t size) {
  text t;
  t.buf = out;
  t.size = size;
  t.len = 0;
  t.full = size == 0;
  char label[64];
  size_t r, i;

  requests(&t);
  put(&t, "# HELP repayjump_httpd_request_duration_seconds Time from the "
          "request line to the end of the answer, by route.\n"
          "# TYPE repayjump_httpd_request_duration_seconds histogram\n");
  for (r = 0; r < ROUTE_COUNT; r++) {
    /* At most 19 bytes: route="/v1/status". */
    if (snprintf(label, sizeof label, "route=\"%s\"", route_labels[r]) < 0)
      return 0;
    histogram(&t, "repayjump_httpd_request_duration_seconds", label,
              shards[0].duration[r], &shards[0].duration_sum[r]);
  }
  put(&t,
      "# HELP repayjump_httpd_connections Client connections open.\n"
      "# TYPE repayjump_httpd_connections gauge\n"
      "repayjump_httpd_connections %lld\n",
      atomic_load_explicit(&connections, memory_order_relaxed));
  put(&t, "# HELP repayjump_httpd_wechatpay_request_duration_seconds Time of "
          "one attempt to ask WeChat Pay, primary or backup host.\n"
          "# TYPE repayjump_httpd_wechatpay_request_duration_seconds "
          "histogram\n");
  histogram(&t, "repayjump_httpd_wechatpay_request_duration_seconds", "",
            shards[0].wechatpay, &shards[0].wechatpay_sum);
  put(&t,
      "# HELP repayjump_httpd_wechatpay_backup_retries_total Queries "
      "asked again on the backup host.\n"
      "# TYPE repayjump_httpd_wechatpay_backup_retries_total counter\n"
      "repayjump_httpd_wechatpay_backup_retries_total %llu\n",
      total(&shards[0].backup));
  put(&t, "# HELP repayjump_httpd_wechatpay_answers_total Status queries by "
          "how WeChat Pay's answer ended.\n"
          "# TYPE repayjump_httpd_wechatpay_answers_total counter\n");
  for (i = 0; i < OUTCOME_COUNT; i++)
    put(&t, "repayjump_httpd_wechatpay_answers_total{outcome=\"%s\"} %llu\n",
        outcome_labels[i], total(&shards[0].outcomes[i]));
  put(&t, "# HELP repayjump_httpd_wechatpay_fails_total Answers with "
          "return_code or result_code FAIL, by WeChat Pay's err_code.\n"
          "# TYPE repayjump_httpd_wechatpay_fails_total counter\n");
  for (i = 0; i < ERR_CODES + 2; i++) {
    unsigned long long n = total(&shards[0].fails[i]);
    if (n != 0)
      put(&t, "repayjump_httpd_wechatpay_fails_total{err_code=\"%s\"} %llu\n",
          i < ERR_CODES    ? err_codes[i]
          : i == ERR_OTHER ? "other"
                           : "none",
          n);
  }
  return t.full ? 0 : t.len;
}

/* ---- the daemon ---- */

struct httpd_metrics_server {
  struct MHD_Daemon *daemon;
  atomic_int serving; /* after start: libmicrohttpd's log is reduced */
};

/* libmicrohttpd's own messages: in full until the daemon is up (why it
   cannot bind), then only their formats, so that no byte a client sent
   reaches the log. */
static void mhd_log(void *cls, const char *fmt, va_list ap) {
  httpd_metrics_server *m = cls;
  fputs(HTTPD_NAME ": libmicrohttpd (metrics): ", stderr);
  if (!atomic_load(&m->serving))
    vfprintf(stderr, fmt, ap);
  else
    fputs(fmt, stderr);
}

/* Every series at most once: well under this. */
#define METRICS_MAX ((size_t)64 * 1024)

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned status,
                              const char *type, char *body, size_t len,
                              enum MHD_ResponseMemoryMode mode) {
  struct MHD_Response *r = MHD_create_response_from_buffer(len, body, mode);
  enum MHD_Result ok;
  if (r == NULL)
    return MHD_NO;
  if (MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type) !=
      MHD_YES) {
    MHD_destroy_response(r);
    return MHD_NO;
  }
  ok = MHD_queue_response(conn, status, r);
  MHD_destroy_response(r);
  return ok;
}

static enum MHD_Result scrape(void *cls, struct MHD_Connection *conn,
                              const char *url, const char *method,
                              const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls) {
  static int seen;
  static const char not_found[] = "GET /metrics\n";
  char *body;
  size_t len;
  (void)cls;
  (void)version;
  (void)upload_data;
  /* Answer once the whole request is in; a body is read and dropped. */
  if (*con_cls == NULL) {
    *con_cls = &seen;
    return MHD_YES;
  }
  if (*upload_data_size != 0) {
    *upload_data_size = 0;
    return MHD_YES;
  }
  if (strcmp(url, "/metrics") != 0 ||
      (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0))
    return answer(conn, MHD_HTTP_NOT_FOUND, "text/plain", (char *)not_found,
                  sizeof not_found - 1, MHD_RESPMEM_PERSISTENT);
  body = malloc(METRICS_MAX);
  if (body == NULL)
    return MHD_NO;
  len = httpd_metrics_render(body, METRICS_MAX);
  if (len == 0) {
    free(body);
    return MHD_NO;
  }
  return answer(conn, MHD_HTTP_OK, "text/plain; version=0.0.4; charset=utf-8",
                body, len, MHD_RESPMEM_MUST_FREE);
}

httpd_metrics_server *httpd_metrics_start(const void *addr) {
  const struct sockaddr *sa = addr;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
  httpd_metrics_server *m = calloc(1, sizeof *m);
  if (m == NULL) {
    fprintf(stderr, HTTPD_NAME ": out of memory\n");
    return NULL;
  }
  if (sa->sa_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  atomic_init(&m->serving, 0);
  /* The port beside the address only for libmicrohttpd's messages. */
  m->daemon =
      MHD_start_daemon(flags, httpd_sockaddr_port(sa), NULL, NULL, scrape, NULL,
                       MHD_OPTION_EXTERNAL_LOGGER, mhd_log, m,
                       MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_CONNECTION_LIMIT,
                       16u, MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_END);
  if (m->daemon == NULL) {
    char where[HTTPD_ADDR_MAX];
    httpd_format_addr(sa, httpd_sockaddr_port(sa), where);
    fprintf(stderr,
            HTTPD_NAME ": cannot listen for metrics on %s (see above)\n",
            where);
    free(m);
    return NULL;
  }
  atomic_store(&m->serving, 1);
  return m;
}

unsigned httpd_metrics_port(httpd_metrics_server *m) {
  const union MHD_DaemonInfo *i =
      MHD_get_daemon_info(m->daemon, MHD_DAEMON_INFO_BIND_PORT);
  return i != NULL ? i->port : 0;
}

void httpd_metrics_stop(httpd_metrics_server *m) {
  MHD_stop_daemon(m->daemon);
  free(m);
}
