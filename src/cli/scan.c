/* repayjump scan: walk files and directories, read each source file of
   the jump by its type (chk_source.c) and report its findings with
   FILE:LINE:COLUMN, as check does (CHECK.md). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "chk.h"

#define OUT_CAP (1u << 16)

static const char help_text[] =
    "NAME\n"
    "  repayjump scan - find the repayment jump in source files and check "
    "it\n"
    "\n"
    "SYNOPSIS\n"
    "  repayjump scan [--format text|json|sarif] [--variant V]\n"
    "                 [--api-key-file FILE] PATH...\n"
    "\n"
    "DESCRIPTION\n"
    "  Walks each PATH (a file or a directory; .git, node_modules,\n"
    "  miniprogram_npm and build output are skipped; symbolic links inside\n"
    "  a directory are not followed) and reads .wxml, .js, .ts, .java, .kt,\n"
    "  .m, .mm and .swift files. In each it finds the places that concern\n"
    "  the repayment jump (the target's AppID, username or page) and checks\n"
    "  them with check's codes, plus wxml.target, src.unclosed and\n"
    "  app.own_appid; every finding is placed at FILE:LINE:COLUMN. Where\n"
    "  App code of the jump is found, AndroidManifest.xml (manifest.*) and\n"
    "  Info.plist (plist.url_scheme) files of the same PATH are read too.\n"
    "\n"
    "OPTIONS\n"
    "  --format text|json|sarif\n"
    "                       text like a compiler's (default), one JSON\n"
    "                       object per file with findings, or one SARIF\n"
    "                       2.1.0 log (URIs relative to each PATH)\n"
    "  --variant V          auto (default), v3, v3-partner, v2, v2-partner\n"
    "  --api-key-file FILE  the APIv2 key to verify signatures with (or\n"
    "                       REPAYJUMP_API_KEY)\n"
    "  -h, --help           this help\n";
static const char example[] = "  repayjump scan miniprogram/ android/app/src\n";

enum { OPT_FORMAT = 256, OPT_VARIANT, OPT_API_KEY_FILE };
enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF };

static const struct option options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"variant", required_argument, NULL, OPT_VARIANT},
    {"api-key-file", required_argument, NULL, OPT_API_KEY_FILE},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Paths: the walk's pending ones (the next one last), or the
   configuration files met. */
typedef struct path_list {
  char **paths;
  size_t count, cap;
} path_list;

typedef struct scan_state {
  path_list config; /* AndroidManifest.xml and Info.plist files
                              met in the walk of one PATH: read once it is
                              known whether App code of the jump is there */
  int jump;         /* App code of the jump was read in this PATH */
  chk_options opt;
  chk_result res;
  chk_out out;
  int format;       /* FORMAT_* */
  const char *root; /* the PATH being walked */
  int first;        /* SARIF: no result written yet */
  size_t errors, warnings, notes;
  int status; /* CLI_OK, CLI_INVALID or CLI_USAGE */
} scan_state;

typedef void (*reader)(const chk_options *, const char *, size_t, chk_result *);

static int ends_with(const char *s, const char *tail) {
  size_t n = strlen(s), t = strlen(tail);
  return n >= t && strcmp(s + n - t, tail) == 0;
}

/* The reader of a file by its name, NULL for files scan does not read. */
static reader reader_of(const char *path) {
  static const char *const app[] = {".java", ".kt", ".m", ".mm", ".swift"};
  size_t i;
  if (ends_with(path, ".wxml"))
    return chk_wxml;
  if (ends_with(path, ".js") || ends_with(path, ".ts"))
    return chk_js_source;
  for (i = 0; i < sizeof app / sizeof app[0]; i++)
    if (ends_with(path, app[i]))
      return chk_app_source;
  return NULL;
}

/* The reader of an App's configuration file, NULL for other files. */
static reader config_reader_of(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (strcmp(base, "AndroidManifest.xml") == 0)
    return chk_manifest;
  if (strcmp(base, "Info.plist") == 0)
    return chk_plist;
  return NULL;
}

/* Directories that hold no source of the merchant's own. */
static int skipped(const char *name) {
  static const char *const names[] = {
      ".git", "node_modules", "miniprogram_npm", "build",
      "dist", "out",          ".gradle",         "DerivedData"};
  size_t i;
  for (i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(name, names[i]) == 0)
      return 1;
  return 0;
}

/* The whole file, in a buffer the caller frees; NULL after a message
   (*rc: CLI_USAGE unreadable, CLI_INTERNAL out of memory). */
static char *read_file(const char *path, size_t *len, int *rc) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  size_t cap = 1 << 14, n = 0;
  char *buf;
  if (fd < 0) {
    fprintf(stderr, "repayjump: scan: %s: %s\n", path, strerror(errno));
    *rc = CLI_USAGE;
    return NULL;
  }
  if ((buf = malloc(cap)) == NULL)
    goto no_memory;
  for (;;) {
    ssize_t got;
    if (n == cap) {
      char *grown = realloc(buf, cap *= 2);
      if (grown == NULL)
        goto no_memory;
      buf = grown;
    }
    got = read(fd, buf + n, cap - n);
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      fprintf(stderr, "repayjump: scan: %s: %s\n", path, strerror(errno));
      free(buf);
      close(fd);
      *rc = CLI_USAGE;
      return NULL;
    }
    if (got == 0)
      break;
    n += (size_t)got;
  }
  close(fd);
  *len = n;
  return buf;
no_memory:
  free(buf);
  close(fd);
  fputs("repayjump: scan: out of memory\n", stderr);
  *rc = CLI_INTERNAL;
  return NULL;
}

/* path relative to root, the PATH it was found under: a file given as
   PATH is its own name. */
static const char *relative(const char *root, const char *path) {
  size_t n = strlen(root);
  if (strcmp(root, path) == 0) {
    const char *base = strrchr(path, '/');
    return base ? base + 1 : path;
  }
  path += n;
  while (*path == '/')
    path++;
  return path;
}

static int scan_file(scan_state *st, const char *path, reader read) {
  chk_place at;
  size_t len = 0;
  int rc = CLI_OK;
  char *text = read_file(path, &len, &rc);
  if (text == NULL) {
    if (rc == CLI_USAGE)
      st->status = CLI_USAGE;
    return rc == CLI_USAGE ? CLI_OK : rc;
  }
  chk_clear(&st->res);
  read(&st->opt, text, len, &st->res);
  chk_sort(&st->res);
  st->jump |= st->res.jump;
  if (st->res.unsupported) {
    fprintf(stderr,
            "repayjump: scan: %s: this repayjump was built without XML "
            "support (expat): not read\n",
            path);
    free(text);
    return CLI_OK;
  }
  if (st->res.failed) {
    free(text);
    fputs("repayjump: scan: out of memory\n", stderr);
    return CLI_INTERNAL;
  }
  if (st->res.count > 0) {
    at.name = path;
    at.file = 1;
    at.line = 1;
    at.lines = 0;
    at.text = text;
    at.len = len;
    if (st->format == FORMAT_JSON)
      chk_report_json(&st->out, &at, &st->res);
    else if (st->format == FORMAT_SARIF)
      chk_report_sarif(&st->out, &at, relative(st->root, path), &st->res,
                       &st->first);
    else
      chk_report_text(&st->out, &at, &st->res);
  }
  st->errors += st->res.errors;
  st->warnings += st->res.warnings;
  st->notes += st->res.notes;
  if (st->res.errors > 0 && st->status == CLI_OK)
    st->status = CLI_INVALID;
  free(text);
  return chk_out_flush(&st->out);
}

/* Append path, which the list then owns; 0 when out of memory (path is
   freed). */
static int add_path(path_list *l, char *path) {
  if (l->count == l->cap) {
    size_t cap = l->cap ? 2 * l->cap : 32;
    char **grown = realloc(l->paths, cap * sizeof *grown);
    if (grown == NULL) {
      free(path);
      return 0;
    }
    l->paths = grown;
    l->cap = cap;
  }
  l->paths[l->count++] = path;
  return 1;
}

/* A copy of s, NULL when out of memory. */
static char *copy(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p != NULL)
    memcpy(p, s, n);
  return p;
}

/* dir "/" name, NULL when out of memory. */
static char *join(const char *dir, const char *name) {
  size_t d = strlen(dir), n = strlen(name), slash = d > 0 && dir[d - 1] != '/';
  char *p = malloc(d + slash + n + 1);
  if (p != NULL) {
    memcpy(p, dir, d);
    p[d] = '/';
    memcpy(p + d + slash, name, n);
    p[d + slash + n] = '\0';
  }
  return p;
}

/* Descending, so that popping the pending list visits names in order. */
static int by_name_down(const void *a, const void *b) {
  return strcmp(*(char *const *)b, *(char *const *)a);
}

/* Push a directory's entries (less those skipped), so that they are
   visited in name order, whatever the file system's. */
static int push_dir(scan_state *st, path_list *pending, const char *path) {
  DIR *d = opendir(path);
  struct dirent *e;
  size_t from = pending->count;
  int ok = 1;
  if (d == NULL && errno == ENOMEM)
    return CLI_INTERNAL;
  if (d == NULL) {
    fprintf(stderr, "repayjump: scan: %s: %s\n", path, strerror(errno));
    st->status = CLI_USAGE;
    return CLI_OK;
  }
  while (ok && (e = readdir(d)) != NULL)
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
        !skipped(e->d_name)) {
      char *child = join(path, e->d_name);
      ok = child != NULL && add_path(pending, child);
    }
  closedir(d);
  if (pending->count > from)
    qsort(pending->paths + from, pending->count - from, sizeof *pending->paths,
          by_name_down);
  return ok ? CLI_OK : CLI_INTERNAL;
}

/* One path met in the walk: symbolic links are not followed. */
static int visit(scan_state *st, path_list *pending, const char *path) {
  struct stat s;
  reader read;
  char *kept;
  if (lstat(path, &s) != 0)
    return CLI_OK; /* gone since it was listed */
  if (S_ISDIR(s.st_mode))
    return push_dir(st, pending, path);
  if (!S_ISREG(s.st_mode))
    return CLI_OK;
  if ((read = reader_of(path)) != NULL)
    return scan_file(st, path, read);
  if (config_reader_of(path) == NULL)
    return CLI_OK;
  kept = copy(path);
  return kept != NULL && add_path(&st->config, kept) ? CLI_OK : CLI_INTERNAL;
}

/* A directory given as PATH, walked depth first in name order. */
static int walk_dir(scan_state *st, const char *root) {
  path_list pending = {NULL, 0, 0};
  char *path = copy(root);
  int rc = path != NULL && add_path(&pending, path) ? CLI_OK : CLI_INTERNAL;
  while (rc == CLI_OK && pending.count > 0) {
    path = pending.paths[--pending.count];
    rc = visit(st, &pending, path);
    free(path);
  }
  while (pending.count > 0)
    free(pending.paths[--pending.count]);
  free(pending.paths);
  if (rc == CLI_INTERNAL)
    fputs("repayjump: scan: out of memory\n", stderr);
  return rc;
}

/* The configuration files met in one PATH: read when App code of the
   jump was there; they concern the jump only then. */
static int scan_config(scan_state *st) {
  size_t i;
  int rc = CLI_OK;
  for (i = 0; i < st->config.count; i++) {
    if (rc == CLI_OK && st->jump)
      rc = scan_file(st, st->config.paths[i],
                     config_reader_of(st->config.paths[i]));
    free(st->config.paths[i]);
  }
  st->config.count = 0;
  st->jump = 0;
  return rc;
}

/* A PATH of the command line: a file is read whatever its name says,
   when scan reads its type. */
static int walk_root(scan_state *st, const char *path) {
  struct stat s;
  reader read;
  if (stat(path, &s) != 0) {
    fprintf(stderr, "repayjump: scan: %s: %s\n", path, strerror(errno));
    st->status = CLI_USAGE;
    return CLI_OK;
  }
  if (S_ISDIR(s.st_mode)) {
    int rc = walk_dir(st, path);
    return rc == CLI_OK ? scan_config(st) : rc;
  }
  if ((read = config_reader_of(path)) != NULL)
    return scan_file(st, path, read); /* named: read in any case */
  if ((read = reader_of(path)) == NULL) {
    fprintf(stderr,
            "repayjump: scan: %s: not a file scan reads (.wxml, .js, .ts, "
            ".java, .kt, .m, .mm, .swift, AndroidManifest.xml, "
            "Info.plist)\n",
            path);
    st->status = CLI_USAGE;
    return CLI_OK;
  }
  return scan_file(st, path, read);
}

static int parse_variant(const char *s, int *variant) {
  int v;
  if (strcmp(s, "auto") == 0) {
    *variant = REPAYJUMP_VARIANT_AUTO;
    return CLI_OK;
  }
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++)
    if (strcmp(s, repayjump_variant_name(v)) == 0) {
      *variant = v;
      return CLI_OK;
    }
  return cli_usage("scan", "unknown --variant '%s'", s);
}

static int parse_format(const char *s, int *format) {
  static const char *const names[] = {"text", "json", "sarif"};
  int f;
  for (f = 0; f < (int)(sizeof names / sizeof names[0]); f++)
    if (strcmp(s, names[f]) == 0) {
      *format = f; /* FORMAT_TEXT, FORMAT_JSON, FORMAT_SARIF */
      return CLI_OK;
    }
  return cli_usage("scan",
                   "unknown --format '%s'; expected text, json or sarif", s);
}

/* The options into st and *key_file; *help: --help was printed. */
static int parse(int argc, char **argv, scan_state *st, const char **key_file,
                 int *help) {
  unsigned long seen = 0;
  int c, index = -1, rc = CLI_OK;
  st->opt.lib.variant = REPAYJUMP_VARIANT_AUTO;
  st->opt.lib.flags = REPAYJUMP_CHECK_EXPECTED_SIGN;
  while (rc == CLI_OK &&
         (c = getopt_long(argc, argv, ":h", options, &index)) != -1) {
    if (c != '?' && c != ':' && cli_once("scan", options, index, &seen))
      return CLI_USAGE;
    index = -1;
    if (c == 'h') {
      *help = 1;
      return cli_print_help_exit(help_text, NULL, example);
    }
    if (c == OPT_FORMAT)
      rc = parse_format(optarg, &st->format);
    else if (c == OPT_VARIANT)
      rc = parse_variant(optarg, &st->opt.lib.variant);
    else if (c == OPT_API_KEY_FILE)
      *key_file = optarg;
    else
      rc = cli_bad_option("scan", c, argv);
  }
  return rc;
}

static int scan(int argc, char **argv, cli_key *key, scan_state *st) {
  const char *key_file = NULL;
  int rc, i, help = 0;
  if ((rc = parse(argc, argv, st, &key_file, &help)) != CLI_OK || help)
    return rc;
  if (optind == argc)
    return cli_usage("scan", "give at least one PATH to scan");
  if ((rc = cli_key_load(key, "scan", key_file, 1)) != CLI_OK)
    return rc;
  st->opt.lib.api_key = key->value;
  if (!chk_out_init(&st->out, OUT_CAP)) {
    fputs("repayjump: scan: out of memory\n", stderr);
    return CLI_INTERNAL;
  }
  st->first = 1;
  if (st->format == FORMAT_SARIF)
    chk_report_sarif_begin(&st->out);
  for (i = optind, rc = CLI_OK; i < argc && rc == CLI_OK; i++) {
    st->root = argv[i];
    rc = walk_root(st, argv[i]);
  }
  if (rc == CLI_OK && st->format == FORMAT_TEXT)
    chk_report_summary(&st->out, st->errors, st->warnings, st->notes);
  if (rc == CLI_OK && st->format == FORMAT_SARIF)
    chk_report_sarif_end(&st->out);
  if (chk_out_flush(&st->out) != CLI_OK)
    return CLI_INTERNAL;
  return rc != CLI_OK ? rc : st->status;
}

static int run(int argc, char **argv) {
  cli_key key;
  scan_state st;
  int rc;
  cli_key_init(&key);
  memset(&st, 0, sizeof st);
  chk_result_init(&st.res);
  rc = scan(argc, argv, &key, &st);
  st.jump = 0;
  (void)scan_config(&st); /* frees what an error left */
  free(st.config.paths);
  cli_key_wipe(&key);
  chk_result_free(&st.res);
  chk_out_free(&st.out);
  return rc;
}

const cli_command cli_scan = {
    "scan",    "find the jump in source files and check it",
    help_text, example,
    run,       NULL};
