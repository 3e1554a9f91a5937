/* The text report's caret window, given directly what no caller gives
   today: a long value of UTF-8 continuation bytes, where the window's
   start, moved off the middle of a character, could pass the caret and
   the window's end. The report must stay within the value. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chk.h"

static int failures;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond);       \
      failures++;                                                              \
    }                                                                          \
  } while (0)

/* The text report of one in_value finding at offset in value. */
static void report(const char *value, size_t n, size_t offset, chk_out *out) {
  chk_finding item;
  chk_result r;
  chk_place at = {"input", 0, 1, 0, "{}", 2};
  memset(&item, 0, sizeof item);
  item.f.code = REPAYJUMP_CHECK_VALUE_RULE;
  item.f.severity = REPAYJUMP_SEVERITY_ERROR;
  item.f.in_value = 1;
  item.f.offset = offset;
  item.f.length = 1;
  item.f.key = "openid";
  item.f.key_len = 6;
  item.prefix = "";
  item.value = value;
  item.value_len = n;
  chk_result_init(&r);
  r.items = &item;
  r.count = 1;
  out->len = 0;
  chk_report_text(out, &at, &r);
}

/* The shown line's bytes between "openid: " and the end, within value. */
static void window_within(const chk_out *out, const char *value, size_t n) {
  const char *text = out->buf, *end = out->buf + out->len;
  const char *line = memchr(text, '\n', out->len);
  const char *shown, *eol;
  CHECK(line != NULL);
  if (line == NULL)
    return;
  shown = line + 1 + strlen("  openid: ");
  eol = memchr(shown, '\n', (size_t)(end - shown));
  CHECK(eol != NULL && (size_t)(eol - shown) <= 3 + 160 + 3);
  CHECK(memchr(shown, '^', (size_t)(end - shown)) != NULL);
  (void)value;
  (void)n;
}

int main(void) {
  enum { N = 400 };
  char value[N];
  chk_out out;
  size_t lead, at;
  if (!chk_out_init(&out, 1 << 16))
    return 2;
  /* ASCII, then continuation bytes to the end: at any caret past the
     window's size the start lands among them. */
  for (lead = 0; lead <= 200; lead += 50)
    for (at = 0; at <= N; at += 25) {
      memset(value, 'a', lead);
      memset(value + lead, 0x80, N - lead);
      report(value, N, at, &out);
      window_within(&out, value, N);
    }
  /* all continuation bytes: nowhere to stop */
  memset(value, 0x80, N);
  for (at = 0; at <= N; at += 7) {
    report(value, N, at, &out);
    window_within(&out, value, N);
  }
  chk_out_free(&out);
  return failures != 0;
}
