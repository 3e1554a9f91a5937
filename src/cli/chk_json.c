/* repayjump check: a reader (a leaf). JSON inputs (an extraData object, a
   navigate argument, an App launch request), parsed by jansson, into an
   object: the top level's pairs, extraData's members as "extraData.<key>",
   and findings about syntax (json.*, key.duplicate). jansson gives no
   positions for values, so their findings count bytes within the decoded
   value. A tool built without jansson says so (CHK_READ_UNSUPPORTED). */
#include <string.h>

#include "chk.h"

#ifdef REPAYJUMP_HAVE_JANSSON

#include <stdlib.h>

#include <jansson.h>

/* Strict but for two things that the library reports better: a NUL
   inside a value (a bad byte there), and the top level not being an
   object (json.not_object). */
#define LOAD_FLAGS (JSON_DECODE_ANY | JSON_ALLOW_NUL)

static void chk_json_free(void *json) { json_decref((json_t *)json); }

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

/* One pair from a member; a value that is not a string is given as its
   JSON text, which the library quotes in its fix. nested: the member is
   extraData's. 0 when out of memory. */
static int add_member(chk_object *obj, const char *nested, const char *key,
                      size_t key_len, json_t *v) {
  repayjump_pair p;
  p.key = key;
  p.key_len = key_len;
  p.key_offset = p.value_offset = REPAYJUMP_NO_OFFSET;
  if (json_is_string(v)) {
    p.value = json_string_value(v);
    p.value_len = json_string_length(v);
    p.type = REPAYJUMP_VALUE_STRING;
  } else {
    char *s =
        chk_object_own(obj, json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT));
    if (s == NULL)
      return 0;
    p.value = s;
    p.value_len = strlen(s);
    p.type = REPAYJUMP_VALUE_NOT_STRING;
  }
  return nested ? chk_object_member(obj, nested, &p, 0)
                : chk_object_add(obj, &p, 0);
}

/* Every member of o, in the input's order (jansson keeps it). */
static int add_members(chk_object *obj, const char *nested, json_t *o) {
  void *it;
  for (it = json_object_iter(o); it != NULL; it = json_object_iter_next(o, it))
    if (!add_member(obj, nested, json_object_iter_key(it),
                    json_object_iter_key_len(it), json_object_iter_value(it)))
      return 0;
  return 1;
}

/* A string that holds a JSON object, decoded (kept by obj), else NULL. */
static json_t *encoded_object(json_t *s, chk_object *obj) {
  json_t *inner;
  if (!json_is_string(s))
    return NULL;
  json_alloc_watch();
  inner = json_loadb(json_string_value(s), json_string_length(s), 0, NULL);
  if (json_alloc_failed) {
    obj->failed = 1;
    json_decref(inner);
    return NULL; /* not "no object in it": no verdict at all */
  }
  if (inner != NULL && !json_is_object(inner)) {
    json_decref(inner);
    return NULL;
  }
  return inner != NULL && chk_object_tree(obj, inner, chk_json_free) ? inner
                                                                     : NULL;
}

/* The top level's members; extraData's, when it is an object or a string
   holding one, follow it as "extraData.<key>" (the library's form). */
static void members(json_t *root, chk_object *obj) {
  void *it;
  for (it = json_object_iter(root); it != NULL && !obj->failed;
       it = json_object_iter_next(root, it)) {
    const char *key = json_object_iter_key(it);
    json_t *v = json_object_iter_value(it), *inner = v;
    if (!add_member(obj, NULL, key, json_object_iter_key_len(it), v))
      return;
    if (strcmp(key, "extraData") != 0)
      continue;
    if (json_is_string(v))
      inner = encoded_object(v, obj);
    if (json_is_object(inner))
      add_members(obj, "extraData", inner);
  }
}

/* The top level is not an object; a string holding one was encoded twice. */
static void not_object(json_t *root, size_t len, chk_object *obj) {
  json_t *inner = encoded_object(root, obj);
  if (inner != NULL)
    chk_object_note(obj, REPAYJUMP_CHECK_JSON_NOT_OBJECT, 0, len, NULL, 0,
                    "decode it once (JSON.parse) and give the object itself",
                    "the input is a JSON string holding an object: it was "
                    "encoded twice");
  else if (!obj->failed)
    chk_object_note(obj, REPAYJUMP_CHECK_JSON_NOT_OBJECT, 0, len, NULL, 0,
                    "give the object: {\"appid\": \"...\", \"mchid\": "
                    "\"...\", ...}",
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
                    size_t object, chk_object *obj) {
  size_t i;
  for (i = k->count; i-- > 0 && k->keys[i].object == object;)
    if (k->keys[i].n == n && memcmp(text + k->keys[i].at, text + at, n) == 0) {
      chk_object_note(obj, REPAYJUMP_CHECK_KEY_DUPLICATE, at, n, text + at, n,
                      "keep one of them; WeChat reads only one",
                      "%.*s: given twice", (int)(n > 40 ? 40 : n), text + at);
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
static void duplicates(const char *text, size_t len, chk_object *obj) {
  enum { ARRAY = -1 };
  size_t stack[2049]; /* the open containers: an object's number, or ARRAY */
  size_t depth = 0, objects = 0, i = 0;
  seen_keys k = {NULL, 0, 0};
  int want_key = 0;
  while (i < len && !obj->failed) {
    char c = text[i];
    if (c == '"') {
      size_t end = past_string(text, len, i);
      if (want_key && depth > 0 &&
          !note_key(&k, text, i + 1, end - i - 2, stack[depth - 1], obj))
        obj->failed = 1;
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

int chk_json_read(const char *text, size_t len, chk_object *obj) {
  json_error_t e;
  json_t *root;
  obj->end = len; /* what is absent: at the end */
  json_alloc_watch();
  root = json_loadb(text, len, LOAD_FLAGS, &e);
  if (json_alloc_failed) {
    obj->failed = 1;
    json_decref(root);
    return CHK_READ_OK;
  }
  if (root == NULL) {
    /* jansson's position is just past the token it stopped at. */
    chk_object_note(
        obj, REPAYJUMP_CHECK_JSON_SYNTAX,
        e.position > 0 ? (size_t)e.position - 1 : 0, 1, NULL, 0,
        "correct the JSON at that place: keys and strings in double "
        "quotes, commas between members, no comma after the last",
        "JSON syntax: %s (line %d, column %d)", e.text, e.line, e.column);
    return CHK_READ_SYNTAX;
  }
  if (!chk_object_tree(obj, root, chk_json_free))
    return CHK_READ_OK;
  duplicates(text, len, obj);
  if (obj->failed)
    return CHK_READ_OK;
  if (!json_is_object(root)) {
    not_object(root, len, obj);
    return CHK_READ_OK;
  }
  obj->is_object = 1;
  members(root, obj);
  return CHK_READ_OK;
}

#else /* no jansson: JavaScript literals still work */

int chk_json_read(const char *text, size_t len, chk_object *obj) {
  (void)text;
  (void)len;
  (void)obj;
  return CHK_READ_UNSUPPORTED;
}

#endif
