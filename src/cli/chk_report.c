/* repayjump check: the reports. Text like a compiler's (location,
   severity[code], message, the input line with a caret, the fix), or one
   JSON object per input. Everything goes through one large buffer that is
   written rarely: with --lines, a million inputs make a few hundred
   writes, not a million. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chk.h"

/* An input line longer than this is shown as a window around the caret. */
#define WINDOW 160
#define WINDOW_BEFORE 100

int chk_out_init(chk_out *out, size_t cap) {
  out->buf = malloc(cap);
  out->len = 0;
  out->cap = out->buf ? cap : 0;
  out->error = 0;
  return out->buf != NULL;
}

void chk_out_free(chk_out *out) {
  free(out->buf);
  out->buf = NULL;
}

int chk_out_flush(chk_out *out) {
  size_t done = 0;
  if (out->error)
    return CLI_INTERNAL;
  while (done < out->len) {
    ssize_t n = write(STDOUT_FILENO, out->buf + done, out->len - done);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      fprintf(stderr, "repayjump: write error: %s\n",
              n < 0 ? strerror(errno) : "nothing written");
      out->error = 1;
      out->len = 0;
      return CLI_INTERNAL;
    }
    done += (size_t)n;
  }
  out->len = 0;
  return CLI_OK;
}

/* Room for n more bytes: flush, or grow for one very long entry. */
static int room(chk_out *out, size_t n) {
  if (out->error)
    return 0;
  if (out->len + n <= out->cap)
    return 1;
  if (chk_out_flush(out) != CLI_OK)
    return 0;
  if (n > out->cap) {
    char *grown = realloc(out->buf, n);
    if (grown == NULL) {
      fputs("repayjump: out of memory\n", stderr);
      out->error = 1;
      return 0;
    }
    out->buf = grown;
    out->cap = n;
  }
  return 1;
}

static void put(chk_out *out, const char *s, size_t n) {
  if (room(out, n)) {
    memcpy(out->buf + out->len, s, n);
    out->len += n;
  }
}

static void puts_(chk_out *out, const char *s) { put(out, s, strlen(s)); }

static void put_size(chk_out *out, size_t v) {
  char digits[24];
  size_t i = sizeof digits;
  do {
    digits[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v > 0);
  put(out, digits + i, sizeof digits - i);
}

/* Length of the UTF-8 sequence at s (at most n bytes), 0 when invalid. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  size_t len, i;
  unsigned min;
  unsigned cp;
  if (s[0] < 0x80)
    return 1;
  if (s[0] >= 0xC2 && s[0] <= 0xDF)
    len = 2, min = 0x80, cp = s[0] & 0x1Fu;
  else if (s[0] >= 0xE0 && s[0] <= 0xEF)
    len = 3, min = 0x800, cp = s[0] & 0x0Fu;
  else if (s[0] >= 0xF0 && s[0] <= 0xF4)
    len = 4, min = 0x10000, cp = s[0] & 0x07u;
  else
    return 0;
  if (len > n)
    return 0;
  for (i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80)
      return 0;
    cp = cp << 6 | (s[i] & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return len;
}

/* A JSON string: any bytes in, valid JSON and UTF-8 out (an invalid byte
   becomes U+FFFD, so a finding about it still parses). */
static void put_json_string(chk_out *out, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  size_t i = 0, run;
  put(out, "\"", 1);
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    size_t u;
    /* the common case: a run of plain ASCII */
    for (run = i; run < n; run++) {
      unsigned char b = (unsigned char)s[run];
      if (b < 0x20 || b == '"' || b == '\\' || b >= 0x80)
        break;
    }
    if (run > i) {
      put(out, s + i, run - i);
      i = run;
      continue;
    }
    if (c == '"' || c == '\\') {
      char esc[2] = {'\\', (char)c};
      put(out, esc, 2);
      i++;
    } else if (c < 0x20) {
      char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      if (c == '\n')
        put(out, "\\n", 2);
      else if (c == '\t')
        put(out, "\\t", 2);
      else if (c == '\r')
        put(out, "\\r", 2);
      else
        put(out, esc, 6);
      i++;
    } else if ((u = utf8_len((const unsigned char *)s + i, n - i)) > 0) {
      put(out, s + i, u);
      i += u;
    } else {
      put(out, "\\ufffd", 6);
      i++;
    }
  }
  put(out, "\"", 1);
}

static void put_name_or_null(chk_out *out, const char *name) {
  if (name == NULL) {
    put(out, "null", 4);
  } else {
    put(out, "\"", 1);
    puts_(out, name);
    put(out, "\"", 1);
  }
}

/* Line and column (1-based, bytes) of offset in at's text. */
static void line_column(const chk_place *at, size_t offset, size_t *line,
                        size_t *column) {
  size_t j, start = 0;
  *line = at->line;
  for (j = 0; j < offset && j < at->len; j++)
    if (at->text[j] == '\n') {
      (*line)++;
      start = j + 1;
    }
  *column = offset - start + 1;
}

void chk_report_json(chk_out *out, const chk_place *at, const chk_result *r) {
  size_t i;
  if (at->file) {
    put(out, "{\"file\":", 8);
    put_json_string(out, at->name, strlen(at->name));
    put(out, ",\"kind\":", 8);
  } else if (at->lines) {
    put(out, "{\"line\":", 8);
    put_size(out, at->line);
    put(out, ",\"kind\":", 8);
  } else {
    put(out, "{\"kind\":", 8);
  }
  put_name_or_null(out, r->kind == REPAYJUMP_KIND_NONE
                            ? NULL
                            : repayjump_input_kind_name(r->kind));
  put(out, ",\"variant\":", 11);
  put_name_or_null(out,
                   r->variant < 0 ? NULL : repayjump_variant_name(r->variant));
  put(out, ",\"errors\":", 10);
  put_size(out, r->errors);
  put(out, ",\"warnings\":", 12);
  put_size(out, r->warnings);
  put(out, ",\"notes\":", 9);
  put_size(out, r->notes);
  put(out, ",\"findings\":[", 13);
  for (i = 0; i < r->count; i++) {
    const chk_finding *item = &r->items[i];
    const repayjump_finding *f = &item->f;
    if (i > 0)
      put(out, ",", 1);
    put(out, "{\"code\":", 8);
    put_name_or_null(out, repayjump_check_code_name(f->code));
    put(out, ",\"severity\":", 12);
    put_name_or_null(out, repayjump_severity_name(f->severity));
    put(out, ",\"key\":", 7);
    if (f->key == NULL) {
      put(out, "null", 4);
    } else if (item->prefix[0] == '\0') {
      put_json_string(out, f->key, f->key_len);
    } else {
      /* parent "." key: parents are short plain ASCII */
      char joined[REPAYJUMP_MESSAGE_MAX];
      size_t p = strlen(item->prefix) + 1;
      size_t k =
          f->key_len < sizeof joined - p ? f->key_len : sizeof joined - p;
      memcpy(joined, item->prefix, p - 1);
      joined[p - 1] = '.';
      memcpy(joined + p, f->key, k);
      put_json_string(out, joined, p + k);
    }
    put(out, ",\"field\":", 9);
    put_name_or_null(out, repayjump_check_field_name(f->field));
    put(out, ",\"offset\":", 10);
    put_size(out, f->offset);
    put(out, ",\"length\":", 10);
    put_size(out, f->length);
    put(out, ",\"message\":", 11);
    put_json_string(out, f->message, strnlen(f->message, sizeof f->message));
    put(out, ",\"fix\":", 7);
    put_json_string(out, f->fix, strnlen(f->fix, sizeof f->fix));
    if (f->in_value)
      put(out, ",\"in_value\":true", 16);
    if (at->file && !f->in_value) {
      size_t line, column;
      line_column(at, f->offset, &line, &column);
      put(out, ",\"line\":", 8);
      put_size(out, line);
      put(out, ",\"column\":", 10);
      put_size(out, column);
    }
    put(out, "}", 1);
  }
  put(out, "]}\n", 3);
}

/* Bytes shown as they are, but control bytes, which could move a
   terminal's cursor or hide what is wrong, as '?'. */
static void put_shown(chk_out *out, const char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    size_t run = i;
    while (run < n && (unsigned char)s[run] >= 0x20 && s[run] != 0x7f)
      run++;
    put(out, s + i, run - i);
    if (run < n)
      put(out, "?", 1);
    i = run + 1;
  }
}

/* Columns from s to s + n as a terminal shows them: one per character. */
static size_t columns(const char *s, size_t n) {
  size_t i, c = 0;
  for (i = 0; i < n; i++)
    c += ((unsigned char)s[i] & 0xC0) != 0x80;
  return c;
}

static void put_spaces(chk_out *out, size_t n) {
  static const char spaces[] = "                                ";
  while (n > 0) {
    size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
    put(out, spaces, k);
    n -= k;
  }
}

/* "  " + line (a window of it when long) + "\n  " + caret under at. */
static void put_caret_line(chk_out *out, const char *lead, const char *s,
                           size_t n, size_t at) {
  size_t start = 0, end = n, pad;
  if (n > WINDOW) {
    size_t k;
    start = at > WINDOW_BEFORE ? at - WINDOW_BEFORE : 0;
    end = start + WINDOW;
    if (end > n) {
      end = n;
      start = n - WINDOW;
    }
    /* never cut a UTF-8 character in two: a character has at most three
       continuation bytes, so move at most three, and never past the caret
       (start) or back to the start (end): bytes that are not UTF-8 are
       shown as they come */
    for (k = 0; k < 3 && start > 0 && start < at &&
                ((unsigned char)s[start] & 0xC0) == 0x80;
         k++)
      start++;
    for (k = 0; k < 3 && end < n && end > start &&
                ((unsigned char)s[end] & 0xC0) == 0x80;
         k++)
      end--;
  }
  put(out, "  ", 2);
  puts_(out, lead);
  pad = 2 + columns(lead, strlen(lead));
  if (start > 0) {
    put(out, "...", 3);
    pad += 3;
  }
  put_shown(out, s + start, end - start);
  if (end < n)
    put(out, "...", 3);
  put(out, "\n", 1);
  put_spaces(out, pad + columns(s + start, (at < end ? at : end) - start) +
                      (at > end ? at - end : 0));
  put(out, "^\n", 2);
}

/* "severity[code]: message\n" */
static void put_head(chk_out *out, const repayjump_finding *f) {
  puts_(out, repayjump_severity_name(f->severity));
  put(out, "[", 1);
  puts_(out, repayjump_check_code_name(f->code));
  put(out, "]: ", 3);
  put_shown(out, f->message, strnlen(f->message, sizeof f->message));
  put(out, "\n", 1);
}

/* NAME:LINE:COLUMN: head, then the line of the input the offset is on. */
static void put_located(chk_out *out, const chk_place *at,
                        const repayjump_finding *f) {
  size_t line = at->line, start = 0, end, j;
  size_t off = f->offset < at->len ? f->offset : at->len;
  for (j = 0; j < off; j++)
    if (at->text[j] == '\n') {
      line++;
      start = j + 1;
    }
  for (end = off; end < at->len && at->text[end] != '\n'; end++)
    ;
  if (end > start && end > off && at->text[end - 1] == '\r')
    end--;
  puts_(out, at->name);
  put(out, ":", 1);
  put_size(out, line);
  put(out, ":", 1);
  put_size(out, off - start + 1);
  put(out, ": ", 2);
  put_head(out, f);
  put_caret_line(out, "", at->text + start, end - start, off - start);
}

/* NAME: (NAME:LINE: with --lines) head, then the decoded value the offset
   counts in, after its name. */
static void put_in_value(chk_out *out, const chk_place *at,
                         const chk_finding *item) {
  const repayjump_finding *f = &item->f;
  char lead[REPAYJUMP_MESSAGE_MAX];
  int k = (int)(f->key_len < 100 ? f->key_len : 100);
  size_t i;
  puts_(out, at->name);
  put(out, ":", 1);
  if (at->lines) {
    put_size(out, at->line);
    put(out, ":", 1);
  }
  put(out, " ", 1);
  put_head(out, f);
  if (item->value == NULL)
    return;
  if (item->value_name != NULL)
    (void)snprintf(lead, sizeof lead, "%s: ", item->value_name);
  else if (f->key != NULL)
    (void)snprintf(lead, sizeof lead, "%s%s%.*s: ", item->prefix,
                   item->prefix[0] ? "." : "", k, f->key);
  else
    (void)snprintf(lead, sizeof lead, "value: ");
  for (i = 0; lead[i] != '\0'; i++)
    if ((unsigned char)lead[i] < 0x20 || lead[i] == 0x7f)
      lead[i] = '?';
  put_caret_line(out, lead, item->value, item->value_len,
                 f->offset < item->value_len ? f->offset : item->value_len);
}

void chk_report_text(chk_out *out, const chk_place *at, const chk_result *r) {
  size_t i;
  for (i = 0; i < r->count; i++) {
    const repayjump_finding *f = &r->items[i].f;
    if (f->in_value)
      put_in_value(out, at, &r->items[i]);
    else
      put_located(out, at, f);
    if (f->fix[0] != '\0') {
      put(out, "  fix: ", 7);
      put_shown(out, f->fix, strnlen(f->fix, sizeof f->fix));
      put(out, "\n", 1);
    }
  }
}

void chk_report_summary(chk_out *out, size_t errors, size_t warnings,
                        size_t notes) {
  put_size(out, errors);
  puts_(out, " errors, ");
  put_size(out, warnings);
  puts_(out, " warnings, ");
  put_size(out, notes);
  puts_(out, " notes\n");
}

/* ---- SARIF 2.1.0: one log, one run, for scan ---- */

/* What each code is about, for tool.driver.rules (CHECK.md's table). */
static const char *const summaries[REPAYJUMP_CHECK_CODE_COUNT] = {
    [REPAYJUMP_CHECK_INPUT_EMPTY] = "Nothing to check",
    [REPAYJUMP_CHECK_INPUT_UNRECOGNIZED] = "Input not recognised",
    [REPAYJUMP_CHECK_PATH_PAGE] = "The page is not the repayment page",
    [REPAYJUMP_CHECK_PATH_LEADING_SLASH] = "The page starts with '/'",
    [REPAYJUMP_CHECK_PATH_NO_QUERY] = "A path without fields",
    [REPAYJUMP_CHECK_QUERY_EMPTY_PAIR] = "An empty pair in the query",
    [REPAYJUMP_CHECK_QUERY_NO_VALUE] = "A pair without '='",
    [REPAYJUMP_CHECK_QUERY_BAD_ESCAPE] = "A bad percent-escape",
    [REPAYJUMP_CHECK_QUERY_ENCODED] = "A percent-escape no field needs",
    [REPAYJUMP_CHECK_KEY_UNKNOWN] = "Not a key of the jump",
    [REPAYJUMP_CHECK_KEY_VERSION] = "The other API version's key",
    [REPAYJUMP_CHECK_KEY_DUPLICATE] = "A key given twice",
    [REPAYJUMP_CHECK_KEY_NOT_ALLOWED] = "A key this variant does not use",
    [REPAYJUMP_CHECK_FIELD_MISSING] = "A required field is absent",
    [REPAYJUMP_CHECK_FIELD_EMPTY] = "A field with an empty value",
    [REPAYJUMP_CHECK_VALUE_SPACE] = "Whitespace in a value",
    [REPAYJUMP_CHECK_VALUE_EQUALS] = "'=' in a value",
    [REPAYJUMP_CHECK_VALUE_RULE] = "A value breaks its field's rule",
    [REPAYJUMP_CHECK_APPID_TARGET] = "appid is the repayment program's AppID",
    [REPAYJUMP_CHECK_PARTNER_CONFLICT] = "sub_openid without sub_appid",
    [REPAYJUMP_CHECK_SIGN_MISSING] = "An APIv2 input without sign",
    [REPAYJUMP_CHECK_SIGN_TYPE] = "sign_type is not HMAC-SHA256",
    [REPAYJUMP_CHECK_SIGN_FORMAT] = "sign is not 64 uppercase hex digits",
    [REPAYJUMP_CHECK_SIGN_MISMATCH] = "The signature does not match",
    [REPAYJUMP_CHECK_SIGN_UNVERIFIED] = "A signature not verified",
    [REPAYJUMP_CHECK_JSON_SYNTAX] = "JSON that does not parse",
    [REPAYJUMP_CHECK_JSON_NOT_OBJECT] = "JSON that is not an object",
    [REPAYJUMP_CHECK_JSON_NOT_STRING] = "A field's value is not a string",
    [REPAYJUMP_CHECK_JS_UNQUOTED] = "A JavaScript value without quotes",
    [REPAYJUMP_CHECK_JS_EXPRESSION] = "A JavaScript expression, not checked",
    [REPAYJUMP_CHECK_JS_UNCLOSED] = "A JavaScript object never closed",
    [REPAYJUMP_CHECK_NAVIGATE_APP_ID] = "appId is not the repayment program's",
    [REPAYJUMP_CHECK_NAVIGATE_PATH] = "path is not the repayment page",
    [REPAYJUMP_CHECK_NAVIGATE_ENV] = "envVersion is not release",
    [REPAYJUMP_CHECK_NAVIGATE_EXTRA_DATA] = "extraData is not an object",
    [REPAYJUMP_CHECK_LAUNCH_USER_NAME] = "userName is not the program's",
    [REPAYJUMP_CHECK_LAUNCH_TYPE] = "The mini program type is not release",
    [REPAYJUMP_CHECK_WXML_TARGET] = "A navigator without target=miniProgram",
    [REPAYJUMP_CHECK_SRC_UNCLOSED] = "The path's string literal never closes",
    [REPAYJUMP_CHECK_APP_OWN_APPID] = "The target's AppID as the App's own",
    [REPAYJUMP_CHECK_MANIFEST_ENTRY] = "No WXEntryActivity",
    [REPAYJUMP_CHECK_MANIFEST_EXPORTED] = "WXEntryActivity not exported",
    [REPAYJUMP_CHECK_MANIFEST_LAUNCH_MODE] = "WXEntryActivity not singleTask",
    [REPAYJUMP_CHECK_MANIFEST_TASK_AFFINITY] =
        "Its taskAffinity is not the package",
    [REPAYJUMP_CHECK_PLIST_URL_SCHEME] = "No URL scheme of the App's AppID",
};

static const char *const sarif_levels[REPAYJUMP_SEVERITY_COUNT] = {
    "error", "warning", "note"};

void chk_report_sarif_begin(chk_out *out) {
  int code;
  puts_(out, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
             "\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{"
             "\"name\":\"repayjump\",\"version\":\"");
  puts_(out, repayjump_version());
  puts_(out, "\",\"rules\":[");
  for (code = 1; code < REPAYJUMP_CHECK_CODE_COUNT; code++) {
    const char *name = repayjump_check_code_name(code);
    if (code > 1)
      put(out, ",", 1);
    puts_(out, "{\"id\":\"");
    puts_(out, name);
    puts_(out, "\",\"name\":\"");
    puts_(out, name);
    puts_(out, "\",\"shortDescription\":{\"text\":");
    put_json_string(out, summaries[code], strlen(summaries[code]));
    puts_(out, "},\"defaultConfiguration\":{\"level\":\"");
    puts_(out, sarif_levels[repayjump_check_code_severity(code)]);
    puts_(out, "\"}}");
  }
  puts_(out, "]}},\"results\":[");
}

void chk_report_sarif(chk_out *out, const chk_place *at, const char *uri,
                      const chk_result *r, int *first) {
  size_t i;
  for (i = 0; i < r->count; i++) {
    const chk_finding *item = &r->items[i];
    const repayjump_finding *f = &item->f;
    /* a finding within a decoded value: at its key, when known */
    size_t offset = !f->in_value                       ? f->offset
                    : item->pos != REPAYJUMP_NO_OFFSET ? item->pos
                                                       : 0;
    size_t line, column;
    char text[2 * REPAYJUMP_MESSAGE_MAX + 8];
    int n;
    line_column(at, offset, &line, &column);
    if (!*first)
      put(out, ",", 1);
    *first = 0;
    puts_(out, "{\"ruleId\":\"");
    puts_(out, repayjump_check_code_name(f->code));
    puts_(out, "\",\"ruleIndex\":");
    put_size(out, (size_t)f->code - 1);
    puts_(out, ",\"level\":\"");
    puts_(out, sarif_levels[f->severity]);
    puts_(out, "\",\"message\":{\"text\":");
    n = snprintf(text, sizeof text, "%.*s. Fix: %.*s",
                 (int)strnlen(f->message, sizeof f->message), f->message,
                 (int)strnlen(f->fix, sizeof f->fix), f->fix);
    put_json_string(out, text, n > 0 ? (size_t)n : 0);
    puts_(out, "},\"locations\":[{\"physicalLocation\":{"
               "\"artifactLocation\":{\"uri\":");
    put_json_string(out, uri, strlen(uri));
    puts_(out, ",\"uriBaseId\":\"%SRCROOT%\"},\"region\":{\"startLine\":");
    put_size(out, line);
    puts_(out, ",\"startColumn\":");
    put_size(out, column);
    puts_(out, ",\"endColumn\":");
    put_size(out, column + (f->in_value ? 0 : f->length));
    puts_(out, "}}}]}");
  }
}

void chk_report_sarif_end(chk_out *out) { puts_(out, "]}]}\n"); }
