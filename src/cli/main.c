/* repayjump: global options, help, version, and dispatch to a command. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"

static const cli_command *const commands[] = {
    &cli_demo,           &cli_compose,      &cli_check, &cli_nonce,
    &cli_status_request, &cli_status_parse, &cli_scan};
#define COMMAND_COUNT (sizeof commands / sizeof commands[0])

static const char help_head[] =
    "NAME\n"
    "  repayjump - compose the parameters of the jump to WeChat's repayment\n"
    "  mini program\n"
    "\n"
    "SYNOPSIS\n"
    "  repayjump [-h | --help] [-V | --version]\n"
    "  repayjump COMMAND [OPTIONS]\n"
    "  repayjump help [COMMAND]\n"
    "\n"
    "DESCRIPTION\n"
    "  A WeChat Pay merchant that uses advance funding sends its user to\n"
    "  WeChat's repayment mini program (AppID wx5e73c65404eee268) from its\n"
    "  own mini program or App. repayjump validates the fields (appid,\n"
    "  mchid, nonce_str, openid, and the partner and APIv2 ones) and prints\n"
    "  them as the extraData JSON of <navigator> and\n"
    "  wx.navigateToMiniProgram, or as the path and request of an App's\n"
    "  WXLaunchMiniProgramReq. repayjump check reads the parameters that\n"
    "  existing code sends and lists every problem in them. When the user\n"
    "  comes back, status-request and status-parse ask WeChat Pay for the\n"
    "  user's state and check its answer.\n"
    "\n"
    "COMMANDS\n";

static const char help_tail[] =
    "  help           show this help, or a command's help\n"
    "\n"
    "  'repayjump COMMAND --help' lists the options of COMMAND.\n"
    "\n"
    "OPTIONS\n"
    "  -h, --help     show this help\n"
    "  -V, --version  print the versions of repayjump and libsodium\n"
    "\n"
    "ENVIRONMENT\n"
    "  REPAYJUMP_API_KEY  the APIv2 key that compose signs with for the v2\n"
    "                     and v2-partner variants, and that check verifies\n"
    "                     a sign with, and that signs the status query in\n"
    "                     every variant (or use --api-key-file); the\n"
    "                     command line never takes the key\n";

static const char example[] =
    "EXAMPLES\n"
    "  repayjump demo\n"
    "  repayjump compose --appid wxcbda96de0b165486 --mchid 1900009231 \\\n"
    "      --openid oUpF8uMEb4qRXf22hE3X68TekukE --format extra-data\n"
    "  repayjump check 'pages/invest_list/invest_list?appid=...'\n"
    "  repayjump nonce --count 5\n"
    "  repayjump status-request --appid wxcbda96de0b165486 \\\n"
    "      --mchid 1900009231 --openid oUpF8uMEb4qRXf22hE3X68TekukE \\\n"
    "      --trade-scene PARKING\n";

static int print_help(void) {
  char storage[4096];
  cli_buf b;
  size_t i;
  cli_buf_init(&b, storage, sizeof storage);
  cli_buf_add(&b, help_head);
  for (i = 0; i < COMMAND_COUNT; i++)
    cli_buf_addf(&b, "  %-14s %s\n", commands[i]->name, commands[i]->summary);
  cli_buf_add(&b, help_tail);
  if (b.overflow)
    return cli_buf_write(&b); /* reports the overflow */
  return cli_print_help(b.data, example);
}

static int print_version(void) {
  char storage[256];
  cli_buf b;
  cli_buf_init(&b, storage, sizeof storage);
  /* The versions actually loaded, not the ones compiled against. */
  cli_buf_addf(&b, "repayjump %s\nlibsodium %s\n", repayjump_version(),
               sodium_version_string());
  return cli_buf_write(&b);
}

static const cli_command *find_command(const char *name) {
  size_t i;
  for (i = 0; i < COMMAND_COUNT; i++)
    if (strcmp(commands[i]->name, name) == 0)
      return commands[i];
  return NULL;
}

static int unknown_command(const char *name) {
  char list[128];
  cli_buf b;
  size_t i;
  cli_buf_init(&b, list, sizeof list);
  for (i = 0; i < COMMAND_COUNT; i++)
    cli_buf_addf(&b, "%s, ", commands[i]->name);
  return cli_usage("", "unknown command '%s'; expected %shelp", name, b.data);
}

int main(int argc, char **argv) {
  static const struct option options[] = {
      {"help", no_argument, NULL, 'h'},
      {"version", no_argument, NULL, 'V'},
      {NULL, 0, NULL, 0},
  };
  const cli_command *cmd;
  int c;

  opterr = 0; /* every message is ours, one line, never echoing a value */
  /* '+': stop at the command name; its options are the command's. */
  c = getopt_long(argc, argv, "+:hV", options, NULL);
  if (c == 'h')
    return print_help();
  if (c == 'V')
    return print_version();
  if (c != -1)
    return cli_bad_option("", c, argv);
  if (optind >= argc)
    return cli_usage("", "no command given");

  if (strcmp(argv[optind], "help") == 0) {
    if (optind + 1 >= argc)
      return print_help();
    if ((cmd = find_command(argv[optind + 1])) == NULL)
      return unknown_command(argv[optind + 1]);
    return cli_print_help_exit(cmd->help,
                               cmd->exit_help ? cmd->exit_help : cli_exit_help,
                               cmd->example);
  }
  if ((cmd = find_command(argv[optind])) == NULL)
    return unknown_command(argv[optind]);
  argc -= optind;
  argv += optind;
  /* 0 makes getopt_long start over (glibc, musl and the BSDs agree), with
     argv[0] = the command's name. */
  optind = 0;
  return cmd->run(argc, argv);
}
