/* The merchant's identity on the command line: the options compose and
   the status commands share, into a repayjump_params, and what to say when
   the library finds a required one absent. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli.h"

/* The variant named name, -1 when none is: the names are the library's. */
static int find_variant(const char *name) {
  int v;
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++)
    if (strcmp(repayjump_variant_name(v), name) == 0)
      return v;
  return -1;
}

static int refuse_api_key(const char *cmd, char *value) {
  /* Blank it in our argv, which also shortens its life in ps output. */
  if (value != NULL)
    sodium_memzero(value, strlen(value));
  return cli_usage(cmd, "--api-key is refused: the command line is visible "
                        "to other users; use REPAYJUMP_API_KEY or "
                        "--api-key-file");
}

int cli_identity_option(cli_identity *id, const char *cmd, int c, char *arg) {
  repayjump_params *p = &id->params;
  switch (c) {
  case CLI_OPT_APPID:
    p->appid = arg;
    break;
  case CLI_OPT_MCHID:
    p->mchid = arg;
    break;
  case CLI_OPT_OPENID:
    p->openid = arg;
    break;
  case CLI_OPT_NONCE:
    p->nonce_str = arg;
    break;
  case CLI_OPT_SUB_APPID:
    p->sub_appid = arg;
    break;
  case CLI_OPT_SUB_MCHID:
    p->sub_mchid = arg;
    break;
  case CLI_OPT_SUB_OPENID:
    p->sub_openid = arg;
    break;
  case CLI_OPT_VARIANT:
    if ((p->variant = find_variant(arg)) < 0)
      return cli_usage(cmd, "unknown --variant '%s'; expected %s, %s, %s or %s",
                       arg, repayjump_variant_name(0),
                       repayjump_variant_name(1), repayjump_variant_name(2),
                       repayjump_variant_name(3));
    break;
  case CLI_OPT_API_KEY_FILE:
    id->key_file = arg;
    break;
  case CLI_OPT_API_KEY:
    return refuse_api_key(cmd, arg);
  case CLI_OPT_ALLOW_NO_OPENID:
    p->flags |= REPAYJUMP_ALLOW_NO_OPENID;
    break;
  case CLI_OPT_RELAXED:
    p->flags |= REPAYJUMP_RELAXED;
    break;
  case ':':
    if (optopt == CLI_OPT_API_KEY)
      return refuse_api_key(cmd, NULL);
    return CLI_NOT_MINE;
  default:
    return CLI_NOT_MINE;
  }
  return CLI_OK;
}

/* The option that sets each field the library may find absent, and where
   its value is. */
typedef struct field_row {
  const char *option;
  size_t at; /* offset of the const char * in repayjump_params */
} field_row;

#define PARAM(member) offsetof(repayjump_params, member)
static const field_row field_options[REPAYJUMP_FIELD_COUNT] = {
    [REPAYJUMP_FIELD_APPID] = {"--appid", PARAM(appid)},
    [REPAYJUMP_FIELD_MCHID] = {"--mchid", PARAM(mchid)},
    [REPAYJUMP_FIELD_NONCE_STR] = {"--nonce", PARAM(nonce_str)},
    [REPAYJUMP_FIELD_OPENID] = {"--openid", PARAM(openid)},
    [REPAYJUMP_FIELD_SUB_APPID] = {"--sub-appid", PARAM(sub_appid)},
    [REPAYJUMP_FIELD_SUB_MCHID] = {"--sub-mchid", PARAM(sub_mchid)},
    [REPAYJUMP_FIELD_SUB_OPENID] = {"--sub-openid", PARAM(sub_openid)},
};

int cli_identity_missing(const cli_identity *id, const char *cmd,
                         const char *why_key, const char *openid_hint,
                         const repayjump_error *e) {
  const repayjump_params *p = &id->params;
  const char *variant = repayjump_variant_name(p->variant);
  const field_row *row = NULL;
  int given, openid = e->field == REPAYJUMP_FIELD_OPENID;
  if (e->field == REPAYJUMP_FIELD_API_KEY) {
    if (id->key_file != NULL)
      return cli_usage(cmd, "--api-key-file '%s' holds an empty key",
                       id->key_file);
    return cli_usage(
        cmd, "%s: set REPAYJUMP_API_KEY or pass --api-key-file FILE", why_key);
  }
  if (e->field > 0 && e->field < REPAYJUMP_FIELD_COUNT)
    row = &field_options[e->field];
  if (row == NULL || row->option == NULL) /* a bug here */
    return cli_report(e->status, e);
  given = *(const char *const *)((const char *)p + row->at) != NULL;
  if (given)
    return cli_usage(cmd, "%s is empty%s", row->option,
                     openid ? openid_hint : "");
  return cli_usage(cmd, "missing %s, required by the %s variant%s", row->option,
                   variant, openid ? openid_hint : "");
}

void cli_warn_target_appid(const char *appid) {
  if (appid != NULL && strcmp(appid, repayjump_target_appid()) == 0)
    fprintf(stderr,
            "repayjump: warning: --appid %s is the repayment mini program's "
            "own AppID; appid must be your own AppID, the one the user's "
            "openid belongs to (the document's table names the target's, but "
            "both its examples send the merchant's)\n",
            appid);
}
