/* repayjump check and scan: the rules. Pairs and App paths go to the
   library's checker, whose findings are copied into the result; the
   navigate rules (appId, path, envVersion, extraData) of a whole JSON or
   JavaScript object are the tool's, with the library's names and
   severities. Knows nothing of how the object was read. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chk.h"

/* Room for n of the library's findings. */
static int lib_room(chk_result *r, size_t n) {
  repayjump_finding *grown;
  if (n <= r->lib_cap)
    return 1;
  grown = realloc(r->lib, n * sizeof *grown);
  if (grown == NULL) {
    r->failed = 1;
    return 0;
  }
  r->lib = grown;
  r->lib_cap = n;
  return 1;
}

/* Copy the library's findings into r, keys behind prefix (no dot). pairs:
   those of check_pairs, whose in_value findings count within a pair's
   value; in_value: the name of the decoded value, text, that check_text
   read, or NULL when text is the input. */
static void take(chk_result *r, size_t n, const char *prefix,
                 const repayjump_pair *pairs, size_t end, const char *text,
                 size_t len, const char *in_value) {
  size_t i;
  for (i = 0; i < n && i < r->lib_cap; i++) {
    const repayjump_finding *f = &r->lib[i];
    chk_finding *item = chk_add_found(r, f);
    if (item == NULL)
      return;
    item->prefix = prefix != NULL ? prefix : "";
    if (f->offset == REPAYJUMP_NO_OFFSET) {
      if (pairs == NULL || f->pair == REPAYJUMP_NO_OFFSET) {
        /* something absent: where it would go */
        item->f.offset = end;
        item->pos = end;
      } else {
        /* about a key whose place is unknown (JSON): shown on its own */
        const repayjump_pair *p = &pairs[f->pair];
        item->f.in_value = 1;
        item->f.offset = 0;
        item->f.length = p->key_len;
        item->value = p->key;
        item->value_len = p->key_len;
        item->pos = REPAYJUMP_NO_OFFSET;
      }
    } else if (pairs != NULL && f->pair != REPAYJUMP_NO_OFFSET) {
      const repayjump_pair *p = &pairs[f->pair];
      if (f->in_value) {
        item->value = p->value;
        item->value_len = p->value_len;
        item->pos = p->key_offset; /* NO_OFFSET for JSON: no order */
      }
    } else if (in_value != NULL) {
      item->f.in_value = 1;
      item->value = text;
      item->value_len = len;
      item->value_name = in_value;
      item->pos = REPAYJUMP_NO_OFFSET;
    }
  }
}

void chk_pairs(const chk_options *o, const repayjump_pair *pairs, size_t n,
               const char *prefix, size_t end, chk_result *r) {
  repayjump_check_result res;
  if (!lib_room(r, 64))
    return;
  if (repayjump_check_pairs(&o->lib, pairs, n, r->lib, r->lib_cap, &res) !=
      REPAYJUMP_OK) {
    r->failed = 1;
    return;
  }
  /* Never fewer than found: check again with room for all. */
  if (res.count > r->lib_cap &&
      (!lib_room(r, res.count) ||
       repayjump_check_pairs(&o->lib, pairs, n, r->lib, r->lib_cap, &res) !=
           REPAYJUMP_OK))
    return;
  r->variant = res.variant;
  take(r, res.count, prefix, pairs, end, NULL, 0, NULL);
}

void chk_text(const chk_options *o, const char *text, size_t len,
              const char *name, chk_result *r) {
  repayjump_check_result res;
  if (!lib_room(r, 64))
    return;
  if (repayjump_check_text(&o->lib, text, len, r->lib, r->lib_cap, &res) !=
      REPAYJUMP_OK) {
    r->failed = 1;
    return;
  }
  if (res.count > r->lib_cap &&
      (!lib_room(r, res.count) ||
       repayjump_check_text(&o->lib, text, len, r->lib, r->lib_cap, &res) !=
           REPAYJUMP_OK))
    return;
  r->variant = res.variant;
  if (name == NULL) {
    r->kind = res.kind;
    take(r, res.count, NULL, NULL, 0, text, len, NULL);
    return;
  }
  take(r, res.count, name, NULL, 0, text, len, name);
}

int chk_is_navigate(int app_id, int path, int extra_data, int env_version) {
  return extra_data || env_version || (app_id && path);
}

/* The first pair named name, NULL when none is. */
static const repayjump_pair *find(const chk_object *obj, const char *name) {
  size_t i;
  for (i = 0; i < obj->count; i++)
    if (chk_key_is(&obj->pairs[i], name))
      return &obj->pairs[i];
  return NULL;
}

/* Where a finding about p's value goes: its offset, or within it. */
static size_t at_value(const repayjump_pair *p, size_t i) {
  return p->value_offset == REPAYJUMP_NO_OFFSET ? REPAYJUMP_NO_OFFSET
                                                : p->value_offset + i;
}

/* A finding about p's value whose place in the input is unknown: it
   counts in the value (at offset i). */
static void in_value_of(chk_finding *item, const repayjump_pair *p) {
  if (item != NULL && item->f.in_value) {
    item->value = p->value;
    item->value_len = p->value_len;
    item->pos = p->key_offset;
  }
}

/* A JavaScript variable or call where a fixed value belongs: a note. */
static int expression(const repayjump_pair *p, chk_result *r) {
  chk_finding *item;
  if (p->type != REPAYJUMP_VALUE_JS_EXPRESSION)
    return 0;
  item = chk_add(
      r, REPAYJUMP_CHECK_JS_EXPRESSION, at_value(p, 0), p->value_len, p->key,
      p->key_len, "make sure it holds the value the rule asks for",
      "%.*s: the value is an expression, not checked", (int)p->key_len, p->key);
  in_value_of(item, p);
  return 1;
}

/* A fixed value: absent, or the first byte that differs from want. */
static void fixed(const repayjump_pair *p, const char *key, const char *want,
                  int code, const char *what, size_t end, chk_result *r) {
  size_t n = strlen(want);
  chk_finding *item;
  char fix[REPAYJUMP_MESSAGE_MAX];
  (void)snprintf(fix, sizeof fix, "set %s to '%s'", key, want);
  if (p == NULL) {
    chk_add(r, code, end, 0, NULL, 0, fix, "%s: absent; it must be %s %s", key,
            what, want);
    return;
  }
  if (expression(p, r))
    return;
  if (p->type == REPAYJUMP_VALUE_STRING && p->value_len == n &&
      memcmp(p->value, want, n) == 0)
    return;
  if (p->type == REPAYJUMP_VALUE_STRING) {
    size_t i = 0;
    while (i < n && i < p->value_len && p->value[i] == want[i])
      i++;
    if (i == n && p->value_len > n &&
        (p->value[n] == ' ' || p->value[n] == '\t'))
      item = chk_add(r, code, at_value(p, i), p->value_len - i, p->key,
                     p->key_len, "remove the whitespace after the value",
                     "%s: %s followed by whitespace", key, what);
    else
      item = chk_add(r, code, at_value(p, i), p->value_len - i, p->key,
                     p->key_len, fix, "%s: not %s %s (differs at byte %zu)",
                     key, what, want, i + 1);
    if (item != NULL && item->f.in_value)
      item->f.offset = i;
  } else {
    item = chk_add(r, code, at_value(p, 0), p->value_len, p->key, p->key_len,
                   fix, "%s: not the string %s", key, want);
  }
  in_value_of(item, p);
}

void chk_navigate(const chk_options *o, size_t end, const chk_object *obj,
                  chk_result *r) {
  const repayjump_pair *env = find(obj, "envVersion"), *nested;
  int nested_state = obj->nested;
  fixed(find(obj, "appId"), "appId", REPAYJUMP_TARGET_APPID,
        REPAYJUMP_CHECK_NAVIGATE_APP_ID, "the repayment mini program's AppID",
        end, r);
  fixed(find(obj, "path"), "path", REPAYJUMP_TARGET_PATH,
        REPAYJUMP_CHECK_NAVIGATE_PATH, "the repayment page", end, r);
  if (env != NULL && !expression(env, r) &&
      !(env->type == REPAYJUMP_VALUE_STRING && env->value_len == 7 &&
        memcmp(env->value, "release", 7) == 0))
    in_value_of(chk_add(r, REPAYJUMP_CHECK_NAVIGATE_ENV, at_value(env, 0),
                        env->value_len, env->key, env->key_len,
                        "set envVersion to 'release', or leave it out",
                        "envVersion: '%.*s' opens a version other than "
                        "release, which WeChat's own program does not have",
                        (int)(env->value_len > 40 ? 40 : env->value_len),
                        env->value),
                env);
  /* extraData's own pair: present in every state but absent */
  nested = obj->nested_pair < obj->count ? &obj->pairs[obj->nested_pair] : NULL;
  if (nested == NULL && obj->nested != CHK_NESTED_ELSEWHERE)
    nested_state = CHK_NESTED_ABSENT;
  switch (nested_state) {
  case CHK_NESTED_ABSENT:
    chk_add(r, REPAYJUMP_CHECK_NAVIGATE_EXTRA_DATA, end, 0, NULL, 0,
            "add extraData: {appid, mchid, nonce_str, openid}",
            "extraData: absent; the repayment program receives no fields");
    return;
  case CHK_NESTED_EXPRESSION:
    expression(nested, r);
    return;
  case CHK_NESTED_ELSEWHERE:
    return;
  case CHK_NESTED_OTHER: {
    const repayjump_pair *p = nested;
    in_value_of(chk_add(r, REPAYJUMP_CHECK_NAVIGATE_EXTRA_DATA, at_value(p, 0),
                        p->value_len, p->key, p->key_len,
                        "pass an object: extraData: {appid, mchid, "
                        "nonce_str, openid}",
                        "extraData: not an object"),
                p);
    return;
  }
  case CHK_NESTED_ENCODED: {
    const repayjump_pair *p = nested;
    in_value_of(chk_add(r, REPAYJUMP_CHECK_NAVIGATE_EXTRA_DATA, at_value(p, 0),
                        p->value_len, p->key, p->key_len,
                        "pass the object itself, not JSON.stringify of it",
                        "extraData: a JSON string of an object (encoded "
                        "twice); WeChat passes it on as a string"),
                p);
    break;
  }
  default:
    break;
  }
  chk_pairs(o, obj->inner, obj->inner_count, "extraData", end, r);
}
