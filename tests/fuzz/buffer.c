/* Caller-owned output buffers between guard bytes, so that a write past
 * cap, or any write a failure should not make, is seen after the call. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void fz_buffer_init(fz_buffer *b, size_t cap, int with_out) {
  b->cap = cap;
  b->block = NULL;
  b->out = NULL;
  if (!with_out)
    return;
  b->block = malloc(cap + 2 * FZ_GUARD);
  if (!b->block)
    fz_fail("out of memory");
  memset(b->block, FZ_GUARD_BYTE, FZ_GUARD);
  memset(b->block + FZ_GUARD, FZ_FILL, cap);
  memset(b->block + FZ_GUARD + cap, FZ_GUARD_BYTE, FZ_GUARD);
  b->out = (char *)b->block + FZ_GUARD;
}

void fz_buffer_check_guards(const fz_buffer *b, const char *what) {
  size_t i;
  if (!b->block)
    return;
  for (i = 0; i < FZ_GUARD; i++) {
    FZ_CHECK(b->block[i] == FZ_GUARD_BYTE,
             "%s: wrote %zu bytes before the buffer", what, FZ_GUARD - i);
    FZ_CHECK(b->block[FZ_GUARD + b->cap + i] == FZ_GUARD_BYTE,
             "%s: wrote past cap %zu (at cap + %zu)", what, b->cap, i);
  }
}

static void check_untouched(const fz_buffer *b, size_t from, const char *what) {
  size_t i;
  for (i = from; i < b->cap; i++)
    FZ_CHECK((unsigned char)b->out[i] == FZ_FILL,
             "%s: byte %zu of the buffer written (0x%02X)", what, i,
             (unsigned char)b->out[i]);
}

void fz_buffer_check_failed(const fz_buffer *b, const char *what) {
  fz_buffer_check_guards(b, what);
  if (!b->out || b->cap == 0)
    return;
  FZ_CHECK(b->out[0] == '\0', "%s: failed but out[0] is 0x%02X", what,
           (unsigned char)b->out[0]);
  check_untouched(b, 1, what);
}

void fz_buffer_check_tail(const fz_buffer *b, size_t len, const char *what) {
  fz_buffer_check_guards(b, what);
  FZ_CHECK(len < b->cap && b->out[len] == '\0',
           "%s: no NUL at out[%zu] (cap %zu)", what, len, b->cap);
  check_untouched(b, len + 1, what);
}

void fz_buffer_free(fz_buffer *b) { free(b->block); }
