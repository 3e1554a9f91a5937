/* repayjump check and scan: what a reader gives (a leaf): an object's
   pairs as the library takes them (extraData's members keyed
   "extraData.<key>"), which values were bare names, the reader's findings
   about syntax, and the memory the pairs point into. Knows no reader, no
   rule and no report. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chk.h"

void chk_object_init(chk_object *obj) {
  memset(obj, 0, sizeof *obj);
  obj->end = REPAYJUMP_NO_OFFSET;
}

void chk_object_free(chk_object *obj) {
  size_t i;
  for (i = 0; i < obj->owned_count; i++)
    free(obj->owned[i]);
  for (i = 0; i < sizeof obj->trees / sizeof obj->trees[0]; i++)
    if (obj->trees[i] != NULL)
      obj->tree_free(obj->trees[i]);
  free(obj->owned);
  free(obj->pairs);
  free(obj->bare);
  free(obj->notes);
  chk_object_init(obj);
}

/* Room for one more of n items of size each in *v (capacity *cap). */
static int room(void **v, size_t n, size_t *cap, size_t size) {
  void *grown;
  size_t c;
  if (n < *cap)
    return 1;
  c = *cap ? 2 * *cap : 8;
  grown = realloc(*v, c * size);
  if (grown == NULL)
    return 0;
  *v = grown;
  *cap = c;
  return 1;
}

void *chk_object_own(chk_object *obj, void *p) {
  if (p == NULL || !room((void **)&obj->owned, obj->owned_count,
                         &obj->owned_cap, sizeof *obj->owned)) {
    free(p);
    obj->failed = 1;
    return NULL;
  }
  obj->owned[obj->owned_count++] = p;
  return p;
}

int chk_object_tree(chk_object *obj, void *tree, void (*tree_free)(void *)) {
  size_t i;
  obj->tree_free = tree_free;
  for (i = 0; i < sizeof obj->trees / sizeof obj->trees[0]; i++)
    if (obj->trees[i] == NULL) {
      obj->trees[i] = tree;
      return 1;
    }
  tree_free(tree);
  obj->failed = 1;
  return 0;
}

int chk_object_add(chk_object *obj, const repayjump_pair *p, int bare) {
  if (obj->count == obj->cap) {
    size_t c = obj->cap ? 2 * obj->cap : 8;
    repayjump_pair *pairs = realloc(obj->pairs, c * sizeof *pairs);
    unsigned char *flags;
    if (pairs == NULL) {
      obj->failed = 1;
      return 0;
    }
    obj->pairs = pairs;
    if ((flags = realloc(obj->bare, c)) == NULL) {
      obj->failed = 1;
      return 0;
    }
    obj->bare = flags;
    obj->cap = c;
  }
  obj->pairs[obj->count] = *p;
  obj->bare[obj->count++] = (unsigned char)bare;
  return 1;
}

int chk_object_member(chk_object *obj, const char *name,
                      const repayjump_pair *p, int bare) {
  size_t n = strlen(name);
  char *key = chk_object_own(obj, malloc(n + 1 + p->key_len + 1));
  repayjump_pair member = *p;
  if (key == NULL)
    return 0;
  memcpy(key, name, n);
  key[n] = '.';
  if (p->key_len > 0)
    memcpy(key + n + 1, p->key, p->key_len);
  key[n + 1 + p->key_len] = '\0';
  member.key = key;
  member.key_len = n + 1 + p->key_len;
  return chk_object_add(obj, &member, bare);
}

chk_note *chk_object_note(chk_object *obj, int code, size_t offset,
                          size_t length, const char *key, size_t key_len,
                          const char *fix, const char *fmt, ...) {
  chk_note *note;
  va_list ap;
  if (!room((void **)&obj->notes, obj->note_count, &obj->note_cap,
            sizeof *obj->notes)) {
    obj->failed = 1;
    return NULL;
  }
  note = &obj->notes[obj->note_count++];
  memset(note, 0, sizeof *note);
  note->code = code;
  note->offset = offset;
  note->length = length;
  note->key = key;
  note->key_len = key ? key_len : 0;
  va_start(ap, fmt);
  (void)vsnprintf(note->message, sizeof note->message, fmt, ap);
  va_end(ap);
  (void)snprintf(note->fix, sizeof note->fix, "%s", fix);
  return note;
}

int chk_key_is(const repayjump_pair *p, const char *name) {
  size_t n = strlen(name);
  return p->key_len == n && memcmp(p->key, name, n) == 0;
}
