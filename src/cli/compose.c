/* repayjump compose: options to repayjump_params, one repayjump_compose
   call, then one output or all of them as one JSON document. */
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char help[] =
    "NAME\n"
    "  repayjump compose - validate the fields and print the jump's "
    "parameters\n"
    "\n"
    "SYNOPSIS\n"
    "  repayjump compose --appid APPID --mchid MCHID [--openid OPENID]\n"
    "      [--nonce NONCE] [--variant VARIANT] [--sub-appid APPID]\n"
    "      [--sub-mchid MCHID] [--sub-openid OPENID] [--api-key-file FILE]\n"
    "      [--allow-no-openid] [--relaxed] [--format FORMAT]\n"
    "\n"
    "OPTIONS\n"
    "  --appid APPID        the merchant's AppID: wx + 16 lowercase hex\n"
    "  --mchid MCHID        the merchant id from WeChat Pay: 1..32 digits\n"
    "  --openid OPENID      the user's openid under APPID: 1..32 of\n"
    "                       [A-Za-z0-9_-]; required unless --allow-no-openid\n"
    "                       (partner variants: it or --sub-openid)\n"
    "  --nonce NONCE        nonce_str, 1..32 of [A-Za-z0-9]; default: 32\n"
    "                       fresh characters from libsodium's CSPRNG\n"
    "  --variant VARIANT    v3          APIv3 merchant (default)\n"
    "                       v3-partner  APIv3 service provider\n"
    "                       v2          APIv2 merchant, signed\n"
    "                       v2-partner  APIv2 service provider, signed\n"
    "  --sub-appid APPID    partner variants: the sub-merchant's AppID\n"
    "  --sub-mchid MCHID    partner variants, required: the sub-merchant id\n"
    "  --sub-openid OPENID  partner variants: the user's openid under\n"
    "                       --sub-appid, which it requires\n"
    "  --api-key-file FILE  v2 variants: read the APIv2 key from FILE (at\n"
    "                       most 4096 bytes; one trailing newline is\n"
    "                       dropped); wins over REPAYJUMP_API_KEY\n"
    "  --api-key KEY        refused (exit 2): any user can read the command\n"
    "                       line with ps; use REPAYJUMP_API_KEY or\n"
    "                       --api-key-file\n"
    "  --allow-no-openid    allow no openid at all; it is then left out\n"
    "  --relaxed            looser rules: AppIDs and merchant ids 1..32 of\n"
    "                       [A-Za-z0-9_-]; API key 1..128 printable ASCII\n"
    "                       characters without space\n"
    "  --format FORMAT      what to print, followed by a newline:\n"
    "                       extra-data  extraData JSON of <navigator> and\n"
    "                                   wx.navigateToMiniProgram\n"
    "                       navigate    wx.navigateToMiniProgram argument\n"
    "                       app-path    WXLaunchMiniProgramReq path\n"
    "                       app-launch  JSON of userName, path and\n"
    "                                   miniProgramType\n"
    "                       all         (default) one JSON object: variant,\n"
    "                                   nonce_str, sign (v2 only),\n"
    "                                   extra_data, navigate, app_path,\n"
    "                                   app_launch\n"
    "  -h, --help           show this help\n"
    "\n"
    "ENVIRONMENT\n"
    "  REPAYJUMP_API_KEY    the APIv2 key of the v2 variants (strict: exactly\n"
    "                       32 of [A-Za-z0-9]); ignored by v3 variants and\n"
    "                       when --api-key-file is given. The key is never\n"
    "                       printed.\n";

static const char example[] =
    "EXAMPLES\n"
    "  repayjump compose --appid wxcbda96de0b165486 --mchid 1900009231 \\\n"
    "      --openid oUpF8uMEb4qRXf22hE3X68TekukE --format app-path\n"
    "  repayjump compose --variant v2 --api-key-file key.txt \\\n"
    "      --appid wxcbda96de0b165486 --mchid 1900009231 \\\n"
    "      --openid oUpF8uMEb4qRXf22hE3X68TekukE\n";

/* Only v2 variants sign, and so read REPAYJUMP_API_KEY. */
static int is_signed(int variant) {
  return variant == REPAYJUMP_V2_MERCHANT || variant == REPAYJUMP_V2_PARTNER;
}

enum { OPT_FORMAT = CLI_OPT_IDENTITY_END };

static const struct option options[] = {
    CLI_IDENTITY_OPTIONS,
    {"format", required_argument, NULL, OPT_FORMAT},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static int print_one(const cli_output *o, const repayjump_result *r) {
  char storage[REPAYJUMP_OUTPUT_MAX + 1];
  cli_buf b;
  cli_buf_init(&b, storage, sizeof storage);
  cli_buf_addf(&b, "%s\n", cli_output_text(o, r));
  return cli_buf_write(&b);
}

static int print_all(int variant, const repayjump_result *r) {
  char storage[REPAYJUMP_FORMAT_COUNT * REPAYJUMP_OUTPUT_MAX + 256];
  cli_buf b;
  size_t i;
  cli_buf_init(&b, storage, sizeof storage);
  /* No escaping: the library's value rules admit only JSON-safe bytes, and
     the JSON outputs are embedded as the objects they are. */
  cli_buf_addf(&b, "{\"variant\":\"%s\",\"nonce_str\":\"%s\"",
               repayjump_variant_name(variant), r->nonce_str);
  if (is_signed(variant))
    cli_buf_addf(&b, ",\"sign\":\"%s\"", r->sign);
  for (i = 0; i < REPAYJUMP_FORMAT_COUNT; i++) {
    const cli_output *o = &cli_outputs[i];
    cli_buf_addf(&b, o->is_json ? ",\"%s\":%s" : ",\"%s\":\"%s\"", o->json_key,
                 cli_output_text(o, r));
  }
  cli_buf_add(&b, "}\n");
  return cli_buf_write(&b);
}

static int compose(int argc, char **argv, cli_key *key) {
  cli_identity id = {{0}, NULL};
  repayjump_params *p = &id.params;
  repayjump_result r;
  repayjump_error e;
  unsigned long seen = 0;
  int index = -1;
  const cli_output *format = NULL; /* NULL: all */
  int c, rc;

  while ((c = getopt_long(argc, argv, ":h", options, &index)) != -1) {
    if (c != '?' && c != ':' && cli_once("compose", options, index, &seen))
      return CLI_USAGE;
    index = -1;
    if ((rc = cli_identity_option(&id, "compose", c, optarg)) != CLI_NOT_MINE) {
      if (rc != CLI_OK)
        return rc;
      continue;
    }
    switch (c) {
    case 'h':
      return cli_print_help(help, example);
    case OPT_FORMAT:
      format = cli_output_find(optarg);
      if (format == NULL && strcmp(optarg, "all") != 0)
        return cli_usage("compose",
                         "unknown --format '%s'; expected %s, %s, %s, %s or "
                         "all",
                         optarg, repayjump_format_name(0),
                         repayjump_format_name(1), repayjump_format_name(2),
                         repayjump_format_name(3));
      break;
    default:
      return cli_bad_option("compose", c, argv);
    }
  }
  if (optind < argc)
    return cli_usage("compose", "unexpected argument '%s'", argv[optind]);

  /* The environment's key only serves signing variants. An explicit file
     is always passed on, so that v3 reports the misplaced key. */
  rc = cli_key_load(key, "compose", id.key_file, is_signed(p->variant));
  if (rc != CLI_OK)
    return rc;
  p->api_key = key->value;

  rc = repayjump_compose(p, &r, &e);
  if (rc == REPAYJUMP_E_MISSING) {
    char why[96];
    (void)snprintf(why, sizeof why, "the %s variant signs with the APIv2 key",
                   repayjump_variant_name(p->variant));
    return cli_identity_missing(
        &id, "compose", why,
        e.field == REPAYJUMP_FIELD_OPENID && p->openid != NULL
            ? "; to leave openid out, pass --allow-no-openid instead"
            : "; or pass --allow-no-openid to leave openid out",
        &e);
  }
  if (rc != REPAYJUMP_OK)
    return cli_report(rc, &e);
  cli_warn_target_appid(p->appid);
  return format != NULL ? print_one(format, &r) : print_all(p->variant, &r);
}

static int run(int argc, char **argv) {
  return cli_with_key(compose, argc, argv);
}

const cli_command cli_compose = {
    "compose", "validate fields and print the jump's parameters",
    help,      example,
    run,       NULL};
