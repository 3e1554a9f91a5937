/* repayjump check: JSON inputs (an extraData object, a navigate argument,
   an App launch request), parsed by jansson. jansson gives no positions
   for values, so their findings count bytes within the decoded value. A
   tool built without jansson says so instead (r->unsupported). */
#include <string.h>

#include "chk.h"

#ifdef REPAYJUMP_HAVE_JANSSON

#include <stdlib.h>

#include <jansson.h>

/* Strict but for two things that the library reports better: a NUL
   inside a value (a bad byte there), and the top level not being an
   object (json.not_object). */
#define LOAD_FLAGS (JSON_DECODE_ANY | JSON_ALLOW_NUL)

void chk_json_free(void *json) { json_decref((json_t *)json); }

/* jansson reports a failed allocation inside a parse as a syntax error
   (or not at all): its allocations go through here, which remembers one
   failing, so that it becomes no verdict, not a wrong one. The tool is
   single-threaded. */
static int json_alloc_failed;

static void *json_alloc(size_t n) {
  void *p = malloc(n);
  json_alloc_failed |= p == NULL;
  return p;
}

/* Start counting: 0 when an allocation failed since the last call. */
static void json_alloc_watch(void) {
  json_set_alloc_funcs(json_alloc, free);
  json_alloc_failed = 0;
}

static int json_alloc_ok(chk_result *r) {
  if (json_alloc_failed)
    r->failed = 1;
  return !json_alloc_failed;
}

/* Keep a tree until chk_clear. */
static json_t *keep(chk_result *r, json_t *root) {
  size_t i;
  r->json_free = chk_json_free;
  for (i = 0; i < sizeof r->json / sizeof r->json[0]; i++)
    if (r->json[i] == NULL) {
      r->json[i] = root;
      return root;
    }
  json_decref(root); /* two trees at most: the input, extraData's string */
  r->failed = 1;
  return NULL;
}

/* One member as a pair; a value that is not a string is given as its JSON
   text, which the library quotes in its fix. 0 when out of memory. */
static int add_member(chk_object *obj, int inner, const char *key,
                      size_t key_len, json_t *v, chk_result *r) {
  repayjump_pair p;
  p.key = key;
  p.key_len = key_len;
  p.key_offset = p.value_offset = REPAYJUMP_NO_OFFSET;
  if (json_is_string(v)) {
    p.value = json_string_value(v);
    p.value_len = json_string_length(v);
    p.type = REPAYJUMP_VALUE_STRING;
  } else {
    char *s = chk_own(r, json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT));
    if (s == NULL)
      return 0;
    p.value = s;
    p.value_len = strlen(s);
    p.type = REPAYJUMP_VALUE_NOT_STRING;
  }
  if (!chk_object_add(obj, inner, &p)) {
    r->failed = 1;
    return 0;
  }
  return 1;
}

/* Every member of o, in the input's order (jansson keeps it). */
static int add_members(chk_object *obj, int inner, json_t *o, chk_result *r) {
  void *it;
  for (it = json_object_iter(o); it != NULL; it = json_object_iter_next(o, it))
    if (!add_member(obj, inner, json_object_iter_key(it),
                    json_object_iter_key_len(it), json_object_iter_value(it),
                    r))
      return 0;
  return 1;
}

/* A string that holds a JSON object, decoded (kept in r), else NULL. */
static json_t *encoded_object(json_t *s, chk_result *r) {
  json_t *inner;
  if (!json_is_string(s))
    return NULL;
  json_alloc_watch();
  inner = json_loadb(json_string_value(s), json_string_length(s), 0, NULL);
  if (!json_alloc_ok(r)) {
    json_decref(inner);
    return NULL; /* not "no object in it": no verdict at all */
  }
  if (inner != NULL && !json_is_object(inner)) {
    json_decref(inner);
    return NULL;
  }
  return inner != NULL ? keep(r, inner) : NULL;
}

static void navigate(const chk_options *o, json_t *root, size_t len,
                     chk_result *r) {
  chk_object obj;
  json_t *extra = json_object_get(root, "extraData"), *inner;
  void *it;
  memset(&obj, 0, sizeof obj);
  r->kind = REPAYJUMP_KIND_NAVIGATE;
  if (!add_members(&obj, 0, root, r))
    goto done;
  for (it = json_object_iter(root); it != NULL;
       it = json_object_iter_next(root, it), obj.nested_pair++)
    if (strcmp(json_object_iter_key(it), "extraData") == 0)
      break;
  if (extra == NULL)
    obj.nested = CHK_NESTED_ABSENT;
  else if (json_is_object(extra))
    obj.nested = add_members(&obj, 1, extra, r) ? CHK_NESTED_OBJECT : -1;
  else if ((inner = encoded_object(extra, r)) != NULL)
    obj.nested = add_members(&obj, 1, inner, r) ? CHK_NESTED_ENCODED : -1;
  else
    obj.nested = CHK_NESTED_OTHER;
  if (obj.nested >= 0 && !r->failed)
    chk_navigate(o, len, &obj, r);
done:
  chk_object_free(&obj);
}

/* Point a finding of the tool's at v, as jansson decoded or wrote it. */
static void within(chk_finding *item, json_t *v, chk_result *r) {
  if (item == NULL)
    return;
  if (json_is_string(v)) {
    item->value = json_string_value(v);
    item->value_len = json_string_length(v);
  } else {
    item->value = chk_own(r, json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT));
    item->value_len = item->value ? strlen(item->value) : 0;
  }
  item->f.length = item->value_len;
}

static void launch(const chk_options *o, json_t *root, size_t len,
                   chk_result *r) {
  json_t *user = json_object_get(root, "userName");
  json_t *path = json_object_get(root, "path");
  json_t *type = json_object_get(root, "miniProgramType");
  const char *want = REPAYJUMP_TARGET_USERNAME;
  r->kind = REPAYJUMP_KIND_APP_LAUNCH;
  if (user == NULL)
    chk_add(r, REPAYJUMP_CHECK_LAUNCH_USER_NAME, len, 0, NULL, 0,
            "add \"userName\": \"" REPAYJUMP_TARGET_USERNAME "\"",
            "userName: absent; it must be the repayment mini program's "
            "original id " REPAYJUMP_TARGET_USERNAME);
  else if (!json_is_string(user) || json_string_length(user) != strlen(want) ||
           strcmp(json_string_value(user), want) != 0)
    within(chk_add(r, REPAYJUMP_CHECK_LAUNCH_USER_NAME, REPAYJUMP_NO_OFFSET, 0,
                   "userName", 8,
                   "set userName to \"" REPAYJUMP_TARGET_USERNAME "\"",
                   "userName: not the repayment mini program's original "
                   "id " REPAYJUMP_TARGET_USERNAME),
           user, r);
  if (json_is_string(path))
    chk_text(o, json_string_value(path), json_string_length(path), "path", r);
  else if (path != NULL)
    within(chk_add(r, REPAYJUMP_CHECK_JSON_NOT_STRING, REPAYJUMP_NO_OFFSET, 0,
                   "path", 4,
                   "quote it: \"path\": \"" REPAYJUMP_TARGET_PATH
                   "?appid=...\"",
                   "path: not a string"),
           path, r);
  else
    chk_add(r, REPAYJUMP_CHECK_PATH_PAGE, len, 0, NULL, 0,
            "add \"path\": \"" REPAYJUMP_TARGET_PATH "?appid=...\"",
            "path: absent; the App would open the program's home page, "
            "with no fields");
  if (type != NULL && !(json_is_integer(type) && json_integer_value(type) == 0))
    within(chk_add(r, REPAYJUMP_CHECK_LAUNCH_TYPE, REPAYJUMP_NO_OFFSET, 0,
                   "miniProgramType", 15,
                   "set miniProgramType to 0 (WXMiniProgramTypeRelease)",
                   "miniProgramType: %s; the repayment program opens only "
                   "in release, 0",
                   json_is_integer(type) ? "not 0" : "not the number 0"),
           type, r);
}

static void extra_data(const chk_options *o, json_t *root, size_t len,
                       chk_result *r) {
  chk_object obj;
  memset(&obj, 0, sizeof obj);
  r->kind = REPAYJUMP_KIND_EXTRA_DATA;
  if (add_members(&obj, 0, root, r))
    chk_pairs(o, obj.pairs, obj.count, NULL, len, r);
  chk_object_free(&obj);
}

/* The top level is not an object; a string holding one was encoded twice. */
static void not_object(json_t *root, size_t len, chk_result *r) {
  json_t *inner = encoded_object(root, r);
  if (inner != NULL)
    chk_add(r, REPAYJUMP_CHECK_JSON_NOT_OBJECT, 0, len, NULL, 0,
            "decode it once (JSON.parse) and give the object itself",
            "the input is a JSON string holding an object: it was "
            "encoded twice");
  else
    chk_add(r, REPAYJUMP_CHECK_JSON_NOT_OBJECT, 0, len, NULL, 0,
            "give the object: {\"appid\": \"...\", \"mchid\": \"...\", ...}",
            "the input is a JSON %s, not an object",
            json_is_array(root)     ? "array"
            : json_is_string(root)  ? "string"
            : json_is_number(root)  ? "number"
            : json_is_boolean(root) ? "boolean"
                                    : "null");
}

/* Past the string whose opening quote is at i. */
static size_t past_string(const char *text, size_t len, size_t i) {
  for (i++; i < len && text[i] != '"'; i++)
    if (text[i] == '\\')
      i++;
  return i + 1;
}

/* A key of one object, as written between its quotes. */
typedef struct seen_key {
  size_t at, n, object;
} seen_key;

/* The keys of the objects still open, innermost last. */
typedef struct seen_keys {
  seen_key *keys;
  size_t count, cap;
} seen_keys;

/* Key [at, at + n) of object: key.duplicate when that object had it
   already; then kept. 0 when out of memory. */
static int note_key(seen_keys *k, const char *text, size_t at, size_t n,
                    size_t object, chk_result *r) {
  size_t i;
  for (i = k->count; i-- > 0 && k->keys[i].object == object;)
    if (k->keys[i].n == n && memcmp(text + k->keys[i].at, text + at, n) == 0) {
      chk_add(r, REPAYJUMP_CHECK_KEY_DUPLICATE, at, n, text + at, n,
              "keep one of them; WeChat reads only one", "%.*s: given twice",
              (int)(n > 40 ? 40 : n), text + at);
      break;
    }
  if (k->count == k->cap) {
    size_t cap = k->cap ? 2 * k->cap : 16;
    seen_key *grown = realloc(k->keys, cap * sizeof *grown);
    if (grown == NULL)
      return 0;
    k->keys = grown;
    k->cap = cap;
  }
  k->keys[k->count].at = at;
  k->keys[k->count].n = n;
  k->keys[k->count++].object = object;
  return 1;
}

/* Every key given again in the same object of text, which jansson has
   read (so it is JSON, nested at most JSON_PARSER_MAX_DEPTH deep), at
   each later occurrence; keys compare as written. */
static void duplicates(const char *text, size_t len, chk_result *r) {
  enum { ARRAY = -1 };
  size_t stack[2049]; /* the open containers: an object's number, or ARRAY */
  size_t depth = 0, objects = 0, i = 0;
  seen_keys k = {NULL, 0, 0};
  int want_key = 0;
  while (i < len && !r->failed) {
    char c = text[i];
    if (c == '"') {
      size_t end = past_string(text, len, i);
      if (want_key && depth > 0 &&
          !note_key(&k, text, i + 1, end - i - 2, stack[depth - 1], r))
        r->failed = 1;
      want_key = 0;
      i = end;
      continue;
    }
    if ((c == '{' || c == '[') && depth < sizeof stack / sizeof stack[0]) {
      stack[depth++] = c == '{' ? objects++ : (size_t)ARRAY;
      want_key = c == '{';
    } else if ((c == '}' || c == ']') && depth > 0) {
      /* a closed object's keys are the last ones: done with */
      for (depth--; k.count > 0 && k.keys[k.count - 1].object == stack[depth];)
        k.count--;
    } else if (c == ',' && depth > 0) {
      want_key = stack[depth - 1] != (size_t)ARRAY;
    }
    i++;
  }
  free(k.keys);
}

static int has(json_t *o, const char *key) {
  return json_object_get(o, key) != NULL;
}

void chk_json(const chk_options *o, const char *text, size_t len, int or_js,
              chk_result *r) {
  json_error_t e;
  json_t *root;
  json_alloc_watch();
  root = json_loadb(text, len, LOAD_FLAGS, &e);
  if (!json_alloc_ok(r)) {
    json_decref(root);
    return;
  }
  if (root == NULL) {
    if (or_js && chk_js_if(o, text, len, r))
      return;
    /* jansson's position is just past the token it stopped at. */
    chk_add(r, REPAYJUMP_CHECK_JSON_SYNTAX,
            e.position > 0 ? (size_t)e.position - 1 : 0, 1, NULL, 0,
            "correct the JSON at that place: keys and strings in double "
            "quotes, commas between members, no comma after the last",
            "JSON syntax: %s (line %d, column %d)", e.text, e.line, e.column);
    return;
  }
  if (keep(r, root) == NULL)
    return;
  duplicates(text, len, r);
  if (r->failed)
    return;
  if (!json_is_object(root))
    not_object(root, len, r);
  else if (chk_is_navigate(has(root, "appId"), has(root, "path"),
                           has(root, "extraData"), has(root, "envVersion")))
    navigate(o, root, len, r);
  else if (has(root, "userName") || has(root, "miniProgramType") ||
           has(root, "path"))
    launch(o, root, len, r);
  else
    extra_data(o, root, len, r);
}

#else /* no jansson: JavaScript literals still work */

void chk_json_free(void *json) { (void)json; }

void chk_json(const chk_options *o, const char *text, size_t len, int or_js,
              chk_result *r) {
  if (or_js && chk_js_if(o, text, len, r))
    return;
  r->unsupported = 1;
}

#endif
