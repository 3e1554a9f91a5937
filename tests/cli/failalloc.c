/* LD_PRELOAD into the tool: the allocation numbered REPAYJUMP_FAIL_ALLOC
   (1-based, counted from main's first) fails, once; the ones before and
   after succeed. At exit the number of allocations made is written to the
   file REPAYJUMP_ALLOC_COUNT names, so a test can fail each in turn. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

static unsigned long count, fail_at;
static int armed;

__attribute__((constructor)) static void start(void) {
  const char *n = getenv("REPAYJUMP_FAIL_ALLOC");
  fail_at = n ? strtoul(n, NULL, 10) : 0;
  armed = 1;
}

__attribute__((destructor)) static void finish(void) {
  const char *path = getenv("REPAYJUMP_ALLOC_COUNT");
  FILE *f;
  armed = 0;
  if (path == NULL || (f = fopen(path, "w")) == NULL)
    return;
  fprintf(f, "%lu\n", count);
  fclose(f);
}

/* Whether this allocation is the one to fail; it fails as malloc does,
   with errno ENOMEM. */
static int fails(void) {
  if (!armed || ++count != fail_at)
    return 0;
  errno = ENOMEM;
  return 1;
}

void *malloc(size_t n) { return fails() ? NULL : __libc_malloc(n); }
void *calloc(size_t n, size_t size) {
  return fails() ? NULL : __libc_calloc(n, size);
}
void *realloc(void *p, size_t n) {
  return fails() ? NULL : __libc_realloc(p, n);
}
