/* repayjump-httpd: the pieces its source files share. Each file does one
   thing: config.c (environment), doc.c (the JSON documents), status.c
   (status names), log.c (the log), metrics.c (GET /metrics), userstate.c (GET
   /v1/status: the query, its one retry and the verdict), wechatpay.c (one POST
   to WeChat Pay over HTTPS with libcurl; wechatpay_none.c when built without
   it), routes.c (the HTTP side), main.c (options, daemon, signals). */
#ifndef REPAYJUMP_HTTPD_H
#define REPAYJUMP_HTTPD_H

#include <stddef.h>
#include <stdint.h>

#include <repayjump.h>

#define HTTPD_NAME "repayjump-httpd"

/* Exit statuses. */
enum { HTTPD_EXIT_OK = 0, HTTPD_EXIT_FAILURE = 1, HTTPD_EXIT_USAGE = 2 };

/* ---- config.c: the merchant's fields, from the environment ---- */

/* At most this many bytes are read from REPAYJUMP_API_KEY_FILE. */
#define HTTPD_KEY_FILE_MAX 4096

/* GET /v1/status: the querystate call's settings. */
typedef struct httpd_status_config {
  /* Every field of params and the APIv2 key, for all four variants (the
     jump's params hold the key for the v2 variants only). */
  repayjump_params params;
  repayjump_status_query query; /* trade_scene, jump_scene */
  const char *url[2];           /* primary, backup */
  const char *ca;               /* CA file; NULL: the system's */
  long timeout_ms;              /* one attempt, connect to last byte */
  const char *off;              /* NULL when configured, else why not */
} httpd_status_config;

typedef struct httpd_config {
  repayjump_params params; /* every field but nonce_str and the openids */
  httpd_status_config status;
  const char *variant_name;
  int is_signed;                    /* APIv2: a "sign" member in the document */
  int is_partner;                   /* sub_openid accepted */
  int key_locked;                   /* key's pages locked in memory */
  char key[HTTPD_KEY_FILE_MAX + 2]; /* the APIv2 key; wiped at exit */
} httpd_config;

/* Fill c from the environment and validate it. On failure, one line on
   stderr and HTTPD_EXIT_USAGE. Never prints the key. c must stay where
   it is until httpd_config_wipe: its key's pages are locked in memory
   (kept out of swap and core dumps); when that is not allowed, one
   warning line and the service goes on. */
int httpd_config_load(httpd_config *c);

/* Wipe the key and unlock its pages. */
void httpd_config_wipe(httpd_config *c);

/* ---- doc.c: response bodies, written into caller-owned buffers ---- */

/* Room for the largest document: four outputs and the framing. */
#define HTTPD_DOC_MAX (REPAYJUMP_FORMAT_COUNT * REPAYJUMP_OUTPUT_MAX + 256)
/* Room for the largest error document: every message byte escaped. */
#define HTTPD_ERROR_MAX (6 * REPAYJUMP_MESSAGE_MAX + 256)

/* The document of `repayjump compose --format all`, byte for byte, its
   newline included; returns its length. */
size_t httpd_doc_jump(const httpd_config *c, const repayjump_result *r,
                      char *out);

/* {"error":{"status":…,"field":…,"offset":…,"message":…}} and a newline;
   returns its length. */
size_t httpd_doc_error(const repayjump_error *e, char *out);

/* The largest /v1/status document, 200 or error: every byte of each of
   WeChat's texts escaped as \u00XX. */
#define HTTPD_STATUS_DOC_MAX                                                   \
  (6 * (REPAYJUMP_MESSAGE_MAX + 2 * REPAYJUMP_STATUS_TEXT_MAX +                \
        2 * REPAYJUMP_STATUS_CODE_MAX + REPAYJUMP_STATUS_PATH_MAX) +           \
   256)

/* {"user_state":…,"repay":…,"deduct_mode":…,"path":…} and a newline. */
size_t httpd_doc_status(const repayjump_status_result *r, char *out);

/* The error document of /v1/status: httpd_doc_error's, with status_name
   for the status, plus WeChat's own words when r is not NULL and has them
   ("return_msg", "err_code", "err_code_des"). */
size_t httpd_doc_status_error(const char *status_name, const repayjump_error *e,
                              const repayjump_status_result *r, char *out);

/* ---- status.c ---- */

/* "REPAYJUMP_E_CHARSET" for -6; "REPAYJUMP_E_UNKNOWN" outside the table. */
const char *httpd_status_name(int status);

/* ---- wechatpay.c: one POST to WeChat Pay (libcurl) ---- */

/* How one attempt ended. */
enum httpd_fetch {
  FETCH_ANSWER,    /* an HTTP answer: its status and body */
  FETCH_NO_ANSWER, /* no connection, a reset, or no answer in full */
  FETCH_TIMEOUT,   /* not done within the timeout */
  FETCH_UNTRUSTED, /* the TLS certificate did not verify */
  FETCH_TOO_LARGE, /* a body over REPAYJUMP_ANSWER_MAX: cut off */
  FETCH_INTERNAL,  /* out of memory, or built without libcurl */
};

/* Set up libcurl once, before any thread; 0, or -1 with a line on
   stderr. */
int httpd_wechatpay_init(void);

/* 1 when built with libcurl. */
int httpd_wechatpay_available(void);

/* WeChat Pay's answer to one POST. */
typedef struct httpd_answer {
  long http_status;                /* on FETCH_ANSWER */
  size_t len;                      /* bytes of body */
  char body[REPAYJUMP_ANSWER_MAX]; /* not NUL-terminated */
} httpd_answer;

/* POST body (text/xml) to url with this thread's own connection (kept
   alive between calls, closed when the thread ends), TLS verified against
   s->ca, within s->timeout_ms; *a is filled on FETCH_ANSWER. Logs
   nothing. */
enum httpd_fetch httpd_wechatpay_post(const httpd_status_config *s,
                                      const char *url, const char *body,
                                      size_t body_len, httpd_answer *a);

/* After every thread that posted has ended. */
void httpd_wechatpay_cleanup(void);

/* ---- userstate.c: GET /v1/status ---- */

/* The user's state for the request's openids (either may be NULL): the
   HTTP status and the document in out (room for HTTPD_STATUS_DOC_MAX),
   *len its length. A bad openid is 400 with the library's verdict in
   *err and *len 0: the caller words and writes that document. */
unsigned httpd_user_state(const httpd_config *c, const char *openid,
                          const char *sub_openid, char *out, size_t *len,
                          repayjump_error *err);

/* ---- log.c: the log on stderr, one write(2) a line ---- */

/* Methods and routes the log names; anything else is logged as "-", so
   that no byte a client chose reaches the log. */
enum httpd_method {
  METHOD_OTHER,
  METHOD_GET,
  METHOD_HEAD,
  METHOD_POST,
  METHOD_PUT,
  METHOD_DELETE,
  METHOD_PATCH,
  METHOD_OPTIONS,
  METHOD_COUNT
};
enum httpd_route {
  ROUTE_OTHER,
  ROUTE_JUMP,
  ROUTE_HEALTHZ,
  ROUTE_STATUS,
  ROUTE_COUNT
};

enum httpd_method httpd_method_parse(const char *method);
const char *httpd_method_name(enum httpd_method m);
const char *httpd_route_path(enum httpd_route r);

/* Microseconds of CLOCK_MONOTONIC. */
uint64_t httpd_now_us(void);

enum httpd_log_format { LOG_TEXT, LOG_JSON };

/* Before any thread: text (the default) or one JSON object a line. */
void httpd_log_set_format(enum httpd_log_format f);

/* The most addresses --listen binds (a name may resolve to several). */
#define HTTPD_LISTEN_MAX 8
/* Room for "[ADDR6]:PORT". */
#define HTTPD_ADDR_MAX 64
/* Room for a request id: 16 hex digits. */
#define HTTPD_ID_MAX 17

/* One request, as logged. client and id are "-" when unknown. */
typedef struct httpd_access {
  const char *client; /* numeric address */
  const char *id;     /* also the answer's X-Request-Id */
  enum httpd_method method;
  enum httpd_route route;
  unsigned status; /* 0: no answer sent in full */
  const char *end; /* how it ended: "ok", "timeout", "client-abort", ... */
  uint64_t micros; /* from the request line to the end */
} httpd_access;

/* text: "<UTC time> <client> <method> <route> <status> <µs>us <id> <end>";
   json: {"time","event":"request","client","method","route","status"
   (null when 0),"duration_us","request_id","end"}. */
void httpd_log_access(const httpd_access *a);

typedef struct httpd_start_info {
  const char *listen[HTTPD_LISTEN_MAX]; /* "ADDR:PORT", the real port */
  size_t listen_count;
  const char *variant;
  int status_on;       /* GET /v1/status configured */
  const char *metrics; /* "ADDR:PORT" of GET /metrics, or NULL */
  unsigned threads;    /* a pool of this many for each address */
} httpd_start_info;

/* The line once serving: version and configuration, never a secret. */
void httpd_log_start(const httpd_start_info *i);
/* The line once stopped: the signal's name. */
void httpd_log_stop(const char *signal_name);

/* ---- metrics.c: counters for GET /metrics, per-thread shards ---- */

/* How a /v1/status query to WeChat Pay ended. */
enum httpd_outcome {
  OUTCOME_TRUSTED,   /* signed, SUCCESS, a state */
  OUTCOME_SIGNATURE, /* the signature did not verify */
  OUTCOME_MALFORMED, /* not XML, too large, or fields missing */
  OUTCOME_FAIL,      /* return_code or result_code FAIL */
  OUTCOME_MISMATCH,  /* signed, but not about this merchant or user */
  OUTCOME_HTTP,      /* an HTTP status other than 200 */
  OUTCOME_TLS,       /* the certificate did not verify */
  OUTCOME_TIMEOUT,   /* no answer in time */
  OUTCOME_NO_ANSWER, /* no connection, or the connection closed */
  OUTCOME_INTERNAL,  /* not sent: out of memory */
  OUTCOME_COUNT
};

/* Each may be called from any thread, lock-free. */
void httpd_metrics_request(enum httpd_route r, unsigned status,
                           uint64_t micros);
void httpd_metrics_connections(int delta);
/* One attempt's time, and whether it was the retry on the backup host. */
void httpd_metrics_wechatpay_attempt(uint64_t micros, int backup);
/* A query's end; err_code (WeChat's, for OUTCOME_FAIL) may be NULL. */
void httpd_metrics_wechatpay_outcome(enum httpd_outcome o,
                                     const char *err_code);

/* The Prometheus text exposition of every metric, written into out (room
   for size bytes); its length, or 0 when it does not fit. */
size_t httpd_metrics_render(char *out, size_t size);

typedef struct httpd_metrics_server httpd_metrics_server;

/* Serve GET /metrics on addr (a struct sockaddr) with one thread; NULL
   and a message on stderr on failure. */
httpd_metrics_server *httpd_metrics_start(const void *addr);
unsigned httpd_metrics_port(httpd_metrics_server *m);
void httpd_metrics_stop(httpd_metrics_server *m);

/* ---- routes.c: the HTTP side ---- */

typedef struct httpd_server httpd_server;

typedef struct httpd_limits {
  unsigned threads;         /* the thread pool */
  unsigned max_connections; /* over it, new connections are refused */
  unsigned max_per_ip;      /* connections at once from one address */
  unsigned timeout_s;       /* idle seconds before a connection is closed */
  size_t memory_per_conn;   /* request line and headers must fit */
} httpd_limits;

/* Start listening on each of the n addresses (struct sockaddr_storage,
   1 to HTTPD_LISTEN_MAX; a pool of limits->threads each) with c and
   limits; openid_header and sub_openid_header may be NULL (openid from
   the query). Port 0 picks a free port for the first, and the same for
   the others. NULL and a message on stderr on failure. */
httpd_server *httpd_start(const httpd_config *c, const void *addrs, size_t n,
                          const char *openid_header,
                          const char *sub_openid_header,
                          const httpd_limits *limits);

/* The bound port (for port 0). */
unsigned httpd_port(httpd_server *s);

/* "ADDR:PORT" or "[ADDR6]:PORT" of a struct sockaddr_in or sockaddr_in6
   with port, into out (room for HTTPD_ADDR_MAX). */
void httpd_format_addr(const void *addr, unsigned port, char *out);

/* The port of a struct sockaddr_in or sockaddr_in6, in host order. */
uint16_t httpd_sockaddr_port(const void *addr);

/* Stop accepting, let requests in flight finish (at most timeout_s), then
   close every connection and free s. */
void httpd_stop(httpd_server *s);

#endif
