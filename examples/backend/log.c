/* The access log: one line a request on stderr, written with one write(2)
   so that lines from the pool's threads never interleave. Only names from
   the tables below are logged, never a byte the client chose: no query, no
   unknown path (it could carry an openid), no header. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "httpd.h"

static const char *const methods[METHOD_COUNT] = {
    "-", "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"};
static const char *const routes[ROUTE_COUNT] = {"-", "/v1/jump", "/healthz",
                                                "/v1/status"};

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

void httpd_log_access(enum httpd_method m, enum httpd_route r, unsigned status,
                      uint64_t micros) {
  char line[128], when[32], code[12] = "-";
  struct timespec now;
  struct tm tm;
  int n;
  clock_gettime(CLOCK_REALTIME, &now);
  gmtime_r(&now.tv_sec, &tm);
  if (strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
    return;
  if (status != 0 && snprintf(code, sizeof code, "%u", status) < 0)
    return;
  n = snprintf(line, sizeof line, "%s.%03ldZ %s %s %s %lluus\n", when,
               now.tv_nsec / 1000000L, methods[m], routes[r], code,
               (unsigned long long)micros);
  /* Nothing to do about a failed log write but go on serving. */
  if (n > 0 && write(STDERR_FILENO, line, (size_t)n) < 0)
    return;
}
