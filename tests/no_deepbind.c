/* Preloaded, with the ASan runtime, into the binding tests of an
 * address-sanitized build. PHP opens its extensions and FFI libraries with
 * RTLD_DEEPBIND, which the ASan runtime refuses (the library would bind to
 * its own malloc instead of ASan's). This dlopen drops the flag and hands
 * the call on to the next one, ASan's: it changes only which definition of
 * a symbol defined twice a loaded library binds to. */
#define _GNU_SOURCE /* RTLD_NEXT, RTLD_DEEPBIND */
#include <dlfcn.h>

void *dlopen(const char *file, int mode) {
  static void *(*next_dlopen)(const char *, int);
  if (!next_dlopen) {
    /* A data pointer to a function pointer: what dlsym is for. */
    void *next = dlsym(RTLD_NEXT, "dlopen");
    __builtin_memcpy(&next_dlopen, &next, sizeof next);
  }
  return next_dlopen(file, mode & ~RTLD_DEEPBIND);
}
