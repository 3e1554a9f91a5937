/* repayjump-httpd: options, the listening socket's address, the daemon's
   life, and the signals that end it. */
#include <getopt.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    "  GET /healthz  200\n"
    "\n"
    "Options:\n"
    "  --listen ADDR:PORT     address to listen on (default 127.0.0.1:8080;\n"
    "                         [::1]:PORT for IPv6; port 0 picks a free one).\n"
    "                         The first line on stdout is\n"
    "                         'listening on ADDR:PORT' with the real port.\n"
    "  --openid-header NAME   take the openid only from request header NAME,\n"
    "                         set by the gateway after its login check; an\n"
    "                         openid in the query is then refused\n"
    "  --sub-openid-header NAME  the same for sub_openid (partner variants)\n"
    "  --threads N            worker threads (default: the number of CPUs)\n"
    "  --max-connections N    connections at once (default 1024)\n"
    "  --timeout SECONDS      idle time before a connection is closed, and\n"
    "                         the longest a stop waits (default 10)\n"
    "  -h, --help             show this help\n"
    "  --version              show the versions\n"
    "\n"
    "Environment:\n"
    "  REPAYJUMP_APPID, REPAYJUMP_MCHID   the merchant (required)\n"
    "  REPAYJUMP_VARIANT      v3 (default), v3-partner, v2, v2-partner\n"
    "  REPAYJUMP_SUB_APPID, REPAYJUMP_SUB_MCHID   partner variants\n"
    "  REPAYJUMP_API_KEY_FILE v2 variants: a file holding the APIv2 key\n"
    "                         (read once at start; never logged)\n"
    "\n"
    "Without --openid-header, whoever can reach the service chooses the\n"
    "openid: keep it on loopback or behind the merchant's own backend.\n"
    "A request's line on stderr: time, method, path, status, microseconds;\n"
    "never its query or an openid. SIGTERM or SIGINT: stop accepting,\n"
    "finish the requests in flight, exit 0.\n"
    "Exit status: 0 stopped by a signal, 1 cannot listen, 2 bad option or\n"
    "configuration.\n";

enum {
  OPT_LISTEN = 256,
  OPT_OPENID_HEADER,
  OPT_SUB_OPENID_HEADER,
  OPT_THREADS,
  OPT_MAX_CONNECTIONS,
  OPT_TIMEOUT,
  OPT_VERSION
};

static const struct option options[] = {
    {"listen", required_argument, NULL, OPT_LISTEN},
    {"openid-header", required_argument, NULL, OPT_OPENID_HEADER},
    {"sub-openid-header", required_argument, NULL, OPT_SUB_OPENID_HEADER},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"max-connections", required_argument, NULL, OPT_MAX_CONNECTIONS},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
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

/* "ADDR:PORT" or "[ADDR6]:PORT", numeric only: no name lookup. */
static int parse_listen(const char *text, struct sockaddr_storage *out,
                        socklen_t *outlen) {
  char host[64];
  const char *colon = strrchr(text, ':');
  const char *start = text, *end = colon;
  struct addrinfo hints, *res = NULL;
  size_t n;
  if (colon == NULL || colon[1] == '\0')
    return usage("--listen '%s': expected ADDR:PORT", text);
  if (text[0] == '[') {
    start = text + 1;
    if (end == text || end[-1] != ']')
      return usage("--listen '%s': expected [ADDR]:PORT", text);
    end--;
  }
  n = (size_t)(end - start);
  if (n == 0 || n >= sizeof host)
    return usage("--listen '%s': expected ADDR:PORT", text);
  memcpy(host, start, n);
  host[n] = '\0';
  memset(&hints, 0, sizeof hints);
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
  hints.ai_socktype = SOCK_STREAM;
  if (strspn(colon + 1, "0123456789") != strlen(colon + 1) ||
      strlen(colon + 1) > 5 || atol(colon + 1) > 65535 ||
      getaddrinfo(host, colon + 1, &hints, &res) != 0)
    return usage("--listen '%s': expected a numeric address and a port "
                 "0..65535",
                 text);
  memcpy(out, res->ai_addr, res->ai_addrlen);
  *outlen = res->ai_addrlen;
  freeaddrinfo(res);
  return HTTPD_EXIT_OK;
}

static void print_listening(const struct sockaddr_storage *a, unsigned port) {
  char host[NI_MAXHOST];
  int v6 = a->ss_family == AF_INET6;
  getnameinfo((const struct sockaddr *)a, sizeof *a, host, sizeof host, NULL, 0,
              NI_NUMERICHOST);
  printf(v6 ? "listening on [%s]:%u\n" : "listening on %s:%u\n", host, port);
  fflush(stdout);
}

static int serve(const httpd_config *c, int argc, char **argv) {
  const char *listen = "127.0.0.1:8080";
  const char *openid_header = NULL, *sub_openid_header = NULL;
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  httpd_limits limits = {cpus > 1 ? (unsigned)cpus : 1, 1024, 10, 16 * 1024};
  struct sockaddr_storage addr;
  socklen_t addrlen;
  sigset_t stop;
  httpd_server *s;
  int opt, rc, sig;

  while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
    rc = HTTPD_EXIT_OK;
    switch (opt) {
    case 'h':
      fputs(help, stdout);
      return fflush(stdout) == 0 ? HTTPD_EXIT_OK : HTTPD_EXIT_FAILURE;
    case OPT_VERSION:
      printf(HTTPD_NAME " %s (librepayjump %s)\n", REPAYJUMP_VERSION_STRING,
             repayjump_version());
      return fflush(stdout) == 0 ? HTTPD_EXIT_OK : HTTPD_EXIT_FAILURE;
    case OPT_LISTEN:
      listen = optarg;
      break;
    case OPT_OPENID_HEADER:
      openid_header = optarg;
      rc = header_name("--openid-header", optarg);
      break;
    case OPT_SUB_OPENID_HEADER:
      sub_openid_header = optarg;
      rc = header_name("--sub-openid-header", optarg);
      break;
    case OPT_THREADS:
      rc = number("--threads", optarg, 64, &limits.threads);
      break;
    case OPT_MAX_CONNECTIONS:
      rc = number("--max-connections", optarg, 65536, &limits.max_connections);
      break;
    case OPT_TIMEOUT:
      rc = number("--timeout", optarg, 3600, &limits.timeout_s);
      break;
    default:
      return usage("%s", "bad option");
    }
    if (rc != HTTPD_EXIT_OK)
      return rc;
  }
  if (optind < argc)
    return usage("unexpected argument '%s'", argv[optind]);
  if (sub_openid_header != NULL && openid_header == NULL)
    return usage("%s needs --openid-header", "--sub-openid-header");
  if (sub_openid_header != NULL && !c->is_partner)
    return usage("%s is for the partner variants", "--sub-openid-header");
  if ((rc = parse_listen(listen, &addr, &addrlen)) != HTTPD_EXIT_OK)
    return rc;

  /* Blocked before the daemon's threads exist, so that they inherit the
     mask and only sigwait below sees these signals. */
  sigemptyset(&stop);
  sigaddset(&stop, SIGTERM);
  sigaddset(&stop, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  signal(SIGPIPE, SIG_IGN);

  s = httpd_start(c, &addr, addrlen, openid_header, sub_openid_header, &limits);
  if (s == NULL)
    return HTTPD_EXIT_FAILURE;
  print_listening(&addr, httpd_port(s));
  while (sigwait(&stop, &sig) != 0)
    ;
  httpd_stop(s);
  return HTTPD_EXIT_OK;
}

int main(int argc, char **argv) {
  static httpd_config config;
  int rc, i;
  /* --help and --version need no configuration. */
  for (i = 1; i < argc; i++)
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0 ||
        strcmp(argv[i], "--version") == 0)
      return serve(&config, argc, argv);
  if (repayjump_init() != REPAYJUMP_OK) {
    fprintf(stderr, HTTPD_NAME ": no randomness available\n");
    return HTTPD_EXIT_FAILURE;
  }
  rc = httpd_config_load(&config);
  if (rc == HTTPD_EXIT_OK)
    rc = serve(&config, argc, argv);
  httpd_config_wipe(&config);
  return rc;
}
