/* Pieces of `repayjump check` shared by its source files: one input's
   findings, the readers that turn JSON and JavaScript into pairs, and the
   reports. */
#ifndef REPAYJUMP_CLI_CHK_H
#define REPAYJUMP_CLI_CHK_H

#include <stddef.h>

#include "cli.h"

/* One finding as reported: the library's, or one the tool adds for whole
   JSON or JavaScript inputs (json.*, js.unclosed, navigate.*, launch.*). */
typedef struct chk_finding {
  repayjump_finding f;
  const char *prefix; /* f.key's parent when nested: "extraData", "path" */
  const char *value;  /* f.in_value: the decoded value f.offset counts in */
  size_t value_len;
  const char *value_name; /* what to call it, NULL: prefix + key */
  size_t pos;             /* where it sorts in input order */
} chk_finding;

/* The findings of one input and what it was read as. Storage is kept
   from one input to the next; chk_clear releases what one input owns. */
typedef struct chk_result {
  int kind;    /* a repayjump_input_kind; REPAYJUMP_KIND_NONE: null */
  int variant; /* a repayjump_variant, -1: null */
  size_t errors, warnings, notes;
  chk_finding *items;
  size_t count, cap;
  repayjump_finding *lib; /* the library's findings, before copying */
  size_t lib_cap;
  void **owned; /* decoded strings and parse trees, freed by chk_clear */
  size_t owned_count, owned_cap;
  void *json[2]; /* jansson trees the pairs point into: the input, and
                    extraData's when encoded twice */
  void (*json_free)(void *); /* how to release them (chk_json.c's) */
  int failed;      /* out of memory: the input's report cannot be trusted */
  int unsupported; /* JSON input to a tool built without jansson, XML to
                      one built without expat */
  int jump;        /* App code of the jump was read (chk_app_source) */
} chk_result;

/* How every input is checked. */
typedef struct chk_options {
  repayjump_check_options lib;
} chk_options;

void chk_result_init(chk_result *r);
void chk_clear(chk_result *r);
void chk_result_free(chk_result *r);

/* In a line of a log (grep invest_list app.log), where the input is: from
   its page (pages/...) or its '{' to its end, less the quotes or ';' the
   log wraps it in. A line that starts as an input is all input. */
void chk_locate(const char *text, size_t len, size_t *skip, size_t *n);

/* Add skip to the offsets of r's findings into the input. */
void chk_shift(chk_result *r, size_t skip);

/* Check one input of len bytes; fills r (after chk_clear). */
void chk_input(const chk_options *o, const char *text, size_t len,
               chk_result *r);

/* Add a finding the tool itself makes at offset (NO_OFFSET: within the
   value given later through the returned finding); fix is plain text, the
   message a printf format. Returns the finding, or NULL when out of memory
   (r->failed set). */
chk_finding *chk_add(chk_result *r, int code, size_t offset, size_t length,
                     const char *key, size_t key_len, const char *fix,
                     const char *fmt, ...) CLI_PRINTF(8, 9);

/* Add a copy of one of the library's findings, counted; its place is
   its offset until the caller says otherwise. NULL when out of memory. */
chk_finding *chk_add_found(chk_result *r, const repayjump_finding *f);

/* Keep p until chk_clear frees it; NULL-safe; p is freed at once (and
   r->failed set) when it cannot be recorded. Returns p or NULL. */
void *chk_own(chk_result *r, void *p);

/* Check pairs with the library and copy its findings into r, keys nested
   in prefix (NULL: none); what is absent is reported at end. */
void chk_pairs(const chk_options *o, const repayjump_pair *pairs, size_t n,
               const char *prefix, size_t end, chk_result *r);

/* Check text (an App path or query) with the library. name: NULL when
   text is the input; else text is the decoded value of the key name (a
   JSON string), so offsets count in it and keys are nested in name
   ("path.openid"). */
void chk_text(const chk_options *o, const char *text, size_t len,
              const char *name, chk_result *r);

/* ---- the parsed shape of a JSON or JavaScript object ---- */

/* A value's place in the object: extraData's state in a navigate input. */
enum chk_nested {
  CHK_NESTED_ABSENT = 0,
  CHK_NESTED_OBJECT,     /* inner holds its pairs */
  CHK_NESTED_ENCODED,    /* a JSON string of an object: inner holds its pairs */
  CHK_NESTED_OTHER,      /* any other value */
  CHK_NESTED_EXPRESSION, /* JavaScript: a variable or call, not checked */
  CHK_NESTED_ELSEWHERE   /* an object its caller checks itself */
};

typedef struct chk_object {
  repayjump_pair *pairs; /* the top level */
  size_t count, cap;
  repayjump_pair *inner; /* extraData's members */
  size_t inner_count, inner_cap;
  int nested;         /* an enum chk_nested, for the key extraData */
  size_t nested_pair; /* index of extraData in pairs */
} chk_object;

void chk_object_free(chk_object *obj);

/* Append a pair to the top level (inner: to extraData's members); 0 when
   out of memory. */
int chk_object_add(chk_object *obj, int inner, const repayjump_pair *p);

/* Apply the navigate rules (appId, path, envVersion, extraData) to obj,
   then check extraData's members; what is absent is reported at end. */
void chk_navigate(const chk_options *o, size_t end, const chk_object *obj,
                  chk_result *r);

/* Is an object with these keys a navigate argument? With path, extraData
   or envVersion; appId alone among the jump's fields is extraData's
   near-miss of appid (CHECK.md). */
int chk_is_navigate(int app_id, int path, int extra_data, int env_version);

/* Is a pair's key this name? */
int chk_key_is(const repayjump_pair *p, const char *name);

/* ---- chk_json.c: JSON through jansson ---- */

/* Release a tree of chk_json's (r->json). */
void chk_json_free(void *json);

/* Read text as JSON and check it. When it does not parse and or_js is set,
   text is checked as JavaScript if it reads as such (chk_js_if). */
void chk_json(const chk_options *o, const char *text, size_t len, int or_js,
              chk_result *r);

/* ---- jsobject.c: a JavaScript object literal ---- */

typedef struct js_read {
  chk_object obj;
  unsigned char *ident;       /* per top-level pair: a bare name */
  unsigned char *ident_inner; /* per pair of extraData */
  size_t unclosed[4];         /* offsets of braces never closed */
  size_t unclosed_count;
  size_t end;        /* where a missing '}' belongs */
  size_t err_offset; /* a syntax error, or REPAYJUMP_NO_OFFSET */
  const char *err_message;
  const char *err_fix;
  int js_only; /* a bare key or value, single quotes, a comment, `var`:
                  not JSON gone wrong but JavaScript */
} js_read;

/* Is text a JavaScript object literal (after an optional `var NAME =`)? */
int js_shaped(const char *text, size_t len);

/* Read the literal into out (which js_read_free releases); decoded
   strings are owned by r. 0 when out of memory. */
int js_read_object(const char *text, size_t len, js_read *out, chk_result *r);
void js_read_free(js_read *in);

/* Read text as a JavaScript object literal and check it. */
void chk_js(const chk_options *o, const char *text, size_t len, chk_result *r);

/* The same, only when the literal shows JavaScript's own syntax: 1 when
   checked, 0 (r untouched) when it does not. */
int chk_js_if(const chk_options *o, const char *text, size_t len,
              chk_result *r);

/* ---- chk_source.c: the jump in source files, offsets into the file ---- */

/* Each <navigator> to the repayment program: its attributes. */
void chk_wxml(const chk_options *o, const char *text, size_t len,
              chk_result *r);
/* Each wx.navigateToMiniProgram argument and extraData object of the jump. */
void chk_js_source(const chk_options *o, const char *text, size_t len,
                   chk_result *r);
/* Java, Kotlin, Objective-C, Swift: the path literal, userName,
   miniprogramType, and the AppID given to createWXAPI / registerApp. */
void chk_app_source(const chk_options *o, const char *text, size_t len,
                    chk_result *r);

/* ---- chk_xml.c: the App's configuration, through expat ---- */

/* An AndroidManifest.xml: its .wxapi.WXEntryActivity. */
void chk_manifest(const chk_options *o, const char *text, size_t len,
                  chk_result *r);
/* An Info.plist: an AppID among CFBundleURLTypes' URL schemes. */
void chk_plist(const chk_options *o, const char *text, size_t len,
               chk_result *r);

/* Put r's findings in input order (those without a place stay after the
   ones before them). */
void chk_sort(chk_result *r);

/* ---- chk_report.c: text and JSON reports ---- */

typedef struct chk_out {
  char *buf;
  size_t len, cap;
  int error; /* a write failed: CLI_INTERNAL already reported */
} chk_out;

int chk_out_init(chk_out *out, size_t cap);
void chk_out_free(chk_out *out);
/* Write what is buffered; CLI_OK or CLI_INTERNAL (reported once). */
int chk_out_flush(chk_out *out);

typedef struct chk_place {
  const char *name; /* "input", "<stdin>", or scan's file */
  int file;         /* scan: JSON gives "file" and each finding's line and
                       column */
  size_t line;      /* line of the input's first byte */
  int lines;        /* --lines: print "line" in JSON */
  const char *text; /* the input */
  size_t len;
} chk_place;

void chk_report_text(chk_out *out, const chk_place *at, const chk_result *r);
void chk_report_json(chk_out *out, const chk_place *at, const chk_result *r);
/* scan's SARIF 2.1.0 log: begin (tool.driver with every code a rule),
   the results of one file (uri: relative to the PATH scanned; *first:
   no result written yet), end. */
void chk_report_sarif_begin(chk_out *out);
void chk_report_sarif(chk_out *out, const chk_place *at, const char *uri,
                      const chk_result *r, int *first);
void chk_report_sarif_end(chk_out *out);

/* The summary line of the text report over all inputs. */
void chk_report_summary(chk_out *out, size_t errors, size_t warnings,
                        size_t notes);

#endif /* REPAYJUMP_CLI_CHK_H */
