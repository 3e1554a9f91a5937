/* The properties of an accepted input's outputs, checked with a real JSON
 * parser (jansson) and a strict query decoder. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz.h"

static const char *const format_name[REPAYJUMP_FORMAT_COUNT] = {
    "extra data", "navigate", "app path", "app launch"};

/* What the outputs may contain: the values' alphabet [A-Za-z0-9_-] and
 * the bytes of the fixed JSON and path pieces. Nothing to escape. */
static int allowed(int c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || (c != '\0' && strchr("_-{}\":,/?=&", c));
}

static json_t *parse(const char *what, const char *out, size_t len) {
  json_error_t error;
  json_t *root = json_loadb(out, len, JSON_REJECT_DUPLICATES, &error);
  char *again;
  FZ_CHECK(root, "%s: not JSON (%s at byte %d): %s", what, error.text,
           error.position, out);
  FZ_CHECK(json_is_object(root), "%s: not a JSON object: %s", what, out);
  /* Compact and in the emitted order: jansson writes it back the same. */
  again = json_dumps(root, JSON_COMPACT);
  FZ_CHECK(again && strcmp(again, out) == 0,
           "%s: not compact JSON: %s (jansson: %s)", what, out,
           again ? again : "(null)");
  free(again);
  return root;
}

static void check_string(const char *what, json_t *v, const char *want) {
  FZ_CHECK(json_is_string(v), "%s: not a string", what);
  FZ_CHECK(json_string_length(v) == strlen(want) &&
               memcmp(json_string_value(v), want, strlen(want)) == 0,
           "%s: \"%s\", expected \"%s\"", what, json_string_value(v), want);
}

/* An object with exactly want's pairs, in want's order. */
static void check_pairs_object(const char *what, json_t *obj,
                               const fz_pairs *want) {
  const char *key;
  json_t *value;
  size_t i = 0;
  FZ_CHECK(json_is_object(obj), "%s: extraData is not an object", what);
  FZ_CHECK(json_object_size(obj) == want->count, "%s: %zu keys, expected %zu",
           what, json_object_size(obj), want->count);
  json_object_foreach(obj, key, value) {
    FZ_CHECK(i < want->count, "%s: more than %zu keys", what, want->count);
    FZ_CHECK(strcmp(key, want->pair[i].key) == 0,
             "%s: key %zu is \"%s\", expected \"%s\"", what, i, key,
             want->pair[i].key);
    check_string(what, value, want->pair[i].val);
    i++;
  }
}

/* Keys of a fixed object, in order. */
static void check_keys(const char *what, json_t *obj, const char *const *names,
                       size_t count) {
  const char *key;
  json_t *value;
  size_t i = 0;
  FZ_CHECK(json_object_size(obj) == count, "%s: %zu keys, expected %zu", what,
           json_object_size(obj), count);
  json_object_foreach(obj, key, value) {
    (void)value;
    FZ_CHECK(i < count, "%s: more than %zu keys", what, count);
    FZ_CHECK(strcmp(key, names[i]) == 0, "%s: key %zu is \"%s\", expected %s",
             what, i, key, names[i]);
    i++;
  }
}

/* Item i of the query, from at to end: key=value, strictly
 * percent-encoded, decoding to want's pair i. */
static void check_query_item(const char *what, const char *path, size_t i,
                             const char *at, const char *end,
                             const fz_pairs *want) {
  const char *eq = memchr(at, '=', (size_t)(end - at));
  char key[64], val[256];
  FZ_CHECK(eq, "%s: item %zu has no '=': %s", what, i, path);
  FZ_CHECK(fz_percent_decode(at, (size_t)(eq - at), key, sizeof key) >= 0 &&
               fz_percent_decode(eq + 1, (size_t)(end - eq - 1), val,
                                 sizeof val) >= 0,
           "%s: item %zu is not strictly percent-encoded: %s", what, i, path);
  FZ_CHECK(strcmp(key, want->pair[i].key) == 0 &&
               strcmp(val, want->pair[i].val) == 0,
           "%s: item %zu is %s=%s, expected %s=%s", what, i, key, val,
           want->pair[i].key, want->pair[i].val);
}

/* REPAYJUMP_TARGET_PATH "?" and a query that decodes to want's pairs. */
static void check_app_path(const char *what, const char *path,
                           const fz_pairs *want) {
  static const char prefix[] = REPAYJUMP_TARGET_PATH "?";
  const char *at = path + sizeof prefix - 1;
  size_t i;
  FZ_CHECK(strncmp(path, prefix, sizeof prefix - 1) == 0,
           "%s: does not start with %s: %s", what, prefix, path);
  for (i = 0; i < want->count; i++) {
    const char *end = at + strcspn(at, "&");
    check_query_item(what, path, i, at, end, want);
    FZ_CHECK(*end == (i + 1 < want->count ? '&' : '\0'),
             "%s: %zu items expected: %s", what, want->count, path);
    at = end + 1;
  }
}

void fz_check_output(int format, const char *out, size_t len,
                     const fz_pairs *want) {
  static const char *const navigate_keys[] = {"appId", "path", "extraData",
                                              "envVersion"};
  static const char *const launch_keys[] = {"userName", "path",
                                            "miniProgramType"};
  const char *what = format_name[format];
  json_t *root, *type;
  size_t i;

  FZ_CHECK(strlen(out) == len, "%s: *len is %zu, strlen is %zu", what, len,
           strlen(out));
  for (i = 0; i < len; i++)
    FZ_CHECK(allowed((unsigned char)out[i]),
             "%s: byte %zu (0x%02X) is not allowed: %s", what, i,
             (unsigned char)out[i], out);

  if (format == REPAYJUMP_APP_PATH) {
    check_app_path(what, out, want);
    return;
  }
  root = parse(what, out, len);
  switch (format) {
  case REPAYJUMP_EXTRA_DATA_JSON:
    check_pairs_object(what, root, want);
    break;
  case REPAYJUMP_NAVIGATE_JSON:
    check_keys(what, root, navigate_keys, 4);
    check_string(what, json_object_get(root, "appId"), REPAYJUMP_TARGET_APPID);
    check_string(what, json_object_get(root, "path"), REPAYJUMP_TARGET_PATH);
    check_pairs_object(what, json_object_get(root, "extraData"), want);
    check_string(what, json_object_get(root, "envVersion"), "release");
    break;
  default: /* REPAYJUMP_APP_LAUNCH_JSON */
    check_keys(what, root, launch_keys, 3);
    check_string(what, json_object_get(root, "userName"),
                 REPAYJUMP_TARGET_USERNAME);
    FZ_CHECK(json_is_string(json_object_get(root, "path")),
             "%s: path is not a string", what);
    check_app_path(what, json_string_value(json_object_get(root, "path")),
                   want);
    type = json_object_get(root, "miniProgramType");
    FZ_CHECK(json_is_integer(type) && json_integer_value(type) == 0,
             "%s: miniProgramType is not the integer 0", what);
    break;
  }
  json_decref(root);
}
