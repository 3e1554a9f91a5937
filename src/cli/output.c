/* Output: build each document in one buffer, write it once, check it. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cli_exit_help[] =
    "EXIT STATUS\n"
    "  0  success\n"
    "  1  invalid input: the library rejected a value; the message names\n"
    "     the field and its rule\n"
    "  2  usage: unknown command or option, an option given twice, a\n"
    "     missing required option (or APIv2 key) or a bad option value,\n"
    "     unreadable or oversize key file, --api-key on the command line\n"
    "  3  internal: randomness unavailable, write error, anything "
    "unexpected\n";

void cli_buf_init(cli_buf *b, char *storage, size_t cap) {
  b->data = storage;
  b->cap = cap;
  b->len = 0;
  b->overflow = 0;
  if (cap > 0)
    storage[0] = '\0';
}

void cli_buf_add(cli_buf *b, const char *s) { cli_buf_addf(b, "%s", s); }

void cli_buf_addf(cli_buf *b, const char *fmt, ...) {
  va_list ap;
  int n;
  if (b->overflow)
    return;
  va_start(ap, fmt);
  n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
  va_end(ap);
  /* A cut-off append poisons the buffer: never print half a document. */
  if (n < 0 || (size_t)n >= b->cap - b->len) {
    b->overflow = 1;
    return;
  }
  b->len += (size_t)n;
}

void cli_buf_add_json(cli_buf *b, const char *s) {
  static const char hex[] = "0123456789abcdef";
  cli_buf_add(b, "\"");
  for (; *s && !b->overflow; s++) {
    unsigned char c = (unsigned char)*s;
    char esc[7] = {'\\', (char)c, '\0'};
    if (c < 0x20 || c == 0x7f) {
      esc[1] = 'u', esc[2] = '0', esc[3] = '0', esc[4] = hex[c >> 4];
      esc[5] = hex[c & 15], esc[6] = '\0';
    } else if (c != '"' && c != '\\') {
      esc[0] = (char)c, esc[1] = '\0';
    }
    cli_buf_add(b, esc);
  }
  cli_buf_add(b, "\"");
}

int cli_buf_write(const cli_buf *b) {
  if (b->overflow) {
    fputs("repayjump: internal error: output larger than its buffer\n", stderr);
    return CLI_INTERNAL;
  }
  return cli_write(b->data, b->len);
}

int cli_write(const char *data, size_t n) {
  /* stdio buffers: a full disk or closed pipe shows only at fflush. */
  errno = 0;
  if (fwrite(data, 1, n, stdout) == n && fflush(stdout) == 0 && !ferror(stdout))
    return CLI_OK;
  fprintf(stderr, "repayjump: write error: %s\n",
          errno ? strerror(errno) : "output failed");
  return CLI_INTERNAL;
}

int cli_print_help(const char *help, const char *example) {
  return cli_print_help_exit(help, cli_exit_help, example);
}

int cli_print_help_exit(const char *help, const char *exit_help,
                        const char *example) {
  char storage[12288];
  cli_buf b;
  cli_buf_init(&b, storage, sizeof storage);
  cli_buf_add(&b, help);
  cli_buf_add(&b, "\n");
  cli_buf_add(&b, exit_help);
  cli_buf_add(&b, "\n");
  cli_buf_add(&b, example);
  return cli_buf_write(&b);
}

int cli_report(int status, const repayjump_error *err) {
  const char *msg = err->message[0] ? err->message : repayjump_strerror(status);
  switch (status) {
  case REPAYJUMP_E_MISSING:
  case REPAYJUMP_E_TOO_LONG:
  case REPAYJUMP_E_CHARSET:
  case REPAYJUMP_E_FORMAT:
  case REPAYJUMP_E_NOT_ALLOWED:
  case REPAYJUMP_E_CONFLICT:
    /* The message names the field and the rule, never the api_key. */
    fprintf(stderr, "repayjump: invalid input: %s\n", msg);
    return CLI_INVALID;
  case REPAYJUMP_E_TOO_LARGE:
  case REPAYJUMP_E_XML:
  case REPAYJUMP_E_DUPLICATE:
  case REPAYJUMP_E_RETURN_FAIL:
  case REPAYJUMP_E_SIGNATURE:
  case REPAYJUMP_E_ECHO:
  case REPAYJUMP_E_RESULT_FAIL:
  case REPAYJUMP_E_NO_STATE:
    /* WeChat Pay's answer, which the message places; never the key. */
    fprintf(stderr, "repayjump: not trusted: %s\n", msg);
    return CLI_INVALID;
  default:
    /* E_ARG and E_BUFFER mean a bug here; E_RNG an unusable system. */
    fprintf(stderr, "repayjump: internal error: %s (status %d: %s)\n", msg,
            status, repayjump_strerror(status));
    return CLI_INTERNAL;
  }
}
