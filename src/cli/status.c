/* repayjump status-request and status-parse: the return trip. The first
   prints the signed querystate body to POST to WeChat Pay; the second
   reads WeChat Pay's answer and prints the user's state only when the
   library trusts it. */
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define IDENTITY_HELP                                                          \
  "  --appid APPID        the merchant's AppID: wx + 16 lowercase hex\n"       \
  "  --mchid MCHID        the merchant id from WeChat Pay: 1..32 digits\n"     \
  "  --variant VARIANT    v3 (default), v3-partner, v2 or v2-partner: the\n"   \
  "                       variant of the jump; every one signs this call\n"    \
  "                       with the APIv2 key, the partner ones as a\n"         \
  "                       service provider (partnerpay)\n"                     \
  "  --sub-appid APPID    partner variants: the sub-merchant's AppID\n"        \
  "  --sub-mchid MCHID    partner variants, required: the sub-merchant id\n"   \
  "  --api-key-file FILE  read the APIv2 key from FILE (at most 4096\n"        \
  "                       bytes; one trailing newline is dropped); wins\n"     \
  "                       over REPAYJUMP_API_KEY\n"                            \
  "  --api-key KEY        refused (exit 2): any user can read the command\n"   \
  "                       line with ps\n"                                      \
  "  --relaxed            looser rules, as in compose (and for the scenes\n"   \
  "                       and the plate, see repayjump(3))\n"

#define KEY_ENV_HELP                                                           \
  "\n"                                                                         \
  "ENVIRONMENT\n"                                                              \
  "  REPAYJUMP_API_KEY    the merchant's APIv2 key, which signs the status\n"  \
  "                       query in every variant; the key is never\n"          \
  "                       printed.\n"

static const char request_help[] =
    "NAME\n"
    "  repayjump status-request - print the signed body of WeChat Pay's user\n"
    "  state query\n"
    "\n"
    "SYNOPSIS\n"
    "  repayjump status-request --appid APPID --mchid MCHID\n"
    "      --trade-scene SCENE [--openid OPENID] [--plate-number PLATE]\n"
    "      [--jump-scene APP|H5] [--nonce NONCE] [--variant VARIANT]\n"
    "      [--sub-appid APPID] [--sub-mchid MCHID] [--sub-openid OPENID]\n"
    "      [--api-key-file FILE] [--relaxed] [--format xml|json]\n"
    "\n"
    "DESCRIPTION\n"
    "  Nothing comes back from the repayment mini program: when the user\n"
    "  returns, ask WeChat Pay for the user's state (querystate). POST the\n"
    "  body this prints, as text/xml, to the URL that --format json names\n"
    "  (and once to the backup URL if the first fails to answer), then pass\n"
    "  the answer to repayjump status-parse.\n"
    "\n"
    "OPTIONS\n"
    "  --trade-scene SCENE  required: PARKING, 'PARKING SPACE', GAS, HIGHWAY\n"
    "                       or BRIDGE\n"
    "  --jump-scene SCENE   APP or H5; absent: a mini program\n"
    "  --openid OPENID      the user's openid under APPID\n"
    "  --sub-openid OPENID  partner variants: the openid under --sub-appid\n"
    "  --plate-number PLATE the user's plate, e.g. 粤B888888: instead of, or\n"
    "                       with, an openid\n"
    "  --nonce NONCE        nonce_str, 1..32 of [A-Za-z0-9]; default: 32\n"
    "                       fresh characters from libsodium's "
    "CSPRNG\n" IDENTITY_HELP
    "  --format FORMAT      xml   (default) the body, and a newline\n"
    "                       json  "
    "{\"url\":...,\"backup_url\":...,\"body\":...}\n"
    "  -h, --help           show this help\n" KEY_ENV_HELP;

static const char request_example[] =
    "EXAMPLES\n"
    "  REPAYJUMP_API_KEY=... repayjump status-request \\\n"
    "      --appid wxcbda96de0b165486 --mchid 1900009231 \\\n"
    "      --openid oUpF8uMEb4qRXf22hE3X68TekukE --trade-scene PARKING\n";

static const char parse_help[] =
    "NAME\n"
    "  repayjump status-parse - check WeChat Pay's answer to the user state\n"
    "  query and print the user's state\n"
    "\n"
    "SYNOPSIS\n"
    "  repayjump status-parse --appid APPID --mchid MCHID [--variant VARIANT]\n"
    "      [--sub-appid APPID] [--sub-mchid MCHID] [--api-key-file FILE]\n"
    "      [--relaxed] [--format text|json] [FILE | -]\n"
    "\n"
    "DESCRIPTION\n"
    "  Reads the answer from FILE, or standard input for '-' or none, and\n"
    "  trusts it only when it is flat XML of at most 16 KiB (no DOCTYPE,\n"
    "  entity, comment or nesting), has no element twice, says SUCCESS,\n"
    "  carries the right signature, names the appid and merchant ids asked,\n"
    "  and holds user_state. OVERDUE means the user owes what WeChat\n"
    "  advanced: offer the repayment jump; NORMAL means nothing is owed.\n"
    "\n"
    "OPTIONS\n" IDENTITY_HELP
    "  --format FORMAT      text  (default) one 'name: value' line each\n"
    "                       json  {\"user_state\":...,\"repay\":...,\n"
    "                             \"deduct_mode\":...,\"openid\":...,\n"
    "                             \"sub_openid\":...,\"path\":...,\n"
    "                             \"plate_number\":...,\n"
    "                             \"plate_number_info\":...}, null where\n"
    "                             absent\n"
    "  -h, --help           show this help\n" KEY_ENV_HELP;

static const char parse_exit_help[] =
    "EXIT STATUS\n"
    "  0  a trusted answer\n"
    "  1  an answer that is not trusted, or that says FAIL: the message\n"
    "     names the check that failed and, for FAIL, WeChat Pay's own code\n"
    "     and text; or an invalid identity\n"
    "  2  usage: unknown option, an option given twice, a missing\n"
    "     required option or APIv2 key, unreadable answer or key file\n"
    "  3  internal: write error, anything unexpected\n";

static const char parse_example[] =
    "EXAMPLES\n"
    "  curl -s --data-binary @body.xml -H 'Content-Type: text/xml' \\\n"
    "      https://api.mch.weixin.qq.com/vehicle/pay/querystate |\n"
    "    repayjump status-parse --appid wxcbda96de0b165486 \\\n"
    "      --mchid 1900009231 --api-key-file key.txt --format json\n";

enum {
  OPT_TRADE_SCENE = CLI_OPT_IDENTITY_END,
  OPT_JUMP_SCENE,
  OPT_PLATE_NUMBER,
  OPT_FORMAT
};

static const struct option request_options_table[] = {
    CLI_IDENTITY_OPTIONS,
    {"trade-scene", required_argument, NULL, OPT_TRADE_SCENE},
    {"jump-scene", required_argument, NULL, OPT_JUMP_SCENE},
    {"plate-number", required_argument, NULL, OPT_PLATE_NUMBER},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* The identity options status-parse takes: the answer is checked against
   the merchant, not the user. */
static const struct option parse_options[] = {
    {"appid", required_argument, NULL, CLI_OPT_APPID},
    {"mchid", required_argument, NULL, CLI_OPT_MCHID},
    {"sub-appid", required_argument, NULL, CLI_OPT_SUB_APPID},
    {"sub-mchid", required_argument, NULL, CLI_OPT_SUB_MCHID},
    {"variant", required_argument, NULL, CLI_OPT_VARIANT},
    {"api-key-file", required_argument, NULL, CLI_OPT_API_KEY_FILE},
    {"api-key", required_argument, NULL, CLI_OPT_API_KEY},
    {"relaxed", no_argument, NULL, CLI_OPT_RELAXED},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static const char why_key[] =
    "the status query signs with the APIv2 key in every variant";

/* ---- status-request ---- */

static const char request_cmd[] = "status-request";

/* Options into id, q and *json: CLI_OK to go on, else the exit status
   (after --help, or a message). */
static int request_options(int argc, char **argv, cli_identity *id,
                           repayjump_status_query *q, int *json, int *done) {
  unsigned long seen = 0;
  int index = -1, c, rc;
  *done = 1;
  while ((c = getopt_long(argc, argv, ":h", request_options_table, &index)) !=
         -1) {
    if (c != '?' && c != ':' &&
        cli_once(request_cmd, request_options_table, index, &seen))
      return CLI_USAGE;
    index = -1;
    if ((rc = cli_identity_option(id, request_cmd, c, optarg)) !=
        CLI_NOT_MINE) {
      if (rc != CLI_OK)
        return rc;
    } else if (c == 'h') {
      return cli_print_help(request_help, request_example);
    } else if (c == OPT_TRADE_SCENE || c == OPT_JUMP_SCENE ||
               c == OPT_PLATE_NUMBER) {
      const char **slot[] = {&q->trade_scene, &q->jump_scene, &q->plate_number};
      *slot[c - OPT_TRADE_SCENE] = optarg;
    } else if (c == OPT_FORMAT &&
               (strcmp(optarg, "xml") == 0 || strcmp(optarg, "json") == 0)) {
      *json = optarg[0] == 'j';
    } else if (c == OPT_FORMAT) {
      return cli_usage(request_cmd,
                       "unknown --format '%s'; expected xml or json", optarg);
    } else {
      return cli_bad_option(request_cmd, c, argv);
    }
  }
  *done = 0;
  return CLI_OK;
}

static int request(int argc, char **argv, cli_key *key) {
  static const char *const cmd = request_cmd;
  cli_identity id = {{0}, NULL};
  repayjump_status_query q = {NULL, NULL, NULL};
  repayjump_error e;
  char body[REPAYJUMP_STATUS_REQUEST_MAX];
  char storage[REPAYJUMP_STATUS_REQUEST_MAX + 512];
  int json = 0, done, rc;
  cli_buf b;

  rc = request_options(argc, argv, &id, &q, &json, &done);
  if (done)
    return rc;
  if (optind < argc)
    return cli_usage(cmd, "unexpected argument '%s'", argv[optind]);
  if (q.trade_scene == NULL)
    return cli_usage(cmd, "missing --trade-scene (PARKING, 'PARKING SPACE', "
                          "GAS, HIGHWAY or BRIDGE)");
  if ((rc = cli_key_load(key, cmd, id.key_file, 1)) != CLI_OK)
    return rc;
  id.params.api_key = key->value;

  rc = repayjump_status_request(&id.params, &q, body, sizeof body, NULL, &e);
  if (rc == REPAYJUMP_E_MISSING && e.field == REPAYJUMP_FIELD_OPENID)
    return cli_usage(cmd,
                     "the status query needs --openid%s or "
                     "--plate-number",
                     id.params.variant == REPAYJUMP_V3_PARTNER ||
                             id.params.variant == REPAYJUMP_V2_PARTNER
                         ? ", --sub-openid"
                         : "");
  if (rc == REPAYJUMP_E_MISSING && e.field < REPAYJUMP_FIELD_COUNT)
    return cli_identity_missing(&id, cmd, why_key, "", &e);
  if (rc != REPAYJUMP_OK)
    return cli_report(rc, &e);
  cli_warn_target_appid(id.params.appid);

  cli_buf_init(&b, storage, sizeof storage);
  if (!json) {
    cli_buf_addf(&b, "%s\n", body);
    return cli_buf_write(&b);
  }
  /* No escaping: the URLs are the library's, and the body holds only
     values its rules admit, none of them a quote, a backslash or a
     control byte. */
  cli_buf_addf(&b, "{\"url\":\"%s\",\"backup_url\":\"%s\",\"body\":\"%s\"}\n",
               repayjump_status_url(id.params.variant, 0),
               repayjump_status_url(id.params.variant, 1), body);
  return cli_buf_write(&b);
}

/* ---- status-parse ---- */

/* Read the answer: at most one byte more than the library reads, so that
   a larger one is reported as too large. *n is its length. */
static int read_answer(const char *cmd, const char *path, char *buf, size_t cap,
                       size_t *n) {
  int fd = 0, from_stdin = path == NULL || strcmp(path, "-") == 0;
  ssize_t got;
  *n = 0;
  if (!from_stdin && (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
    return cli_usage(cmd, "cannot read '%s'", path);
  while (*n < cap && (got = read(fd, buf + *n, cap - *n)) != 0) {
    if (got < 0) {
      if (!from_stdin)
        close(fd);
      return cli_usage(cmd, "cannot read '%s'", from_stdin ? "-" : path);
    }
    *n += (size_t)got;
  }
  if (!from_stdin)
    close(fd);
  return CLI_OK;
}

/* WeChat Pay's words on stderr: control bytes of an unsigned answer must
   not reach a terminal. */
static void print_words(const char *label, const char *s) {
  fprintf(stderr, "repayjump:   %s: ", label);
  for (; *s; s++)
    fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, stderr);
  fputc('\n', stderr);
}

/* The members printed, in order. */
#define MEMBER(name)                                                           \
  { #name, offsetof(repayjump_status_result, name) }
static const struct {
  const char *name;
  size_t offset;
} members[] = {
    MEMBER(user_state),        MEMBER(deduct_mode), MEMBER(openid),
    MEMBER(sub_openid),        MEMBER(path),        MEMBER(plate_number),
    MEMBER(plate_number_info),
};
#define MEMBERS (sizeof members / sizeof *members)

/* {"user_state":...,"repay":...,...}, null for an absent member. */
static void add_json(cli_buf *b, const repayjump_status_result *r) {
  size_t i;
  for (i = 0; i < MEMBERS; i++) {
    const char *v = (const char *)r + members[i].offset;
    cli_buf_addf(b, "%s\"%s\":", i ? "," : "{", members[i].name);
    if (*v)
      cli_buf_add_json(b, v);
    else
      cli_buf_add(b, "null");
    if (i == 0)
      cli_buf_addf(b, ",\"repay\":%s",
                   r->state == REPAYJUMP_STATE_OVERDUE ? "true" : "false");
  }
  cli_buf_add(b, "}\n");
}

/* "name: value" lines of the present members, control bytes as '?' (as on
   stderr). */
static void add_text(cli_buf *b, const repayjump_status_result *r) {
  size_t i;
  for (i = 0; i < MEMBERS; i++) {
    const char *v = (const char *)r + members[i].offset;
    if (!*v)
      continue;
    cli_buf_addf(b, "%s: ", members[i].name);
    for (; *v; v++)
      cli_buf_addf(b, "%c", (unsigned char)*v < 0x20 || *v == 0x7f ? '?' : *v);
    cli_buf_add(b, "\n");
  }
}

static int print_state(const repayjump_status_result *r, int json) {
  char storage[2 * sizeof *r + 256];
  cli_buf b;
  cli_buf_init(&b, storage, sizeof storage);
  if (json)
    add_json(&b, r);
  else
    add_text(&b, r);
  return cli_buf_write(&b);
}

static int parse(int argc, char **argv, cli_key *key) {
  static const char cmd[] = "status-parse";
  static char answer[REPAYJUMP_ANSWER_MAX + 1];
  static repayjump_status_result r;
  cli_identity id = {{0}, NULL};
  repayjump_error e;
  unsigned long seen = 0;
  int index = -1, json = 0, c, rc;
  size_t n;

  while ((c = getopt_long(argc, argv, ":h", parse_options, &index)) != -1) {
    if (c != '?' && c != ':' && cli_once(cmd, parse_options, index, &seen))
      return CLI_USAGE;
    index = -1;
    if ((rc = cli_identity_option(&id, cmd, c, optarg)) != CLI_NOT_MINE) {
      if (rc != CLI_OK)
        return rc;
      continue;
    }
    switch (c) {
    case 'h':
      return cli_print_help_exit(parse_help, parse_exit_help, parse_example);
    case OPT_FORMAT:
      if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0)
        return cli_usage(cmd, "unknown --format '%s'; expected text or json",
                         optarg);
      json = optarg[0] == 'j';
      break;
    default:
      return cli_bad_option(cmd, c, argv);
    }
  }
  if (argc - optind > 1)
    return cli_usage(cmd, "unexpected argument '%s'", argv[optind + 1]);
  if ((rc = cli_key_load(key, cmd, id.key_file, 1)) != CLI_OK)
    return rc;
  id.params.api_key = key->value;
  if ((rc = read_answer(cmd, argv[optind], answer, sizeof answer, &n)))
    return rc;

  rc = repayjump_status_parse(&id.params, answer, n, &r, &e);
  if (rc == REPAYJUMP_E_MISSING)
    return cli_identity_missing(&id, cmd, why_key, "", &e);
  if (rc == REPAYJUMP_OK)
    return print_state(&r, json);
  c = cli_report(rc, &e);
  if (rc == REPAYJUMP_E_RETURN_FAIL && r.return_msg[0])
    print_words("return_msg", r.return_msg);
  if (rc == REPAYJUMP_E_RESULT_FAIL) {
    print_words("err_code", r.err_code);
    print_words("err_code_des", r.err_code_des);
  }
  return c;
}

static int run_request(int argc, char **argv) {
  return cli_with_key(request, argc, argv);
}

static int run_parse(int argc, char **argv) {
  return cli_with_key(parse, argc, argv);
}

const cli_command cli_status_request = {
    "status-request", "print the signed body of WeChat Pay's user state query",
    request_help,     request_example,
    run_request,      NULL};

const cli_command cli_status_parse = {
    "status-parse", "check WeChat Pay's answer and print the user's state",
    parse_help,     parse_example,
    run_parse,      parse_exit_help};
