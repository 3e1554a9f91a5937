/* repayjump-httpd: the pieces its source files share. Each file does one
   thing: config.c (environment), doc.c (the JSON documents), status.c
   (status names), log.c (access log), routes.c (the HTTP side), main.c
   (options, daemon, signals). */
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

typedef struct httpd_config {
  repayjump_params params; /* every field but nonce_str and the openids */
  const char *variant_name;
  int is_signed;                    /* APIv2: a "sign" member in the document */
  int is_partner;                   /* sub_openid accepted */
  char key[HTTPD_KEY_FILE_MAX + 2]; /* the APIv2 key; wiped at exit */
} httpd_config;

/* Fill c from the environment and validate it. On failure, one line on
   stderr and HTTPD_EXIT_USAGE. Never prints the key. */
int httpd_config_load(httpd_config *c);

/* sodium_memzero the key. */
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

/* ---- status.c ---- */

/* "REPAYJUMP_E_CHARSET" for -6; "REPAYJUMP_E_UNKNOWN" outside the table. */
const char *httpd_status_name(int status);

/* ---- log.c: one line a request on stderr ---- */

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
enum httpd_route { ROUTE_OTHER, ROUTE_JUMP, ROUTE_HEALTHZ, ROUTE_COUNT };

enum httpd_method httpd_method_parse(const char *method);
const char *httpd_method_name(enum httpd_method m);
const char *httpd_route_path(enum httpd_route r);

/* Microseconds of CLOCK_MONOTONIC. */
uint64_t httpd_now_us(void);

/* Write "<UTC time> <method> <path> <status> <µs>us" with one write(2);
   status 0: the request ended before a response (logged as "-"). */
void httpd_log_access(enum httpd_method m, enum httpd_route r, unsigned status,
                      uint64_t micros);

/* ---- routes.c: the HTTP side ---- */

typedef struct httpd_server httpd_server;

typedef struct httpd_limits {
  unsigned threads;         /* the thread pool */
  unsigned max_connections; /* over it, new connections are refused */
  unsigned timeout_s;       /* idle seconds before a connection is closed */
  size_t memory_per_conn;   /* request line and headers must fit */
} httpd_limits;

/* Start listening on addr (a sockaddr of addrlen bytes) with c and limits;
   openid_header and sub_openid_header may be NULL (openid from the query).
   NULL and a message on stderr on failure. */
httpd_server *httpd_start(const httpd_config *c, const void *addr,
                          unsigned addrlen, const char *openid_header,
                          const char *sub_openid_header,
                          const httpd_limits *limits);

/* The bound port (for port 0). */
unsigned httpd_port(httpd_server *s);

/* Stop accepting, let requests in flight finish (at most timeout_s), then
   close every connection and free s. */
void httpd_stop(httpd_server *s);

#endif
