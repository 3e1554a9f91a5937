/* The merchant's side of the jump and of the status query, from the
   environment, validated once at start so that a bad configuration never
   reaches a request. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
static const char *const field_env[REPAYJUMP_FIELD_ALL_COUNT] = {
    NULL,
    "REPAYJUMP_APPID",
    "REPAYJUMP_MCHID",
    NULL,
    NULL,
    "REPAYJUMP_SUB_APPID",
    "REPAYJUMP_SUB_MCHID",
    NULL,
    "REPAYJUMP_API_KEY_FILE",
    "REPAYJUMP_TRADE_SCENE",
    "REPAYJUMP_JUMP_SCENE",
    NULL};

/* The default of REPAYJUMP_WECHATPAY_TIMEOUT_MS, and its largest value. */
#define TIMEOUT_MS_DEFAULT 5000
#define TIMEOUT_MS_MAX 600000

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
  return HTTPD_EXIT_OK;
}

/* Keep the key's pages out of swap (mlock) and out of core dumps
   (MADV_DONTDUMP, on whole pages: madvise wants an aligned start, which
   sodium_mlock does not give it). Not allowed (EPERM, or ENOMEM over
   RLIMIT_MEMLOCK): one warning, and the service goes on without. */
static void lock_key(httpd_config *c) {
  size_t page = (size_t)sysconf(_SC_PAGESIZE);
  size_t head = (uintptr_t)c->key & (page - 1); /* bytes before the key */
  size_t len = (head + sizeof c->key + page - 1) & ~(page - 1);
  /* Core dumps are off already (main); this holds if they are turned on. */
  (void)madvise(c->key - head, len, MADV_DONTDUMP);
  if (sodium_mlock(c->key, sizeof c->key) == 0) {
    c->key_locked = 1;
    return;
  }
  fprintf(stderr,
          HTTPD_NAME ": warning: cannot lock the key in memory (%s): it may "
                     "reach swap\n",
          strerror(errno));
}

/* The response time allowed to one attempt, in milliseconds. */
static int timeout_ms(const char *text, long *out) {
  char *end;
  unsigned long v;
  *out = TIMEOUT_MS_DEFAULT;
  if (text == NULL)
    return HTTPD_EXIT_OK;
  v = strtoul(text, &end, 10);
  if (text[0] < '0' || text[0] > '9' || *end != '\0' || v == 0 ||
      v > TIMEOUT_MS_MAX)
    return fail("REPAYJUMP_WECHATPAY_TIMEOUT_MS '%s': expected milliseconds, "
                "1 to %s",
                text, "600000");
  *out = (long)v;
  return HTTPD_EXIT_OK;
}

/* GET /v1/status: configured when the key and the trade scene are there
   (and libcurl was); then every value is checked now, with a request made
   for a stand-in openid, so that a bad one never reaches a query. */
static int load_status(httpd_config *c, int have_key) {
  httpd_status_config *s = &c->status;
  const char *url = env("REPAYJUMP_WECHATPAY_URL");
  const char *backup = env("REPAYJUMP_WECHATPAY_BACKUP_URL");
  char body[REPAYJUMP_STATUS_REQUEST_MAX];
  repayjump_error e;
  size_t len;
  int i, rc;

  s->params = c->params;
  s->params.api_key = have_key ? c->key : NULL;
  s->query.trade_scene = env("REPAYJUMP_TRADE_SCENE");
  s->query.jump_scene = env("REPAYJUMP_JUMP_SCENE");
  s->url[0] = url != NULL ? url : repayjump_status_url(c->params.variant, 0);
  s->url[1] =
      backup != NULL ? backup : repayjump_status_url(c->params.variant, 1);
  s->ca = env("REPAYJUMP_WECHATPAY_CA");
  if ((rc = timeout_ms(env("REPAYJUMP_WECHATPAY_TIMEOUT_MS"),
                       &s->timeout_ms)) != HTTPD_EXIT_OK)
    return rc;
  for (i = 0; i < 2; i++)
    if (s->url[i] == NULL || strncmp(s->url[i], "https://", 8) != 0)
      return fail("%s '%s': expected an https:// URL",
                  i == 0 ? "REPAYJUMP_WECHATPAY_URL"
                         : "REPAYJUMP_WECHATPAY_BACKUP_URL",
                  s->url[i] != NULL ? s->url[i] : "");
  if (s->ca != NULL && access(s->ca, R_OK) != 0)
    return fail("REPAYJUMP_WECHATPAY_CA '%s': %s", s->ca, strerror(errno));

  if (!httpd_wechatpay_available())
    s->off = "built without libcurl (apt-get install libcurl4-openssl-dev)";
  else if (!have_key)
    s->off = "REPAYJUMP_API_KEY_FILE is not set";
  else if (s->query.trade_scene == NULL)
    s->off = "REPAYJUMP_TRADE_SCENE is not set";
  if (s->off != NULL)
    return HTTPD_EXIT_OK;

  /* An openid: every variant takes one, a partner's without sub_appid
     too. */
  s->params.openid = "oValidateTheConfiguration";
  rc = repayjump_status_request(&s->params, &s->query, body, sizeof body, &len,
                                &e);
  s->params.openid = NULL;
  if (rc == REPAYJUMP_OK)
    return HTTPD_EXIT_OK;
  if (e.field > 0 && e.field < REPAYJUMP_FIELD_ALL_COUNT &&
      field_env[e.field] != NULL)
    return fail("%s (set by %s)", e.message, field_env[e.field]);
  return fail("%s%s", e.message, "");
}

int httpd_config_load(httpd_config *c) {
  const char *name = env("REPAYJUMP_VARIANT");
  const char *key_file = env("REPAYJUMP_API_KEY_FILE");
  const variant_row *v = &variants[0];
  repayjump_error e;
  int rc;

  memset(c, 0, sizeof *c);
  if (name != NULL) {
    size_t i;
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
  if (key_file != NULL) {
    if ((rc = read_key(c, key_file)) != HTTPD_EXIT_OK)
      return rc;
    lock_key(c);
  }
  /* The jump signs with the key in the APIv2 variants only; the APIv3
     ones take it for the status query alone. */
  if (c->is_signed)
    c->params.api_key = key_file != NULL ? c->key : NULL;

  rc = repayjump_validate(&c->params, &e);
  if (rc == REPAYJUMP_OK) {
    c->params.flags = 0;
    return load_status(c, key_file != NULL);
  }
  /* The library's message never contains the key. */
  if (e.field > 0 && e.field < REPAYJUMP_FIELD_COUNT &&
      field_env[e.field] != NULL)
    return fail("%s (set by %s)", e.message, field_env[e.field]);
  return fail("%s%s", e.message, "");
}

void httpd_config_wipe(httpd_config *c) {
  /* sodium_munlock zeroes before it unlocks. */
  if (c->key_locked)
    sodium_munlock(c->key, sizeof c->key);
  else
    sodium_memzero(c->key, sizeof c->key);
  c->key_locked = 0;
  c->params.api_key = c->status.params.api_key = NULL;
}
