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
  /* The check group (library 0.2 and later): resolved all or none. */
  int (*check_text)(const rjgo_check_options *, const char *, size_t,
                    rjgo_finding *, size_t, rjgo_check_result *);
  int (*check_pairs)(const rjgo_check_options *, const rjgo_pair *, size_t,
                     rjgo_finding *, size_t, rjgo_check_result *);
  const char *(*check_code_name)(int);
  int (*check_code_severity)(int);
  int (*check_code_count)(void);
  const char *(*severity_name)(int);
  const char *(*input_kind_name)(int);
  const char *(*variant_name)(int);
  const char *(*format_name)(int);
  size_t (*message_max)(void);
  size_t (*sign_len)(void);
  /* The status group (library 0.3 and later): resolved all or none. */
  int (*status_request)(const rjgo_params *, const rjgo_status_query *, char *,
                        size_t, size_t *, rjgo_error *);
  const char *(*status_url)(int, int);
  int (*status_parse)(const rjgo_params *, const char *, size_t,
                      rjgo_status_result *, rjgo_error *);
  const char *(*user_state_name)(int);
  size_t (*status_request_max)(void);
  size_t (*answer_max)(void);
  size_t (*status_result_size)(void);
} api;

typedef struct symbol {
  const char *name;
  size_t offset;
} symbol;

static const symbol symbols[] = {
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

static const symbol check_symbols[] = {
    {"repayjump_check_text", offsetof(struct rjgo_api, check_text)},
    {"repayjump_check_pairs", offsetof(struct rjgo_api, check_pairs)},
    {"repayjump_check_code_name", offsetof(struct rjgo_api, check_code_name)},
    {"repayjump_check_code_severity",
     offsetof(struct rjgo_api, check_code_severity)},
    {"repayjump_check_code_count", offsetof(struct rjgo_api, check_code_count)},
    {"repayjump_severity_name", offsetof(struct rjgo_api, severity_name)},
    {"repayjump_input_kind_name", offsetof(struct rjgo_api, input_kind_name)},
    {"repayjump_variant_name", offsetof(struct rjgo_api, variant_name)},
    {"repayjump_format_name", offsetof(struct rjgo_api, format_name)},
    {"repayjump_message_max", offsetof(struct rjgo_api, message_max)},
    {"repayjump_sign_len", offsetof(struct rjgo_api, sign_len)},
};

static const symbol status_symbols[] = {
    {"repayjump_status_request", offsetof(struct rjgo_api, status_request)},
    {"repayjump_status_url", offsetof(struct rjgo_api, status_url)},
    {"repayjump_status_parse", offsetof(struct rjgo_api, status_parse)},
    {"repayjump_user_state_name", offsetof(struct rjgo_api, user_state_name)},
    {"repayjump_status_request_max",
     offsetof(struct rjgo_api, status_request_max)},
    {"repayjump_answer_max", offsetof(struct rjgo_api, answer_max)},
    {"repayjump_status_result_size",
     offsetof(struct rjgo_api, status_result_size)},
};

/* Resolves n symbols into api; the name of the first missing one, or NULL. */
static const char *resolve(void *lib, const symbol *table, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    void *sym = dlsym(lib, table[i].name);
    if (!sym)
      return table[i].name;
    /* POSIX guarantees a function pointer survives the trip through void *. */
    memcpy((char *)&api + table[i].offset, &sym, sizeof sym);
  }
  return NULL;
}

int rjgo_load(const char *path, char *why, size_t cap, int *init_status,
              rjgo_info *info) {
  void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL); /* kept open for good */
  if (!lib) {
    snprintf(why, cap, "%s", dlerror());
    return RJGO_NO_LIBRARY;
  }
  if (resolve(lib, symbols, sizeof symbols / sizeof *symbols)) {
    snprintf(why, cap, "%s", dlerror());
    dlclose(lib);
    return RJGO_NO_SYMBOL;
  }
  /* An older library composes but cannot check: Check says so. */
  info->has_check = !resolve(lib, check_symbols,
                             sizeof check_symbols / sizeof *check_symbols);
  info->message_max = info->has_check ? api.message_max() : 0;
  info->sign_len = info->has_check ? api.sign_len() : 0;
  /* An older library composes (and checks) but cannot ask for the state:
   * StatusRequest and ParseStatus say so. */
  info->has_status = !resolve(lib, status_symbols,
                              sizeof status_symbols / sizeof *status_symbols);
  if (info->has_status) {
    info->status_request_max = api.status_request_max();
    info->answer_max = api.answer_max();
    info->status_result_size = api.status_result_size();
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

/* Field f's value in buf, NULL when absent. */
static const char *at(const char *buf, const rjgo_input *in, int f) {
  return in->at[f] < 0 ? NULL : buf + in->at[f];
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
    *value[f] = at(buf, in, f);
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

static void options(const char *buf, const rjgo_check_call *call,
                    rjgo_check_options *opt) {
  opt->variant = call->variant;
  opt->flags = call->flags;
  opt->api_key = call->api_key_at < 0 ? NULL : buf + call->api_key_at;
}

/* Each stored finding's key becomes its offset in buf. */
static void key_offsets(const char *buf, rjgo_finding *findings, size_t cap,
                        size_t count) {
  size_t i, n = count < cap ? count : cap;
  for (i = 0; i < n; i++)
    findings[i].key =
        findings[i].key ? findings[i].key - (uintptr_t)buf : RJGO_NO_KEY;
}

int rjgo_check_text(const char *buf, size_t len, rjgo_check_call *call,
                    rjgo_finding *findings, size_t cap) {
  rjgo_check_options opt;
  int rc;
  options(buf, call, &opt);
  rc = api.check_text(&opt, buf, len, findings, cap, &call->result);
  if (rc == 0)
    key_offsets(buf, findings, cap, call->result.count);
  return rc;
}

int rjgo_check_pairs(const char *buf, rjgo_check_call *call, rjgo_pair *pairs,
                     size_t count, rjgo_finding *findings, size_t cap) {
  rjgo_check_options opt;
  size_t i;
  int rc;
  options(buf, call, &opt);
  for (i = 0; i < count; i++) {
    pairs[i].key += (uintptr_t)buf;
    pairs[i].value += (uintptr_t)buf;
  }
  rc = api.check_pairs(&opt, pairs, count, findings, cap, &call->result);
  for (i = 0; i < count; i++) {
    pairs[i].key -= (uintptr_t)buf;
    pairs[i].value -= (uintptr_t)buf;
  }
  if (rc == 0)
    key_offsets(buf, findings, cap, call->result.count);
  return rc;
}

const char *rjgo_check_code_name(int code) { return api.check_code_name(code); }
int rjgo_check_code_severity(int code) { return api.check_code_severity(code); }
int rjgo_check_code_count(void) { return api.check_code_count(); }
const char *rjgo_severity_name(int severity) {
  return api.severity_name(severity);
}
const char *rjgo_input_kind_name(int kind) { return api.input_kind_name(kind); }
const char *rjgo_variant_name(int variant) { return api.variant_name(variant); }
const char *rjgo_format_name(int format) { return api.format_name(format); }

int rjgo_status_request(const char *buf, rjgo_status_request_call *call) {
  const rjgo_input *in = &call->in;
  rjgo_params p;
  rjgo_status_query q;
  unpack(buf, in, &p);
  q.trade_scene = at(buf, in, RJGO_FIELD_TRADE_SCENE);
  q.jump_scene = at(buf, in, RJGO_FIELD_JUMP_SCENE);
  q.plate_number = at(buf, in, RJGO_FIELD_PLATE_NUMBER);
  return api.status_request(&p, &q, call->out, sizeof call->out, &call->len,
                            &call->err);
}

int rjgo_status_parse(const char *buf, const char *answer, size_t len,
                      rjgo_status_parse_call *call) {
  rjgo_status_result *r = &call->result;
  const char *strings[RJGO_STATUS_STRINGS] = {
      r->user_state, r->deduct_mode,       r->openid,       r->sub_openid,
      r->path,       r->plate_number_info, r->plate_number, r->return_msg,
      r->err_code,   r->err_code_des,
  };
  rjgo_params p;
  int rc, i;
  unpack(buf, &call->in, &p);
  rc = api.status_parse(&p, answer, len, r, &call->err);
  for (i = 0; i < RJGO_STATUS_STRINGS; i++)
    call->len[i] = strlen(strings[i]);
  return rc;
}

const char *rjgo_status_url(int variant, int backup) {
  return api.status_url(variant, backup);
}
const char *rjgo_user_state_name(int state) {
  return api.user_state_name(state);
}
