/* repayjump check and scan: the rules. An object a reader gave (its
   notes about syntax, then its pairs), or an App path or query, goes to
   the library's checker, which tells an extraData, a navigate argument and
   a launch request apart and applies their rules; its findings are copied
   into the result. Knows nothing of how the object was read. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chk.h"

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
    chk_finding *item = chk_add_found(r, f);
    if (item == NULL)
      return;
    item->prefix = prefix != NULL ? prefix : "";
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
      /* a key of a launch request's App path: "path.openid" */
      if (f->key != NULL && f->key != p->key && chk_key_is(p, "path"))
        item->prefix = "path";
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
  }
}

static void check_pairs(const chk_options *o, const repayjump_pair *pairs,
                        size_t n, size_t end, chk_result *r) {
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
  r->kind = res.kind;
  take(r, res.count, NULL, pairs, end, NULL, 0, NULL);
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

/* Is a bare name a value written without quotes: one that holds a digit
   (wxcbda96de0b165486, a nonce) and fits the strict rule of the field its
   key names? Any other name is a variable (CHECK.md). The rule is asked
   of the library, so that none is restated here. */
static int fits_rule(const chk_options *o, const repayjump_pair *p) {
  repayjump_check_options opt = o->lib;
  repayjump_finding found[16];
  repayjump_check_result res;
  repayjump_pair as_text = *p;
  const char *dot = memchr(p->key, '.', p->key_len);
  size_t i;
  for (i = 0; i < p->value_len && !(p->value[i] >= '0' && p->value[i] <= '9');
       i++)
    ;
  if (i == p->value_len)
    return 0;
  if (dot != NULL) { /* a member's own key: the field's */
    as_text.key = dot + 1;
    as_text.key_len = p->key_len - (size_t)(dot + 1 - p->key);
  }
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

const chk_object *chk_take_object(chk_object *obj, chk_result *r) {
  size_t i;
  if (obj->failed) {
    r->failed = 1;
    chk_object_free(obj);
    return NULL;
  }
  for (i = 0; i < obj->note_count; i++) {
    const chk_note *n = &obj->notes[i];
    chk_add(r, n->code, n->offset, n->length, n->key, n->key_len, n->fix, "%s",
            n->message);
  }
  return chk_keep(r, obj) ? &r->kept[r->kept_count - 1] : NULL;
}

void chk_check_object(const chk_options *o, chk_object *obj, int kind,
                      chk_result *r) {
  const chk_object *kept = chk_take_object(obj, r);
  size_t i;
  if (kept == NULL)
    return;
  for (i = 0; i < kept->count; i++)
    if (kept->bare[i] && !fits_rule(o, &kept->pairs[i]))
      kept->pairs[i].type = REPAYJUMP_VALUE_JS_EXPRESSION; /* a variable */
  if (kept->is_object)
    check_pairs(o, kept->pairs, kept->count,
                kept->end == REPAYJUMP_NO_OFFSET ? 0 : kept->end, r);
  if (kind != REPAYJUMP_KIND_NONE)
    r->kind = kind;
  else if (!kept->is_object)
    r->kind = REPAYJUMP_KIND_NONE;
  else if (r->kind == REPAYJUMP_KIND_NONE)
    r->kind = REPAYJUMP_KIND_EXTRA_DATA;
}
