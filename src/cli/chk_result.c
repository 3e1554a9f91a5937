/* repayjump check and scan: the findings of one input: add, count, order
   and shift them, and keep the objects they point into until the next
   input. Knows no reader and no rule. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chk.h"

void chk_result_init(chk_result *r) {
  memset(r, 0, sizeof *r);
  r->variant = -1;
}

void chk_clear(chk_result *r) {
  size_t i;
  for (i = 0; i < r->kept_count; i++)
    chk_object_free(&r->kept[i]);
  r->kept_count = 0;
  r->kind = REPAYJUMP_KIND_NONE;
  r->variant = -1;
  r->errors = r->warnings = r->notes = 0;
  r->count = 0;
  r->failed = r->unsupported = r->jump = 0;
}

void chk_result_free(chk_result *r) {
  chk_clear(r);
  free(r->items);
  free(r->lib);
  free(r->kept);
  chk_result_init(r);
}

int chk_keep(chk_result *r, chk_object *obj) {
  if (r->kept_count == r->kept_cap) {
    size_t cap = r->kept_cap ? 2 * r->kept_cap : 4;
    chk_object *grown = realloc(r->kept, cap * sizeof *grown);
    if (grown == NULL) {
      chk_object_free(obj);
      r->failed = 1;
      return 0;
    }
    r->kept = grown;
    r->kept_cap = cap;
  }
  r->kept[r->kept_count++] = *obj;
  chk_object_init(obj);
  return 1;
}

static chk_finding *next_item(chk_result *r) {
  chk_finding *item;
  if (r->count == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 32;
    chk_finding *grown = realloc(r->items, cap * sizeof *grown);
    if (grown == NULL) {
      r->failed = 1;
      return NULL;
    }
    r->items = grown;
    r->cap = cap;
  }
  item = &r->items[r->count++];
  memset(item, 0, sizeof *item);
  item->prefix = "";
  return item;
}

/* Count a finding by its severity. */
static void tally(chk_result *r, int severity) {
  if (severity == REPAYJUMP_SEVERITY_ERROR)
    r->errors++;
  else if (severity == REPAYJUMP_SEVERITY_WARNING)
    r->warnings++;
  else
    r->notes++;
}

chk_finding *chk_add(chk_result *r, int code, size_t offset, size_t length,
                     const char *key, size_t key_len, const char *fix,
                     const char *fmt, ...) {
  chk_finding *item = next_item(r);
  va_list ap;
  size_t i;
  if (item == NULL)
    return NULL;
  item->f.code = code;
  item->f.severity = repayjump_check_code_severity(code);
  item->f.offset = offset == REPAYJUMP_NO_OFFSET ? 0 : offset;
  item->f.in_value = offset == REPAYJUMP_NO_OFFSET;
  item->f.length = length;
  item->f.pair = REPAYJUMP_NO_OFFSET;
  item->f.key = key;
  item->f.key_len = key ? key_len : 0;
  item->pos = offset;
  va_start(ap, fmt);
  (void)vsnprintf(item->f.message, sizeof item->f.message, fmt, ap);
  va_end(ap);
  /* one line, as the library's are, whatever input it quotes */
  for (i = 0; item->f.message[i] != '\0'; i++)
    if ((unsigned char)item->f.message[i] < 0x20)
      item->f.message[i] = '?';
  (void)snprintf(item->f.fix, sizeof item->f.fix, "%s", fix);
  tally(r, item->f.severity);
  return item;
}

/* Stable sort by input position; findings with no position stay where
   they are relative to each other, after those before them. */
void chk_sort(chk_result *r) {
  size_t i, j;
  for (i = 1; i < r->count; i++) {
    chk_finding tmp;
    if (r->items[i].pos == REPAYJUMP_NO_OFFSET)
      continue;
    for (j = i; j > 0 && r->items[j - 1].pos != REPAYJUMP_NO_OFFSET &&
                r->items[j - 1].pos > r->items[i].pos;
         j--)
      ;
    if (j == i)
      continue;
    tmp = r->items[i];
    memmove(&r->items[j + 1], &r->items[j], (i - j) * sizeof tmp);
    r->items[j] = tmp;
  }
}

void chk_shift(chk_result *r, size_t skip) {
  size_t i;
  for (i = 0; i < r->count; i++) {
    chk_finding *item = &r->items[i];
    if (item->f.in_value)
      continue;
    item->f.offset += skip;
    if (item->pos != REPAYJUMP_NO_OFFSET)
      item->pos += skip;
  }
}

chk_finding *chk_add_found(chk_result *r, const repayjump_finding *f) {
  chk_finding *item = next_item(r);
  if (item == NULL)
    return NULL;
  item->f = *f;
  item->pos = f->offset;
  tally(r, f->severity);
  return item;
}
