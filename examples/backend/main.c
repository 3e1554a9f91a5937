/* repayjump-httpd: options, the listening socket's address, the daemon's
   life, and the signals that end it. */
#include <errno.h>
#include <getopt.h>
#include <netdb.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "httpd.h"

static const char help[] =
    "Usage: " HTTPD_NAME " [OPTIONS]\n"
    "Serve the parameters of WeChat Pay's repayment mini program jump.\n"
    "\n"
    "  GET /v1/jump?openid=OPENID[&sub_openid=OPENID]\n"
    "        200: the JSON document of `repayjump compose --format all`,\n"
    "        with a fresh nonce_str; 400: {\"error\":{...}} naming the\n"
    "        status, field, byte offset and rule\n"
    "  GET /v1/status?openid=OPENID[&sub_openid=OPENID]\n"
    "        200: {\"user_state\":...,\"repay\":...,...} from WeChat Pay's\n"
    "        user state query; 400 bad openid; 502 an answer not trusted or\n"
    "        FAIL; 504 no answer in time; 503 not configured\n"
    "  GET /healthz  200\n"
    "\n"
    "Options:\n"
    "  --listen HOST:PORT     address to listen on (default 127.0.0.1:8080;\n"
    "                         [::1]:PORT for IPv6; port 0 picks a free one).\n"
    "                         A host name is resolved at start and every\n"
    "                         address it has is bound (localhost:8080).\n"
    "                         A line 'listening on ADDR:PORT' on stdout for\n"
    "                         each, with the real port.\n"
    "  --openid-header NAME   take the openid only from request header NAME,\n"
    "                         set by the gateway after its login check; an\n"
    "                         openid in the query is then refused\n"
    "  --sub-openid-header NAME  the same for sub_openid (partner variants)\n"
    "  --threads N            worker threads (default: the number of CPUs)\n"
    "  --max-connections N    connections at once (default 1024)\n"
    "  --max-connections-per-ip N  connections at once from one address\n"
    "                         (default 256; behind one gateway, set it to\n"
    "                         --max-connections)\n"
    "  --timeout SECONDS      idle time before a connection is closed, and\n"
    "                         the longest a stop waits (default 10)\n"
    "  --log-format FORMAT    text (default) or json: one JSON object a line\n"
    "  --metrics-listen HOST:PORT  serve GET /metrics (Prometheus' text\n"
    "                         format) there, on its first address; off\n"
    "                         by default\n"
    "  -h, --help             show this help\n"
    "  --version              show the versions\n"
    "\n"
    "Environment:\n"
    "  REPAYJUMP_APPID, REPAYJUMP_MCHID   the merchant (required)\n"
    "  REPAYJUMP_VARIANT      v3 (default), v3-partner, v2, v2-partner\n"
    "  REPAYJUMP_SUB_APPID, REPAYJUMP_SUB_MCHID   partner variants\n"
    "  REPAYJUMP_API_KEY_FILE a file holding the APIv2 key (read once at\n"
    "                         start; never logged): the v2 variants sign\n"
    "                         the jump with it, and every variant the\n"
    "                         status query\n"
    "  REPAYJUMP_TRADE_SCENE  the status query's trade_scene (PARKING, ...)\n"
    "  REPAYJUMP_JUMP_SCENE   APP or H5 (absent: a mini program)\n"
    "  REPAYJUMP_WECHATPAY_URL, REPAYJUMP_WECHATPAY_BACKUP_URL   where to\n"
    "                         POST the query (default: WeChat Pay's hosts)\n"
    "  REPAYJUMP_WECHATPAY_CA a CA file to verify WeChat Pay with instead\n"
    "                         of the system's\n"
    "  REPAYJUMP_WECHATPAY_TIMEOUT_MS  one attempt's time (default 5000)\n"
    "\n"
    "Without --openid-header, whoever can reach the service chooses the\n"
    "openid: keep it on loopback or behind the merchant's own backend.\n"
    "The log on stderr: a line at start (version, addresses, variant,\n"
    "whether status queries are on), one a request (time, client address,\n"
    "method, route, status, microseconds, request id, how it ended; the\n"
    "id is also the answer's X-Request-Id header), one at stop; never a\n"
    "query, an openid, the key, a body or WeChat Pay's answer. SIGTERM, "
    "SIGINT, SIGHUP or SIGQUIT:\n"
    "stop accepting, finish the requests in flight, wipe the key, exit 0.\n"
    "Exit status: 0 stopped by a signal, 1 cannot listen, 2 bad option or\n"
    "configuration.\n";

enum {
  OPT_LISTEN = 256,
  OPT_OPENID_HEADER,
  OPT_SUB_OPENID_HEADER,
  OPT_THREADS,
  OPT_MAX_CONNECTIONS,
  OPT_MAX_PER_IP,
  OPT_TIMEOUT,
  OPT_LOG_FORMAT,
  OPT_METRICS_LISTEN,
  OPT_VERSION
};

static const struct option options[] = {
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"openid-header", required_argument, NULL, OPT_OPENID_HEADER},
    {"sub-openid-header", required_argument, NULL, OPT_SUB_OPENID_HEADER},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"max-connections", required_argument, NULL, OPT_MAX_CONNECTIONS},
    {"max-connections-per-ip", required_argument, NULL, OPT_MAX_PER_IP},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"log-format", required_argument, NULL, OPT_LOG_FORMAT},
    {"metrics-listen", required_argument, NULL, OPT_METRICS_LISTEN},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0},
};

static int usage(const char *fmt, const char *arg) {
  fprintf(stderr, HTTPD_NAME ": ");
  fprintf(stderr, fmt, arg);
  fprintf(stderr, "; see " HTTPD_NAME " --help\n");
  return HTTPD_EXIT_USAGE;
}

static int number(const char *opt, const char *s, unsigned long max,
                  unsigned *out) {
  char *end;
  unsigned long v;
  if (s[0] < '0' || s[0] > '9')
    return usage("%s expects a number", opt);
  v = strtoul(s, &end, 10);
  if (*end != '\0' || v == 0 || v > max)
    return usage("%s is out of range", opt);
  *out = (unsigned)v;
  return HTTPD_EXIT_OK;
}

/* An HTTP header name: an RFC 9110 token. */
static int header_name(const char *opt, const char *s) {
  size_t i, n = strlen(s);
  if (n == 0 || n > 64)
    return usage("%s expects a header name of 1 to 64 bytes", opt);
  for (i = 0; i < n; i++)
    if (strchr("!#$%&'*+-.^_`|~", s[i]) == NULL &&
        !((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
          (s[i] >= 'A' && s[i] <= 'Z')))
      return usage("%s expects a header name (letters, digits, -)", opt);
  return HTTPD_EXIT_OK;
}

static int bad_listen(const char *opt, const char *text, const char *why) {
  fprintf(stderr, HTTPD_NAME ": %s '%s': %s; see " HTTPD_NAME " --help\n", opt,
          text, why);
  return HTTPD_EXIT_USAGE;
}

/* "HOST:PORT" or "[ADDR]:PORT" into host (room for size) and *port. */
static int split_listen(const char *opt, const char *text, char *host,
                        size_t size, const char **port) {
  const char *colon = strrchr(text, ':');
  const char *start = text, *end = colon;
  size_t len;
  if (colon == NULL || colon[1] == '\0')
    return bad_listen(opt, text, "expected HOST:PORT");
  if (text[0] == '[') {
    start = text + 1;
    if (end == text || end[-1] != ']')
      return bad_listen(opt, text, "expected [ADDR]:PORT");
    end--;
  }
  len = (size_t)(end - start);
  if (len == 0 || len >= size)
    return bad_listen(opt, text, "expected HOST:PORT");
  memcpy(host, start, len);
  host[len] = '\0';
  *port = colon + 1;
  if (strspn(*port, "0123456789") != strlen(*port) || strlen(*port) > 5 ||
      strtoul(*port, NULL, 10) > 65535)
    return bad_listen(opt, text, "expected a port 0..65535");
  return HTTPD_EXIT_OK;
}

/* Append a to out[*n] unless it is there already or out is full. */
static void add_address(const struct addrinfo *a, struct sockaddr_storage *out,
                        size_t *n) {
  size_t i;
  if ((a->ai_family != AF_INET && a->ai_family != AF_INET6) ||
      a->ai_addrlen > sizeof out[0] || *n == HTTPD_LISTEN_MAX)
    return;
  for (i = 0; i < *n; i++)
    if (memcmp(&out[i], a->ai_addr, a->ai_addrlen) == 0)
      return;
  memset(&out[*n], 0, sizeof out[0]);
  memcpy(&out[*n], a->ai_addr, a->ai_addrlen);
  (*n)++;
}

/* "HOST:PORT" or "[ADDR6]:PORT": every address of HOST (a name is
   resolved now, once), at most HTTPD_LISTEN_MAX, each once, into out;
   their number in *n. */
static int parse_listen(const char *opt, const char *text,
                        struct sockaddr_storage *out, size_t *n) {
  char host[256];
  const char *port = NULL;
  struct addrinfo hints, *res = NULL, *a;
  int rc = split_listen(opt, text, host, sizeof host, &port);
  if (rc != HTTPD_EXIT_OK)
    return rc;
  memset(&hints, 0, sizeof hints);
  hints.ai_flags = AI_NUMERICSERV | AI_PASSIVE;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_family = text[0] == '[' ? AF_INET6 : AF_UNSPEC;
  rc = getaddrinfo(host, port, &hints, &res);
  if (rc != 0)
    return bad_listen(opt, text, gai_strerror(rc));
  *n = 0;
  for (a = res; a != NULL; a = a->ai_next)
    add_address(a, out, n);
  freeaddrinfo(res);
  if (*n == 0)
    return bad_listen(opt, text, "no IPv4 or IPv6 address");
  return HTTPD_EXIT_OK;
}

/* 127.0.0.0/8 or ::1: reachable from this machine only. */
static int is_loopback(const struct sockaddr_storage *a) {
  if (a->ss_family == AF_INET) {
    const struct sockaddr_in *v4 = (const struct sockaddr_in *)a;
    return (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
  }
  return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)a)->sin6_addr);
}

/* Every connection is a descriptor: make sure that --max-connections of
   them can be open, beside the pool's own (an epoll and a wake-up
   descriptor a thread, its connections to WeChat Pay, libcurl's) and a
   margin. Raises the soft limit when the hard one allows; else one line
   and HTTPD_EXIT_USAGE, before anything listens. */
static int check_files(const httpd_limits *limits) {
  rlim_t need =
      (rlim_t)limits->max_connections + 8 * (rlim_t)limits->threads + 32;
  struct rlimit r;
  if (getrlimit(RLIMIT_NOFILE, &r) != 0)
    return HTTPD_EXIT_OK; /* nothing known to check against */
  if (r.rlim_cur != RLIM_INFINITY && r.rlim_cur < need) {
    if (r.rlim_max != RLIM_INFINITY && r.rlim_max < need) {
      fprintf(stderr,
              HTTPD_NAME ": --max-connections %u needs %llu open files; the "
                         "limit is %llu (ulimit -n): lower --max-connections "
                         "or raise the limit\n",
              limits->max_connections, (unsigned long long)need,
              (unsigned long long)r.rlim_max);
      return HTTPD_EXIT_USAGE;
    }
    r.rlim_cur = need;
    if (setrlimit(RLIMIT_NOFILE, &r) != 0) {
      fprintf(stderr, HTTPD_NAME ": cannot raise the open files limit: %s\n",
              strerror(errno));
      return HTTPD_EXIT_USAGE;
    }
  }
  return HTTPD_EXIT_OK;
}

/* The lines a supervisor or a test waits for, one an address, and the
   log's start line; 0 once written and flushed. */
static int say_started(const httpd_config *c, httpd_server *s,
                       const struct sockaddr_storage *addrs, size_t n,
                       httpd_metrics_server *m,
                       const struct sockaddr_storage *metrics,
                       const httpd_limits *limits) {
  char where[HTTPD_LISTEN_MAX][HTTPD_ADDR_MAX], mwhere[HTTPD_ADDR_MAX];
  httpd_start_info info;
  size_t i;
  memset(&info, 0, sizeof info);
  for (i = 0; i < n; i++) {
    httpd_format_addr(&addrs[i], httpd_port(s), where[i]);
    info.listen[i] = where[i];
    if (printf("listening on %s\n", where[i]) < 0)
      return -1;
  }
  info.listen_count = n;
  if (m != NULL) {
    httpd_format_addr(metrics, httpd_metrics_port(m), mwhere);
    info.metrics = mwhere;
    if (printf("metrics on %s\n", mwhere) < 0)
      return -1;
  }
  info.variant = c->variant_name;
  info.status_on = c->status.off == NULL;
  info.threads = limits->threads;
  if (fflush(stdout) != 0)
    return -1;
  httpd_log_start(&info);
  return 0;
}

static const char *signal_name(int sig) {
  switch (sig) {
  case SIGTERM:
    return "SIGTERM";
  case SIGINT:
    return "SIGINT";
  case SIGHUP:
    return "SIGHUP";
  default:
    return "SIGQUIT";
  }
}

/* The command line. */
typedef struct options_in {
  const char *listen, *metrics_listen;
  const char *openid_header, *sub_openid_header;
  httpd_limits limits;
  int done; /* --help or --version answered */
} options_in;

static int option(int opt, options_in *o) {
  switch (opt) {
  case 'h':
    fputs(help, stdout);
    o->done = 1;
    return fflush(stdout) == 0 ? HTTPD_EXIT_OK : HTTPD_EXIT_FAILURE;
  case OPT_VERSION:
    printf(HTTPD_NAME " %s (librepayjump %s)\n", REPAYJUMP_VERSION_STRING,
           repayjump_version());
    o->done = 1;
    return fflush(stdout) == 0 ? HTTPD_EXIT_OK : HTTPD_EXIT_FAILURE;
  case OPT_LISTEN:
    o->listen = optarg;
    return HTTPD_EXIT_OK;
  case OPT_METRICS_LISTEN:
    o->metrics_listen = optarg;
    return HTTPD_EXIT_OK;
  case OPT_OPENID_HEADER:
    o->openid_header = optarg;
    return header_name("--openid-header", optarg);
  case OPT_SUB_OPENID_HEADER:
    o->sub_openid_header = optarg;
    return header_name("--sub-openid-header", optarg);
  case OPT_THREADS:
    return number("--threads", optarg, 64, &o->limits.threads);
  case OPT_MAX_CONNECTIONS:
    return number("--max-connections", optarg, 65536,
                  &o->limits.max_connections);
  case OPT_MAX_PER_IP:
    return number("--max-connections-per-ip", optarg, 65536,
                  &o->limits.max_per_ip);
  case OPT_TIMEOUT:
    return number("--timeout", optarg, 3600, &o->limits.timeout_s);
  case OPT_LOG_FORMAT:
    if (strcmp(optarg, "json") != 0 && strcmp(optarg, "text") != 0)
      return usage("--log-format '%s': expected text or json", optarg);
    httpd_log_set_format(optarg[0] == 'j' ? LOG_JSON : LOG_TEXT);
    return HTTPD_EXIT_OK;
  default:
    return usage("%s", "bad option");
  }
}

static int parse_options(int argc, char **argv, options_in *o) {
  int opt;
  while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    int rc = option(opt, o);
    if (rc != HTTPD_EXIT_OK || o->done)
      return rc;
  }
  if (optind < argc)
    return usage("unexpected argument '%s'", argv[optind]);
  if (o->sub_openid_header != NULL && o->openid_header == NULL)
    return usage("%s needs --openid-header", "--sub-openid-header");
  return HTTPD_EXIT_OK;
}

/* Serve until a signal in stop; the metrics too when metrics is not
   NULL. */
static int run(const httpd_config *c, const options_in *o,
               const struct sockaddr_storage *addrs, size_t n,
               const struct sockaddr_storage *metrics, const sigset_t *stop) {
  httpd_server *s;
  httpd_metrics_server *m = NULL;
  int sig, rc = HTTPD_EXIT_OK;
  s = httpd_start(c, addrs, n, o->openid_header, o->sub_openid_header,
                  &o->limits);
  if (s == NULL)
    return HTTPD_EXIT_FAILURE;
  if (metrics != NULL && (m = httpd_metrics_start(metrics)) == NULL)
    rc = HTTPD_EXIT_FAILURE;
  else if (say_started(c, s, addrs, n, m, metrics, &o->limits) != 0) {
    fprintf(stderr, HTTPD_NAME ": cannot write to stdout\n");
    rc = HTTPD_EXIT_FAILURE;
  } else
    while (sigwait(stop, &sig) != 0)
      ;
  httpd_stop(s);
  if (m != NULL)
    httpd_metrics_stop(m);
  if (rc == HTTPD_EXIT_OK)
    httpd_log_stop(signal_name(sig));
  return rc;
}

static int serve(const httpd_config *c, int argc, char **argv) {
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  options_in o = {
      "127.0.0.1:8080",
      NULL,
      NULL,
      NULL,
      {cpus > 1 ? (unsigned)cpus : 1, 1024, 256, 10, (size_t)16 * 1024},
      0};
  struct sockaddr_storage addrs[HTTPD_LISTEN_MAX], metrics[HTTPD_LISTEN_MAX];
  size_t n = 0, n_metrics = 0, i;
  sigset_t stop;
  int rc, loopback = 1;

  if ((rc = parse_options(argc, argv, &o)) != HTTPD_EXIT_OK || o.done)
    return rc;
  if (o.sub_openid_header != NULL && !c->is_partner)
    return usage("%s is for the partner variants", "--sub-openid-header");
  if ((rc = parse_listen("--listen", o.listen, addrs, &n)) != HTTPD_EXIT_OK ||
      (o.metrics_listen != NULL &&
       (rc = parse_listen("--metrics-listen", o.metrics_listen, metrics,
                          &n_metrics)) != HTTPD_EXIT_OK) ||
      (rc = check_files(&o.limits)) != HTTPD_EXIT_OK)
    return rc;
  for (i = 0; i < n; i++)
    loopback &= is_loopback(&addrs[i]);
  if (o.openid_header == NULL && !loopback)
    fprintf(stderr,
            HTTPD_NAME ": warning: --listen %s is not a loopback address and "
                       "--openid-header is not set: whoever reaches the "
                       "service chooses the openid\n",
            o.listen);

  /* Blocked before the daemon's threads exist, so that they inherit the
     mask and only sigwait below sees these signals. */
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGHUP);
  sigaddset(&stop, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  /* libmicrohttpd sends with MSG_NOSIGNAL; this covers anything else. */
  if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
    return HTTPD_EXIT_FAILURE;
  return run(c, &o, addrs, n, o.metrics_listen != NULL ? metrics : NULL, &stop);
}

int main(int argc, char **argv) {
  static httpd_config config;
  int rc, i;
  /* --help and --version need no configuration. */
  for (i = 1; i < argc; i++)
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0 ||
        strcmp(argv[i], "--version") == 0)
      return serve(&config, argc, argv);
  /* No core dump, and no ptrace by another user: the key is in memory. */
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    fprintf(stderr, HTTPD_NAME ": cannot turn core dumps off\n");
    return HTTPD_EXIT_FAILURE;
  }
  if (repayjump_init() != REPAYJUMP_OK) {
    fprintf(stderr, HTTPD_NAME ": no randomness available\n");
    return HTTPD_EXIT_FAILURE;
  }
  /* libcurl's global state, before any thread. */
  if (httpd_wechatpay_init() != 0)
    return HTTPD_EXIT_FAILURE;
  rc = httpd_config_load(&config);
  if (rc == HTTPD_EXIT_OK)
    rc = serve(&config, argc, argv);
  httpd_config_wipe(&config);
  /* The pool's threads, and so their handles, are gone. */
  httpd_wechatpay_cleanup();
  return rc;
}
