/* repayjump check: read jump parameters that other code produced (an App
   path, a query, extraData, a navigate argument, an App launch request, a
   JavaScript object literal) and list every problem in them. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "chk.h"

static const char help[] =
    "NAME\n"
    "  repayjump check - list every problem in jump parameters that\n"
    "  existing code sends\n"
    "\n"
    "SYNOPSIS\n"
    "  repayjump check [--format text|json] [--variant VARIANT]\n"
    "      [--api-key-file FILE] [--allow-no-openid] [--relaxed] [--lines]\n"
    "      [INPUT | -]\n"
    "\n"
    "DESCRIPTION\n"
    "  Reads an App path (pages/invest_list/invest_list?appid=...), a\n"
    "  query string, an extraData object or a wx.navigateToMiniProgram\n"
    "  argument as JSON, an App launch request as JSON (userName, path,\n"
    "  miniProgramType), or a JavaScript object literal pasted from a mini\n"
    "  program (a leading 'var NAME =' is skipped), and lists every\n"
    "  problem in it, each with its place, a stable code, the rule it\n"
    "  breaks and a fix. It is what to run when WeChat answers a jump with\n"
    "  \"parameter error\" and nothing else.\n"
    "\n"
    "  INPUT is the text to check, as one argument; '-' or none reads\n"
    "  standard input as one input.\n"
    "\n"
    "OPTIONS\n"
    "  --format FORMAT      text  (default) like a compiler:\n"
    "                             NAME:LINE:COLUMN: severity[code]: message,\n"
    "                             the input line with a caret, the fix, then\n"
    "                             'N errors, N warnings, N notes'\n"
    "                       json  one JSON object per input: line (with\n"
    "                             --lines), kind, variant, errors, warnings,\n"
    "                             notes, findings[{code, severity, key,\n"
    "                             offset, length, message, fix, in_value}]\n"
    "  --variant VARIANT    auto        (default) from the keys: sign or\n"
    "                                   sign_type means APIv2; sub_mch_id,\n"
    "                                   sub_appid or sub_openid, partner\n"
    "                       v3          APIv3 merchant\n"
    "                       v3-partner  APIv3 service provider\n"
    "                       v2          APIv2 merchant, signed\n"
    "                       v2-partner  APIv2 service provider, signed\n"
    "  --api-key-file FILE  verify an APIv2 sign with the key in FILE ('-':\n"
    "                       standard input; one trailing newline dropped);\n"
    "                       without a key a sign is only noted as unverified\n"
    "  --api-key KEY        refused (exit 2): any user can read the command\n"
    "                       line with ps; use REPAYJUMP_API_KEY or\n"
    "                       --api-key-file\n"
    "  --allow-no-openid    do not require openid\n"
    "  --relaxed            the looser rules of compose --relaxed\n"
    "  --lines              standard input holds one input per line (a log:\n"
    "                       grep invest_list app.log | repayjump check\n"
    "                       --lines); blank lines are skipped, each finding\n"
    "                       carries its line number, and in a line that\n"
    "                       does not start as an input, the input is found:\n"
    "                       from its page (pages/...) or its '{', less the\n"
    "                       quotes or ';' around it\n"
    "  -h, --help           show this help\n"
    "\n"
    "  NAME is 'input' for an argument, '<stdin>' for standard input; LINE\n"
    "  and COLUMN count from 1, COLUMN in bytes. Findings in a JSON value,\n"
    "  whose place jansson does not give, count bytes within the value\n"
    "  (in_value). Codes are stable: none is ever renamed.\n"
    "\n"
    "ENVIRONMENT\n"
    "  REPAYJUMP_API_KEY    the APIv2 key that a sign is verified with,\n"
    "                       unless --api-key-file is given. No output ever\n"
    "                       shows it.\n";

static const char exit_help[] =
    "EXIT STATUS\n"
    "  0  no errors (warnings and notes allowed)\n"
    "  1  at least one error\n"
    "  2  usage: unknown option, an option given twice, a bad option value,\n"
    "     --api-key on the command line, unreadable input or key file, JSON\n"
    "     input to a repayjump built without JSON support\n"
    "  3  internal: write error, out of memory\n";

static const char example[] =
    "EXAMPLES\n"
    "  repayjump check 'pages/invest_list/invest_list?mchid=1900009231&"
    "appid=...'\n"
    "  repayjump check --format json < extra-data.json\n"
    "  grep invest_list app.log | repayjump check --lines --format json -\n";

enum {
  OPT_FORMAT = 256,
  OPT_VARIANT,
  OPT_API_KEY_FILE,
  OPT_API_KEY,
  OPT_ALLOW_NO_OPENID,
  OPT_RELAXED,
  OPT_LINES
};

static const struct option options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"variant", required_argument, NULL, OPT_VARIANT},
    {"api-key-file", required_argument, NULL, OPT_API_KEY_FILE},
    {"api-key", required_argument, NULL, OPT_API_KEY},
    {"allow-no-openid", no_argument, NULL, OPT_ALLOW_NO_OPENID},
    {"relaxed", no_argument, NULL, OPT_RELAXED},
    {"lines", no_argument, NULL, OPT_LINES},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* 1 MiB out; flushed when full and before each read that may block. */
#define OUT_CAP (1u << 20)
#define IN_CHUNK (1u << 20)

typedef struct run_state {
  chk_options opt;
  int json;
  chk_out out;
  chk_result res;
  size_t errors, warnings, notes;
  int status; /* worst exit status so far, below CLI_INTERNAL */
} run_state;

static int parse_variant(const char *s, int *variant) {
  int v;
  if (strcmp(s, "auto") == 0) {
    *variant = REPAYJUMP_VARIANT_AUTO;
    return CLI_OK;
  }
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++)
    if (strcmp(repayjump_variant_name(v), s) == 0) {
      *variant = v;
      return CLI_OK;
    }
  return cli_usage("check",
                   "unknown --variant '%s'; expected auto, %s, %s, "
                   "%s or %s",
                   s, repayjump_variant_name(0), repayjump_variant_name(1),
                   repayjump_variant_name(2), repayjump_variant_name(3));
}

static int refuse_api_key(char *value) {
  if (value != NULL)
    sodium_memzero(value, strlen(value));
  return cli_usage("check",
                   "--api-key is refused: the command line is visible to "
                   "other users; use REPAYJUMP_API_KEY or --api-key-file");
}

/* Check one input and report it; line: its first line's number. */
static int one(run_state *st, const char *name, size_t line, int lines,
               const char *text, size_t len) {
  chk_place at;
  size_t skip = 0, n = len;
  chk_clear(&st->res);
  if (lines)
    chk_locate(text, len, &skip, &n); /* a log line: the input in it */
  chk_input(&st->opt, text + skip, n, &st->res);
  chk_shift(&st->res, skip);
  if (st->res.unsupported) {
    if (lines)
      fprintf(stderr, "repayjump: check: %s:%zu: ", name, line);
    else
      fputs("repayjump: check: ", stderr);
    if (st->res.kind == REPAYJUMP_KIND_MANIFEST ||
        st->res.kind == REPAYJUMP_KIND_PLIST)
      fputs("this repayjump was built without XML support (expat): XML "
            "input cannot be checked\n",
            stderr);
    else
      fputs("this repayjump was built without JSON support (jansson): JSON "
            "input cannot be checked\n",
            stderr);
    st->status = CLI_USAGE;
    return CLI_OK;
  }
  if (st->res.failed) {
    fputs("repayjump: check: out of memory\n", stderr);
    return CLI_INTERNAL;
  }
  at.name = name;
  at.line = line;
  at.lines = lines;
  at.text = text;
  at.len = len;
  at.file = 0;
  if (st->json)
    chk_report_json(&st->out, &at, &st->res);
  else
    chk_report_text(&st->out, &at, &st->res);
  st->errors += st->res.errors;
  st->warnings += st->res.warnings;
  st->notes += st->res.notes;
  if (st->res.errors > 0 && st->status == CLI_OK)
    st->status = CLI_INVALID;
  return st->out.error ? CLI_INTERNAL : CLI_OK;
}

/* All of standard input, in a buffer the caller frees; NULL after a
   message. */
static char *read_all(size_t *len, int *rc) {
  size_t cap = IN_CHUNK, n = 0;
  char *buf = malloc(cap);
  *rc = CLI_INTERNAL;
  if (buf == NULL)
    goto oom;
  for (;;) {
    ssize_t got;
    if (n == cap) {
      char *grown = realloc(buf, cap * 2);
      if (grown == NULL)
        goto oom;
      buf = grown;
      cap *= 2;
    }
    got = read(STDIN_FILENO, buf + n, cap - n);
    if (got == 0)
      break;
    if (got < 0) {
      if (errno == EINTR)
        continue;
      *rc =
          cli_usage("check", "cannot read standard input: %s", strerror(errno));
      free(buf);
      return NULL;
    }
    n += (size_t)got;
  }
  *len = n;
  return buf;
oom:
  free(buf);
  fputs("repayjump: check: out of memory\n", stderr);
  return NULL;
}

/* Is s[0..n) only spaces and tabs? */
static int blank(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t')
      return 0;
  return 1;
}

/* Standard input, a block at a time, with the unread part kept. */
typedef struct line_reader {
  char *buf;
  size_t cap, have;
  size_t line; /* lines read so far */
  int eof;
} line_reader;

/* Check each complete line of in's buffer; keep the rest (all of it at
   the end of input). */
static int each_complete_line(run_state *st, line_reader *in) {
  size_t start = 0;
  const char *nl;
  int rc = CLI_OK;
  while (rc == CLI_OK &&
         (nl = memchr(in->buf + start, '\n', in->have - start)) != NULL) {
    size_t end = (size_t)(nl - in->buf), n = end - start;
    in->line++;
    if (n > 0 && in->buf[end - 1] == '\r')
      n--; /* a CRLF log */
    if (!blank(in->buf + start, n))
      rc = one(st, "<stdin>", in->line, 1, in->buf + start, n);
    start = end + 1;
  }
  if (rc == CLI_OK && in->eof && start < in->have) {
    /* a last line without its newline */
    in->line++;
    if (!blank(in->buf + start, in->have - start))
      rc = one(st, "<stdin>", in->line, 1, in->buf + start, in->have - start);
    start = in->have;
  }
  memmove(in->buf, in->buf + start, in->have - start);
  in->have -= start;
  return rc;
}

/* Read more of standard input into in; a line longer than the buffer
   grows it, never is cut. */
static int read_more(line_reader *in) {
  if (in->have == in->cap) {
    char *grown = realloc(in->buf, in->cap * 2);
    if (grown == NULL) {
      fputs("repayjump: check: out of memory\n", stderr);
      return CLI_INTERNAL;
    }
    in->buf = grown;
    in->cap *= 2;
  }
  for (;;) {
    ssize_t got = read(STDIN_FILENO, in->buf + in->have, in->cap - in->have);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0)
      return cli_usage("check", "cannot read standard input: %s",
                       strerror(errno));
    in->eof = got == 0;
    in->have += (size_t)got;
    return CLI_OK;
  }
}

/* --lines: one input per line of standard input, streamed. Output is
   written before each read, so a slow writer (tail -f) sees its results
   at once while a file is read and written in large blocks. */
static int each_line(run_state *st) {
  line_reader in = {NULL, IN_CHUNK, 0, 0, 0};
  int rc = CLI_OK;
  if ((in.buf = malloc(in.cap)) == NULL) {
    fputs("repayjump: check: out of memory\n", stderr);
    return CLI_INTERNAL;
  }
  while (rc == CLI_OK && !in.eof) {
    rc = chk_out_flush(&st->out);
    if (rc == CLI_OK)
      rc = read_more(&in);
    if (rc == CLI_OK)
      rc = each_complete_line(st, &in);
  }
  free(in.buf);
  return rc;
}

/* What the command line asks for besides st's options. */
typedef struct request {
  const char *key_file;
  const char *input; /* NULL: standard input */
  int lines;
  int help; /* --help was printed */
} request;

static int parse_option(int c, char **argv, run_state *st, request *q) {
  switch (c) {
  case 'h':
    q->help = 1;
    return cli_print_help_exit(help, exit_help, example);
  case OPT_FORMAT:
    if (strcmp(optarg, "text") != 0 && strcmp(optarg, "json") != 0)
      return cli_usage("check", "unknown --format '%s'; expected text or json",
                       optarg);
    st->json = optarg[0] == 'j';
    return CLI_OK;
  case OPT_VARIANT:
    return parse_variant(optarg, &st->opt.lib.variant);
  case OPT_API_KEY_FILE:
    q->key_file = optarg;
    return CLI_OK;
  case OPT_API_KEY:
    return refuse_api_key(optarg);
  case OPT_ALLOW_NO_OPENID:
    st->opt.lib.flags |= REPAYJUMP_ALLOW_NO_OPENID;
    return CLI_OK;
  case OPT_RELAXED:
    st->opt.lib.flags |= REPAYJUMP_RELAXED;
    return CLI_OK;
  case OPT_LINES:
    q->lines = 1;
    return CLI_OK;
  default:
    if (c == ':' && optopt == OPT_API_KEY)
      return refuse_api_key(NULL);
    return cli_bad_option("check", c, argv);
  }
}

static int parse(int argc, char **argv, run_state *st, request *q) {
  unsigned long seen = 0;
  int c, index = -1;
  st->opt.lib.variant = REPAYJUMP_VARIANT_AUTO;
  /* the tool runs on the merchant's own machine: it may say what the
     signature should be */
  st->opt.lib.flags = REPAYJUMP_CHECK_EXPECTED_SIGN;
  while ((c = getopt_long(argc, argv, ":h", options, &index)) != -1) {
    int rc;
    if (c != '?' && c != ':' && cli_once("check", options, index, &seen))
      return CLI_USAGE;
    index = -1;
    if ((rc = parse_option(c, argv, st, q)) != CLI_OK || q->help)
      return rc;
  }
  if (optind < argc)
    q->input = argv[optind++];
  if (optind < argc)
    return cli_usage("check",
                     "unexpected argument '%s'; give the input as one "
                     "argument (quote it)",
                     argv[optind]);
  if (q->lines && q->input != NULL && strcmp(q->input, "-") != 0)
    return cli_usage("check", "--lines reads standard input; give '-' or "
                              "no INPUT");
  if (q->input != NULL && strcmp(q->input, "-") == 0)
    q->input = NULL;
  if (q->key_file != NULL && strcmp(q->key_file, "-") == 0 && q->input == NULL)
    return cli_usage("check", "--api-key-file - and the input cannot both "
                              "be standard input");
  return CLI_OK;
}

/* The one input of standard input, less the line end that ends a file or
   `echo`, which is not part of it. */
static int whole_stdin(run_state *st) {
  size_t len = 0;
  int rc;
  char *text = read_all(&len, &rc);
  if (text == NULL)
    return rc;
  while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
    len--;
  rc = one(st, "<stdin>", 1, 0, text, len);
  free(text);
  return rc;
}

static int check(int argc, char **argv, cli_key *key, run_state *st) {
  request q = {NULL, NULL, 0, 0};
  int rc = parse(argc, argv, st, &q);
  if (rc != CLI_OK || q.help)
    return rc;
  if ((rc = cli_key_load(key, "check", q.key_file, 1)) != CLI_OK)
    return rc;
  st->opt.lib.api_key = key->value;
  if (!chk_out_init(&st->out, OUT_CAP)) {
    fputs("repayjump: check: out of memory\n", stderr);
    return CLI_INTERNAL;
  }
  if (q.lines)
    rc = each_line(st);
  else if (q.input != NULL)
    rc = one(st, "input", 1, 0, q.input, strlen(q.input));
  else
    rc = whole_stdin(st);
  if (rc == CLI_OK && !st->json && st->status != CLI_USAGE)
    chk_report_summary(&st->out, st->errors, st->warnings, st->notes);
  if (chk_out_flush(&st->out) != CLI_OK)
    return CLI_INTERNAL;
  return rc != CLI_OK ? rc : st->status;
}

static int run(int argc, char **argv) {
  cli_key key;
  run_state st;
  int rc;
  cli_key_init(&key);
  memset(&st, 0, sizeof st);
  chk_result_init(&st.res);
  rc = check(argc, argv, &key, &st);
  cli_key_wipe(&key); /* every return path of check ends here */
  chk_result_free(&st.res);
  chk_out_free(&st.out);
  return rc;
}

const cli_command cli_check = {
    "check", "list every problem in jump parameters that code already sends",
    help,    example,
    run,     exit_help};
