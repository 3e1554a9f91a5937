/* The APIv2 key: from a file or REPAYJUMP_API_KEY, never from argv (any user
   can read another's argv with ps). Messages here never show key bytes. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cli.h"

void cli_key_init(cli_key *k) {
  k->buf[0] = '\0';
  k->value = NULL;
}

void cli_key_wipe(cli_key *k) {
  sodium_memzero(k->buf, sizeof k->buf);
  k->value = NULL;
}

/* Read path into k->buf; the key is never copied anywhere else. */
static int read_key_file(cli_key *k, const char *path) {
  const size_t cap = sizeof k->buf - 1; /* CLI_KEY_FILE_MAX + 1 */
  size_t len = 0;
  int fd, saved;

  fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return cli_usage("compose", "--api-key-file '%s': %s", path,
                     strerror(errno));
  /* Not only regular files: a pipe such as <(pass show key) works too. */
  while (len < cap) {
    ssize_t n = read(fd, k->buf + len, cap - len);
    if (n == 0)
      break;
    if (n < 0) {
      if (errno == EINTR)
        continue;
      saved = errno;
      close(fd);
      return cli_usage("compose", "--api-key-file '%s': %s", path,
                       strerror(saved));
    }
    len += (size_t)n;
  }
  close(fd);
  if (len > CLI_KEY_FILE_MAX)
    return cli_usage("compose", "--api-key-file '%s' is larger than %d bytes",
                     path, CLI_KEY_FILE_MAX);
  k->buf[len] = '\0';
  /* One "\n" or "\r\n", as left by an editor or `echo`; nothing more. */
  if (len > 0 && k->buf[len - 1] == '\n') {
    k->buf[--len] = '\0';
    if (len > 0 && k->buf[len - 1] == '\r')
      k->buf[--len] = '\0';
  }
  /* A NUL would silently cut the key short: refuse, as an invalid value. */
  if (memchr(k->buf, '\0', len) != NULL) {
    fprintf(stderr,
            "repayjump: invalid input: api_key: the file '%s' "
            "contains a NUL byte\n",
            path);
    return CLI_INVALID;
  }
  k->value = k->buf;
  return CLI_OK;
}

int cli_key_load(cli_key *k, const char *file, int use_env) {
  if (file != NULL)
    return read_key_file(k, file);
  /* POSIX forbids writing to getenv's string, so it is used in place
     rather than copied: there is then no copy of ours to wipe. */
  if (use_env)
    k->value = getenv("REPAYJUMP_API_KEY");
  return CLI_OK;
}
