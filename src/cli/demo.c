/* repayjump demo: every output for the WeChat document's example values. */
#include <getopt.h>
#include <stddef.h>

#include "cli.h"

static const char help[] =
    "NAME\n"
    "  repayjump demo - show every output for the document's example\n"
    "\n"
    "SYNOPSIS\n"
    "  repayjump demo\n"
    "\n"
    "DESCRIPTION\n"
    "  Composes the APIv3 merchant jump for the example values of WeChat's\n"
    "  document (appid wxcbda96de0b165486, mchid 1900009231, openid\n"
    "  oUpF8uMEb4qRXf22hE3X68TekukE) with a fresh nonce_str, and prints the\n"
    "  inputs and the four outputs, each under a label saying where it\n"
    "  goes. For machine-readable output use repayjump compose.\n"
    "\n"
    "OPTIONS\n"
    "  -h, --help   show this help\n";

static const char example[] = "EXAMPLE\n"
                              "  repayjump demo\n";

static const struct option options[] = {
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int run(int argc, char **argv) {
  repayjump_params p = {0}; /* APIv3 merchant, strict */
  repayjump_result r;
  repayjump_error e;
  char storage[REPAYJUMP_FORMAT_COUNT * (REPAYJUMP_OUTPUT_MAX + 128) + 512];
  cli_buf b;
  size_t i;
  int c, rc;

  /* Only --help: the first option decides. */
  c = getopt_long(argc, argv, ":h", options, NULL);
  if (c == 'h')
    return cli_print_help(help, example);
  if (c != -1)
    return cli_bad_option("demo", c, argv);
  if (optind < argc)
    return cli_usage("demo", "unexpected argument '%s'", argv[optind]);

  p.appid = "wxcbda96de0b165486";
  p.mchid = "1900009231";
  p.openid = "oUpF8uMEb4qRXf22hE3X68TekukE";
  /* nonce_str stays NULL: repayjump_compose draws a fresh one. */
  rc = repayjump_compose(&p, &r, &e);
  if (rc != REPAYJUMP_OK)
    return cli_report(rc, &e);

  cli_buf_init(&b, storage, sizeof storage);
  cli_buf_add(&b, "WeChat repayment mini program jump, APIv3 merchant, "
                  "with the document's example values\n\n");
  cli_buf_addf(&b, "  %-10s %s\n", "appid", p.appid);
  cli_buf_addf(&b, "  %-10s %s\n", "mchid", p.mchid);
  cli_buf_addf(&b, "  %-10s %s\n", "nonce_str", r.nonce_str);
  cli_buf_addf(&b, "  %-10s %s\n", "openid", p.openid);
  for (i = 0; i < REPAYJUMP_FORMAT_COUNT; i++)
    cli_buf_addf(&b, "\n%s:\n  %s\n", cli_outputs[i].label,
                 cli_output_text(&cli_outputs[i], &r));
  return cli_buf_write(&b);
}

const cli_command cli_demo = {
    "demo", "show every output for the document's example values",
    help,   example,
    run,    NULL};
