/* dlopen of the library, and the one-crossing calls of shim.h. */
#include "shim.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* The library's functions, resolved once by rjgo_load and only read after:
 * Go's sync.Once orders the load before every call. */
static struct rjgo_api {
  int (*init)(void);
  int (*render)(const rjgo_params *, int, char *, size_t, size_t *,
                rjgo_error *);
  int (*compose)(const rjgo_params *, rjgo_result *, rjgo_error *);
  int (*nonce)(char *, size_t, size_t);
  const char *(*strerror)(int);
  const char *(*version)(void);
  int (*version_number)(void);
  const char *(*target_appid)(void);
  const char *(*target_username)(void);
  const char *(*target_path)(void);
  size_t (*output_max)(void);
  size_t (*field_max)(void);
} api;

static const struct {
  const char *name;
  size_t offset;
} symbols[] = {
    {"repayjump_init", offsetof(struct rjgo_api, init)},
    {"repayjump_render", offsetof(struct rjgo_api, render)},
    {"repayjump_compose", offsetof(struct rjgo_api, compose)},
    {"repayjump_nonce", offsetof(struct rjgo_api, nonce)},
    {"repayjump_strerror", offsetof(struct rjgo_api, strerror)},
    {"repayjump_version", offsetof(struct rjgo_api, version)},
    {"repayjump_version_number", offsetof(struct rjgo_api, version_number)},
    {"repayjump_target_appid", offsetof(struct rjgo_api, target_appid)},
    {"repayjump_target_username", offsetof(struct rjgo_api, target_username)},
    {"repayjump_target_path", offsetof(struct rjgo_api, target_path)},
    {"repayjump_output_max", offsetof(struct rjgo_api, output_max)},
    {"repayjump_field_max", offsetof(struct rjgo_api, field_max)},
};

int rjgo_load(const char *path, char *why, size_t cap, int *init_status,
              rjgo_info *info) {
  size_t i;
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL); /* kept open for good */
  if (!lib) {
    snprintf(why, cap, "%s", dlerror());
    return RJGO_NO_LIBRARY;
  }
  for (i = 0; i < sizeof symbols / sizeof *symbols; i++) {
    void *sym = dlsym(lib, symbols[i].name);
    if (!sym) {
      snprintf(why, cap, "%s", dlerror());
      dlclose(lib);
      return RJGO_NO_SYMBOL;
    }
    /* POSIX guarantees a function pointer survives the trip through void *. */
    memcpy((char *)&api + symbols[i].offset, &sym, sizeof sym);
  }
  *init_status = api.init();
  info->version = api.version();
  info->version_number = api.version_number();
  info->target_appid = api.target_appid();
  info->target_username = api.target_username();
  info->target_path = api.target_path();
  info->output_max = api.output_max();
  info->field_max = api.field_max();
  return RJGO_LOADED;
}

static void unpack(const char *buf, const rjgo_input *in, rjgo_params *p) {
  const char **value[RJGO_FIELD_COUNT] = {
      NULL,          &p->appid,     &p->mchid,      &p->nonce_str, &p->openid,
      &p->sub_appid, &p->sub_mchid, &p->sub_openid, &p->api_key,
  };
  int f;
  p->variant = in->variant;
  p->flags = in->flags;
  for (f = 1; f < RJGO_FIELD_COUNT; f++)
    *value[f] = in->at[f] < 0 ? NULL : buf + in->at[f];
}

int rjgo_compose(const char *buf, rjgo_compose_call *call) {
  rjgo_params p;
  rjgo_result *r = &call->result;
  int rc;
  unpack(buf, &call->in, &p);
  rc = api.compose(&p, r, &call->err);
  call->len[0] = strlen(r->nonce_str);
  call->len[1] = strlen(r->sign);
  call->len[2] = strlen(r->extra_data_json);
  call->len[3] = strlen(r->navigate_json);
  call->len[4] = strlen(r->app_path);
  call->len[5] = strlen(r->app_launch_json);
  return rc;
}

int rjgo_render(const char *buf, rjgo_render_call *call) {
  rjgo_params p;
  unpack(buf, &call->in, &p);
  return api.render(&p, call->format, call->out, sizeof call->out, &call->len,
                    &call->err);
}

int rjgo_nonce(char *out, size_t cap, size_t len) {
  return api.nonce(out, cap, len);
}

const char *rjgo_strerror(int status) { return api.strerror(status); }
