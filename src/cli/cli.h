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

extern const cli_command cli_demo, cli_compose, cli_check, cli_nonce;

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

#endif /* REPAYJUMP_CLI_H */
