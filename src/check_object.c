/* The checker's entry for pairs: a whole object's shape and its own rules.
 * Pairs are one of three objects (CHECK.md): the jump's fields (extraData),
 * a wx.navigateToMiniProgram argument (appId, path, envVersion, and
 * extraData's members as "extraData.openid"), or an App launch request
 * (userName, path, miniProgramType). The fields go to check.c; the fixed
 * values of the other two are checked here, in the caller's order, and
 * what is absent last. */
#include <string.h>

#include "check_ctx.h"

#define NESTED "extraData."
#define NESTED_LEN (sizeof NESTED - 1)

/* The keys a navigate argument or a launch request is told by. */
enum {
  K_APP_ID,
  K_PATH,
  K_ENV_VERSION,
  K_EXTRA_DATA,
  K_USER_NAME,
  K_PROGRAM_TYPE,
  K_COUNT
};
static const rj_str keys[K_COUNT] = {
    RJ_STR("appId"),     RJ_STR("path"),     RJ_STR("envVersion"),
    RJ_STR("extraData"), RJ_STR("userName"), RJ_STR("miniProgramType")};

typedef struct shape {
  size_t at[K_COUNT]; /* index of each key's first pair, or NONE */
  size_t members;     /* pairs named "extraData.<key>" */
} shape;

/* The caller's pairs and what their keys say. */
typedef struct object {
  const repayjump_pair *pairs;
  size_t count;
  shape shape;
} object;

static int key_is(const repayjump_pair *p, const rj_str *k) {
  return p->key_len == k->n && memcmp(p->key, k->s, k->n) == 0;
}

static int is_member(const repayjump_pair *p) {
  return p->key_len > NESTED_LEN && memcmp(p->key, NESTED, NESTED_LEN) == 0;
}

static void read_shape(const repayjump_pair *pairs, size_t count, shape *s) {
  size_t i, k;
  for (k = 0; k < K_COUNT; k++)
    s->at[k] = NONE;
  s->members = 0;
  for (i = 0; i < count; i++) {
    if (is_member(&pairs[i])) {
      s->members++;
      continue;
    }
    for (k = 0; k < K_COUNT; k++)
      if (s->at[k] == NONE && key_is(&pairs[i], &keys[k]))
        s->at[k] = i;
  }
}

/* CHECK.md: navigate with path, extraData or envVersion beside appId; an
 * extraData or envVersion alone still says navigate (appId is then
 * missing); appId alone among the jump's fields is extraData's near miss
 * of appid. */
static int is_navigate(const shape *s) {
  return s->at[K_EXTRA_DATA] != NONE || s->members > 0 ||
         s->at[K_ENV_VERSION] != NONE ||
         (s->at[K_APP_ID] != NONE && s->at[K_PATH] != NONE);
}

static int is_launch(const shape *s) {
  return s->at[K_USER_NAME] != NONE || s->at[K_PROGRAM_TYPE] != NONE ||
         s->at[K_PATH] != NONE;
}

/* The caller's pair i as the checker's item. */
static item item_of(const repayjump_pair *pairs, size_t i) {
  item it;
  const repayjump_pair *p = &pairs[i];
  memset(&it, 0, sizeof it);
  it.q.key.s = p->key;
  it.q.key.n = p->key_len;
  it.q.val.s = p->value ? p->value : "";
  it.q.val.n = p->value_len;
  it.q.key_off = p->key_offset;
  it.q.val_off = p->value_offset;
  it.type = p->type;
  it.pair = i;
  return it;
}

/* A JavaScript variable or call where a fixed value belongs: a note. */
static int expression(ctx *c, const item *it) {
  repayjump_finding *f;
  char buf[48];
  if (it->type != REPAYJUMP_VALUE_JS_EXPRESSION)
    return 0;
  f = rj_ck_at_value(c, REPAYJUMP_CHECK_JS_EXPRESSION, 0, it, 0, it->q.val.n);
  rj_ck_say(f->message, "%s: the value is an expression, not checked",
            rj_ck_show(it->q.key.s, it->q.key.n, buf));
  rj_ck_say(f->fix, "make sure it holds the value the rule asks for");
  return 1;
}

/* A key given twice: the first one counts. */
static void duplicate(ctx *c, const item *it) {
  repayjump_finding *f = rj_ck_at_key(c, REPAYJUMP_CHECK_KEY_DUPLICATE, 0, it);
  char buf[48];
  rj_ck_say(f->message, "%s: given twice; the first one is checked",
            rj_ck_show(it->q.key.s, it->q.key.n, buf));
  rj_ck_say(f->fix, "keep one of them");
}

/* A value that must be the string want: the first byte that differs. */
static void fixed(ctx *c, const item *it, const char *want, int code,
                  const char *what) {
  size_t n = strlen(want), i = 0;
  const char *v = it->q.val.s;
  size_t len = it->q.val.n;
  repayjump_finding *f;
  char buf[48];
  const char *key = rj_ck_show(it->q.key.s, it->q.key.n, buf);
  if (expression(c, it))
    return;
  if (it->type != REPAYJUMP_VALUE_STRING) {
    f = rj_ck_at_value(c, code, 0, it, 0, len);
    rj_ck_say(f->message, "%s: not the string %s", key, want);
    rj_ck_say(f->fix, "set %s to '%s'", key, want);
    return;
  }
  if (len == n && memcmp(v, want, n) == 0)
    return;
  while (i < n && i < len && v[i] == want[i])
    i++;
  f = rj_ck_at_value(c, code, 0, it, i, len - i);
  if (i == n && (v[n] == ' ' || v[n] == '\t')) {
    rj_ck_say(f->message, "%s: %s followed by whitespace", key, what);
    rj_ck_say(f->fix, "remove the whitespace after the value");
  } else {
    rj_ck_say(f->message, "%s: not %s %s (differs at byte %zu)", key, what,
              want, i + 1);
    rj_ck_say(f->fix, "set %s to '%s'", key, want);
  }
}

static void absent(ctx *c, int code, const char *message, const char *fix) {
  repayjump_finding *f = rj_ck_at_end(c, code, 0);
  rj_ck_say(f->message, "%s", message);
  rj_ck_say(f->fix, "%s", fix);
}

static void env_version(ctx *c, const item *it) {
  repayjump_finding *f;
  char buf[48];
  if (expression(c, it) ||
      (it->type == REPAYJUMP_VALUE_STRING && it->q.val.n == 7 &&
       memcmp(it->q.val.s, "release", 7) == 0))
    return;
  f = rj_ck_at_value(c, REPAYJUMP_CHECK_NAVIGATE_ENV, 0, it, 0, it->q.val.n);
  rj_ck_say(f->message,
            "envVersion: '%s' opens a version other than release, which "
            "WeChat's own program does not have",
            rj_ck_show(it->q.val.s, it->q.val.n, buf));
  rj_ck_say(f->fix, "set envVersion to 'release', or leave it out");
}

/* Does extraData's value hold an object: JSON text or a JavaScript literal
 * starting with '{', or a string of one (encoded twice)? Its members, if
 * any, are given as "extraData.<key>". */
static int holds_object(const item *it) {
  size_t i = 0;
  while (i < it->q.val.n && (it->q.val.s[i] == ' ' || it->q.val.s[i] == '\t' ||
                             it->q.val.s[i] == '\n' || it->q.val.s[i] == '\r'))
    i++;
  return i < it->q.val.n && it->q.val.s[i] == '{' &&
         (it->type == REPAYJUMP_VALUE_NOT_STRING ||
          it->type == REPAYJUMP_VALUE_STRING);
}

/* extraData's own value: an object is fine; a string of one, an
 * expression or anything else is said. */
static void extra_data(ctx *c, const item *it) {
  repayjump_finding *f;
  int holds = holds_object(it);
  if (expression(c, it) || (holds && it->type == REPAYJUMP_VALUE_NOT_STRING))
    return;
  f = rj_ck_at_value(c, REPAYJUMP_CHECK_NAVIGATE_EXTRA_DATA, 0, it, 0,
                     it->q.val.n);
  if (holds) {
    rj_ck_say(f->message, "extraData: a JSON string of an object (encoded "
                          "twice); WeChat passes it on as a string");
    rj_ck_say(f->fix, "pass the object itself, not JSON.stringify of it");
  } else {
    rj_ck_say(f->message, "extraData: not an object");
    rj_ck_say(f->fix, "pass an object: extraData: {appid, mchid, nonce_str, "
                      "openid}");
  }
}

/* One top-level pair of a navigate argument, by its key (the first of
 * each; others are duplicates; keys not the jump's are passed over). */
static void navigate_pair(ctx *c, size_t i, void *arg) {
  const object *o = arg;
  item it = item_of(o->pairs, i);
  size_t k;
  for (k = 0; k <= K_EXTRA_DATA && !key_is(&o->pairs[i], &keys[k]); k++)
    ;
  if (k > K_EXTRA_DATA)
    return;
  if (o->shape.at[k] != i)
    duplicate(c, &it);
  else if (k == K_APP_ID)
    fixed(c, &it, REPAYJUMP_TARGET_APPID, REPAYJUMP_CHECK_NAVIGATE_APP_ID,
          "the repayment mini program's AppID");
  else if (k == K_PATH)
    fixed(c, &it, REPAYJUMP_TARGET_PATH, REPAYJUMP_CHECK_NAVIGATE_PATH,
          "the repayment page");
  else if (k == K_ENV_VERSION)
    env_version(c, &it);
  else
    extra_data(c, &it);
}

static void navigate(ctx *c, const repayjump_check_options *opt,
                     const object *o) {
  const shape *s = &o->shape;
  size_t i;
  int members = s->members > 0;
  c->res->kind = REPAYJUMP_KIND_NAVIGATE;
  /* extraData's members, if it holds an object or any are given, are
     checked as the jump's fields in one pass over every pair, which
     hands the others to navigate_pair: each finding in its pair's order,
     what is absent last. */
  if (!members && s->at[K_EXTRA_DATA] != NONE) {
    item extra = item_of(o->pairs, s->at[K_EXTRA_DATA]);
    members = holds_object(&extra);
  }
  if (members)
    rj_ck_pairs(c, opt, o->pairs, o->count, NESTED, navigate_pair, (void *)o);
  else
    for (i = 0; i < o->count; i++)
      navigate_pair(c, i, (void *)o);
  if (s->at[K_APP_ID] == NONE)
    absent(c, REPAYJUMP_CHECK_NAVIGATE_APP_ID,
           "appId: absent; it must be the repayment mini program's AppID "
           "wx5e73c65404eee268",
           "set appId to 'wx5e73c65404eee268'");
  if (s->at[K_PATH] == NONE)
    absent(c, REPAYJUMP_CHECK_NAVIGATE_PATH,
           "path: absent; it must be the repayment page "
           "pages/invest_list/invest_list",
           "set path to 'pages/invest_list/invest_list'");
  if (s->at[K_EXTRA_DATA] == NONE && s->members == 0)
    absent(c, REPAYJUMP_CHECK_NAVIGATE_EXTRA_DATA,
           "extraData: absent; the repayment program receives no fields",
           "add extraData: {appid, mchid, nonce_str, openid}");
}

/* The App path of a launch request, checked as check_text checks one; its
 * findings are moved into the pair's value (or counted within it). */
static void launch_path(ctx *c, const repayjump_check_options *opt,
                        const item *it) {
  size_t from = c->res->count, i;
  repayjump_finding *f;
  if (it->type != REPAYJUMP_VALUE_STRING) {
    if (expression(c, it))
      return;
    f = rj_ck_at_value(c, REPAYJUMP_CHECK_JSON_NOT_STRING, 0, it, 0,
                       it->q.val.n);
    rj_ck_say(f->message, "path: not a string");
    rj_ck_say(f->fix,
              "quote it: \"path\": \"" REPAYJUMP_TARGET_PATH "?appid=...\"");
    return;
  }
  rj_ck_text(c, opt, it->q.val.s, it->q.val.n);
  c->end = NONE;
  for (i = from; i < c->res->count && i < c->cap; i++) {
    f = &c->out[i];
    f->pair = it->pair;
    if (it->q.val_off == NONE)
      f->in_value = 1;
    else
      f->offset += it->q.val_off;
  }
}

static void program_type(ctx *c, const item *it) {
  repayjump_finding *f;
  size_t i = it->q.val.n > 0 && it->q.val.s[0] == '-';
  int number = i < it->q.val.n;
  if (expression(c, it))
    return;
  if (it->type != REPAYJUMP_VALUE_STRING && it->q.val.n == 1 &&
      it->q.val.s[0] == '0')
    return;
  for (; i < it->q.val.n; i++)
    number &= it->q.val.s[i] >= '0' && it->q.val.s[i] <= '9';
  number &= it->type != REPAYJUMP_VALUE_STRING;
  f = rj_ck_at_value(c, REPAYJUMP_CHECK_LAUNCH_TYPE, 0, it, 0, it->q.val.n);
  rj_ck_say(f->message,
            "miniProgramType: %s; the repayment program opens only in "
            "release, 0",
            number ? "not 0" : "not the number 0");
  rj_ck_say(f->fix, "set miniProgramType to 0 (WXMiniProgramTypeRelease)");
}

static void launch(ctx *c, const repayjump_check_options *opt,
                   const repayjump_pair *pairs, size_t count, const shape *s) {
  size_t i, k;
  for (i = 0; i < count; i++) {
    item it = item_of(pairs, i);
    for (k = K_PATH; k < K_COUNT; k++)
      if (k != K_ENV_VERSION && k != K_EXTRA_DATA &&
          key_is(&pairs[i], &keys[k]))
        break;
    if (k == K_COUNT)
      continue; /* the request's other members: not the jump's */
    if (s->at[k] != i) {
      duplicate(c, &it);
    } else if (k == K_USER_NAME) {
      if (!expression(c, &it) &&
          !(it.type == REPAYJUMP_VALUE_STRING &&
            it.q.val.n == sizeof REPAYJUMP_TARGET_USERNAME - 1 &&
            memcmp(it.q.val.s, REPAYJUMP_TARGET_USERNAME, it.q.val.n) == 0)) {
        repayjump_finding *f = rj_ck_at_value(
            c, REPAYJUMP_CHECK_LAUNCH_USER_NAME, 0, &it, 0, it.q.val.n);
        rj_ck_say(f->message, "userName: not the repayment mini program's "
                              "original id " REPAYJUMP_TARGET_USERNAME);
        rj_ck_say(f->fix, "set userName to \"" REPAYJUMP_TARGET_USERNAME "\"");
      }
    } else if (k == K_PATH) {
      launch_path(c, opt, &it);
    } else {
      program_type(c, &it);
    }
  }
  c->res->kind = REPAYJUMP_KIND_APP_LAUNCH;
  if (s->at[K_USER_NAME] == NONE)
    absent(c, REPAYJUMP_CHECK_LAUNCH_USER_NAME,
           "userName: absent; it must be the repayment mini program's "
           "original id " REPAYJUMP_TARGET_USERNAME,
           "add \"userName\": \"" REPAYJUMP_TARGET_USERNAME "\"");
  if (s->at[K_PATH] == NONE)
    absent(c, REPAYJUMP_CHECK_PATH_PAGE,
           "path: absent; the App would open the program's home page, "
           "with no fields",
           "add \"path\": \"" REPAYJUMP_TARGET_PATH "?appid=...\"");
}

int repayjump_check_pairs(const repayjump_check_options *opt,
                          const repayjump_pair *pairs, size_t count,
                          repayjump_finding *findings, size_t cap,
                          repayjump_check_result *result) {
  ctx c;
  object o;
  size_t i;
  if (!result || (!pairs && count) || (!findings && cap) ||
      !rj_ck_options_ok(opt))
    return REPAYJUMP_E_ARG;
  for (i = 0; i < count; i++)
    if ((!pairs[i].key && pairs[i].key_len) ||
        (!pairs[i].value && pairs[i].value_len) || pairs[i].type < 0 ||
        pairs[i].type > REPAYJUMP_VALUE_JS_EXPRESSION)
      return REPAYJUMP_E_ARG;
  rj_ck_start(&c, opt, findings, cap, result);
  c.end = NONE;
  o.pairs = pairs;
  o.count = count;
  read_shape(pairs, count, &o.shape);
  if (is_navigate(&o.shape))
    navigate(&c, opt, &o);
  else if (is_launch(&o.shape))
    launch(&c, opt, pairs, count, &o.shape);
  else
    rj_ck_pairs(&c, opt, pairs, count, NULL, NULL, NULL);
  return REPAYJUMP_OK;
}
