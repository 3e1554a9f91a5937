/* repayjump check and scan: a reader (a leaf). The App's configuration,
   read with expat (DTDs, entities and external entities refused), into an
   object of what the jump's rules look at: an AndroidManifest.xml's
   package, <application> and each .wxapi.WXEntryActivity with its
   attributes; an Info.plist's CFBundleURLTypes and URL schemes. Offsets
   into the file; a tool built without expat says so
   (CHK_READ_UNSUPPORTED). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chk.h"

#ifdef REPAYJUMP_HAVE_EXPAT

#include <expat.h>

#define DEPTH_MAX 64

typedef struct xml_state {
  XML_Parser p;
  const char *text;
  size_t len;
  chk_object *obj;
  int refused; /* an entity declaration: not read */
  int depth;
  /* plist: per depth, the element's name and the last <key> of a dict */
  char names[DEPTH_MAX][16];
  char keys[DEPTH_MAX][32];
  char key[32];
  size_t key_len;
  int in_key, in_string;
  size_t string_at, string_len;
} xml_state;

/* A pair of what was read: a copy of value (expat's strings live only
   during its call), its place, or the element's. */
static void add(xml_state *x, const char *key, const char *value, size_t n,
                size_t key_at, size_t value_at) {
  repayjump_pair p;
  char *copy = chk_object_own(x->obj, malloc(n + 1));
  if (copy == NULL) {
    XML_StopParser(x->p, XML_FALSE);
    return;
  }
  if (n > 0)
    memcpy(copy, value, n);
  copy[n] = '\0';
  p.key = key;
  p.key_len = strlen(key);
  p.value = copy;
  p.value_len = n;
  p.type = REPAYJUMP_VALUE_STRING;
  p.key_offset = key_at;
  p.value_offset = value_at;
  if (!chk_object_add(x->obj, &p, 0))
    XML_StopParser(x->p, XML_FALSE);
}

/* The offset of attribute name's value in the start tag at the parser's
   current place, or the tag's own offset when not found. */
static size_t value_at(xml_state *x, const char *name) {
  size_t at = (size_t)XML_GetCurrentByteIndex(x->p);
  size_t n = (size_t)XML_GetCurrentByteCount(x->p), i;
  size_t k = strlen(name);
  for (i = at; i + k + 2 <= at + n && i + k + 2 <= x->len; i++)
    if (memcmp(x->text + i, name, k) == 0 && x->text[i + k] == '=')
      return i + k + 2; /* past =" */
  return at + 1;
}

static const char *attr(const XML_Char **atts, const char *name) {
  for (; atts[0] != NULL; atts += 2)
    if (strcmp(atts[0], name) == 0)
      return atts[1];
  return NULL;
}

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), t = strlen(tail);
  return n >= t && strcmp(s + n - t, tail) == 0;
}

/* A .wxapi.WXEntryActivity: "activity" at its tag, then each attribute
   the rules look at, when given, at its value. */
static void entry_activity(xml_state *x, const XML_Char **atts) {
  static const char *const names[] = {"android:exported", "android:launchMode",
                                      "android:taskAffinity"};
  const char *name = attr(atts, "android:name");
  size_t i, tag = (size_t)XML_GetCurrentByteIndex(x->p) + 1;
  add(x, "activity", name, strlen(name), tag, tag);
  for (i = 0; i < sizeof names / sizeof names[0]; i++) {
    const char *v = attr(atts, names[i]);
    if (v != NULL)
      add(x, names[i], v, strlen(v), tag, value_at(x, names[i]));
  }
}

static void XMLCALL on_start(void *data, const XML_Char *name,
                             const XML_Char **atts) {
  xml_state *x = data;
  if (x->depth < DEPTH_MAX) {
    (void)snprintf(x->names[x->depth], sizeof x->names[0], "%s", name);
    x->keys[x->depth][0] = '\0';
  }
  x->depth++;
  if (strcmp(name, "manifest") == 0 && attr(atts, "package") != NULL) {
    const char *package = attr(atts, "package");
    add(x, "package", package, strlen(package), value_at(x, "package"),
        value_at(x, "package"));
  } else if (strcmp(name, "application") == 0) {
    size_t at = (size_t)XML_GetCurrentByteIndex(x->p) + 1;
    add(x, "application", "", 0, at, at);
  } else if ((strcmp(name, "activity") == 0 ||
              strcmp(name, "activity-alias") == 0) &&
             attr(atts, "android:name") != NULL &&
             ends_with(attr(atts, "android:name"), ".wxapi.WXEntryActivity")) {
    entry_activity(x, atts);
  } else if (strcmp(name, "key") == 0) {
    x->in_key = 1;
    x->key_len = 0;
  } else if (strcmp(name, "string") == 0) {
    x->in_string = 1;
    x->string_at = (size_t)XML_GetCurrentByteIndex(x->p) +
                   (size_t)XML_GetCurrentByteCount(x->p);
    x->string_len = 0;
  }
}

/* Is the <string> just ended (at depth x->depth) in CFBundleURLTypes'
   array, in a dict's CFBundleURLSchemes array? */
static int in_schemes(const xml_state *x) {
  int d = x->depth;
  return d >= 4 && d < DEPTH_MAX && strcmp(x->names[d - 1], "array") == 0 &&
         strcmp(x->keys[d - 2], "CFBundleURLSchemes") == 0 &&
         strcmp(x->names[d - 3], "array") == 0 &&
         strcmp(x->keys[d - 4], "CFBundleURLTypes") == 0;
}

static void XMLCALL on_end(void *data, const XML_Char *name) {
  xml_state *x = data;
  x->depth--;
  if (x->in_key && strcmp(name, "key") == 0) {
    x->in_key = 0;
    if (x->depth >= 1 && x->depth <= DEPTH_MAX) {
      (void)snprintf(x->keys[x->depth - 1], sizeof x->keys[0], "%.*s",
                     (int)x->key_len, x->key);
      if (x->key_len == 16 && memcmp(x->key, "CFBundleURLTypes", 16) == 0) {
        size_t at = (size_t)XML_GetCurrentByteIndex(x->p) - 16;
        add(x, "CFBundleURLTypes", "", 0, at, at);
      }
    }
  } else if (x->in_string && strcmp(name, "string") == 0) {
    x->in_string = 0;
    if (in_schemes(x)) /* the text as written, which is where it is */
      add(x, "CFBundleURLSchemes", x->text + x->string_at, x->string_len,
          x->string_at, x->string_at);
  }
}

static void XMLCALL on_text(void *data, const XML_Char *s, int n) {
  xml_state *x = data;
  if (x->in_key && x->key_len + (size_t)n < sizeof x->key) {
    memcpy(x->key + x->key_len, s, (size_t)n);
    x->key_len += (size_t)n;
  } else if (x->in_key) {
    x->key_len = 0; /* longer than any key looked for */
  }
  if (x->in_string)
    x->string_len += (size_t)n;
}

/* An entity declaration: stop, read nothing of it (a DOCTYPE itself, as
   every Info.plist has, is fine: no DTD is ever loaded). */
static void XMLCALL on_entity(void *data, const XML_Char *name, int is_param,
                              const XML_Char *value, int value_len,
                              const XML_Char *base, const XML_Char *sysid,
                              const XML_Char *pubid, const XML_Char *notation) {
  xml_state *x = data;
  (void)name, (void)is_param, (void)value, (void)value_len, (void)base;
  (void)sysid, (void)pubid, (void)notation;
  x->refused = 1;
  XML_StopParser(x->p, XML_FALSE);
}

int chk_xml_read(const char *text, size_t len, chk_object *obj) {
  xml_state x;
  memset(&x, 0, sizeof x);
  x.text = text;
  x.len = len;
  x.obj = obj;
  obj->end = len;
  if (len > INT_MAX) { /* expat takes an int */
    chk_object_note(obj, REPAYJUMP_CHECK_INPUT_UNRECOGNIZED, 0, 0, NULL, 0,
                    "check a smaller file", "XML: over %d bytes; not read",
                    INT_MAX);
    return CHK_READ_SYNTAX;
  }
  x.p = XML_ParserCreate(NULL);
  if (x.p == NULL) {
    obj->failed = 1;
    return CHK_READ_OK;
  }
  XML_SetUserData(x.p, &x);
  XML_SetElementHandler(x.p, on_start, on_end);
  XML_SetCharacterDataHandler(x.p, on_text);
  XML_SetEntityDeclHandler(x.p, on_entity);
  XML_SetParamEntityParsing(x.p, XML_PARAM_ENTITY_PARSING_NEVER);
  if (XML_Parse(x.p, text, (int)len, XML_TRUE) == XML_STATUS_ERROR &&
      !obj->failed) {
    /* where expat stopped: a byte, or the end of the text */
    XML_Index index = XML_GetCurrentByteIndex(x.p);
    size_t at = index < 0 || (size_t)index > len ? len : (size_t)index;
    if (XML_GetErrorCode(x.p) == XML_ERROR_NO_MEMORY)
      obj->failed = 1;
    else if (x.refused)
      chk_object_note(obj, REPAYJUMP_CHECK_INPUT_UNRECOGNIZED, at, at < len,
                      NULL, 0, "remove the entity declarations",
                      "XML: an entity declaration; the file is not read");
    else
      chk_object_note(obj, REPAYJUMP_CHECK_INPUT_UNRECOGNIZED, at, at < len,
                      NULL, 0, "correct the XML at that place",
                      "XML: %s (line %lu, column %lu)",
                      XML_ErrorString(XML_GetErrorCode(x.p)),
                      (unsigned long)XML_GetCurrentLineNumber(x.p),
                      (unsigned long)XML_GetCurrentColumnNumber(x.p) + 1);
    XML_ParserFree(x.p);
    return CHK_READ_SYNTAX;
  }
  XML_ParserFree(x.p);
  obj->is_object = 1;
  return CHK_READ_OK;
}

#else /* no expat */

int chk_xml_read(const char *text, size_t len, chk_object *obj) {
  (void)text, (void)len, (void)obj;
  return CHK_READ_UNSUPPORTED;
}

#endif
