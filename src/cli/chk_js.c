/* repayjump check: a JavaScript object literal's findings. The reader
   (jsobject.c) gives pairs; a bare name is told apart here, by the
   field's own rule, as a value written without quotes (js.unquoted) or a
   variable (js.expression). */
#include <stdio.h>
#include <string.h>

#include "chk.h"

/* Is a bare name a value written without quotes: one that holds a digit
   (wxcbda96de0b165486, a nonce) and fits the strict rule of the field its
   key names? Any other name is a variable (CHECK.md). The rule is asked
   of the library, so that none is restated here. */
static int fits_rule(const chk_options *o, const repayjump_pair *p) {
  repayjump_check_options opt = o->lib;
  repayjump_finding found[16];
  repayjump_check_result res;
  repayjump_pair as_text = *p;
  size_t i;
  for (i = 0; i < p->value_len && !(p->value[i] >= '0' && p->value[i] <= '9');
       i++)
    ;
  if (i == p->value_len)
    return 0;
  as_text.type = REPAYJUMP_VALUE_STRING;
  opt.flags = REPAYJUMP_ALLOW_NO_OPENID; /* strict */
  opt.api_key = NULL;
  if (repayjump_check_pairs(&opt, &as_text, 1, found, 16, &res) != REPAYJUMP_OK)
    return 1;
  for (i = 0; i < res.count && i < 16; i++)
    if (found[i].pair == 0 && found[i].code == REPAYJUMP_CHECK_VALUE_RULE)
      return 0;
  return 1;
}

static void refine(const chk_options *o, repayjump_pair *pairs, size_t n,
                   const unsigned char *ident) {
  size_t i;
  for (i = 0; i < n; i++)
    if (ident[i] && !fits_rule(o, &pairs[i]))
      pairs[i].type = REPAYJUMP_VALUE_JS_EXPRESSION; /* a variable */
}

/* Line and column (1-based, bytes) of offset in text. */
static void place(const char *text, size_t offset, size_t *line, size_t *col) {
  size_t i, start = 0;
  *line = 1;
  for (i = 0; i < offset; i++)
    if (text[i] == '\n') {
      (*line)++;
      start = i + 1;
    }
  *col = offset - start + 1;
}

static int has(const chk_object *obj, const char *key) {
  size_t i;
  for (i = 0; i < obj->count; i++)
    if (chk_key_is(&obj->pairs[i], key))
      return 1;
  return 0;
}

static void report(const chk_options *o, const char *text, size_t len,
                   js_read *in, chk_result *r) {
  chk_object *obj = &in->obj;
  size_t i;
  r->kind = REPAYJUMP_KIND_JS_OBJECT;
  refine(o, obj->pairs, obj->count, in->ident);
  refine(o, obj->inner, obj->inner_count, in->ident_inner);
  if (in->err_offset != REPAYJUMP_NO_OFFSET)
    chk_add(r, REPAYJUMP_CHECK_INPUT_UNRECOGNIZED, in->err_offset,
            in->err_offset < len, /* the byte there, none at the end */
            NULL, 0, in->err_fix, "%s", in->err_message);
  if (chk_is_navigate(has(obj, "appId"), has(obj, "path"),
                      has(obj, "extraData"), has(obj, "envVersion")))
    chk_navigate(o, in->end, obj, r);
  else
    chk_pairs(o, obj->pairs, obj->count, NULL, in->end, r);
  for (i = 0; i < in->unclosed_count; i++) {
    size_t line, col;
    place(text, in->unclosed[i], &line, &col);
    chk_add(r, REPAYJUMP_CHECK_JS_UNCLOSED, in->end, 0, NULL, 0,
            "add the missing '}' after the last member",
            "the object's '{' (line %zu, column %zu) is never closed", line,
            col);
  }
}

void chk_js(const chk_options *o, const char *text, size_t len, chk_result *r) {
  js_read in;
  if (js_read_object(text, len, &in, r))
    report(o, text, len, &in, r);
  js_read_free(&in);
}

int chk_js_if(const chk_options *o, const char *text, size_t len,
              chk_result *r) {
  js_read in;
  int ok = js_read_object(text, len, &in, r);
  int js = ok && in.js_only;
  if (js)
    report(o, text, len, &in, r);
  js_read_free(&in);
  return js || !ok;
}
