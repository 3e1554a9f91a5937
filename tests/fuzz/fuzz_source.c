/* The tool's source readers and rules (src/cli/chk_source.c, chk_xml.c,
 * chk_config.c): on any bytes they never read outside the file (each input
 * is an exact heap block), and every finding has a code of the table with its
 * severity, a place inside the file (or inside its decoded value), a message
 * and a fix of one line; the counts agree with the findings, which are in file
 * order; the text, JSON and SARIF reports of them are written, and the
 * JSON and SARIF ones parse.
 *
 * Input: byte 0 chooses the reader (mod 5): WXML, JavaScript, App code,
 * AndroidManifest.xml, Info.plist; the rest is the file. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "chk.h"
#include "fuzz.h"

typedef void (*reader)(const chk_options *, const char *, size_t, chk_result *);

static const reader readers[] = {chk_wxml, chk_js_source, chk_app_source,
                                 chk_manifest, chk_plist};

static void parses(const chk_out *out, size_t from, const char *what) {
  json_error_t e;
  json_t *doc =
      json_loadb(out->buf + from, out->len - from, JSON_ALLOW_NUL, &e);
  FZ_CHECK(doc != NULL, "%s report does not parse: %s", what, e.text);
  json_decref(doc);
}

/* One finding's code, severity and text. */
static void check_text(const repayjump_finding *f) {
  const char *name = repayjump_check_code_name(f->code);
  FZ_CHECK(f->code > 0 && f->code < REPAYJUMP_CHECK_CODE_COUNT, "code %d",
           f->code);
  FZ_CHECK(f->severity == repayjump_check_code_severity(f->code),
           "%s: severity %d", name, f->severity);
  FZ_CHECK(memchr(f->message, '\n', sizeof f->message) == NULL &&
               f->message[0] != '\0',
           "%s: message", name);
  FZ_CHECK(f->fix[0] != '\0', "%s: no fix", name);
}

/* One finding's place; *last: the place of the one before, for the
   order. */
static void check_place(const chk_finding *item, size_t len, size_t *last) {
  const repayjump_finding *f = &item->f;
  const char *name = repayjump_check_code_name(f->code);
  if (f->in_value) {
    FZ_CHECK(item->value == NULL || f->offset <= item->value_len,
             "%s: %zu past its value of %zu", name, f->offset, item->value_len);
    return;
  }
  FZ_CHECK(f->offset <= len && f->length <= len - f->offset,
           "%s: %zu+%zu past the file's %zu bytes", name, f->offset, f->length,
           len);
  if (item->pos != REPAYJUMP_NO_OFFSET) {
    FZ_CHECK(item->pos >= *last, "%s: out of order", name);
    *last = item->pos;
  }
}

static void check_findings(const chk_result *r, size_t len) {
  size_t i, counts[REPAYJUMP_SEVERITY_COUNT] = {0}, last = 0;
  for (i = 0; i < r->count; i++) {
    check_text(&r->items[i].f);
    check_place(&r->items[i], len, &last);
    counts[r->items[i].f.severity]++;
  }
  FZ_CHECK(r->errors == counts[REPAYJUMP_SEVERITY_ERROR] &&
               r->warnings == counts[REPAYJUMP_SEVERITY_WARNING] &&
               r->notes == counts[REPAYJUMP_SEVERITY_NOTE],
           "counts %zu %zu %zu", r->errors, r->warnings, r->notes);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static chk_out out; /* large, kept: never flushed, all reports fit */
  chk_options o;
  chk_result r;
  chk_place at;
  char *text;
  size_t len, from;
  int first = 1;
  if (size == 0)
    return 0;
  len = size - 1;
  text = malloc(len ? len : 1);
  if (text == NULL)
    fz_fail("out of memory");
  memcpy(text, data + 1, len);
  memset(&o, 0, sizeof o);
  o.lib.variant = REPAYJUMP_VARIANT_AUTO;
  chk_result_init(&r);
  readers[data[0] % 5](&o, text, len, &r);
  chk_sort(&r);
  FZ_CHECK(!r.failed, "failed without a failed allocation");
  check_findings(&r, len);
  if (out.buf == NULL && !chk_out_init(&out, (size_t)1 << 24))
    fz_fail("out of memory");
  out.len = 0;
  at.name = "f";
  at.file = 1;
  at.line = 1;
  at.lines = 0;
  at.text = text;
  at.len = len;
  chk_report_text(&out, &at, &r);
  out.len = 0;
  chk_report_json(&out, &at, &r);
  parses(&out, 0, "JSON");
  out.len = 0;
  chk_report_sarif_begin(&out);
  from = 0;
  chk_report_sarif(&out, &at, "f", &r, &first);
  chk_report_sarif_end(&out);
  parses(&out, from, "SARIF");
  out.len = 0;
  chk_result_free(&r);
  free(text);
  return 0;
}
