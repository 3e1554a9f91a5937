/* Reporting a violated property, and the harness's own start-up. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

#include "fuzz.h"

_Noreturn void fz_fail(const char *fmt, ...) {
  va_list ap;
  fputs("repayjump fuzz: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  abort();
}

void fz_init(void) {
  if (sodium_init() < 0)
    fz_fail("libsodium could not be initialised");
}
