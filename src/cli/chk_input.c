/* repayjump check: one input's findings. Reads what the input is, hands
   paths and pairs to the library, and adds the findings of whole JSON and
   JavaScript inputs (navigate.*), whose names and severities are still the
   library's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chk.h"

void chk_result_init(chk_result *r) {
  memset(r, 0, sizeof *r);
  r->variant = -1;
}

void chk_clear(chk_result *r) {
  size_t i;
  for (i = 0; i < r->owned_count; i++)
    free(r->owned[i]);
  r->owned_count = 0;
  for (i = 0; i < sizeof r->json / sizeof r->json[0]; i++) {
    if (r->json[i] != NULL)
      chk_json_free(r->json[i]);
    r->json[i] = NULL;
  }
  r->kind = REPAYJUMP_KIND_NONE;
  r->variant = -1;
  r->errors = r->warnings = r->notes = 0;
  r->count = 0;
  r->failed = r->unsupported = r->jump = 0;
}

void chk_result_free(chk_result *r) {
  chk_clear(r);
  free(r->items);
  free(r->lib);
  free(r->owned);
  chk_result_init(r);
}

void *chk_own(chk_result *r, void *p) {
  if (p == NULL) {
    r->failed = 1;
    return NULL;
  }
  if (r->owned_count == r->owned_cap) {
    size_t cap = r->owned_cap ? 2 * r->owned_cap : 16;
    void **grown = realloc(r->owned, cap * sizeof *grown);
    if (grown == NULL) {
      free(p);
      r->failed = 1;
      return NULL;
    }
    r->owned = grown;
    r->owned_cap = cap;
  }
  r->owned[r->owned_count++] = p;
  return p;
}

static chk_finding *next_item(chk_result *r) {
  chk_finding *item;
  if (r->count == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 32;
    chk_finding *grown = realloc(r->items, cap * sizeof *grown);
    if (grown == NULL) {
      r->failed = 1;
      return NULL;
    }
    r->items = grown;
    r->cap = cap;
  }
  item = &r->items[r->count++];
  memset(item, 0, sizeof *item);
  item->prefix = "";
  return item;
}

/* Count a finding by its severity. */
static void tally(chk_result *r, int severity) {
  if (severity == REPAYJUMP_SEVERITY_ERROR)
    r->errors++;
  else if (severity == REPAYJUMP_SEVERITY_WARNING)
    r->warnings++;
  else
    r->notes++;
}

chk_finding *chk_add(chk_result *r, int code, size_t offset, size_t length,
                     const char *key, size_t key_len, const char *fix,
                     const char *fmt, ...) {
  chk_finding *item = next_item(r);
  va_list ap;
  size_t i;
  if (item == NULL)
    return NULL;
  item->f.code = code;
  item->f.severity = repayjump_check_code_severity(code);
  item->f.offset = offset == REPAYJUMP_NO_OFFSET ? 0 : offset;
  item->f.in_value = offset == REPAYJUMP_NO_OFFSET;
  item->f.length = length;
  item->f.pair = REPAYJUMP_NO_OFFSET;
  item->f.key = key;
  item->f.key_len = key ? key_len : 0;
  item->pos = offset;
  va_start(ap, fmt);
  (void)vsnprintf(item->f.message, sizeof item->f.message, fmt, ap);
  va_end(ap);
  /* one line, as the library's are, whatever input it quotes */
  for (i = 0; item->f.message[i] != '\0'; i++)
    if ((unsigned char)item->f.message[i] < 0x20)
      item->f.message[i] = '?';
  (void)snprintf(item->f.fix, sizeof item->f.fix, "%s", fix);
  tally(r, item->f.severity);
  return item;
}

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
    chk_finding *item = next_item(r);
    if (item == NULL)
      return;
    item->f = *f;
    item->prefix = prefix != NULL ? prefix : "";
    item->pos = f->offset;
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
    tally(r, f->severity);
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

int chk_key_is(const repayjump_pair *p, const char *name) {
  size_t n = strlen(name);
  return p->key_len == n && memcmp(p->key, name, n) == 0;
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
  const repayjump_pair *env = find(obj, "envVersion");
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
  switch (obj->nested) {
  case CHK_NESTED_ABSENT:
    chk_add(r, REPAYJUMP_CHECK_NAVIGATE_EXTRA_DATA, end, 0, NULL, 0,
            "add extraData: {appid, mchid, nonce_str, openid}",
            "extraData: absent; the repayment program receives no fields");
    return;
  case CHK_NESTED_EXPRESSION:
    expression(&obj->pairs[obj->nested_pair], r);
    return;
  case CHK_NESTED_ELSEWHERE:
    return;
  case CHK_NESTED_OTHER: {
    const repayjump_pair *p = &obj->pairs[obj->nested_pair];
    in_value_of(chk_add(r, REPAYJUMP_CHECK_NAVIGATE_EXTRA_DATA, at_value(p, 0),
                        p->value_len, p->key, p->key_len,
                        "pass an object: extraData: {appid, mchid, "
                        "nonce_str, openid}",
                        "extraData: not an object"),
                p);
    return;
  }
  case CHK_NESTED_ENCODED: {
    const repayjump_pair *p = &obj->pairs[obj->nested_pair];
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

void chk_object_free(chk_object *obj) {
  free(obj->pairs);
  free(obj->inner);
  memset(obj, 0, sizeof *obj);
}

int chk_object_add(chk_object *obj, int inner, const repayjump_pair *p) {
  repayjump_pair **v = inner ? &obj->inner : &obj->pairs;
  size_t *n = inner ? &obj->inner_count : &obj->count;
  size_t *cap = inner ? &obj->inner_cap : &obj->cap;
  if (*n == *cap) {
    size_t c = *cap ? 2 * *cap : 8;
    repayjump_pair *grown = realloc(*v, c * sizeof *grown);
    if (grown == NULL)
      return 0;
    *v = grown;
    *cap = c;
  }
  (*v)[(*n)++] = *p;
  return 1;
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Stable sort by input position; findings with no position stay where
   they are relative to each other, after those before them. */
void chk_sort(chk_result *r) {
  size_t i, j;
  for (i = 1; i < r->count; i++) {
    chk_finding tmp;
    if (r->items[i].pos == REPAYJUMP_NO_OFFSET)
      continue;
    for (j = i; j > 0 && r->items[j - 1].pos != REPAYJUMP_NO_OFFSET &&
                r->items[j - 1].pos > r->items[i].pos;
         j--)
      ;
    if (j == i)
      continue;
    tmp = r->items[i];
    memmove(&r->items[j + 1], &r->items[j], (i - j) * sizeof tmp);
    r->items[j] = tmp;
  }
}

/* Is text XML whose first element is root ("<manifest")? */
static int starts_xml(const char *text, size_t len, const char *root) {
  size_t n = strlen(root), i;
  for (i = 0; i + n <= len; i++)
    if (text[i] == '<' && i + 1 < len && text[i + 1] != '?' &&
        text[i + 1] != '!')
      return memcmp(text + i, root, n) == 0;
  return 0;
}

/* Does text hold App code of the jump: a call of WeChat's OpenSDK or an
   assignment of a string literal to the request's path? */
static int contains_any(const char *text, size_t len) {
  static const char *const marks[] = {"createWXAPI", "WXLaunchMiniProgram",
                                      "registerApp", ".path = "};
  size_t m, i;
  for (m = 0; m < sizeof marks / sizeof marks[0]; m++) {
    size_t n = strlen(marks[m]);
    for (i = 0; i + n <= len; i++)
      if (text[i] == marks[m][0] && memcmp(text + i, marks[m], n) == 0)
        return 1;
  }
  return 0;
}

void chk_input(const chk_options *o, const char *text, size_t len,
               chk_result *r) {
  size_t i = 0;
  while (i < len && is_space(text[i]))
    i++;
  if (i == len) {
    chk_add(r, REPAYJUMP_CHECK_INPUT_EMPTY, 0, 0, NULL, 0,
            "give an App path, a query string, or an extraData object",
            "nothing to check");
    return;
  }
  /* A WXML element, or App code (the document's iOS sample starts with a
     backquote): read as source. */
  if (len - i > 10 && memcmp(text + i, "<navigator", 10) == 0)
    chk_wxml(o, text, len, r);
  else if (text[i] == '<' && starts_xml(text + i, len - i, "<manifest"))
    chk_manifest(o, text, len, r);
  else if (text[i] == '<' && starts_xml(text + i, len - i, "<plist"))
    chk_plist(o, text, len, r);
  else if (text[i] == '`' || contains_any(text, len))
    chk_app_source(o, text, len, r);
  /* '{' is JSON, or JavaScript that is not JSON; '[' and '"' only JSON. */
  else if (text[i] == '{' || text[i] == '[' || text[i] == '"')
    chk_json(o, text, len, text[i] == '{', r);
  else if (js_shaped(text, len))
    chk_js(o, text, len, r);
  else
    chk_text(o, text, len, NULL, r);
  if (r->kind == REPAYJUMP_KIND_JS_OBJECT || r->kind >= REPAYJUMP_KIND_WXML)
    chk_sort(r);
}

/* Does text start, after spaces, as an input of its own: a path, JSON, a
   JavaScript literal, or a query's first key=? */
static int starts_as_input(const char *text, size_t len) {
  size_t i = 0, k, end = len;
  while (i < len && is_space(text[i]))
    i++;
  if (i == len || text[i] == '{')
    return 1;
  /* the common case first: a log of App paths */
  if (len - i >= 6 &&
      (memcmp(text + i, "pages/", 6) == 0 ||
       (text[i] == '/' && memcmp(text + i + 1, "pages", 5) == 0)))
    return 1;
  while (end > i && is_space(text[end - 1]))
    end--;
  /* "[INFO] ..." is a log's; a JSON array or string ends as it starts */
  if ((text[i] == '[' && text[end - 1] == ']') ||
      (text[i] == '"' && end - i > 1 && text[end - 1] == '"'))
    return 1;
  for (k = i;
       k < len && (text[k] == '_' || (text[k] >= 'a' && text[k] <= 'z') ||
                   (text[k] >= 'A' && text[k] <= 'Z') ||
                   (k > i && text[k] >= '0' && text[k] <= '9'));
       k++)
    ;
  return (k > i && k < len && text[k] == '=') || js_shaped(text, len);
}

/* Bytes a log writes around a value: quotes, closing brackets, a ';'. */
static int is_wrapping(char c) {
  return c == '"' || c == '\'' || c == ';' || c == ')' || c == ',' ||
         c == ']' || is_space(c);
}

void chk_locate(const char *text, size_t len, size_t *skip, size_t *n) {
  const char *page = NULL, *brace = memchr(text, '{', len);
  size_t i, end = len;
  *skip = 0;
  *n = len;
  if (starts_as_input(text, len))
    return;
  for (i = 0; i + 6 <= len; i++)
    if (text[i] == 'p' && memcmp(text + i, "pages/", 6) == 0) {
      page = text + i;
      break;
    }
  if (page != NULL && (brace == NULL || page < brace)) {
    i = (size_t)(page - text);
    if (i > 0 && text[i - 1] == '/')
      i--; /* keep a leading slash: path.leading_slash */
    while (end > i && is_wrapping(text[end - 1]))
      end--;
  } else if (brace != NULL) {
    i = (size_t)(brace - text);
    while (end > i && text[end - 1] != '}')
      end--;
    if (end == i)
      end = len; /* never closed: js.unclosed or json.syntax */
  } else {
    return; /* nothing to find: checked as it is */
  }
  *skip = i;
  *n = end - i;
}

void chk_shift(chk_result *r, size_t skip) {
  size_t i;
  for (i = 0; i < r->count; i++) {
    chk_finding *item = &r->items[i];
    if (item->f.in_value)
      continue;
    item->f.offset += skip;
    if (item->pos != REPAYJUMP_NO_OFFSET)
      item->pos += skip;
  }
}
