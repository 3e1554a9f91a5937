/* repayjump check and scan: the jump in source code. Finds each place
   that concerns the repayment jump (the target's AppID, username or page)
   in a WXML file, a JavaScript or TypeScript file, or App code (Java,
   Kotlin, Objective-C, Swift), and checks it with check's rules; every
   offset is into the file. Not a parser of any of these languages: it
   reads what the jump's code looks like, as the document and WeChat's
   own samples write it. */
#include <stdio.h>
#include <string.h>

#include "chk.h"

#define TARGET_APPID REPAYJUMP_TARGET_APPID
#define PAGE "pages/invest_list/invest_list"

/* The first occurrence of the NUL-terminated needle in s[from, len), or
   len. */
static size_t find(const char *s, size_t len, size_t from, const char *needle) {
  size_t n = strlen(needle), i;
  for (i = from; i + n <= len; i++)
    if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
      return i;
  return len;
}

static int contains(const char *s, size_t len, const char *needle) {
  return find(s, len, 0, needle) < len;
}

static int is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '$';
}

static size_t skip_blank(const char *s, size_t len, size_t i) {
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return i;
}

/* Shift the offsets of r's findings from the one numbered from on by
   base: they were found in text that starts at base in the file. */
static void shift_from(chk_result *r, size_t from, size_t base) {
  size_t i;
  for (i = from; i < r->count; i++) {
    chk_finding *item = &r->items[i];
    if (item->f.in_value)
      continue;
    item->f.offset += base;
    if (item->pos != REPAYJUMP_NO_OFFSET)
      item->pos += base;
  }
}

/* ---- WXML: <navigator> ---- */

/* One attribute of an element: its name and its value's place. */
typedef struct attr {
  size_t name, name_len, value, value_len;
  int found;
} attr;

static int is_name_byte(char c) { return is_word(c) || c == '-' || c == ':'; }

/* The quoted value after an attribute's name ending at i: its quote's
   offset, or to when there is none. */
static size_t value_quote(const char *s, size_t to, size_t i) {
  i = skip_blank(s, to, i);
  if (i >= to || s[i] != '=')
    return to;
  i = skip_blank(s, to, i + 1);
  return i < to && (s[i] == '"' || s[i] == '\'') ? i : to;
}

/* Find the attribute called name in the element's text [from, to). */
static attr attribute(const char *s, size_t from, size_t to, const char *name) {
  attr a = {0, 0, 0, 0, 0};
  size_t n = strlen(name), i = from;
  while (i < to) {
    size_t start, name_end, q;
    while (i < to && !is_name_byte(s[i]))
      i++;
    for (start = i; i < to && is_name_byte(s[i]); i++)
      ;
    name_end = i;
    if ((q = value_quote(s, to, i)) == to)
      continue;
    for (i = q + 1; i < to && s[i] != s[q]; i++)
      ;
    if (name_end - start == n && memcmp(s + start, name, n) == 0) {
      a.found = 1;
      a.name = start;
      a.name_len = n;
      a.value = q + 1;
      a.value_len = i - q - 1;
      return a;
    }
    i++;
  }
  return a;
}

/* A pair named key for the navigate rules from an attribute's value. */
static void attr_pair(const char *s, const attr *a, const char *key,
                      chk_object *obj) {
  repayjump_pair p;
  if (!a->found)
    return;
  p.key = key;
  p.key_len = strlen(key);
  p.key_offset = a->name;
  p.value = s + a->value;
  p.value_len = a->value_len;
  p.value_offset = a->value;
  p.type = REPAYJUMP_VALUE_STRING;
  chk_object_add(obj, &p, 0);
}

/* The navigate rules' keys, renamed back to the attributes' names. */
static void attribute_keys(chk_result *r, size_t from) {
  static const char *const names[][2] = {{"appId", "app-id"},
                                         {"envVersion", "version"},
                                         {"extraData", "extra-data"},
                                         {"path", "path"}};
  size_t i, k;
  for (i = from; i < r->count; i++) {
    repayjump_finding *f = &r->items[i].f;
    for (k = 0; f->key != NULL && k < sizeof names / sizeof names[0]; k++)
      if (f->key_len == strlen(names[k][0]) &&
          memcmp(f->key, names[k][0], f->key_len) == 0) {
        size_t n = f->key_len;
        f->key = names[k][1];
        f->key_len = strlen(names[k][1]);
        /* and the message names the attribute: "app-id: ..." */
        if (strncmp(f->message, names[k][0], n) == 0 && f->message[n] == ':') {
          char rest[sizeof f->message];
          memcpy(rest, f->message + n, sizeof rest - n);
          rest[sizeof rest - n] = '\0';
          (void)snprintf(f->message, sizeof f->message, "%s%s", names[k][1],
                         rest);
        }
        break;
      }
  }
}

/* extra-data="{{name}}": a variable, not checked; extra-data="{{ {...} }}":
   an object, whose members (read as a JavaScript literal, its syntax
   findings with them) follow as "extraData.<key>", offsets into s. */
static void extra_data(const char *s, const attr *a, chk_object *obj) {
  repayjump_pair p;
  const char *v = s + a->value;
  size_t n = a->value_len, k = 0, i;
  chk_object inner;
  p.key = "extraData";
  p.key_len = 9;
  p.key_offset = a->name;
  p.value = v;
  p.value_len = n;
  p.value_offset = a->value;
  p.type = REPAYJUMP_VALUE_JS_EXPRESSION;
  if (n >= 4 && memcmp(v, "{{", 2) == 0)
    k = skip_blank(v, n, 2);
  if (!(k > 0 && k < n && v[k] == '{')) {
    chk_object_add(obj, &p, 0);
    return;
  }
  p.type = REPAYJUMP_VALUE_NOT_STRING;
  p.value = v + k;
  p.value_len = n - k - 2;
  p.value_offset = a->value + k;
  if (!chk_object_add(obj, &p, 0))
    return;
  chk_object_init(&inner);
  js_read_object(v + k, n - k - 2, &inner);
  for (i = 0; i < inner.count && !inner.failed; i++) {
    repayjump_pair m = inner.pairs[i];
    if (m.key_offset != REPAYJUMP_NO_OFFSET)
      m.key_offset += a->value + k;
    if (m.value_offset != REPAYJUMP_NO_OFFSET)
      m.value_offset += a->value + k;
    if (!chk_object_member(obj, "extraData", &m, inner.bare[i]))
      break;
  }
  for (i = 0; i < inner.note_count && !inner.failed; i++) {
    chk_note *note = &inner.notes[i];
    if (chk_object_note(obj, note->code, note->offset + a->value + k,
                        note->length, note->key, note->key_len, note->fix, "%s",
                        note->message) == NULL)
      break;
  }
  obj->failed |= inner.failed;
  /* the members point into inner's decoded strings: obj keeps them */
  for (i = 0; i < inner.owned_count; i++)
    chk_object_own(obj, inner.owned[i]);
  inner.owned_count = 0;
  chk_object_free(&inner);
}

/* One <navigator ...> from its '<' to its '>' (at end). */
static void navigator(const chk_options *o, const char *s, size_t len,
                      size_t open, size_t end, chk_result *r) {
  attr app = attribute(s, open, end, "app-id");
  attr path = attribute(s, open, end, "path");
  attr target = attribute(s, open, end, "target");
  attr version = attribute(s, open, end, "version");
  attr extra = attribute(s, open, end, "extra-data");
  chk_object obj;
  size_t from = r->count;
  chk_object_init(&obj);
  /* only the navigators to the repayment program */
  if (!(app.found && contains(s + app.value, app.value_len, TARGET_APPID)) &&
      !(path.found && contains(s + path.value, path.value_len, PAGE)))
    return;
  if (!target.found || target.value_len != 11 ||
      memcmp(s + target.value, "miniProgram", 11) != 0)
    chk_add(
        r, REPAYJUMP_CHECK_WXML_TARGET, target.found ? target.value : open + 1,
        target.found ? target.value_len : 9, target.found ? "target" : NULL, 6,
        "add target=\"miniProgram\": without it the navigator opens a "
        "page of this mini program",
        "<navigator> to the repayment program without "
        "target=\"miniProgram\"");
  attr_pair(s, &app, "appId", &obj);
  attr_pair(s, &path, "path", &obj);
  attr_pair(s, &version, "envVersion", &obj);
  if (extra.found)
    extra_data(s, &extra, &obj);
  obj.end = end;
  obj.is_object = 1;
  chk_check_object(o, &obj, REPAYJUMP_KIND_WXML, r);
  attribute_keys(r, from);
  (void)len;
}

void chk_wxml(const chk_options *o, const char *text, size_t len,
              chk_result *r) {
  size_t i = 0;
  r->kind = REPAYJUMP_KIND_WXML;
  while ((i = find(text, len, i, "<navigator")) < len) {
    size_t end = i + 10;
    char quote = 0;
    /* to the '>' outside quotes */
    while (end < len && (quote || text[end] != '>')) {
      if (quote == 0 && (text[end] == '"' || text[end] == '\''))
        quote = text[end];
      else if (text[end] == quote)
        quote = 0;
      end++;
    }
    navigator(o, text, len, i, end, r);
    i = end;
  }
  r->kind = REPAYJUMP_KIND_WXML;
}

/* ---- JavaScript and TypeScript ---- */

/* Past the object from its '{' at i, over strings: the offset after its
   '}', or len. */
static size_t object_end(const char *s, size_t len, size_t i) {
  size_t depth = 0;
  for (; i < len; i++) {
    char c = s[i];
    if (c == '"' || c == '\'' || c == '`') {
      for (i++; i < len && s[i] != c; i++)
        if (s[i] == '\\')
          i++;
    } else if (c == '{') {
      depth++;
    } else if (c == '}' && --depth == 0) {
      return i + 1;
    }
  }
  return len;
}

/* Check the object at brace as a JavaScript literal, offsets into s. */
static void js_at(const chk_options *o, const char *s, size_t len, size_t brace,
                  chk_result *r) {
  size_t from = r->count;
  chk_object obj;
  chk_object_init(&obj);
  js_read_object(s + brace, len - brace, &obj);
  chk_check_object(o, &obj, REPAYJUMP_KIND_JS_OBJECT, r);
  shift_from(r, from, brace);
}

/* The '{' of the object a mention of name at at introduces:
   navigateToMiniProgram({, extraData: { or extraData = {; len when the
   mention is not one (a longer word, or no object). */
static size_t object_after(const char *s, size_t len, size_t at,
                           const char *name) {
  size_t k = at + strlen(name);
  int call = name[0] == 'n';
  if ((at > 0 && is_word(s[at - 1])) || (k < len && is_word(s[k])))
    return len;
  k = skip_blank(s, len, k);
  if (k >= len || !(s[k] == (call ? '(' : ':') || (!call && s[k] == '=')))
    return len;
  for (k++;
       k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r');
       k++)
    ;
  return k < len && s[k] == '{' ? k : len;
}

/* Is the object [k, end) the jump's: a call with its target, or an
   extraData with its fields? */
static int of_the_jump(const char *s, size_t k, size_t end, int call) {
  if (call)
    return contains(s + k, end - k, TARGET_APPID) ||
           contains(s + k, end - k, PAGE);
  return contains(s + k, end - k, "mchid") ||
         contains(s + k, end - k, "mch_id") ||
         contains(s + k, end - k, "nonce_str");
}

void chk_js_source(const chk_options *o, const char *text, size_t len,
                   chk_result *r) {
  size_t i = 0, done = 0;
  while (i < len && !r->failed) {
    size_t call = find(text, len, i, "navigateToMiniProgram");
    size_t extra = find(text, len, i, "extraData");
    size_t at = call < extra ? call : extra, k, end;
    const char *name = call < extra ? "navigateToMiniProgram" : "extraData";
    if (at == len)
      break;
    i = at + strlen(name);
    if (at < done || (k = object_after(text, len, at, name)) == len)
      continue;
    end = object_end(text, len, k);
    if (of_the_jump(text, k, end, at == call)) {
      js_at(o, text, len, k, r);
      done = end;
    }
  }
  r->kind = REPAYJUMP_KIND_JS_OBJECT;
}

/* ---- App code: Java, Kotlin, Objective-C, Swift ---- */

/* A string literal: its content [from, to), and whether it closes. */
typedef struct literal {
  size_t quote, from, to;
  int closed;
} literal;

/* Past the comment or character literal at i, or i when there is none
   there. */
static size_t past_non_string(const char *s, size_t len, size_t i) {
  size_t e;
  if (s[i] == '/' && i + 1 < len && s[i + 1] == '/') {
    while (i < len && s[i] != '\n')
      i++;
    return i;
  }
  if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
    e = find(s, len, i + 2, "*/");
    return e < len ? e + 2 : len;
  }
  if (s[i] != '\'')
    return i;
  /* a character literal: 'x', '\n' */
  e = i + 1 < len && s[i + 1] == '\\' ? i + 2 : i + 1;
  return e + 1 < len && s[e + 1] == '\'' ? e + 2 : i + 1;
}

/* The string literal whose quote is at q; returns the offset after it. */
static size_t read_literal(const char *s, size_t len, size_t q, literal *lit) {
  size_t k = q + 1;
  lit->quote = q;
  lit->from = k;
  while (k < len && s[k] != '"' && s[k] != '\n')
    k += s[k] == '\\' && k + 1 < len && s[k + 1] != '\n' ? 2 : 1;
  lit->closed = k < len && s[k] == '"';
  lit->to = k;
  /* never closed: to the line's end, less the statement's end (the
     document's `...=weixin;`) and spaces */
  while (!lit->closed && lit->to > lit->from &&
         (s[lit->to - 1] == '\r' || s[lit->to - 1] == ' ' ||
          s[lit->to - 1] == '\t' || s[lit->to - 1] == ';'))
    lit->to--;
  return lit->closed ? k + 1 : k;
}

/* The next string literal from i, past comments; 0 when none. */
static int next_literal(const char *s, size_t len, size_t *i, literal *lit) {
  while (*i < len) {
    size_t past = past_non_string(s, len, *i);
    if (past != *i) {
      *i = past;
    } else if (s[*i] == '"') {
      *i = read_literal(s, len, *i, lit);
      return 1;
    } else {
      (*i)++;
    }
  }
  return 0;
}

/* Is the literal at lit exactly want? */
static int literal_is(const char *s, const literal *lit, const char *want) {
  size_t n = strlen(want);
  return lit->closed && lit->to - lit->from == n &&
         memcmp(s + lit->from, want, n) == 0;
}

/* The literal right after an assignment to a name at i (past the name):
   `= "..."`, `= @"..."`; 0 when it is not one. */
static int assigned_literal(const char *s, size_t len, size_t i, literal *lit) {
  i = skip_blank(s, len, i);
  if (i < len && s[i] == ':') { /* Kotlin, Swift: name: Type = */
    i = skip_blank(s, len, i + 1);
    while (i < len && (is_word(s[i]) || s[i] == '?' || s[i] == '.'))
      i++;
    i = skip_blank(s, len, i);
  }
  if (i >= len || s[i] != '=' || (i + 1 < len && s[i + 1] == '='))
    return 0;
  i = skip_blank(s, len, i + 1);
  if (i < len && s[i] == '@')
    i++;
  if (i >= len || s[i] != '"')
    return 0;
  return next_literal(s, len, &i, lit);
}

/* Is name (n bytes) assigned the target's AppID somewhere in s? */
static int assigned_target(const char *s, size_t len, const char *name,
                           size_t n) {
  size_t i;
  for (i = 0; i + n <= len; i++) {
    literal lit;
    if (memcmp(s + i, name, n) != 0 || (i > 0 && is_word(s[i - 1])) ||
        (i + n < len && is_word(s[i + n])))
      continue;
    if (assigned_literal(s, len, i + n, &lit) &&
        literal_is(s, &lit, TARGET_APPID))
      return 1;
  }
  return 0;
}

/* The AppID argument of the call named call at i: the first after '(' or
   ':' (registerApp), the second (createWXAPI); len when there is none. */
static size_t appid_argument(const char *s, size_t len, size_t i,
                             const char *call) {
  size_t k = skip_blank(s, len, i + strlen(call));
  if (k >= len || (s[k] != '(' && s[k] != ':'))
    return len;
  k++;
  if (call[0] == 'c') { /* createWXAPI(context, APPID...) */
    while (k < len && s[k] != ',' && s[k] != ')' && s[k] != '\n')
      k++;
    if (k >= len || s[k] != ',')
      return len;
    k++;
  }
  while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n'))
    k++;
  return k;
}

/* The call's argument at arg: the target's AppID as a literal, or a name
   assigned it in the file. */
static void own_appid_at(const char *s, size_t len, size_t arg,
                         const char *call, chk_result *r) {
  static const char fix[] =
      "give the App's own AppID, the one WeChat's Open Platform assigned it";
  size_t k = arg < len && s[arg] == '@' ? arg + 1 : arg, n;
  literal lit;
  if (k < len && s[k] == '"') {
    if (next_literal(s, len, &k, &lit) && literal_is(s, &lit, TARGET_APPID))
      chk_add(r, REPAYJUMP_CHECK_APP_OWN_APPID, lit.from, lit.to - lit.from,
              NULL, 0, fix,
              "%s: given the repayment program's AppID " TARGET_APPID
              "; the App's own AppID belongs here",
              call);
    return;
  }
  for (n = 0; k + n < len && is_word(s[k + n]); n++)
    ;
  if (n > 0 && assigned_target(s, len, s + arg, n))
    chk_add(r, REPAYJUMP_CHECK_APP_OWN_APPID, arg, n, NULL, 0, fix,
            "%s: given %.*s, which holds the repayment program's "
            "AppID " TARGET_APPID "; the App's own AppID belongs here",
            call, (int)(n > 40 ? 40 : n), s + arg);
}

/* createWXAPI(context, APPID...) and registerApp(APPID) / registerApp:APPID
   given the target's AppID, directly or through a name assigned it. */
static void own_appid(const char *s, size_t len, chk_result *r) {
  static const char *const calls[] = {"createWXAPI", "registerApp"};
  size_t c, i, arg;
  for (c = 0; c < 2; c++)
    for (i = 0; (i = find(s, len, i, calls[c])) < len; i++)
      if ((arg = appid_argument(s, len, i, calls[c])) < len)
        own_appid_at(s, len, arg, calls[c], r);
}

/* The name an assignment at literal lit assigns to, if it ends with one
   of the given names (req.userName, launchMiniProgramReq.userName). */
static int assigns_to(const char *s, const literal *lit, const char *name) {
  size_t i = lit->quote, n = strlen(name);
  if (i > 0 && s[i - 1] == '@')
    i--;
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
    i--;
  if (i == 0 || s[i - 1] != '=')
    return 0;
  i--;
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
    i--;
  return i >= n && memcmp(s + i - n, name, n) == 0 &&
         (i == n || !is_word(s[i - n - 1]));
}

/* miniprogramType / miniProgramType = something other than release. */
static void program_type(const char *s, size_t len, chk_result *r) {
  static const char *const names[] = {"miniprogramType", "miniProgramType"};
  size_t c, i;
  for (c = 0; c < 2; c++)
    for (i = 0; (i = find(s, len, i, names[c])) < len; i++) {
      size_t k = skip_blank(s, len, i + 15), v, e;
      if (k >= len || s[k] != '=' || (k + 1 < len && s[k + 1] == '='))
        continue;
      v = skip_blank(s, len, k + 1);
      for (e = v; e < len && s[e] != ';' && s[e] != '\n' && s[e] != '\r' &&
                  s[e] != ',' && s[e] != ')';
           e++)
        ;
      while (e > v && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
      if (e == v || contains(s + v, e - v, "RELEASE") ||
          contains(s + v, e - v, "release") ||
          contains(s + v, e - v, "Release") || (e - v == 1 && s[v] == '0'))
        continue;
      chk_add(r, REPAYJUMP_CHECK_LAUNCH_TYPE, v, e - v, names[c], 15,
              "set it to the release constant (WXMiniProgramTypeRelease, "
              "WXLaunchMiniProgram.Req.MINIPTOGRAM_TYPE_RELEASE)",
              "%s: not the release type; the repayment program opens only "
              "in release",
              names[c]);
    }
}

void chk_app_source(const chk_options *o, const char *text, size_t len,
                    chk_result *r) {
  size_t i = 0;
  literal lit;
  int jump = contains(text, len, PAGE) ||
             contains(text, len, REPAYJUMP_TARGET_USERNAME) ||
             contains(text, len, "WXLaunchMiniProgram");
  r->kind = REPAYJUMP_KIND_APP_SOURCE;
  r->jump |= jump;
  own_appid(text, len, r);
  if (!jump)
    return;
  program_type(text, len, r);
  while (!r->failed && next_literal(text, len, &i, &lit)) {
    size_t n = lit.to - lit.from;
    if (contains(text + lit.from, n, PAGE)) {
      size_t from = r->count;
      if (!lit.closed)
        chk_add(r, REPAYJUMP_CHECK_SRC_UNCLOSED, lit.quote, 1, NULL, 0,
                "close the string with '\"' after the path's last value",
                "the path's string literal is never closed: the code does "
                "not compile");
      chk_text(o, text + lit.from, n, NULL, r);
      shift_from(r, from + !lit.closed, lit.from);
    } else if (assigns_to(text, &lit, "userName") &&
               !literal_is(text, &lit, REPAYJUMP_TARGET_USERNAME)) {
      chk_add(r, REPAYJUMP_CHECK_LAUNCH_USER_NAME, lit.from, n, "userName", 8,
              "set userName to \"" REPAYJUMP_TARGET_USERNAME "\"",
              "userName: not the repayment mini program's original "
              "id " REPAYJUMP_TARGET_USERNAME);
    }
  }
  r->kind = REPAYJUMP_KIND_APP_SOURCE;
}
