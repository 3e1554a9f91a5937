/* repayjump nonce: lines of random [A-Za-z0-9] from repayjump_nonce. */
#include <getopt.h>

#include "cli.h"

#define NONCE_COUNT_MAX 1000000UL

static const char help[] =
    "NAME\n"
    "  repayjump nonce - print random nonce_str values\n"
    "\n"
    "SYNOPSIS\n"
    "  repayjump nonce [--length N] [--count K]\n"
    "\n"
    "DESCRIPTION\n"
    "  Prints K lines of N characters of [A-Za-z0-9], each character\n"
    "  exactly uniform, from libsodium's CSPRNG.\n"
    "\n"
    "OPTIONS\n"
    "  --length N   characters per line, 1..32 (default 32)\n"
    "  --count K    lines, 1..1000000 (default 1)\n"
    "  -h, --help   show this help\n";

static const char example[] = "EXAMPLE\n"
                              "  repayjump nonce --count 3 --length 16\n";

static const struct option options[] = {
    {"length", required_argument, NULL, 'l'},
    {"count", required_argument, NULL, 'c'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int run(int argc, char **argv) {
  unsigned long len = REPAYJUMP_FIELD_MAX, count = 1, i;
  char chunk[16384];
  size_t used = 0;
  unsigned long seen = 0;
  int c, rc, index = -1;

  /* 'l' and 'c' are only vals: the short options are not in optstring. */
  while ((c = getopt_long(argc, argv, ":h", options, &index)) != -1) {
    if (c != '?' && c != ':' && cli_once("nonce", options, index, &seen))
      return CLI_USAGE;
    index = -1;
    switch (c) {
    case 'h':
      return cli_print_help(help, example);
    case 'l':
      rc = cli_parse_number("nonce", "--length", optarg, 1, REPAYJUMP_FIELD_MAX,
                            &len);
      if (rc != CLI_OK)
        return rc;
      break;
    case 'c':
      rc = cli_parse_number("nonce", "--count", optarg, 1, NONCE_COUNT_MAX,
                            &count);
      if (rc != CLI_OK)
        return rc;
      break;
    default:
      return cli_bad_option("nonce", c, argv);
    }
  }
  if (optind < argc)
    return cli_usage("nonce", "unexpected argument '%s'", argv[optind]);

  /* Whole lines per write: a reader never sees a cut line from us. */
  for (i = 0; i < count; i++) {
    if (used + len + 1 > sizeof chunk) {
      if ((rc = cli_write(chunk, used)) != CLI_OK)
        return rc;
      used = 0;
    }
    rc = repayjump_nonce(chunk + used, sizeof chunk - used, len);
    if (rc != REPAYJUMP_OK) {
      repayjump_error e = {0}; /* empty message: report the status text */
      e.status = rc;
      return cli_report(rc, &e);
    }
    chunk[used + len] = '\n'; /* over the NUL */
    used += len + 1;
  }
  return cli_write(chunk, used);
}

const cli_command cli_nonce = {
    "nonce", "print random nonce_str values", help, example, run, NULL};
