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

int cli_with_key(int (*command)(int, char **, cli_key *), int argc,
                 char **argv) {
  cli_key key;
  int rc;
  cli_key_init(&key);
  rc = command(argc, argv, &key);
  cli_key_wipe(&key); /* every return path of command ends here */
  return rc;
}

void cli_key_wipe(cli_key *k) {
  sodium_memzero(k->buf, sizeof k->buf);
  k->value = NULL;
}

/* Drop one "\n" or "\r\n", as left by an editor, `echo` or `export
   KEY=$(cat file)`; nothing more. */
static size_t trim_line_end(char *buf, size_t len) {
  if (len > 0 && buf[len - 1] == '\n') {
    buf[--len] = '\0';
    if (len > 0 && buf[len - 1] == '\r')
      buf[--len] = '\0';
  }
  return len;
}

/* Read path ("-": standard input) into k->buf; the key is never copied
   anywhere else. */
static int read_key_file(cli_key *k, const char *cmd, const char *path) {
  const size_t cap = sizeof k->buf - 1; /* CLI_KEY_FILE_MAX + 1 */
  const int is_stdin = strcmp(path, "-") == 0;
  size_t len = 0;
  int fd, saved;

  fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return cli_usage(cmd, "--api-key-file '%s': %s", path, strerror(errno));
  /* Not only regular files: a pipe such as <(pass show key) works too. */
  while (len < cap) {
    ssize_t n = read(fd, k->buf + len, cap - len);
    if (n == 0)
      break;
    if (n < 0) {
      if (errno == EINTR)
        continue;
      saved = errno;
      if (!is_stdin)
        close(fd);
      return cli_usage(cmd, "--api-key-file '%s': %s", path, strerror(saved));
    }
    len += (size_t)n;
  }
  if (!is_stdin)
    close(fd);
  if (len > CLI_KEY_FILE_MAX)
    return cli_usage(cmd, "--api-key-file '%s' is larger than %d bytes", path,
                     CLI_KEY_FILE_MAX);
  k->buf[len] = '\0';
  len = trim_line_end(k->buf, len);
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

/* REPAYJUMP_API_KEY: POSIX forbids writing to getenv's string, so a key
   with a line end to drop is copied into k->buf, which cli_key_wipe
   clears; one without is used in place (no copy of ours to wipe). */
static int read_key_env(cli_key *k, const char *cmd) {
  const char *env = getenv("REPAYJUMP_API_KEY");
  size_t len;
  if (env == NULL)
    return CLI_OK;
  len = strlen(env);
  if (len == 0 || env[len - 1] != '\n') {
    k->value = env;
    return CLI_OK;
  }
  if (len > CLI_KEY_FILE_MAX)
    return cli_usage(cmd, "REPAYJUMP_API_KEY is larger than %d bytes",
                     CLI_KEY_FILE_MAX);
  memcpy(k->buf, env, len + 1);
  trim_line_end(k->buf, len);
  k->value = k->buf;
  return CLI_OK;
}

int cli_key_load(cli_key *k, const char *cmd, const char *file, int use_env) {
  if (file != NULL)
    return read_key_file(k, cmd, file);
  if (use_env)
    return read_key_env(k, cmd);
  return CLI_OK;
}
