/* The HTTP side on libmicrohttpd: GET /v1/jump, GET /v1/status and GET
   /healthz, the error answers, the access log's bookkeeping, and the graceful
   stop.

   A request's state lives in the pointer libmicrohttpd keeps for it
   (*con_cls), packed as start time, method, route and status, so that the
   request path allocates nothing of its own: the response object
   (libmicrohttpd's) is the only allocation a request makes. A connection
   has a small record of its own (its client's address, formatted once,
   and the request id of its request in flight), made when it opens. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <sodium.h>

#include "httpd.h"

/* ---- a request's state in the bytes of one pointer ---- */

/* libmicrohttpd only stores a request's pointer and hands it back: its
   bytes carry the state, copied in and out, and are never dereferenced. */
_Static_assert(sizeof(void *) == sizeof(uint64_t),
               "the request state fills a 64-bit pointer");

enum { STATUS_BITS = 10, ROUTE_BITS = 2, METHOD_BITS = 3, SEEN_BITS = 1 };
enum {
  ROUTE_SHIFT = STATUS_BITS,
  METHOD_SHIFT = ROUTE_SHIFT + ROUTE_BITS,
  SEEN_SHIFT = METHOD_SHIFT + METHOD_BITS, /* the handler's first call */
  START_SHIFT = SEEN_SHIFT + SEEN_BITS
};
_Static_assert(ROUTE_COUNT <= 1 << ROUTE_BITS, "routes fit their bits");
_Static_assert(METHOD_COUNT <= 1 << METHOD_BITS, "methods fit their bits");

static void pack(void **slot, uint64_t start, int seen, enum httpd_method m,
                 enum httpd_route r, unsigned status) {
  uint64_t state = start << START_SHIFT | (uint64_t)seen << SEEN_SHIFT |
                   (uint64_t)m << METHOD_SHIFT | (uint64_t)r << ROUTE_SHIFT |
                   status;
  memcpy(slot, &state, sizeof state);
}

static uint64_t unpack(void *const *slot) {
  uint64_t state;
  memcpy(&state, slot, sizeof state);
  return state;
}

#define FIELD(state, shift, bits) (((state) >> (shift)) & ((1u << (bits)) - 1))

/* ---- the fixed answers, made once ---- */

enum fixed { FIXED_HEALTHZ, FIXED_NOT_FOUND, FIXED_NOT_ALLOWED, FIXED_COUNT };

static const struct {
  unsigned status;
  const char *body;
} fixed_rows[FIXED_COUNT] = {
    {MHD_HTTP_OK, "{\"status\":\"ok\"}\n"},
    {MHD_HTTP_NOT_FOUND,
     "{\"error\":{\"message\":\"no such path: the paths are /v1/jump, "
     "/v1/status and /healthz\"}}\n"},
    {MHD_HTTP_METHOD_NOT_ALLOWED,
     "{\"error\":{\"message\":\"only GET and HEAD are allowed\"}}\n"},
};

struct httpd_server {
  struct MHD_Daemon *daemon[HTTPD_LISTEN_MAX];
  MHD_socket listen_fd[HTTPD_LISTEN_MAX]; /* after the quiesce */
  size_t daemons;
  const httpd_config *config;
  const char *openid_header;     /* NULL: the openids come from the query */
  const char *sub_openid_header; /* partners, with openid_header */
  unsigned timeout_s;
  uint64_t epoch_us; /* start times are counted from here */
  atomic_int draining;
  atomic_long in_flight; /* request lines seen, not yet completed */
  atomic_int serving;    /* after start: libmicrohttpd's log is reduced */
  uint64_t id_base;      /* random: ids differ from one run to the next */
  atomic_ullong next_id; /* request ids: id_base + a count */
};

/* A connection's record, its socket context in libmicrohttpd. */
typedef struct peer {
  char client[INET6_ADDRSTRLEN]; /* numeric */
  char id[HTTPD_ID_MAX];         /* of the request in flight */
} peer;

static peer *peer_of(struct MHD_Connection *conn) {
  const union MHD_ConnectionInfo *i =
      MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return i != NULL ? i->socket_context : NULL;
}

static void on_connection(void *cls, struct MHD_Connection *conn,
                          void **socket_context,
                          enum MHD_ConnectionNotificationCode code) {
  peer *p;
  (void)cls;
  if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
    free(*socket_context);
    *socket_context = NULL;
    httpd_metrics_connections(-1);
    return;
  }
  httpd_metrics_connections(1);
  /* Out of memory: the connection is served, logged with "-". */
  p = malloc(sizeof *p);
  if (p != NULL) {
    const union MHD_ConnectionInfo *i =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    const struct sockaddr *a = i != NULL ? i->client_addr : NULL;
    const void *bytes = NULL;
    if (a != NULL && a->sa_family == AF_INET)
      bytes = &((const struct sockaddr_in *)(const void *)a)->sin_addr;
    else if (a != NULL && a->sa_family == AF_INET6)
      bytes = &((const struct sockaddr_in6 *)(const void *)a)->sin6_addr;
    if (bytes == NULL ||
        inet_ntop(a->sa_family, bytes, p->client, sizeof p->client) == NULL)
      strcpy(p->client, "-");
    strcpy(p->id, "-");
  }
  *socket_context = p;
}

/* id as 16 lowercase hex digits and a NUL. */
static void format_id(uint64_t id, char *out) {
  static const char hex[] = "0123456789abcdef";
  int i;
  for (i = 15; i >= 0; i--, id >>= 4)
    out[i] = hex[id & 15];
  out[16] = '\0';
}

static enum MHD_Result add_headers(struct MHD_Response *r, int closing,
                                   const char *id) {
  if (MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
                              "application/json") != MHD_YES ||
      MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store") !=
          MHD_YES)
    return MHD_NO;
  if (id != NULL && MHD_add_response_header(r, "X-Request-Id", id) != MHD_YES)
    return MHD_NO;
  if (closing && MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION,
                                         "close") != MHD_YES)
    return MHD_NO;
  return MHD_YES;
}

/* One of the fixed answers, with this request's id. */
static struct MHD_Response *fixed_response(enum fixed f, int closing,
                                           const char *id) {
  const char *body = fixed_rows[f].body;
  struct MHD_Response *r = MHD_create_response_from_buffer(
      strlen(body), (void *)body, MHD_RESPMEM_PERSISTENT);
  if (r != NULL && (add_headers(r, closing, id) != MHD_YES ||
                    (f == FIXED_NOT_ALLOWED &&
                     MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW,
                                             "GET, HEAD") != MHD_YES))) {
    MHD_destroy_response(r);
    r = NULL;
  }
  return r;
}

/* ---- where the openids come from ---- */

typedef struct openids {
  const httpd_server *server;
  const char *openid, *sub_openid;
  repayjump_error *err;
  int failed;
} openids;

/* Every message here fits repayjump_error.message: it names a field, a
   header of at most 64 bytes, or a query parameter of at most 32. */
static void set_message(repayjump_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void set_message(repayjump_error *err, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (vsnprintf(err->message, sizeof err->message, fmt, ap) < 0)
    err->message[0] = '\0';
  va_end(ap);
}

static int refuse(openids *o, int status, int field, size_t offset,
                  const char *fmt, const char *a, const char *b) {
  o->err->status = status;
  o->err->field = field;
  o->err->offset = offset;
  set_message(o->err, fmt, a, b);
  o->failed = 1;
  return MHD_NO; /* stops the iteration */
}

/* A value libmicrohttpd decoded: a %00 in it would end the C string early
   and hide the rest from validation, so it is refused where it is. */
static int take(openids *o, int field, const char **slot, const char *value,
                size_t size, const char *where) {
  const char *name = repayjump_field_name(field);
  size_t len = value != NULL ? strlen(value) : 0;
  if (*slot != NULL)
    return refuse(o, REPAYJUMP_E_CONFLICT, field, 0,
                  "%s: given more than once in the %s", name, where);
  if (len < size)
    return refuse(o, REPAYJUMP_E_CHARSET, field, len,
                  "%s: a NUL byte (%%00) in the %s; expected [A-Za-z0-9_-]",
                  name, where);
  *slot = value != NULL ? value : "";
  return MHD_YES;
}

/* A name is quoted back only when it is plain: anything else is named. */
static const char *plain(const char *key, size_t size) {
  size_t i;
  if (key == NULL || size == 0 || size > 32 || strlen(key) != size)
    return NULL;
  for (i = 0; i < size; i++)
    if (!(key[i] == '_' || key[i] == '-' || (key[i] >= '0' && key[i] <= '9') ||
          (key[i] >= 'a' && key[i] <= 'z') || (key[i] >= 'A' && key[i] <= 'Z')))
      return NULL;
  return key;
}

static enum MHD_Result query_arg(void *cls, enum MHD_ValueKind kind,
                                 const char *key, size_t key_size,
                                 const char *value, size_t value_size) {
  openids *o = cls;
  const char *name = plain(key, key_size);
  int field = REPAYJUMP_FIELD_NONE;
  (void)kind;
  if (name != NULL && strcmp(name, "openid") == 0)
    field = REPAYJUMP_FIELD_OPENID;
  else if (name != NULL && strcmp(name, "sub_openid") == 0)
    field = REPAYJUMP_FIELD_SUB_OPENID;
  if (field == REPAYJUMP_FIELD_NONE)
    return (enum MHD_Result)refuse(
        o, REPAYJUMP_E_NOT_ALLOWED, field, 0,
        "query parameter %s%s is not accepted; expected openid or sub_openid",
        name != NULL ? name : "", name != NULL ? "" : "(not plain ASCII)");
  /* Behind a gateway, the client must not choose whose jump it gets. */
  if (o->server->openid_header != NULL)
    return (enum MHD_Result)refuse(
        o, REPAYJUMP_E_NOT_ALLOWED, field, 0,
        "%s: not accepted in the query; it comes from the %s header",
        repayjump_field_name(field),
        field == REPAYJUMP_FIELD_OPENID || o->server->sub_openid_header == NULL
            ? o->server->openid_header
            : o->server->sub_openid_header);
  return (enum MHD_Result)take(
      o, field, field == REPAYJUMP_FIELD_OPENID ? &o->openid : &o->sub_openid,
      value, value_size, "query");
}

static enum MHD_Result header_arg(void *cls, enum MHD_ValueKind kind,
                                  const char *key, size_t key_size,
                                  const char *value, size_t value_size) {
  openids *o = cls;
  const char *sub = o->server->sub_openid_header;
  (void)kind;
  (void)key_size;
  if (strcasecmp(key, o->server->openid_header) == 0)
    return (enum MHD_Result)take(o, REPAYJUMP_FIELD_OPENID, &o->openid, value,
                                 value_size, "header");
  if (sub != NULL && strcasecmp(key, sub) == 0)
    return (enum MHD_Result)take(o, REPAYJUMP_FIELD_SUB_OPENID, &o->sub_openid,
                                 value, value_size, "header");
  return MHD_YES;
}

/* The library's message for a missing openid names its flag, which is the
   service's configuration, not the caller's: say what the caller lacks. */
static void explain_missing(const httpd_server *s, repayjump_error *err) {
  const char *name = repayjump_field_name(err->field);
  const char *header = s->openid_header, *sub = s->sub_openid_header;
  if (err->field != REPAYJUMP_FIELD_OPENID &&
      err->field != REPAYJUMP_FIELD_SUB_OPENID)
    return;
  if (!s->config->is_partner && header != NULL)
    set_message(err, "%s: required; the %s header is missing", name, header);
  else if (!s->config->is_partner)
    set_message(err, "%s: required; pass ?openid=OPENID", name);
  else if (header != NULL)
    set_message(err, "%s: the %s header%s%s is required", name, header,
                sub != NULL ? " or the header " : "", sub != NULL ? sub : "");
  else
    set_message(err,
                "%s: openid or sub_openid is required; pass ?openid=OPENID or "
                "?sub_openid=OPENID",
                name);
}

/* ---- the routes ---- */

static struct MHD_Response *json_response(const char *body, size_t len,
                                          int closing, const char *id) {
  /* MUST_COPY: the body is on this thread's stack. */
  struct MHD_Response *r =
      MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
  if (r != NULL && add_headers(r, closing, id) != MHD_YES) {
    MHD_destroy_response(r);
    r = NULL;
  }
  return r;
}

_Static_assert(HTTPD_ERROR_MAX <= HTTPD_STATUS_DOC_MAX, "one buffer for both");

/* The openids of a request, from the query or the gateway's headers:
   0, or -1 with the refusal in *err. */
static int gather(httpd_server *s, struct MHD_Connection *conn, openids *o) {
  MHD_get_connection_values_n(conn, MHD_GET_ARGUMENT_KIND, query_arg, o);
  if (!o->failed && s->openid_header != NULL)
    MHD_get_connection_values_n(conn, MHD_HEADER_KIND, header_arg, o);
  return o->failed ? -1 : 0;
}

static unsigned jump(httpd_server *s, struct MHD_Connection *conn, int closing,
                     const char *id, struct MHD_Response **out) {
  repayjump_params p = s->config->params;
  repayjump_result result;
  repayjump_error err;
  openids o = {s, NULL, NULL, &err, 0};
  unsigned status = MHD_HTTP_BAD_REQUEST;
  char doc[HTTPD_DOC_MAX];

  if (gather(s, conn, &o) == 0) {
    int rc;
    p.openid = o.openid;
    p.sub_openid = o.sub_openid;
    rc = repayjump_compose(&p, &result, &err);
    if (rc == REPAYJUMP_OK) {
      *out = json_response(doc, httpd_doc_jump(s->config, &result, doc),
                           closing, id);
      return MHD_HTTP_OK;
    }
    /* Only randomness can fail that the request did not cause. */
    if (rc == REPAYJUMP_E_RNG)
      status = MHD_HTTP_INTERNAL_SERVER_ERROR;
    else if (rc == REPAYJUMP_E_MISSING)
      explain_missing(s, &err);
  }
  *out = json_response(doc, httpd_doc_error(&err, doc), closing, id);
  return status;
}

/* GET /v1/status: this thread waits for WeChat Pay's answer (at most two
   attempts of REPAYJUMP_WECHATPAY_TIMEOUT_MS each). */
static unsigned user_state(httpd_server *s, struct MHD_Connection *conn,
                           int closing, const char *id,
                           struct MHD_Response **out) {
  repayjump_error err;
  openids o = {s, NULL, NULL, &err, 0};
  unsigned status = MHD_HTTP_BAD_REQUEST;
  char doc[HTTPD_STATUS_DOC_MAX];
  size_t len = 0;

  /* Not configured: 503 whatever the request. */
  if (s->config->status.off != NULL || gather(s, conn, &o) == 0)
    status =
        httpd_user_state(s->config, o.openid, o.sub_openid, doc, &len, &err);
  if (len == 0) {
    if (err.status == REPAYJUMP_E_MISSING)
      explain_missing(s, &err);
    len = httpd_doc_error(&err, doc);
  }
  *out = json_response(doc, len, closing, id);
  return status;
}

/* The route of a path; "-" for any other. */
static enum httpd_route route_of(const char *path, size_t len) {
  int r;
  for (r = 1; r < ROUTE_COUNT; r++) {
    const char *known = httpd_route_path((enum httpd_route)r);
    if (strlen(known) == len && memcmp(known, path, len) == 0)
      return (enum httpd_route)r;
  }
  return ROUTE_OTHER;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn,
                              const char *url, const char *method,
                              const char *version, const char *upload_data,
                              size_t *upload_data_size, void **con_cls) {
  httpd_server *s = cls;
  uint64_t state = unpack(con_cls);
  enum httpd_method m = httpd_method_parse(method);
  enum httpd_route r = route_of(url, strlen(url));
  int closing = atomic_load(&s->draining);
  struct MHD_Response *response = NULL;
  const peer *p = peer_of(conn);
  const char *id = p != NULL ? p->id : NULL;
  unsigned status;
  enum fixed f = FIXED_COUNT;
  enum MHD_Result ok;
  (void)version;
  (void)upload_data;
  (void)upload_data_size; /* always 0: a body is never read (see below) */

  /* Answered already: libmicrohttpd does not call again, and if it did,
     closing the connection is the safe answer. */
  if (FIELD(state, 0, STATUS_BITS) != 0)
    return MHD_NO;
  /* libmicrohttpd keeps a connection open only for an answer queued once
     the whole request is in, on the second call. A request that announces
     a body (none is ever wanted) is answered at once instead: its body is
     then never read, and its connection is closed. */
  if (!FIELD(state, SEEN_SHIFT, SEEN_BITS) &&
      MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                  MHD_HTTP_HEADER_CONTENT_LENGTH) == NULL &&
      MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                  MHD_HTTP_HEADER_TRANSFER_ENCODING) == NULL) {
    pack(con_cls, state >> START_SHIFT, 1, m, r, 0);
    return MHD_YES;
  }

  if (r == ROUTE_OTHER)
    f = FIXED_NOT_FOUND;
  else if (m != METHOD_GET && m != METHOD_HEAD)
    f = FIXED_NOT_ALLOWED;
  else if (r == ROUTE_HEALTHZ)
    f = FIXED_HEALTHZ;

  if (f != FIXED_COUNT) {
    status = fixed_rows[f].status;
    response = fixed_response(f, closing, id);
  } else {
    status = r == ROUTE_JUMP ? jump(s, conn, closing, id, &response)
                             : user_state(s, conn, closing, id, &response);
  }
  if (response == NULL)
    return MHD_NO; /* out of memory: libmicrohttpd closes the connection */
  ok = MHD_queue_response(conn, status, response);
  MHD_destroy_response(response); /* the queue holds its own reference */
  pack(con_cls, state >> START_SHIFT, 1, m, r, status);
  return ok;
}

/* The request line has arrived: the request is in flight from here, with
   an id, and the route its path names (the method is known only once the
   headers are in). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn) {
  httpd_server *s = cls;
  peer *p = peer_of(conn);
  void *state;
  atomic_fetch_add(&s->in_flight, 1);
  if (p != NULL)
    format_id(s->id_base + atomic_fetch_add_explicit(&s->next_id, 1,
                                                     memory_order_relaxed),
              p->id);
  pack(&state, httpd_now_us() - s->epoch_us, 0, METHOD_OTHER,
       route_of(uri, strcspn(uri, "?")), 0);
  return state;
}

/* How a request ended, by libmicrohttpd's code. */
static const char *const endings[] = {"ok",       "error",      "timeout",
                                      "shutdown", "read-error", "client-abort"};

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  httpd_server *s = cls;
  uint64_t state = unpack(con_cls);
  const peer *p = peer_of(conn);
  httpd_access a;
  if (state == 0)
    return;
  a.client = p != NULL ? p->client : "-";
  a.id = p != NULL ? p->id : "-";
  a.method = (enum httpd_method)FIELD(state, METHOD_SHIFT, METHOD_BITS);
  a.route = (enum httpd_route)FIELD(state, ROUTE_SHIFT, ROUTE_BITS);
  a.status = FIELD(state, 0, STATUS_BITS);
  a.end =
      (size_t)toe < sizeof endings / sizeof endings[0] ? endings[toe] : "error";
  a.micros = httpd_now_us() - s->epoch_us - (state >> START_SHIFT);
  /* An answer that was not sent in full is logged without its status. */
  if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
    a.status = 0;
  httpd_log_access(&a);
  httpd_metrics_request(a.route, a.status, a.micros);
  *con_cls = NULL;
  atomic_fetch_sub(&s->in_flight, 1);
}

/* libmicrohttpd's messages whose arguments are known to be numbers and
   reason phrases: how it refused a request (414, 431, 400). */
static const char *const safe_formats[] = {
    "Error processing request (HTTP response code is %u ('%s')). "
    "Closing connection.\n",
};

/* libmicrohttpd's own messages. Once serving, a message is formatted only
   when its arguments are known to be safe; of any other only the format is
   printed: no byte a client sent can reach the log through them. */
static void mhd_log(void *cls, const char *fmt, va_list ap) {
  httpd_server *s = cls;
  int safe = !atomic_load(&s->serving);
  size_t i;
  for (i = 0; i < sizeof safe_formats / sizeof safe_formats[0]; i++)
    safe |= strcmp(fmt, safe_formats[i]) == 0;
  fputs(HTTPD_NAME ": libmicrohttpd: ", stderr);
  if (safe)
    vfprintf(stderr, fmt, ap);
  else
    fputs(fmt, stderr);
}

void httpd_format_addr(const void *addr, unsigned port, char *out) {
  const struct sockaddr *sa = addr;
  char host[INET6_ADDRSTRLEN];
  const void *bytes =
      sa->sa_family == AF_INET6
          ? (const void *)&((const struct sockaddr_in6 *)addr)->sin6_addr
          : (const void *)&((const struct sockaddr_in *)addr)->sin_addr;
  if (inet_ntop(sa->sa_family, bytes, host, sizeof host) == NULL)
    strcpy(host, "?");
  /* At most 54 bytes: [, 45 of an IPv6 address, ]:, 5 digits. */
  if (snprintf(out, HTTPD_ADDR_MAX,
               sa->sa_family == AF_INET6 ? "[%s]:%u" : "%s:%u", host, port) < 0)
    memcpy(out, "?", 2);
}

uint16_t httpd_sockaddr_port(const void *addr) {
  const struct sockaddr *sa = addr;
  if (sa->sa_family == AF_INET6)
    return ntohs(((const struct sockaddr_in6 *)addr)->sin6_port);
  return ntohs(((const struct sockaddr_in *)addr)->sin_port);
}

static void set_port(struct sockaddr_storage *a, uint16_t port) {
  if (a->ss_family == AF_INET6)
    ((struct sockaddr_in6 *)(void *)a)->sin6_port = htons(port);
  else
    ((struct sockaddr_in *)(void *)a)->sin_port = htons(port);
}

/* One daemon on addr; NULL with libmicrohttpd's message on stderr. The
   port is given beside the address only for that message. */
static struct MHD_Daemon *listen_on(httpd_server *s,
                                    const struct sockaddr_storage *addr,
                                    const httpd_limits *limits) {
  const struct sockaddr *sa = (const struct sockaddr *)addr;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
                   MHD_USE_ITC | MHD_USE_ERROR_LOG;
  if (sa->sa_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  return MHD_start_daemon(
      flags, httpd_sockaddr_port(addr), NULL, NULL, handle, s,
      /* First, so that it gets every message. */
      MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s, MHD_OPTION_SOCK_ADDR, sa,
      MHD_OPTION_THREAD_POOL_SIZE, limits->threads, MHD_OPTION_CONNECTION_LIMIT,
      limits->max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
      limits->max_per_ip, MHD_OPTION_CONNECTION_TIMEOUT, limits->timeout_s,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, limits->memory_per_conn,
      MHD_OPTION_CONNECTION_MEMORY_INCREMENT, (size_t)1024,
      MHD_OPTION_LISTEN_BACKLOG_SIZE, 511u, MHD_OPTION_URI_LOG_CALLBACK, on_uri,
      s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
      MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
      MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_END);
}

static void stop_daemons(httpd_server *s) {
  size_t i;
  for (i = 0; i < s->daemons; i++) {
    MHD_stop_daemon(s->daemon[i]);
    if (s->listen_fd[i] != MHD_INVALID_SOCKET)
      close(s->listen_fd[i]);
  }
}

httpd_server *httpd_start(const httpd_config *c, const void *addrs, size_t n,
                          const char *openid_header,
                          const char *sub_openid_header,
                          const httpd_limits *limits) {
  const struct sockaddr_storage *list = addrs;
  httpd_server *s = calloc(1, sizeof *s);
  size_t i;
  if (s == NULL) {
    fprintf(stderr, HTTPD_NAME ": out of memory\n");
    return NULL;
  }
  s->config = c;
  s->openid_header = openid_header;
  s->sub_openid_header = sub_openid_header;
  s->timeout_s = limits->timeout_s;
  s->epoch_us = httpd_now_us() - 1;
  randombytes_buf(&s->id_base, sizeof s->id_base);
  atomic_init(&s->next_id, 0);
  atomic_init(&s->draining, 0);
  atomic_init(&s->in_flight, 0);
  atomic_init(&s->serving, 0);
  for (i = 0; i < n && i < HTTPD_LISTEN_MAX; i++) {
    struct sockaddr_storage a = list[i];
    /* Port 0: the port the first address got, for every other. */
    if (i > 0 && httpd_sockaddr_port(&a) == 0)
      set_port(&a, (uint16_t)httpd_port(s));
    s->listen_fd[i] = MHD_INVALID_SOCKET;
    s->daemon[i] = listen_on(s, &a, limits);
    if (s->daemon[i] == NULL) {
      char where[HTTPD_ADDR_MAX];
      httpd_format_addr(&a, httpd_sockaddr_port(&a), where);
      fprintf(stderr, HTTPD_NAME ": cannot listen on %s (see above)\n", where);
      stop_daemons(s);
      free(s);
      return NULL;
    }
    s->daemons++;
  }
  atomic_store(&s->serving, 1);
  return s;
}

unsigned httpd_port(httpd_server *s) {
  const union MHD_DaemonInfo *i =
      MHD_get_daemon_info(s->daemon[0], MHD_DAEMON_INFO_BIND_PORT);
  return i != NULL ? i->port : 0;
}

static unsigned connections(httpd_server *s) {
  unsigned n = 0;
  size_t d;
  for (d = 0; d < s->daemons; d++) {
    const union MHD_DaemonInfo *i =
        MHD_get_daemon_info(s->daemon[d], MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    n += i != NULL ? i->num_connections : 0;
  }
  return n;
}

void httpd_stop(httpd_server *s) {
  const uint64_t settle = 100000; /* µs without a request before closing */
  uint64_t deadline = httpd_now_us() + (uint64_t)s->timeout_s * 1000000u;
  uint64_t idle_since = 0;
  const struct timespec tick = {0, 5000000};
  size_t d;

  /* Stop accepting: libmicrohttpd drops the socket from its threads, and
     shutdown() makes the kernel refuse new connections at once. It is
     closed only after the stop, so that its number cannot be reused under
     a thread still looking at it. */
  for (d = 0; d < s->daemons; d++) {
    s->listen_fd[d] = MHD_quiesce_daemon(s->daemon[d]);
    if (s->listen_fd[d] != MHD_INVALID_SOCKET)
      shutdown(s->listen_fd[d], SHUT_RDWR);
  }
  atomic_store(&s->draining, 1);

  /* Requests in flight finish, each answer closing its connection. Idle
     keep-alive connections hold no request: once none has been in flight
     for a moment, they are closed by the stop. */
  for (;;) {
    uint64_t now = httpd_now_us();
    if (connections(s) == 0 || now >= deadline)
      break;
    if (atomic_load(&s->in_flight) != 0)
      idle_since = 0;
    else if (idle_since == 0)
      idle_since = now;
    else if (now - idle_since >= settle)
      break;
    nanosleep(&tick, NULL);
  }
  stop_daemons(s);
  free(s);
}
