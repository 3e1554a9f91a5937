/* repayjump compose: options to repayjump_params, one repayjump_compose
   call, then one output or all of them as one JSON document. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

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

typedef struct variant_row {
  const char *name;
  int variant;
  int is_signed; /* APIv2: needs the key */
} variant_row;

static const variant_row variants[] = {
    {"v3", REPAYJUMP_V3_MERCHANT, 0},
    {"v3-partner", REPAYJUMP_V3_PARTNER, 0},
    {"v2", REPAYJUMP_V2_MERCHANT, 1},
    {"v2-partner", REPAYJUMP_V2_PARTNER, 1},
};

enum {
  OPT_APPID = 256, /* above every char: long options only */
  OPT_MCHID,
  OPT_OPENID,
  OPT_NONCE,
  OPT_SUB_APPID,
  OPT_SUB_MCHID,
  OPT_SUB_OPENID,
  OPT_VARIANT,
  OPT_FORMAT,
  OPT_API_KEY_FILE,
  OPT_API_KEY,
  OPT_ALLOW_NO_OPENID,
  OPT_RELAXED
};

static const struct option options[] = {
    {"appid", required_argument, NULL, OPT_APPID},
    {"mchid", required_argument, NULL, OPT_MCHID},
    {"openid", required_argument, NULL, OPT_OPENID},
    {"nonce", required_argument, NULL, OPT_NONCE},
    {"sub-appid", required_argument, NULL, OPT_SUB_APPID},
    {"sub-mchid", required_argument, NULL, OPT_SUB_MCHID},
    {"sub-openid", required_argument, NULL, OPT_SUB_OPENID},
    {"variant", required_argument, NULL, OPT_VARIANT},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"api-key-file", required_argument, NULL, OPT_API_KEY_FILE},
    {"api-key", required_argument, NULL, OPT_API_KEY},
    {"allow-no-openid", no_argument, NULL, OPT_ALLOW_NO_OPENID},
    {"relaxed", no_argument, NULL, OPT_RELAXED},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

static const variant_row *find_variant(const char *name) {
  size_t i;
  for (i = 0; i < sizeof variants / sizeof variants[0]; i++)
    if (strcmp(variants[i].name, name) == 0)
      return &variants[i];
  return NULL;
}

static int refuse_api_key(char *value) {
  /* Blank it in our argv, which also shortens its life in ps output. */
  if (value != NULL)
    sodium_memzero(value, strlen(value));
  return cli_usage("compose",
                   "--api-key is refused: the command line is visible to "
                   "other users; use REPAYJUMP_API_KEY or --api-key-file");
}

static int print_one(const cli_output *o, const repayjump_result *r) {
  char storage[REPAYJUMP_OUTPUT_MAX + 1];
  cli_buf b;
  cli_buf_init(&b, storage, sizeof storage);
  cli_buf_addf(&b, "%s\n", cli_output_text(o, r));
  return cli_buf_write(&b);
}

static int print_all(const variant_row *v, const repayjump_result *r) {
  char storage[REPAYJUMP_FORMAT_COUNT * REPAYJUMP_OUTPUT_MAX + 256];
  cli_buf b;
  size_t i;
  cli_buf_init(&b, storage, sizeof storage);
  /* No escaping: the library's value rules admit only JSON-safe bytes, and
     the JSON outputs are embedded as the objects they are. */
  cli_buf_addf(&b, "{\"variant\":\"%s\",\"nonce_str\":\"%s\"", v->name,
               r->nonce_str);
  if (v->is_signed)
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
  repayjump_params p = {0};
  repayjump_result r;
  repayjump_error e;
  const variant_row *v = &variants[0];
  const cli_output *format = NULL; /* NULL: all */
  const char *key_file = NULL;
  int c, rc;

  while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
    switch (c) {
    case 'h':
      return cli_print_help(help, example);
    case OPT_APPID:
      p.appid = optarg;
      break;
    case OPT_MCHID:
      p.mchid = optarg;
      break;
    case OPT_OPENID:
      p.openid = optarg;
      break;
    case OPT_NONCE:
      p.nonce_str = optarg;
      break;
    case OPT_SUB_APPID:
      p.sub_appid = optarg;
      break;
    case OPT_SUB_MCHID:
      p.sub_mchid = optarg;
      break;
    case OPT_SUB_OPENID:
      p.sub_openid = optarg;
      break;
    case OPT_VARIANT:
      if ((v = find_variant(optarg)) == NULL)
        return cli_usage("compose",
                         "unknown --variant '%s'; expected v3, v3-partner, "
                         "v2 or v2-partner",
                         optarg);
      break;
    case OPT_FORMAT:
      format = cli_output_find(optarg);
      if (format == NULL && strcmp(optarg, "all") != 0)
        return cli_usage("compose",
                         "unknown --format '%s'; expected extra-data, "
                         "navigate, app-path, app-launch or all",
                         optarg);
      break;
    case OPT_API_KEY_FILE:
      key_file = optarg;
      break;
    case OPT_API_KEY:
      return refuse_api_key(optarg);
    case OPT_ALLOW_NO_OPENID:
      p.flags |= REPAYJUMP_ALLOW_NO_OPENID;
      break;
    case OPT_RELAXED:
      p.flags |= REPAYJUMP_RELAXED;
      break;
    default:
      if (c == ':' && optopt == OPT_API_KEY)
        return refuse_api_key(NULL);
      return cli_bad_option("compose", c, argv);
    }
  }
  if (optind < argc)
    return cli_usage("compose", "unexpected argument '%s'", argv[optind]);

  /* The environment's key only serves signing variants. An explicit file
     is always passed on, so that v3 reports the misplaced key. */
  rc = cli_key_load(key, key_file, v->is_signed);
  if (rc != CLI_OK)
    return rc;
  p.variant = v->variant;
  p.api_key = key->value;

  rc = repayjump_compose(&p, &r, &e);
  if (rc != REPAYJUMP_OK)
    return cli_report(rc, &e);
  return format != NULL ? print_one(format, &r) : print_all(v, &r);
}

static int run(int argc, char **argv) {
  cli_key key;
  int rc;
  cli_key_init(&key);
  rc = compose(argc, argv, &key);
  cli_key_wipe(&key); /* every return path of compose ends here */
  return rc;
}

const cli_command cli_compose = {
    "compose", "validate fields and print the jump's parameters", help, example,
    run};
