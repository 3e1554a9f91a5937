/* The log on stderr: a line at start, one a request, one at stop, as text
   or as one JSON object a line (--log-format json). Each line is written
   with one write(2), so that lines from the pool's threads never
   interleave. Only names from the tables below, numbers, numeric addresses
   and the service's own request ids are logged, never a byte the client
   chose: no query, no unknown path (it could carry an openid), no header,
   no body, nothing of WeChat Pay's answer. Every value is therefore plain
   ASCII without quotes or backslashes, and the JSON needs no escaping. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "httpd.h"

static const char *const methods[METHOD_COUNT] = {
    "-", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
static const char *const routes[ROUTE_COUNT] = {"-", "/v1/jump", "/healthz",
                                                "/v1/status"};

/* Set once in main, before any thread. */
static enum httpd_log_format format = LOG_TEXT;

void httpd_log_set_format(enum httpd_log_format f) { format = f; }

enum httpd_method httpd_method_parse(const char *method) {
  int m;
  for (m = 1; m < METHOD_COUNT; m++)
    if (strcmp(methods[m], method) == 0)
      return (enum httpd_method)m;
  return METHOD_OTHER;
}

const char *httpd_method_name(enum httpd_method m) { return methods[m]; }

const char *httpd_route_path(enum httpd_route r) { return routes[r]; }

uint64_t httpd_now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (uint64_t)t.tv_sec * 1000000u + (uint64_t)t.tv_nsec / 1000u;
}

/* "2026-01-02T03:04:05.678Z" into when (room for 32); 0 on failure. */
static int timestamp(char *when) {
  struct timespec now;
  struct tm tm;
  size_t n;
  clock_gettime(CLOCK_REALTIME, &now);
  gmtime_r(&now.tv_sec, &tm);
  n = strftime(when, 32, "%Y-%m-%dT%H:%M:%S", &tm);
  if (n == 0)
    return 0;
  return snprintf(when + n, 32 - n, ".%03ldZ", now.tv_nsec / 1000000L) > 0;
}

static void emit(const char *line, int n, size_t room) {
  /* Nothing to do about a failed log write but go on serving. */
  if (n > 0 && (size_t)n < room && write(STDERR_FILENO, line, (size_t)n) < 0)
    return;
}

void httpd_log_access(const httpd_access *a) {
  char line[256], when[32], code[12] = "-";
  int n;
  if (!timestamp(when))
    return;
  if (a->status != 0 && snprintf(code, sizeof code, "%u", a->status) < 0)
    return;
  if (format == LOG_JSON)
    n = snprintf(line, sizeof line,
                 "{\"time\":\"%s\",\"event\":\"request\",\"client\":\"%s\","
                 "\"method\":\"%s\",\"route\":\"%s\",\"status\":%s,"
                 "\"duration_us\":%llu,\"request_id\":\"%s\","
                 "\"end\":\"%s\"}\n",
                 when, a->client, methods[a->method], routes[a->route],
                 a->status != 0 ? code : "null", (unsigned long long)a->micros,
                 a->id, a->end);
  else
    n = snprintf(line, sizeof line, "%s %s %s %s %s %lluus %s %s\n", when,
                 a->client, methods[a->method], routes[a->route], code,
                 (unsigned long long)a->micros, a->id, a->end);
  emit(line, n, sizeof line);
}

void httpd_log_start(const httpd_start_info *i) {
  char line[1024], when[32], addrs[HTTPD_LISTEN_MAX * 64];
  size_t k, used = 0;
  int n;
  if (!timestamp(when))
    return;
  addrs[0] = '\0';
  for (k = 0; k < i->listen_count; k++) {
    n = snprintf(addrs + used, sizeof addrs - used,
                 format == LOG_JSON ? "%s\"%s\"" : "%s%s", k ? "," : "",
                 i->listen[k]);
    if (n < 0 || (size_t)n >= sizeof addrs - used)
      return;
    used += (size_t)n;
  }
  if (format == LOG_JSON)
    n = snprintf(line, sizeof line,
                 "{\"time\":\"%s\",\"event\":\"start\",\"version\":\"%s\","
                 "\"listen\":[%s],\"variant\":\"%s\",\"status_queries\":%s,"
                 "\"metrics\":%s%s%s,\"threads\":%u}\n",
                 when, REPAYJUMP_VERSION_STRING, addrs, i->variant,
                 i->status_on ? "true" : "false", i->metrics ? "\"" : "",
                 i->metrics ? i->metrics : "null", i->metrics ? "\"" : "",
                 i->threads);
  else
    n = snprintf(line, sizeof line,
                 "%s start " HTTPD_NAME " %s listen=%s variant=%s "
                 "status_queries=%s metrics=%s threads=%u\n",
                 when, REPAYJUMP_VERSION_STRING, addrs, i->variant,
                 i->status_on ? "on" : "off", i->metrics ? i->metrics : "off",
                 i->threads);
  emit(line, n, sizeof line);
}

void httpd_log_stop(const char *signal_name) {
  char line[128], when[32];
  int n;
  if (!timestamp(when))
    return;
  if (format == LOG_JSON)
    n = snprintf(line, sizeof line,
                 "{\"time\":\"%s\",\"event\":\"stop\",\"signal\":\"%s\"}\n",
                 when, signal_name);
  else
    n = snprintf(line, sizeof line, "%s stop signal=%s\n", when, signal_name);
  emit(line, n, sizeof line);
}
