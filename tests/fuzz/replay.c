/* A main for the fuzz targets where libFuzzer is not linked (gcc builds):
 * feeds each file named, or each file of each directory named, to
 * LLVMFuzzerTestOneInput once, in name order. A violated property aborts
 * inside the target; an input that cannot be read, or no input at all,
 * fails. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  unsigned char *data = NULL;
  size_t size = 0, cap = 0, n;
  if (!f) {
    fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
    return -1;
  }
  do {
    if (size == cap) {
      unsigned char *grown = realloc(data, cap = cap * 2 + 4096);
      if (!grown) {
        fprintf(stderr, "replay: %s: out of memory\n", path);
        free(data);
        fclose(f);
        return -1;
      }
      data = grown;
    }
    n = fread(data + size, 1, cap - size, f);
    size += n;
  } while (n > 0);
  if (ferror(f)) {
    fprintf(stderr, "replay: %s: read error\n", path);
    free(data);
    fclose(f);
    return -1;
  }
  fclose(f);
  LLVMFuzzerTestOneInput(data, size);
  free(data);
  return 0;
}

static int visible(const struct dirent *e) { return e->d_name[0] != '.'; }

/* Each regular file of dir, in name order (alphasort in the C locale,
 * which main never leaves: byte order); the count run, or -1. */
static long run_dir(const char *dir) {
  struct dirent **entries;
  int count = scandir(dir, &entries, visible, alphasort), i;
  long run = 0;
  if (count < 0) {
    fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
    return -1;
  }
  for (i = 0; i < count; i++) {
    size_t size = strlen(dir) + strlen(entries[i]->d_name) + 2;
    char *path = malloc(size);
    struct stat st;
    if (!path) {
      fprintf(stderr, "replay: %s: out of memory\n", dir);
      run = -1;
    } else {
      snprintf(path, size, "%s/%s", dir, entries[i]->d_name);
      if (run >= 0 && stat(path, &st) == 0 && S_ISREG(st.st_mode))
        run = run_file(path) == 0 ? run + 1 : -1;
    }
    free(path);
    free(entries[i]);
  }
  free(entries);
  return run;
}

int main(int argc, char **argv) {
  long total = 0;
  int i;
  for (i = 1; i < argc; i++) {
    struct stat st;
    long run;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
      return 1;
    }
    run = S_ISDIR(st.st_mode) ? run_dir(argv[i])
                              : (run_file(argv[i]) == 0 ? 1 : -1);
    if (run < 0)
      return 1;
    total += run;
  }
  printf("replayed %ld inputs\n", total);
  return total > 0 ? 0 : 1;
}
