/* Command-line helpers: option errors and strict number parsing. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_usage(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "repayjump: %s%s", cmd, cmd[0] ? ": " : "");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "; see 'repayjump %s%s--help'\n", cmd, cmd[0] ? " " : "");
  return CLI_USAGE;
}

int cli_bad_option(const char *cmd, int c, char **argv) {
  /* opterr is 0, so getopt_long printed nothing. For a long option the
     word is argv[optind - 1]; print it only up to '=': a mistyped
     "--apikey=..." must not echo its value. */
  const char *word = argv[optind - 1];
  int n = (int)strcspn(word, "=");
  if (c == ':')
    return cli_usage(cmd, "option '%.*s' needs a value", n, word);
  if (optopt > 0 && optopt < 128 && strncmp(word, "--", 2) != 0)
    return cli_usage(cmd, "unknown option '-%c'", optopt);
  if (optopt != 0)
    return cli_usage(cmd, "option '%.*s' takes no value", n, word);
  return cli_usage(cmd, "unknown or ambiguous option '%.*s'", n, word);
}

int cli_once(const char *cmd, const struct option *options, int index,
             unsigned long *seen) {
  /* getopt_long gives the same index to an abbreviation (--app for
     --appid), so that too counts as the option given again. */
  unsigned long bit;
  if (index < 0)
    return CLI_OK; /* a short option: -h, which returns at once */
  bit = 1UL << (unsigned)index;
  if (*seen & bit)
    return cli_usage(cmd, "option '--%s' given twice", options[index].name);
  *seen |= bit;
  return CLI_OK;
}

int cli_parse_number(const char *cmd, const char *opt, const char *s,
                     unsigned long min, unsigned long max, unsigned long *out) {
  char *end;
  unsigned long v;
  /* strtoul would accept spaces, a sign and "0x": allow digits only. */
  if (s[0] < '0' || s[0] > '9')
    goto bad;
  errno = 0;
  v = strtoul(s, &end, 10);
  if (errno != 0 || *end != '\0' || v < min || v > max)
    goto bad;
  *out = v;
  return CLI_OK;
bad:
  return cli_usage(cmd, "%s '%s' is not a whole number in %lu..%lu", opt, s,
                   min, max);
}
