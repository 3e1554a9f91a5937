/* repayjump check: one input, dispatched. Picks a reader by the input's
   shape (a WXML element, App code, XML, JSON falling back to JavaScript, a
   JavaScript literal, or a path or query for the library), hands what it
   read to the rules, and finds the input in a line of a log. */
#include <string.h>

#include "chk.h"

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
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

/* JSON, or for text starting with '{' that is not JSON but shows
   JavaScript's own syntax, a JavaScript literal. */
static void json_or_js(const chk_options *o, const char *text, size_t len,
                       int or_js, chk_result *r) {
  chk_object obj;
  int read;
  chk_object_init(&obj);
  read = chk_json_read(text, len, &obj);
  if (read != CHK_READ_OK && or_js) {
    chk_object js;
    chk_object_init(&js);
    js_read_object(text, len, &js);
    if (js.js_only || js.failed) {
      chk_object_free(&obj);
      chk_check_object(o, &js, REPAYJUMP_KIND_JS_OBJECT, r);
      return;
    }
    chk_object_free(&js);
  }
  if (read == CHK_READ_UNSUPPORTED) {
    r->unsupported = 1;
    chk_object_free(&obj);
    return;
  }
  chk_check_object(o, &obj, REPAYJUMP_KIND_NONE, r);
}

static void javascript(const chk_options *o, const char *text, size_t len,
                       chk_result *r) {
  chk_object obj;
  chk_object_init(&obj);
  js_read_object(text, len, &obj);
  chk_check_object(o, &obj, REPAYJUMP_KIND_JS_OBJECT, r);
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
    json_or_js(o, text, len, text[i] == '{', r);
  else if (js_shaped(text, len))
    javascript(o, text, len, r);
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
