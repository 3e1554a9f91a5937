/* repayjump check: a JavaScript object literal as pasted from a mini
   program's source (`var extraData = {appid: ..., ...}`), read into pairs
   with their offsets. Not a JavaScript parser: it reads keys (bare or
   quoted), strings, nested objects (extraData of a navigate argument), and
   takes any other value as a run up to ',', '}' or the line's end, which
   it classes as a bare name, a number, an expression or neither. */
#include <stdlib.h>
#include <string.h>

#include "chk.h"

typedef struct reader {
  const char *s;
  size_t len, pos;
  js_read *out;
  chk_result *r;
} reader;

static int is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == '$';
}

static int is_ident(char c) {
  return is_ident_start(c) || (c >= '0' && c <= '9');
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Whitespace, newlines and comments (which only JavaScript has). */
static void skip_space(reader *rd) {
  while (rd->pos < rd->len) {
    char c = rd->s[rd->pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      rd->pos++;
    } else if (c == '/' && rd->pos + 1 < rd->len && rd->s[rd->pos + 1] == '/') {
      while (rd->pos < rd->len && rd->s[rd->pos] != '\n')
        rd->pos++;
      rd->out->js_only = 1;
    } else if (c == '/' && rd->pos + 1 < rd->len && rd->s[rd->pos + 1] == '*') {
      const char *end = NULL;
      size_t from = rd->pos + 2, i;
      for (i = from; i + 1 < rd->len; i++)
        if (rd->s[i] == '*' && rd->s[i + 1] == '/') {
          end = rd->s + i;
          break;
        }
      rd->pos = end ? (size_t)(end - rd->s) + 2 : rd->len;
      rd->out->js_only = 1;
    } else {
      return;
    }
  }
}

/* A syntax error (the first is kept); reading resumes at the next ',',
   '}' or line end. */
static void syntax(reader *rd, size_t at, const char *message,
                   const char *fix) {
  if (rd->out->err_offset == REPAYJUMP_NO_OFFSET) {
    rd->out->err_offset = at;
    rd->out->err_message = message;
    rd->out->err_fix = fix;
  }
  while (rd->pos < rd->len && rd->s[rd->pos] != ',' && rd->s[rd->pos] != '\n' &&
         rd->s[rd->pos] != '}')
    rd->pos++;
}

/* Skip a quoted string from its opening quote; 0 when it is not closed on
   its line (templates may span lines). Sets *escaped when it has a '\'. */
static int skip_string(reader *rd, int *escaped) {
  char q = rd->s[rd->pos++];
  while (rd->pos < rd->len) {
    char c = rd->s[rd->pos];
    if (c == '\\') {
      *escaped = 1;
      rd->pos += 2;
      continue;
    }
    if (c == '\n' && q != '`')
      return 0;
    rd->pos++;
    if (c == q)
      return 1;
  }
  rd->pos = rd->len;
  return 0;
}

/* Skip from an opening bracket to its match, over strings; 0 at the end
   of the input first. */
static int skip_balanced(reader *rd) {
  char stack[64];
  size_t depth = 0;
  int escaped = 0;
  while (rd->pos < rd->len) {
    char c = rd->s[rd->pos];
    if (c == '\'' || c == '"' || c == '`') {
      skip_string(rd, &escaped);
      continue;
    }
    rd->pos++;
    if (c == '{' || c == '[' || c == '(') {
      if (depth == sizeof stack)
        return 0;
      stack[depth++] = c == '{' ? '}' : c == '[' ? ']' : ')';
    } else if (depth > 0 && c == stack[depth - 1]) {
      if (--depth == 0)
        return 1;
    }
  }
  return 0;
}

/* The value of a string literal between from and to (quotes excluded),
   with its escapes decoded into storage r owns. */
static const char *decode(reader *rd, size_t from, size_t to, size_t *len) {
  char *d = chk_own(rd->r, malloc(to - from + 1));
  size_t i = from, n = 0;
  if (d == NULL)
    return NULL;
  while (i < to) {
    char c = rd->s[i++];
    unsigned long u = 0;
    size_t k;
    if (c != '\\' || i >= to) {
      d[n++] = c;
      continue;
    }
    c = rd->s[i++];
    switch (c) {
    case 'n':
      d[n++] = '\n';
      break;
    case 't':
      d[n++] = '\t';
      break;
    case 'r':
      d[n++] = '\r';
      break;
    case 'b':
      d[n++] = '\b';
      break;
    case 'f':
      d[n++] = '\f';
      break;
    case 'v':
      d[n++] = '\v';
      break;
    case '0':
      d[n++] = '\0';
      break;
    case '\n':
      break; /* a line continuation */
    case 'x':
    case 'u':
      /* \xHH, \uHHHH: kept as the byte or its UTF-8 */
      for (k = 0; k < (c == 'x' ? 2u : 4u) && i < to && is_hex(rd->s[i]); k++) {
        char h = rd->s[i++];
        u = u * 16 +
            (unsigned long)(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
      }
      if (u < 0x80) {
        d[n++] = (char)u;
      } else if (u < 0x800 && n + 2 <= to - from) {
        d[n++] = (char)(0xC0 | (u >> 6));
        d[n++] = (char)(0x80 | (u & 0x3F));
      } else if (n + 3 <= to - from) {
        d[n++] = (char)(0xE0 | (u >> 12));
        d[n++] = (char)(0x80 | ((u >> 6) & 0x3F));
        d[n++] = (char)(0x80 | (u & 0x3F));
      }
      break;
    default:
      d[n++] = c;
      break; /* \' \" \\ and the rest: the character */
    }
  }
  *len = n;
  return d;
}

/* Is s[0..n) a JavaScript number? */
static int is_number(const char *s, size_t n) {
  size_t i = 0;
  if (i < n && (s[i] == '-' || s[i] == '+'))
    i++;
  if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
    for (i += 2; i < n && is_hex(s[i]); i++)
      ;
    return i == n;
  }
  if (i == n || !(is_digit(s[i]) || s[i] == '.'))
    return 0;
  while (i < n && is_digit(s[i]))
    i++;
  if (i < n && s[i] == '.')
    for (i++; i < n && is_digit(s[i]); i++)
      ;
  if (i < n && (s[i] == 'e' || s[i] == 'E')) {
    i++;
    if (i < n && (s[i] == '-' || s[i] == '+'))
      i++;
    if (i == n || !is_digit(s[i]))
      return 0;
    while (i < n && is_digit(s[i]))
      i++;
  }
  return i == n;
}

static int is_name(const char *s, size_t n) {
  size_t i;
  if (n == 0 || !is_ident_start(s[0]))
    return 0;
  for (i = 1; i < n && is_ident(s[i]); i++)
    ;
  return i == n;
}

/* A name followed by member accesses, indexes or calls (this.data.x,
   getApp().globalData.openid), or names joined by + || && ??. */
static int is_expression(const char *s, size_t n) {
  reader sub;
  js_read none;
  if (n == 0 || !is_ident_start(s[0]))
    return 0;
  memset(&none, 0, sizeof none);
  sub.s = s;
  sub.len = n;
  sub.pos = 0;
  sub.out = &none;
  sub.r = NULL;
  while (sub.pos < n) {
    char c = s[sub.pos];
    if (is_ident(c) || c == '.' || c == '?' || c == ' ' || c == '+' ||
        c == '|' || c == '&') {
      sub.pos++;
    } else if (c == '(' || c == '[') {
      if (!skip_balanced(&sub))
        return 0;
    } else if (c == '\'' || c == '"' || c == '`') {
      int escaped = 0;
      if (!skip_string(&sub, &escaped))
        return 0;
    } else {
      return 0;
    }
  }
  return memchr(s, '.', n) || memchr(s, '(', n) || memchr(s, '[', n) ||
         memchr(s, '+', n) || memchr(s, '|', n) || memchr(s, '&', n) ||
         memchr(s, '?', n);
}

/* The value as a run up to ',', '}' or the line's end, outside brackets
   and strings; classed into p. */
static void read_run(reader *rd, repayjump_pair *p, unsigned char *ident) {
  size_t from = rd->pos, to;
  while (rd->pos < rd->len) {
    char c = rd->s[rd->pos];
    int escaped = 0;
    if (c == ',' || c == '}' || c == '\n' || c == '\r')
      break;
    if (c == '/' && rd->pos + 1 < rd->len &&
        (rd->s[rd->pos + 1] == '/' || rd->s[rd->pos + 1] == '*'))
      break;
    if (c == '(' || c == '[' || c == '{') {
      if (!skip_balanced(rd))
        break;
    } else if (c == '\'' || c == '"' || c == '`') {
      skip_string(rd, &escaped);
    } else {
      rd->pos++;
    }
  }
  to = rd->pos;
  while (to > from && (rd->s[to - 1] == ' ' || rd->s[to - 1] == '\t'))
    to--;
  p->value = rd->s + from;
  p->value_len = to - from;
  p->value_offset = from;
  if (p->value_len == 0)
    return; /* no value: the caller reports it */
  if (is_number(p->value, p->value_len)) {
    p->type = REPAYJUMP_VALUE_JS_BARE;
  } else if (is_name(p->value, p->value_len)) {
    static const char *const literals[] = {"true",      "false", "null",
                                           "undefined", "NaN",   "Infinity"};
    size_t i;
    p->type = REPAYJUMP_VALUE_JS_BARE;
    *ident = 1;
    for (i = 0; i < sizeof literals / sizeof literals[0]; i++)
      if (strlen(literals[i]) == p->value_len &&
          memcmp(literals[i], p->value, p->value_len) == 0) {
        p->type = REPAYJUMP_VALUE_NOT_STRING;
        *ident = 0;
      }
    rd->out->js_only |= *ident;
  } else if (is_expression(p->value, p->value_len)) {
    p->type = REPAYJUMP_VALUE_JS_EXPRESSION;
    rd->out->js_only = 1;
  } else {
    p->type = REPAYJUMP_VALUE_JS_BARE; /* 5K82...: a syntax error */
    rd->out->js_only = 1;
  }
}

static int read_object(reader *rd, int depth);

/* A string value from its opening quote. */
static void read_string(reader *rd, repayjump_pair *p) {
  size_t open = rd->pos;
  int escaped = 0;
  char q = rd->s[open];
  if (q != '"')
    rd->out->js_only = 1;
  if (!skip_string(rd, &escaped)) {
    size_t end = rd->pos;
    rd->pos = open;
    syntax(rd, open, "JavaScript: a string is never closed on its line",
           "close the string with the quote it opens with");
    p->value = rd->s + open + 1;
    p->value_len = end > open + 1 ? end - open - 1 : 0;
    p->value_offset = open + 1;
    p->type = REPAYJUMP_VALUE_STRING;
    return;
  }
  p->type = REPAYJUMP_VALUE_STRING;
  if (q == '`' && memchr(rd->s + open, '$', rd->pos - open) != NULL) {
    p->type = REPAYJUMP_VALUE_JS_EXPRESSION; /* a template with ${...} */
    p->value = rd->s + open;
    p->value_len = rd->pos - open;
    p->value_offset = open;
  } else if (escaped && q != '`') {
    p->value = decode(rd, open + 1, rd->pos - 1, &p->value_len);
    p->value_offset = REPAYJUMP_NO_OFFSET; /* counted in the decoded value */
  } else {
    p->value = rd->s + open + 1;
    p->value_len = rd->pos - open - 2;
    p->value_offset = open + 1;
  }
}

/* One key: bare, quoted or a number; 0 when there is none. */
static int read_key(reader *rd, repayjump_pair *p, int *bare) {
  size_t from = rd->pos;
  char c = rd->s[from];
  int escaped = 0;
  *bare = 0;
  if (c == '"' || c == '\'') {
    if (!skip_string(rd, &escaped))
      return 0;
    if (c == '\'')
      rd->out->js_only = 1;
    p->key = rd->s + from + 1;
    p->key_len = rd->pos - from - 2;
    p->key_offset = from + 1;
    return 1;
  }
  if (!is_ident(c))
    return 0;
  while (rd->pos < rd->len && is_ident(rd->s[rd->pos]))
    rd->pos++;
  p->key = rd->s + from;
  p->key_len = rd->pos - from;
  p->key_offset = from;
  *bare = is_ident_start(c);
  rd->out->js_only = 1;
  return 1;
}

/* Append p, and whether its value is a bare name, beside it. */
static int add(reader *rd, int inner, const repayjump_pair *p,
               unsigned char ident) {
  chk_object *obj = &rd->out->obj;
  unsigned char **flags = inner ? &rd->out->ident_inner : &rd->out->ident;
  size_t n = inner ? obj->inner_count : obj->count;
  unsigned char *grown = realloc(*flags, n + 1);
  if (grown == NULL)
    return 0;
  *flags = grown;
  grown[n] = ident;
  return chk_object_add(obj, inner, p);
}

/* One member's value, after its ':'. */
static int read_value(reader *rd, repayjump_pair *p, int depth) {
  unsigned char ident = 0;
  char c = rd->pos < rd->len ? rd->s[rd->pos] : '\0';
  if (c == '"' || c == '\'' || c == '`') {
    read_string(rd, p);
  } else if (c == '{' && depth == 0 && chk_key_is(p, "extraData")) {
    size_t open = rd->pos;
    rd->out->obj.nested = CHK_NESTED_OBJECT;
    rd->out->obj.nested_pair = rd->out->obj.count;
    p->type = REPAYJUMP_VALUE_NOT_STRING;
    p->value = rd->s + open;
    p->value_offset = open;
    p->value_len = 0;
    if (!add(rd, 0, p, 0) || !read_object(rd, depth + 1))
      return 0;
    rd->out->obj.pairs[rd->out->obj.nested_pair].value_len = rd->pos - open;
    return 1;
  } else if (c == '{' || c == '[') {
    size_t open = rd->pos;
    if (!skip_balanced(rd) && c == '{' &&
        rd->out->unclosed_count < sizeof rd->out->unclosed / sizeof(size_t))
      rd->out->unclosed[rd->out->unclosed_count++] = open;
    p->type = REPAYJUMP_VALUE_NOT_STRING;
    p->value = rd->s + open;
    p->value_len = rd->pos - open;
    p->value_offset = open;
  } else {
    read_run(rd, p, &ident);
    if (p->value_len == 0) {
      syntax(rd, rd->pos, "JavaScript: a key without a value",
             "give the value after ':'");
      return 1;
    }
  }
  if (depth == 0 && chk_key_is(p, "extraData")) {
    rd->out->obj.nested_pair = rd->out->obj.count;
    rd->out->obj.nested = p->type == REPAYJUMP_VALUE_JS_EXPRESSION ||
                                  (p->type == REPAYJUMP_VALUE_JS_BARE && ident)
                              ? CHK_NESTED_EXPRESSION
                              : CHK_NESTED_OTHER;
  }
  return add(rd, depth > 0, p, ident);
}

/* From '{' to its '}'; members go to the top level (depth 0) or to
   extraData's (1). 0 when out of memory. */
static int read_object(reader *rd, int depth) {
  size_t open = rd->pos++;
  int after_comma = 0;
  for (;;) {
    repayjump_pair p;
    int bare;
    skip_space(rd);
    if (rd->pos >= rd->len) {
      if (rd->out->unclosed_count < sizeof rd->out->unclosed / sizeof(size_t))
        rd->out->unclosed[rd->out->unclosed_count++] = open;
      return 1;
    }
    if (rd->s[rd->pos] == '}') {
      if (depth == 0)
        rd->out->end = rd->pos;
      rd->pos++;
      rd->out->js_only |= after_comma; /* a trailing comma */
      return 1;
    }
    if (rd->s[rd->pos] == ',') {
      syntax(rd, rd->pos, "JavaScript: an empty member (two commas)",
             "remove the extra ','");
      rd->pos++;
      continue;
    }
    memset(&p, 0, sizeof p);
    if (!read_key(rd, &p, &bare)) {
      syntax(rd, rd->pos, "JavaScript: expected a key",
             "write each member as key: 'value'");
      continue;
    }
    skip_space(rd);
    if (rd->pos < rd->len && rd->s[rd->pos] == ':') {
      rd->pos++;
      while (rd->pos < rd->len &&
             (rd->s[rd->pos] == ' ' || rd->s[rd->pos] == '\t'))
        rd->pos++;
      if (!read_value(rd, &p, depth))
        return 0;
    } else if (bare && (rd->pos >= rd->len || rd->s[rd->pos] == ',' ||
                        rd->s[rd->pos] == '}')) {
      /* shorthand {openid}: the variable of that name */
      p.value = p.key;
      p.value_len = p.key_len;
      p.value_offset = p.key_offset;
      p.type = REPAYJUMP_VALUE_JS_EXPRESSION;
      if (!add(rd, depth > 0, &p, 0))
        return 0;
    } else {
      syntax(rd, rd->pos, "JavaScript: expected ':' after a key",
             "write each member as key: 'value'");
      continue;
    }
    skip_space(rd);
    after_comma = rd->pos < rd->len && rd->s[rd->pos] == ',';
    if (after_comma)
      rd->pos++;
  }
}

/* Past `var|let|const NAME =` and space, or 0 when text does not start so. */
static size_t after_declaration(const char *s, size_t len) {
  static const char *const words[] = {"var", "let", "const"};
  size_t i = 0, w, n;
  while (i < len &&
         (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  for (w = 0; w < sizeof words / sizeof words[0]; w++) {
    n = strlen(words[w]);
    if (len - i > n && memcmp(s + i, words[w], n) == 0 &&
        (s[i + n] == ' ' || s[i + n] == '\t'))
      break;
  }
  if (w == sizeof words / sizeof words[0])
    return 0;
  i += n;
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  if (i == len || !is_ident_start(s[i]))
    return 0;
  while (i < len && is_ident(s[i]))
    i++;
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  if (i == len || s[i] != '=')
    return 0;
  i++;
  while (i < len &&
         (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i;
}

int js_shaped(const char *text, size_t len) {
  size_t i = after_declaration(text, len);
  return i > 0 && i < len && text[i] == '{';
}

void js_read_free(js_read *in) {
  chk_object_free(&in->obj);
  free(in->ident);
  free(in->ident_inner);
  in->ident = in->ident_inner = NULL;
}

int js_read_object(const char *text, size_t len, js_read *out, chk_result *r) {
  reader rd;
  size_t start = after_declaration(text, len);
  memset(out, 0, sizeof *out);
  out->err_offset = REPAYJUMP_NO_OFFSET;
  out->js_only = start > 0;
  rd.s = text;
  rd.len = len;
  rd.out = out;
  rd.r = r;
  rd.pos = start;
  skip_space(&rd);
  if (rd.pos >= len || text[rd.pos] != '{')
    return 1; /* callers only hand over text that has its '{' */
  if (!read_object(&rd, 0))
    return 0;
  if (out->unclosed_count > 0) {
    /* a missing '}' belongs after the last thing written */
    size_t end = len;
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' ||
                       text[end - 1] == '\n' || text[end - 1] == '\r'))
      end--;
    out->end = end;
  }
  return !r->failed;
}
