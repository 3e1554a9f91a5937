/* repayjump check and scan: the rules of the jump in source code. Of what
   chk_srcread.c finds in a WXML file, a JavaScript or TypeScript file, or
   App code (Java, Kotlin, Objective-C, Swift), takes each place that
   concerns the repayment jump (the target's AppID, username or page):
   objects go to the JavaScript reader and the library's rules, the rest
   (wxml.target, src.unclosed, app.own_appid, launch.* in App code) is
   checked here; every offset is into the file. */
#include <stdio.h>
#include <string.h>

#include "chk.h"

#define TARGET_APPID REPAYJUMP_TARGET_APPID
#define PAGE "pages/invest_list/invest_list"

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

/* A pair named key for the navigate rules from an attribute's value. */
static void attr_pair(const char *s, const src_attr *a, const char *key,
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
static void extra_data(const char *s, const src_attr *a, chk_object *obj) {
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
    k = src_skip_blank(v, n, 2);
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
  src_attr app = src_attribute(s, open, end, "app-id");
  src_attr path = src_attribute(s, open, end, "path");
  src_attr target = src_attribute(s, open, end, "target");
  src_attr version = src_attribute(s, open, end, "version");
  src_attr extra = src_attribute(s, open, end, "extra-data");
  chk_object obj;
  size_t from = r->count;
  chk_object_init(&obj);
  /* only the navigators to the repayment program */
  if (!(app.found &&
        src_contains(s + app.value, app.value_len, TARGET_APPID)) &&
      !(path.found && src_contains(s + path.value, path.value_len, PAGE)))
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
  while ((i = src_find(text, len, i, "<navigator")) < len) {
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

/* Is the object [k, end) the jump's: a call with its target, or an
   extraData with its fields? */
static int of_the_jump(const char *s, size_t k, size_t end, int call) {
  if (call)
    return src_contains(s + k, end - k, TARGET_APPID) ||
           src_contains(s + k, end - k, PAGE);
  return src_contains(s + k, end - k, "mchid") ||
         src_contains(s + k, end - k, "mch_id") ||
         src_contains(s + k, end - k, "nonce_str");
}

void chk_js_source(const chk_options *o, const char *text, size_t len,
                   chk_result *r) {
  size_t i = 0, done = 0;
  while (i < len && !r->failed) {
    size_t call = src_find(text, len, i, "navigateToMiniProgram");
    size_t extra = src_find(text, len, i, "extraData");
    size_t at = call < extra ? call : extra, k, end;
    const char *name = call < extra ? "navigateToMiniProgram" : "extraData";
    if (at == len)
      break;
    i = at + strlen(name);
    if (at < done || (k = src_object_after(text, len, at, name)) == len)
      continue;
    end = src_object_end(text, len, k);
    if (of_the_jump(text, k, end, at == call)) {
      js_at(o, text, len, k, r);
      done = end;
    }
  }
  r->kind = REPAYJUMP_KIND_JS_OBJECT;
}

/* ---- App code: Java, Kotlin, Objective-C, Swift ---- */

/* Is name (n bytes) assigned the target's AppID somewhere in s? */
static int assigned_target(const char *s, size_t len, const char *name,
                           size_t n) {
  size_t i;
  for (i = 0; i + n <= len; i++) {
    src_literal lit;
    if (memcmp(s + i, name, n) != 0 || (i > 0 && src_is_word(s[i - 1])) ||
        (i + n < len && src_is_word(s[i + n])))
      continue;
    if (src_assigned_literal(s, len, i + n, &lit) &&
        src_literal_is(s, &lit, TARGET_APPID))
      return 1;
  }
  return 0;
}

/* The call's argument at arg: the target's AppID as a literal, or a name
   assigned it in the file. */
static void own_appid_at(const char *s, size_t len, size_t arg,
                         const char *call, chk_result *r) {
  static const char fix[] =
      "give the App's own AppID, the one WeChat's Open Platform assigned it";
  size_t k = arg < len && s[arg] == '@' ? arg + 1 : arg, n;
  src_literal lit;
  if (k < len && s[k] == '"') {
    if (src_next_literal(s, len, &k, &lit) &&
        src_literal_is(s, &lit, TARGET_APPID))
      chk_add(r, REPAYJUMP_CHECK_APP_OWN_APPID, lit.from, lit.to - lit.from,
              NULL, 0, fix,
              "%s: given the repayment program's AppID " TARGET_APPID
              "; the App's own AppID belongs here",
              call);
    return;
  }
  for (n = 0; k + n < len && src_is_word(s[k + n]); n++)
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
    for (i = 0; (i = src_find(s, len, i, calls[c])) < len; i++)
      if ((arg = src_call_argument(s, len, i, calls[c])) < len)
        own_appid_at(s, len, arg, calls[c], r);
}

/* miniprogramType / miniProgramType = something other than release. */
static void program_type(const char *s, size_t len, chk_result *r) {
  static const char *const names[] = {"miniprogramType", "miniProgramType"};
  size_t c, i;
  for (c = 0; c < 2; c++)
    for (i = 0; (i = src_find(s, len, i, names[c])) < len; i++) {
      size_t k = src_skip_blank(s, len, i + 15), v, e;
      if (k >= len || s[k] != '=' || (k + 1 < len && s[k + 1] == '='))
        continue;
      v = src_skip_blank(s, len, k + 1);
      for (e = v; e < len && s[e] != ';' && s[e] != '\n' && s[e] != '\r' &&
                  s[e] != ',' && s[e] != ')';
           e++)
        ;
      while (e > v && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
      if (e == v || src_contains(s + v, e - v, "RELEASE") ||
          src_contains(s + v, e - v, "release") ||
          src_contains(s + v, e - v, "Release") || (e - v == 1 && s[v] == '0'))
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
  src_literal lit;
  int jump = src_contains(text, len, PAGE) ||
             src_contains(text, len, REPAYJUMP_TARGET_USERNAME) ||
             src_contains(text, len, "WXLaunchMiniProgram");
  r->kind = REPAYJUMP_KIND_APP_SOURCE;
  r->jump |= jump;
  own_appid(text, len, r);
  if (!jump)
    return;
  program_type(text, len, r);
  while (!r->failed && src_next_literal(text, len, &i, &lit)) {
    size_t n = lit.to - lit.from;
    if (src_contains(text + lit.from, n, PAGE)) {
      size_t from = r->count;
      if (!lit.closed)
        chk_add(r, REPAYJUMP_CHECK_SRC_UNCLOSED, lit.quote, 1, NULL, 0,
                "close the string with '\"' after the path's last value",
                "the path's string literal is never closed: the code does "
                "not compile");
      chk_text(o, text + lit.from, n, NULL, r);
      shift_from(r, from + !lit.closed, lit.from);
    } else if (src_assigns_to(text, &lit, "userName") &&
               !src_literal_is(text, &lit, REPAYJUMP_TARGET_USERNAME)) {
      chk_add(r, REPAYJUMP_CHECK_LAUNCH_USER_NAME, lit.from, n, "userName", 8,
              "set userName to \"" REPAYJUMP_TARGET_USERNAME "\"",
              "userName: not the repayment mini program's original "
              "id " REPAYJUMP_TARGET_USERNAME);
    }
  }
  r->kind = REPAYJUMP_KIND_APP_SOURCE;
}
