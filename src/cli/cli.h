/* Pieces shared by the repayjump command-line tool's source files. */
#ifndef REPAYJUMP_CLI_H
#define REPAYJUMP_CLI_H

#include <getopt.h>
#include <stddef.h>

#include <repayjump.h>

#if defined(__GNUC__)
#define CLI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CLI_PRINTF(f, a)
#endif

/* Exit statuses; --help documents them (cli_exit_help). */
enum cli_exit {
  CLI_OK = 0,
  CLI_INVALID = 1, /* the library rejected an input value */
  CLI_USAGE = 2,   /* bad command line, unreadable key file */
  CLI_INTERNAL = 3 /* no randomness, write error, anything unexpected */
};

/* ---- commands: argv[0] is the command's name ---- */

typedef struct cli_command {
  const char *name;
  const char *summary; /* one line for the global help */
  const char *help;    /* its help up to EXIT STATUS */
  const char *example; /* its help's EXAMPLE section */
  int (*run)(int argc, char **argv);
  const char *exit_help; /* its own EXIT STATUS section, NULL: the common */
} cli_command;

extern const cli_command cli_demo, cli_compose, cli_check, cli_nonce,
    cli_status_request, cli_status_parse;

/* ---- output.c: every output is one buffer, written once ---- */

typedef struct cli_buf {
  char *data;
  size_t cap;
  size_t len;
  int overflow; /* an append did not fit: the buffer must not be written */
} cli_buf;

void cli_buf_init(cli_buf *b, char *storage, size_t cap);
void cli_buf_add(cli_buf *b, const char *s);
void cli_buf_addf(cli_buf *b, const char *fmt, ...) CLI_PRINTF(2, 3);

/* s as a JSON string, quotes included. */
void cli_buf_add_json(cli_buf *b, const char *s);

/* Write b with one fwrite and flush it; CLI_OK or CLI_INTERNAL (reported). */
int cli_buf_write(const cli_buf *b);

/* Write n bytes and flush; CLI_OK or CLI_INTERNAL after a message. */
int cli_write(const char *data, size_t n);

/* help, the EXIT STATUS section, then example, to stdout. */
int cli_print_help(const char *help, const char *example);

/* The same with a command's own EXIT STATUS section. */
int cli_print_help_exit(const char *help, const char *exit_help,
                        const char *example);

extern const char cli_exit_help[];

/* Report a failed library call; returns the exit status it maps to. */
int cli_report(int status, const repayjump_error *err);

/* ---- args.c: command-line helpers; each prints why it fails ---- */

/* Report getopt_long's return c ('?' or ':'); returns CLI_USAGE. */
int cli_bad_option(const char *cmd, int c, char **argv);

/* "repayjump: <cmd>: <message>; see ..." on stderr; returns CLI_USAGE. */
int cli_usage(const char *cmd, const char *fmt, ...) CLI_PRINTF(2, 3);

/* Refuse an option given twice: index is getopt_long's longindex (-1 for a
   short option), seen the caller's record (at most 32 options). CLI_OK or
   CLI_USAGE. */
int cli_once(const char *cmd, const struct option *options, int index,
             unsigned long *seen);

/* Parse a decimal in min..max (digits only) into *out; CLI_OK or CLI_USAGE. */
int cli_parse_number(const char *cmd, const char *opt, const char *s,
                     unsigned long min, unsigned long max, unsigned long *out);

/* ---- identity.c: the merchant's identity options ---- */

/* Long options only: above every char. */
enum {
  CLI_OPT_APPID = 256,
  CLI_OPT_MCHID,
  CLI_OPT_OPENID,
  CLI_OPT_NONCE,
  CLI_OPT_SUB_APPID,
  CLI_OPT_SUB_MCHID,
  CLI_OPT_SUB_OPENID,
  CLI_OPT_VARIANT,
  CLI_OPT_API_KEY_FILE,
  CLI_OPT_API_KEY,
  CLI_OPT_ALLOW_NO_OPENID,
  CLI_OPT_RELAXED,
  CLI_OPT_IDENTITY_END /* a command's own options start here */
};

/* The identity options, for a command's option table. */
#define CLI_IDENTITY_OPTIONS                                                   \
  {"appid", required_argument, NULL, CLI_OPT_APPID},                           \
      {"mchid", required_argument, NULL, CLI_OPT_MCHID},                       \
      {"openid", required_argument, NULL, CLI_OPT_OPENID},                     \
      {"nonce", required_argument, NULL, CLI_OPT_NONCE},                       \
      {"sub-appid", required_argument, NULL, CLI_OPT_SUB_APPID},               \
      {"sub-mchid", required_argument, NULL, CLI_OPT_SUB_MCHID},               \
      {"sub-openid", required_argument, NULL, CLI_OPT_SUB_OPENID},             \
      {"variant", required_argument, NULL, CLI_OPT_VARIANT},                   \
      {"api-key-file", required_argument, NULL, CLI_OPT_API_KEY_FILE},         \
      {"api-key", required_argument, NULL, CLI_OPT_API_KEY},                   \
      {"allow-no-openid", no_argument, NULL, CLI_OPT_ALLOW_NO_OPENID}, {       \
    "relaxed", no_argument, NULL, CLI_OPT_RELAXED                              \
  }

typedef struct cli_identity {
  repayjump_params params; /* api_key is set by the command */
  const char *key_file;    /* --api-key-file, NULL when not given */
} cli_identity;

/* What cli_identity_option returns for an option that is not one of the
   identity's. */
#define CLI_NOT_MINE (-1)

/* Take getopt_long's c with its argument into id: CLI_OK; CLI_USAGE after
   a message (an unknown variant, --api-key); CLI_NOT_MINE for an option
   the command handles itself. */
int cli_identity_option(cli_identity *id, const char *cmd, int c, char *arg);

/* A required field absent (REPAYJUMP_E_MISSING in e), said in
   command-line terms: why_key says why the key is needed, openid_hint
   follows a missing openid. Returns the exit status. */
int cli_identity_missing(const cli_identity *id, const char *cmd,
                         const char *why_key, const char *openid_hint,
                         const repayjump_error *e);

/* The target's own AppID as appid is allowed (the document's table names
   it) but most likely wrong: say why on stderr. */
void cli_warn_target_appid(const char *appid);

/* ---- formats.c: the four outputs as rows of one table ---- */

typedef struct cli_output {
  const char *json_key; /* key in --format all: "extra_data" */
  const char *label;    /* heading in demo */
  int is_json;          /* embedded as JSON in --format all, else a string */
  size_t offset;        /* of its string in repayjump_result */
} cli_output;

extern const cli_output cli_outputs[REPAYJUMP_FORMAT_COUNT];

/* The row named name, NULL when none is. */
const cli_output *cli_output_find(const char *name);

/* The output's string in r. */
const char *cli_output_text(const cli_output *o, const repayjump_result *r);

/* ---- apikey.c: the APIv2 key, never taken from argv ---- */

#define CLI_KEY_FILE_MAX 4096

typedef struct cli_key {
  char buf[CLI_KEY_FILE_MAX + 2]; /* one byte more to see an oversize file,
                                     one for the NUL */
  const char *value;              /* NULL: no key */
} cli_key;

/* Empty k; call before anything can fail so cli_key_wipe is always safe. */
void cli_key_init(cli_key *k);

/* Load the key from file ("-": standard input), else (when use_env) from
   REPAYJUMP_API_KEY; one trailing "\n" or "\r\n" is dropped from either.
   CLI_OK, or an exit status after a message (for command cmd) that never
   holds the key. */
int cli_key_load(cli_key *k, const char *cmd, const char *file, int use_env);

/* Zero every byte of the key held in k. */
void cli_key_wipe(cli_key *k);

/* Run command with an empty key, and wipe the key whatever it returns. */
int cli_with_key(int (*command)(int, char **, cli_key *), int argc,
                 char **argv);

#endif /* REPAYJUMP_CLI_H */
