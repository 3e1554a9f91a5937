/* The merchant's side of the jump, from the environment, validated once at
   start so that a bad configuration never reaches a request. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "httpd.h"

typedef struct variant_row {
  const char *name;
  int variant;
  int is_signed;
  int is_partner;
} variant_row;

static const variant_row variants[] = {
    {"v3", REPAYJUMP_V3_MERCHANT, 0, 0},
    {"v3-partner", REPAYJUMP_V3_PARTNER, 0, 1},
    {"v2", REPAYJUMP_V2_MERCHANT, 1, 0},
    {"v2-partner", REPAYJUMP_V2_PARTNER, 1, 1},
};

/* The variable that sets each repayjump_field, for messages. Indexed by
   repayjump_field; the openids come with each request instead. */
static const char *const field_env[REPAYJUMP_FIELD_COUNT] = {
    NULL,
    "REPAYJUMP_APPID",
    "REPAYJUMP_MCHID",
    NULL,
    NULL,
    "REPAYJUMP_SUB_APPID",
    "REPAYJUMP_SUB_MCHID",
    NULL,
    "REPAYJUMP_API_KEY_FILE"};

static int fail(const char *fmt, const char *a, const char *b) {
  fprintf(stderr, HTTPD_NAME ": configuration: ");
  fprintf(stderr, fmt, a, b);
  fputc('\n', stderr);
  return HTTPD_EXIT_USAGE;
}

/* Unset and empty both mean absent, as in repayjump_params. */
static const char *env(const char *name) {
  const char *v = getenv(name);
  return v != NULL && v[0] != '\0' ? v : NULL;
}

/* Read the key into c->key: one read loop, no other copy anywhere. */
static int read_key(httpd_config *c, const char *path) {
  const size_t cap = HTTPD_KEY_FILE_MAX + 1; /* one more: detects too long */
  size_t len = 0;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fail("REPAYJUMP_API_KEY_FILE '%s': %s", path, strerror(errno));
  while (len < cap) {
    ssize_t n = read(fd, c->key + len, cap - len);
    if (n == 0)
      break;
    if (n < 0) {
      int saved = errno;
      if (saved == EINTR)
        continue;
      close(fd);
      return fail("REPAYJUMP_API_KEY_FILE '%s': %s", path, strerror(saved));
    }
    len += (size_t)n;
  }
  close(fd);
  if (len > HTTPD_KEY_FILE_MAX)
    return fail("REPAYJUMP_API_KEY_FILE '%s' is larger than %s bytes", path,
                "4096");
  c->key[len] = '\0';
  /* One "\n" or "\r\n", as an editor or echo leaves; nothing more. */
  if (len > 0 && c->key[len - 1] == '\n') {
    c->key[--len] = '\0';
    if (len > 0 && c->key[len - 1] == '\r')
      c->key[--len] = '\0';
  }
  /* A NUL would cut the key short without a word. */
  if (memchr(c->key, '\0', len) != NULL)
    return fail("REPAYJUMP_API_KEY_FILE '%s' contains a NUL byte%s", path, "");
  c->params.api_key = c->key;
  return HTTPD_EXIT_OK;
}

int httpd_config_load(httpd_config *c) {
  const char *name = env("REPAYJUMP_VARIANT");
  const char *key_file = env("REPAYJUMP_API_KEY_FILE");
  const variant_row *v = &variants[0];
  repayjump_error e;
  size_t i;
  int rc;

  memset(c, 0, sizeof *c);
  if (name != NULL) {
    for (v = NULL, i = 0; i < sizeof variants / sizeof variants[0]; i++)
      if (strcmp(variants[i].name, name) == 0)
        v = &variants[i];
    if (v == NULL)
      return fail("REPAYJUMP_VARIANT '%s' is unknown; expected v3, "
                  "v3-partner, v2 or v2-partner%s",
                  name, "");
  }
  c->variant_name = v->name;
  c->is_signed = v->is_signed;
  c->is_partner = v->is_partner;
  c->params.variant = v->variant;
  /* The openids come with each request: only their absence is allowed
     here, and each request is validated again, strictly, with them. */
  c->params.flags = REPAYJUMP_ALLOW_NO_OPENID;
  c->params.appid = env("REPAYJUMP_APPID");
  c->params.mchid = env("REPAYJUMP_MCHID");
  c->params.sub_appid = env("REPAYJUMP_SUB_APPID");
  c->params.sub_mchid = env("REPAYJUMP_SUB_MCHID");
  /* Passed on for v3 too, so that the library reports the misplaced key. */
  if (key_file != NULL && (rc = read_key(c, key_file)) != HTTPD_EXIT_OK)
    return rc;

  rc = repayjump_validate(&c->params, &e);
  if (rc == REPAYJUMP_OK) {
    c->params.flags = 0;
    return HTTPD_EXIT_OK;
  }
  /* The library's message never contains the key. */
  if (e.field > 0 && e.field < REPAYJUMP_FIELD_COUNT &&
      field_env[e.field] != NULL)
    return fail("%s (set by %s)", e.message, field_env[e.field]);
  return fail("%s%s", e.message, "");
}

void httpd_config_wipe(httpd_config *c) {
  sodium_memzero(c->key, sizeof c->key);
  c->params.api_key = NULL;
}
