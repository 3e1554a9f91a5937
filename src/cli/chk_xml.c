/* repayjump check and scan: the App's configuration, read with expat
   (DTDs, entities and external entities refused): the WXEntryActivity of
   an AndroidManifest.xml, and the URL schemes of an iOS Info.plist. A
   tool built without expat says so instead (r->unsupported). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "chk.h"

#ifdef REPAYJUMP_HAVE_EXPAT

#include <expat.h>

#define DEPTH_MAX 64

typedef struct xml_state {
  XML_Parser p;
  const char *text;
  size_t len;
  chk_result *r;
  int refused; /* an entity declaration: not read */
  int depth;
  /* manifest */
  const char *package;
  size_t package_len;
  size_t application; /* offset of <application, or len */
  int entry;          /* a WXEntryActivity was found */
  /* plist: per depth, the element's name and the last <key> of a dict */
  char names[DEPTH_MAX][16];
  char keys[DEPTH_MAX][32];
  char key[32];
  size_t key_len;
  int in_key, in_string;
  size_t string_at, string_len;
  int schemes;      /* URL schemes seen */
  int own_schemes;  /* of them, AppIDs other than the target's */
  size_t types_at;  /* offset of the CFBundleURLTypes key, or len */
  size_t target_at; /* the scheme that is the target's AppID, or len */
} xml_state;

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

/* An AppID: wx and 16 lowercase hex digits. */
static int is_appid(const char *s, size_t n) {
  size_t i;
  if (n != 18 || s[0] != 'w' || s[1] != 'x')
    return 0;
  for (i = 2; i < n; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
      return 0;
  return 1;
}

static void entry_activity(xml_state *x, const XML_Char **atts) {
  const char *exported = attr(atts, "android:exported");
  const char *mode = attr(atts, "android:launchMode");
  const char *affinity = attr(atts, "android:taskAffinity");
  chk_result *r = x->r;
  x->entry = 1;
  if (exported == NULL || strcmp(exported, "true") != 0)
    chk_add(r, REPAYJUMP_CHECK_MANIFEST_EXPORTED,
            value_at(x, "android:exported"), exported ? strlen(exported) : 0,
            "android:exported", 16, "set android:exported=\"true\"",
            "WXEntryActivity: not exported; WeChat cannot call it back");
  if (mode == NULL || strcmp(mode, "singleTask") != 0)
    chk_add(r, REPAYJUMP_CHECK_MANIFEST_LAUNCH_MODE,
            value_at(x, "android:launchMode"), mode ? strlen(mode) : 0,
            "android:launchMode", 18, "set android:launchMode=\"singleTask\"",
            "WXEntryActivity: launchMode is not singleTask; the return from "
            "the repayment program behaves badly (the document's note)");
  if (affinity == NULL || (x->package != NULL &&
                           (strlen(affinity) != x->package_len ||
                            memcmp(affinity, x->package, x->package_len) != 0)))
    chk_add(r, REPAYJUMP_CHECK_MANIFEST_TASK_AFFINITY,
            value_at(x, "android:taskAffinity"),
            affinity ? strlen(affinity) : 0, "android:taskAffinity", 20,
            "set android:taskAffinity to the App's package",
            "WXEntryActivity: taskAffinity is not the App's package%s%.*s",
            x->package ? " " : "",
            (int)(x->package_len > 60 ? 60 : x->package_len),
            x->package ? x->package : "");
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
    /* expat's strings live only during the call: keep the input's */
    size_t at = value_at(x, "package"), n = 0;
    while (at + n < x->len && x->text[at + n] != '"' && x->text[at + n] != '\'')
      n++;
    x->package = x->text + at;
    x->package_len = n;
  } else if (strcmp(name, "application") == 0) {
    x->application = (size_t)XML_GetCurrentByteIndex(x->p) + 1;
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
      if (x->key_len == 16 && memcmp(x->key, "CFBundleURLTypes", 16) == 0)
        x->types_at = (size_t)XML_GetCurrentByteIndex(x->p) - 16;
    }
  } else if (x->in_string && strcmp(name, "string") == 0) {
    x->in_string = 0;
    if (in_schemes(x)) {
      const char *s = x->text + x->string_at;
      x->schemes++;
      if (is_appid(s, x->string_len) &&
          memcmp(s, REPAYJUMP_TARGET_APPID, 18) != 0)
        x->own_schemes++;
      else if (x->string_len == 18 &&
               memcmp(s, REPAYJUMP_TARGET_APPID, 18) == 0)
        x->target_at = x->string_at;
    }
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

/* Parse text; 0 when it is not well-formed XML (a json.syntax-like
   input.unrecognized finding then says where), or refused. */
static int parse(xml_state *x, const char *text, size_t len, chk_result *r) {
  memset(x, 0, sizeof *x);
  x->text = text;
  x->len = len;
  x->r = r;
  x->application = x->types_at = x->target_at = len;
  if (len > INT_MAX) { /* expat takes an int */
    chk_add(r, REPAYJUMP_CHECK_INPUT_UNRECOGNIZED, 0, 0, NULL, 0,
            "check a smaller file", "XML: over %d bytes; not read", INT_MAX);
    return 0;
  }
  x->p = XML_ParserCreate(NULL);
  if (x->p == NULL) {
    r->failed = 1;
    return 0;
  }
  XML_SetUserData(x->p, x);
  XML_SetElementHandler(x->p, on_start, on_end);
  XML_SetCharacterDataHandler(x->p, on_text);
  XML_SetEntityDeclHandler(x->p, on_entity);
  XML_SetParamEntityParsing(x->p, XML_PARAM_ENTITY_PARSING_NEVER);
  if (XML_Parse(x->p, text, (int)len, XML_TRUE) == XML_STATUS_ERROR) {
    /* where expat stopped: a byte, or the end of the text */
    XML_Index index = XML_GetCurrentByteIndex(x->p);
    size_t at = index < 0 || (size_t)index > len ? len : (size_t)index;
    if (XML_GetErrorCode(x->p) == XML_ERROR_NO_MEMORY)
      r->failed = 1;
    else if (x->refused)
      chk_add(r, REPAYJUMP_CHECK_INPUT_UNRECOGNIZED, at, at < len, NULL, 0,
              "remove the entity declarations",
              "XML: an entity declaration; the file is not read");
    else
      chk_add(r, REPAYJUMP_CHECK_INPUT_UNRECOGNIZED, at, at < len, NULL, 0,
              "correct the XML at that place", "XML: %s (line %lu, column %lu)",
              XML_ErrorString(XML_GetErrorCode(x->p)),
              (unsigned long)XML_GetCurrentLineNumber(x->p),
              (unsigned long)XML_GetCurrentColumnNumber(x->p) + 1);
    XML_ParserFree(x->p);
    return 0;
  }
  XML_ParserFree(x->p);
  return !x->refused;
}

void chk_manifest(const chk_options *o, const char *text, size_t len,
                  chk_result *r) {
  xml_state x;
  (void)o;
  r->kind = REPAYJUMP_KIND_MANIFEST;
  if (parse(&x, text, len, r) && !x.entry)
    chk_add(r, REPAYJUMP_CHECK_MANIFEST_ENTRY, x.application,
            x.application < len ? 11 : 0, NULL, 0,
            "declare <activity android:name=\".wxapi.WXEntryActivity\" "
            "android:exported=\"true\" android:launchMode=\"singleTask\" "
            "android:taskAffinity=\"<package>\"/>",
            "no .wxapi.WXEntryActivity: WeChat's callback after the jump "
            "never arrives");
}

void chk_plist(const chk_options *o, const char *text, size_t len,
               chk_result *r) {
  xml_state x;
  (void)o;
  r->kind = REPAYJUMP_KIND_PLIST;
  if (!parse(&x, text, len, r) || x.own_schemes > 0)
    return;
  if (x.target_at < len)
    chk_add(r, REPAYJUMP_CHECK_PLIST_URL_SCHEME, x.target_at, 18, NULL, 0,
            "put the App's own AppID among the URL schemes",
            "the URL scheme " REPAYJUMP_TARGET_APPID " is the repayment "
            "program's AppID, not the App's");
  else
    chk_add(r, REPAYJUMP_CHECK_PLIST_URL_SCHEME, x.types_at,
            x.types_at < len ? 16 : 0, NULL, 0,
            "add the App's own AppID (wx...) to CFBundleURLTypes' "
            "CFBundleURLSchemes",
            "no URL scheme that is an AppID: WeChat cannot return to the "
            "App");
}

#else /* no expat */

void chk_manifest(const chk_options *o, const char *text, size_t len,
                  chk_result *r) {
  (void)o, (void)text, (void)len;
  r->unsupported = 1;
}

void chk_plist(const chk_options *o, const char *text, size_t len,
               chk_result *r) {
  (void)o, (void)text, (void)len;
  r->unsupported = 1;
}

#endif
