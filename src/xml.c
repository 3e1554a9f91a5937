/* WeChat Pay's answers are flat XML: an optional declaration, one <xml>
 * root, and children holding text or CDATA. This reader accepts exactly
 * that and refuses everything else XML allows (a DTD, entity declarations,
 * comments, processing instructions, attributes, nesting), so there is no
 * entity to expand and no external resource to fetch: what stops XXE is
 * that the grammar has no place for them. A leaf over the C library. */
#include <string.h>

#include "internal.h"

typedef struct reader {
  const char *s;
  size_t len, at;
  repayjump_error *err;
} reader;

static int refuse(reader *r, size_t at, const char *what) {
  return rj_fail(r->err, REPAYJUMP_E_XML, 0, at, "answer: byte %zu: %s", at,
                 what);
}

static int starts(const reader *r, const char *lit) {
  size_t n = strlen(lit);
  return r->len - r->at >= n && memcmp(r->s + r->at, lit, n) == 0;
}

/* The first place of lit in s[0..n), or NULL (memmem is not POSIX). */
static const char *find(const char *s, size_t n, const char *lit) {
  size_t k = strlen(lit);
  const char *end = s + n, *p = s;
  while ((size_t)(end - p) >= k && (p = memchr(p, lit[0], (size_t)(end - p)))) {
    if ((size_t)(end - p) < k)
      break;
    if (memcmp(p, lit, k) == 0)
      return p;
    p++;
  }
  return NULL;
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void skip_space(reader *r) {
  while (r->at < r->len && is_space(r->s[r->at]))
    r->at++;
}

static int name_start(unsigned char c) {
  return (unsigned)((c | 0x20) - 'a') < 26u || c == '_';
}

static int name_char(unsigned char c) {
  return name_start(c) || (unsigned)(c - '0') < 10u || c == '-' || c == '.';
}

/* The length of a well-formed UTF-8 sequence at s[0..n), or 0. Overlong
 * forms, surrogates and code points past U+10FFFF are not well-formed. */
size_t rj_utf8_len(const unsigned char *s, size_t n) {
  unsigned c = s[0];
  size_t k, need;
  unsigned lo = 0x80, hi = 0xBF;
  if (c < 0x80)
    return 1;
  if (c >= 0xC2 && c <= 0xDF)
    need = 1;
  else if (c >= 0xE0 && c <= 0xEF)
    need = 2, lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
  else if (c >= 0xF0 && c <= 0xF4)
    need = 3, lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
  else
    return 0;
  if (n <= need || s[1] < lo || s[1] > hi)
    return 0;
  for (k = 2; k <= need; k++)
    if ((s[k] & 0xC0) != 0x80)
      return 0;
  return need + 1;
}

/* Characters XML allows in a document: tab, newline, carriage return and
 * from U+0020 on, less the surrogates and U+FFFE, U+FFFF. */
static int xml_char(unsigned long c) {
  return c == 9 || c == 10 || c == 13 || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static size_t utf8_put(unsigned long c, char *out) {
  if (c < 0x80) {
    out[0] = (char)c;
    return 1;
  }
  if (c < 0x800) {
    out[0] = (char)(0xC0 | c >> 6), out[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = (char)(0xE0 | c >> 12), out[1] = (char)(0x80 | (c >> 6 & 0x3F));
    out[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = (char)(0xF0 | c >> 18), out[1] = (char)(0x80 | (c >> 12 & 0x3F));
  out[2] = (char)(0x80 | (c >> 6 & 0x3F)), out[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* Every byte of the document: well-formed UTF-8 of XML characters. */
static int check_chars(reader *r) {
  const unsigned char *s = (const unsigned char *)r->s;
  size_t i = 0, n;
  while (i < r->len) {
    if (s[i] >= 0x20 && s[i] < 0x80) {
      i++;
      continue;
    }
    n = rj_utf8_len(s + i, r->len - i);
    if (n == 0)
      return refuse(r, i, "not UTF-8");
    if (n == 1 ? !xml_char(s[i])
               : n == 3 && s[i] == 0xEF && s[i + 1] == 0xBF && s[i + 2] >= 0xBE)
      return refuse(r, i, "a character XML does not allow");
    i += n;
  }
  return REPAYJUMP_OK;
}

/* A hex digit's value, 16 for other bytes. */
static unsigned hex_value(unsigned char d) {
  if ((unsigned)(d - '0') < 10u)
    return (unsigned)(d - '0');
  d |= 0x20;
  return (unsigned)(d - 'a') < 6u ? (unsigned)(d - 'a') + 10u : 16u;
}

/* The five predefined entities and character references, at r->at (an
 * '&'), decoded to out; returns the bytes written, or 0 after refusing. */
static size_t reference(reader *r, char *out) {
  static const struct {
    const char *name;
    char c;
  } predefined[] = {{"&lt;", '<'},
                    {"&gt;", '>'},
                    {"&amp;", '&'},
                    {"&apos;", '\''},
                    {"&quot;", '"'}};
  size_t i, start = r->at;
  unsigned long c = 0;
  int hex;
  for (i = 0; i < sizeof predefined / sizeof *predefined; i++)
    if (starts(r, predefined[i].name)) {
      r->at += strlen(predefined[i].name);
      out[0] = predefined[i].c;
      return 1;
    }
  if (!starts(r, "&#")) {
    refuse(r, start, "an entity other than XML's five (entities are refused)");
    return 0;
  }
  r->at += 2;
  hex = r->at < r->len && r->s[r->at] == 'x';
  r->at += (size_t)hex;
  for (i = r->at; r->at < r->len && r->s[r->at] != ';'; r->at++) {
    unsigned char d = (unsigned char)r->s[r->at];
    unsigned v = hex_value(d);
    if (v >= (hex ? 16u : 10u) || r->at - i >= 8) {
      refuse(r, start, "a malformed character reference");
      return 0;
    }
    c = c * (hex ? 16 : 10) + v;
  }
  if (r->at == i || r->at == r->len || !xml_char(c)) {
    refuse(r, start, "a malformed character reference");
    return 0;
  }
  r->at++; /* the ';' */
  return utf8_put(c, out);
}

/* What markup at r->at ('<' but not an element) is, refused. */
static int refuse_markup(reader *r) {
  if (starts(r, "<!DOCTYPE"))
    return refuse(r, r->at, "a DOCTYPE (refused: no DTD is read)");
  if (starts(r, "<!ENTITY"))
    return refuse(r, r->at, "an entity declaration (refused)");
  if (starts(r, "<!--"))
    return refuse(r, r->at, "a comment (refused)");
  if (starts(r, "<?"))
    return refuse(r, r->at, "a processing instruction (refused)");
  return refuse(r, r->at, "markup other than an element (refused)");
}

/* The name at r->at, whose first byte is a name's. */
static rj_str read_name(reader *r) {
  rj_str name = {r->s + r->at, 0};
  while (r->at < r->len && name_char((unsigned char)r->s[r->at]))
    r->at++;
  name.n = (size_t)(r->s + r->at - name.s);
  return name;
}

/* The end of a start tag after its name: optional space, then '>' or
 * "/>"; *empty for the latter. */
static int tag_end(reader *r, int *empty) {
  skip_space(r);
  *empty = starts(r, "/>");
  if (*empty || starts(r, ">")) {
    r->at += *empty ? 2 : 1;
    return REPAYJUMP_OK;
  }
  if (r->at < r->len && name_start((unsigned char)r->s[r->at]))
    return refuse(r, r->at, "an attribute (refused)");
  return refuse(r, r->at, "expected '>'");
}

/* "</name>" at r->at, with optional space before the '>'. */
static int end_tag(reader *r, rj_str name) {
  size_t at = r->at;
  rj_str got;
  r->at += 2;
  got.s = r->s + r->at, got.n = 0;
  if (r->at < r->len && name_start((unsigned char)r->s[r->at]))
    got = read_name(r);
  if (got.n != name.n || memcmp(got.s, name.s, name.n) != 0)
    return refuse(r, at, "an end tag that does not match its element");
  skip_space(r);
  if (!starts(r, ">"))
    return refuse(r, r->at, "expected '>'");
  r->at++;
  return REPAYJUMP_OK;
}

/* A CDATA section at r->at, its text appended to out at *n. */
static int cdata(reader *r, char *out, size_t *n) {
  size_t start = r->at;
  const char *close;
  r->at += 9; /* "<![CDATA[" */
  close = find(r->s + r->at, r->len - r->at, "]]>");
  if (!close)
    return refuse(r, start, "a CDATA section that never ends");
  memcpy(out + *n, r->s + r->at, (size_t)(close - (r->s + r->at)));
  *n += (size_t)(close - (r->s + r->at));
  r->at = (size_t)(close - r->s) + 3;
  return REPAYJUMP_OK;
}

/* Character data at r->at up to the next markup or reference, appended to
 * out at *n. */
static int text(reader *r, char *out, size_t *n) {
  const char *bad;
  size_t k;
  for (k = r->at; k < r->len && r->s[k] != '<' && r->s[k] != '&'; k++)
    ;
  if ((bad = find(r->s + r->at, k - r->at, "]]>")) != NULL)
    return refuse(r, (size_t)(bad - r->s), "\"]]>\" in text");
  memcpy(out + *n, r->s + r->at, k - r->at);
  *n += k - r->at;
  r->at = k;
  return REPAYJUMP_OK;
}

/* The content of an element up to and through its end tag: text and CDATA
 * sections, decoded into out (never longer than what it decodes). */
static int content(reader *r, rj_str name, char *out, size_t *n) {
  int rc = REPAYJUMP_OK;
  *n = 0;
  while (rc == REPAYJUMP_OK) {
    size_t k;
    if (r->at >= r->len)
      return refuse(r, r->at, "the document ends inside an element");
    if (starts(r, "</"))
      return end_tag(r, name);
    if (starts(r, "<![CDATA[")) {
      rc = cdata(r, out, n);
    } else if (r->s[r->at] == '<') {
      if (r->at + 1 < r->len && name_start((unsigned char)r->s[r->at + 1]))
        return refuse(r, r->at, "a nested element (refused)");
      return refuse_markup(r);
    } else if (r->s[r->at] == '&') {
      if ((k = reference(r, out + *n)) == 0)
        return REPAYJUMP_E_XML;
      *n += k;
    } else {
      rc = text(r, out, n);
    }
  }
  return rc;
}

/* The declaration, only at the very start; its pseudo-attributes hold no
 * markup. Then the <xml> root's start tag; *empty for <xml/>. */
static int root_start(reader *r, int *empty) {
  static const rj_str root = RJ_STR("xml");
  rj_str name;
  if (starts(r, "<?xml") && r->len > 5 && is_space(r->s[5])) {
    const char *close = find(r->s, r->len, "?>");
    if (!close || memchr(r->s + 1, '<', (size_t)(close - r->s)))
      return refuse(r, 0, "a malformed XML declaration");
    r->at = (size_t)(close - r->s) + 2;
  }
  skip_space(r);
  if (!starts(r, "<"))
    return refuse(r, r->at, "expected the <xml> root element");
  if (r->at + 1 >= r->len || !name_start((unsigned char)r->s[r->at + 1]))
    return refuse_markup(r);
  r->at++;
  name = read_name(r);
  if (name.n != root.n || memcmp(name.s, root.s, root.n) != 0)
    return refuse(r, r->at - name.n - 1, "the root element is not <xml>");
  return tag_end(r, empty);
}

/* One child of <xml> at r->at (a '<' and a name), into doc, its content
 * decoded into scratch + *used. */
static int child(reader *r, rj_xml *doc, char *scratch, size_t *used) {
  rj_kv *kv = &doc->kv[doc->count];
  size_t n = 0;
  int empty, rc;
  if (doc->count == RJ_XML_MAX)
    return refuse(r, r->at, "more elements than an answer has");
  r->at++;
  doc->name_off[doc->count] = r->at;
  kv->key = read_name(r);
  if ((rc = tag_end(r, &empty)) != REPAYJUMP_OK)
    return rc;
  doc->value_off[doc->count] = r->at;
  if (!empty && (rc = content(r, kv->key, scratch + *used, &n)))
    return rc;
  kv->val.s = scratch + *used;
  kv->val.n = n;
  *used += n;
  doc->count++;
  return REPAYJUMP_OK;
}

int rj_xml_read(const char *answer, size_t len, rj_xml *doc, char *scratch,
                repayjump_error *err) {
  static const rj_str root = RJ_STR("xml");
  reader r = {answer, len, 0, err};
  size_t used = 0;
  int empty, rc;

  doc->count = 0;
  if ((rc = check_chars(&r)) != REPAYJUMP_OK ||
      (rc = root_start(&r, &empty)) != REPAYJUMP_OK)
    return rc;
  while (!empty) {
    skip_space(&r);
    if (r.at >= r.len)
      return refuse(&r, r.at, "the document ends inside <xml>");
    if (starts(&r, "</")) {
      if ((rc = end_tag(&r, root)) != REPAYJUMP_OK)
        return rc;
      break;
    }
    if (r.s[r.at] != '<')
      return refuse(&r, r.at, "text outside an element");
    if (r.at + 1 >= r.len || !name_start((unsigned char)r.s[r.at + 1]))
      return refuse_markup(&r);
    if ((rc = child(&r, doc, scratch, &used)) != REPAYJUMP_OK)
      return rc;
  }
  skip_space(&r);
  if (r.at < r.len)
    return refuse(&r, r.at,
                  r.s[r.at] == '<' ? "content after the root (refused)"
                                   : "text after the root");
  return REPAYJUMP_OK;
}
