/* Pieces of `repayjump check` and `scan` shared by their source files, in
   the order data flows: text -> object (the readers, leaves) -> findings
   (the rules, which call the library) -> report. The dispatchers
   (chk_input.c by an input's shape, scan.c by a file's type) pick the
   reader and the rules; nothing here calls back up. */
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
struct chk_object;

typedef struct chk_result {
  int kind;    /* a repayjump_input_kind; REPAYJUMP_KIND_NONE: null */
  int variant; /* a repayjump_variant, -1: null */
  size_t errors, warnings, notes;
  chk_finding *items;
  size_t count, cap;
  repayjump_finding *lib; /* the library's findings, before copying */
  size_t lib_cap;
  struct chk_object *kept; /* what the findings point into, until chk_clear */
  size_t kept_count, kept_cap;
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

/* Check text (an App path or query) with the library. name: NULL when
   text is the input; else text is the decoded value of the key name (a
   JSON string), so offsets count in it and keys are nested in name
   ("path.openid"). */
void chk_text(const chk_options *o, const char *text, size_t len,
              const char *name, chk_result *r);

/* ---- chk_object.c: what a reader gives (a leaf) ---- */

/* A finding a reader makes about syntax. */
typedef struct chk_note {
  int code;
  size_t offset; /* into the text read */
  size_t length;
  const char *key;
  size_t key_len;
  char message[REPAYJUMP_MESSAGE_MAX];
  char fix[REPAYJUMP_MESSAGE_MAX];
} chk_note;

typedef struct chk_object {
  repayjump_pair *pairs; /* in the text's order, as the library takes them */
  unsigned char *bare;   /* per pair: a JavaScript bare name, which the
                            rules tell apart as value or variable */
  size_t count, cap;
  chk_note *notes;
  size_t note_count, note_cap;
  void **owned; /* decoded strings the pairs point into */
  size_t owned_count, owned_cap;
  void *trees[2];            /* parse trees the pairs point into */
  void (*tree_free)(void *); /* and how to release them */
  size_t end;    /* where something absent goes; NO_OFFSET: the text's end */
  int is_object; /* the pairs are an object's, for the rules */
  int js_only;   /* JavaScript's own syntax (a bare key, a comment, `var`) */
  int failed;    /* out of memory: no verdict */
} chk_object;

void chk_object_init(chk_object *obj);
void chk_object_free(chk_object *obj);
/* Keep p until chk_object_free; p is freed at once (and failed set) when
   it cannot be. NULL-safe. Returns p or NULL. */
void *chk_object_own(chk_object *obj, void *p);
/* Keep a parse tree (two at most); 0 (tree released) when it cannot be. */
int chk_object_tree(chk_object *obj, void *tree, void (*tree_free)(void *));
/* Append a pair (bare: its value is a bare name); 0 when out of memory. */
int chk_object_add(chk_object *obj, const repayjump_pair *p, int bare);
/* Append a member of the nested object name, keyed "name.<key>". */
int chk_object_member(chk_object *obj, const char *name,
                      const repayjump_pair *p, int bare);
/* Add a finding about syntax, at offset into the text. NULL when out of
   memory. */
chk_note *chk_object_note(chk_object *obj, int code, size_t offset,
                          size_t length, const char *key, size_t key_len,
                          const char *fix, const char *fmt, ...)
    CLI_PRINTF(8, 9);

/* Is a pair's key this name? */
int chk_key_is(const repayjump_pair *p, const char *name);

/* chk_result.c: keep obj's memory (what r's findings point into) until
   chk_clear; obj is left empty. 0 (obj freed, r->failed) when out of
   memory. */
int chk_keep(chk_result *r, chk_object *obj);

/* ---- readers: text to an object (leaves) ---- */

enum { CHK_READ_OK, CHK_READ_SYNTAX, CHK_READ_UNSUPPORTED };

/* chk_json.c: JSON through jansson. CHK_READ_SYNTAX: not JSON (its
   json.syntax note given); CHK_READ_UNSUPPORTED: a tool built without
   jansson. */
int chk_json_read(const char *text, size_t len, chk_object *obj);

/* jsobject.c: is text a JavaScript object literal (after an optional
   `var NAME =`)? */
int js_shaped(const char *text, size_t len);
/* Read the literal into obj. */
void js_read_object(const char *text, size_t len, chk_object *out);

/* chk_xml.c: an AndroidManifest.xml or an Info.plist through expat:
   "package", "application", each "activity" (a .wxapi.WXEntryActivity)
   followed by its attributes; "CFBundleURLTypes", each
   "CFBundleURLSchemes" string. CHK_READ_SYNTAX: not read (its note
   given); CHK_READ_UNSUPPORTED: a tool built without expat. */
int chk_xml_read(const char *text, size_t len, chk_object *obj);

/* chk_srcread.c: source text, as the jump's code writes it. */

/* The first occurrence of the NUL-terminated needle in s[from, len), or
   len. */
size_t src_find(const char *s, size_t len, size_t from, const char *needle);
int src_contains(const char *s, size_t len, const char *needle);
/* A byte of a name: a letter, a digit, '_' or '$'. */
int src_is_word(char c);
/* Past spaces and tabs from i. */
size_t src_skip_blank(const char *s, size_t len, size_t i);

/* One attribute of an element: its name and its value's place. */
typedef struct src_attr {
  size_t name, name_len, value, value_len;
  int found;
} src_attr;

/* The attribute called name in an element's text [from, to). */
src_attr src_attribute(const char *s, size_t from, size_t to, const char *name);

/* Past the object from its '{' at i, over strings: the offset after its
   '}', or len. */
size_t src_object_end(const char *s, size_t len, size_t i);
/* The '{' of the object a mention of name at at introduces
   (navigateToMiniProgram({, extraData: { or extraData = {), or len. */
size_t src_object_after(const char *s, size_t len, size_t at, const char *name);

/* A string literal: its content [from, to), and whether it closes. */
typedef struct src_literal {
  size_t quote, from, to;
  int closed;
} src_literal;

/* The next string literal from *i, past comments; 0 when none. */
int src_next_literal(const char *s, size_t len, size_t *i, src_literal *lit);
/* Is the literal exactly want? */
int src_literal_is(const char *s, const src_literal *lit, const char *want);
/* The literal right after an assignment to a name at i (past the name):
   `= "..."`, `= @"..."`; 0 when it is not one. */
int src_assigned_literal(const char *s, size_t len, size_t i, src_literal *lit);
/* The AppID argument of the call named call at i: the first after '(' or
   ':' (registerApp), the second (createWXAPI); len when there is none. */
size_t src_call_argument(const char *s, size_t len, size_t i, const char *call);
/* Does the literal stand after an assignment to a name ending with name
   (req.userName = "...")? */
int src_assigns_to(const char *s, const src_literal *lit, const char *name);

/* ---- chk_rules.c: an object's findings ---- */

/* The reader's notes into r, which keeps obj's memory (obj is left
   empty); the object as r keeps it, valid until the next object is kept,
   or NULL when the object cannot be trusted (out of memory: r->failed). */
const chk_object *chk_take_object(chk_object *obj, chk_result *r);

/* The reader's notes, then the library's check of obj's pairs (a bare
   name told apart as value or variable), into r; kind: what to call the
   input, REPAYJUMP_KIND_NONE for the library's verdict (navigate,
   app_launch, else extra_data). r keeps obj's memory (obj left empty). */
void chk_check_object(const chk_options *o, chk_object *obj, int kind,
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

/* ---- chk_config.c: the App's configuration ---- */

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
