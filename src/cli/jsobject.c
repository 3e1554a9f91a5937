/* repayjump check and scan: a reader (a leaf). A JavaScript object literal
   as pasted from a mini program's source (`var extraData = {appid: ...}`),
   read into an object: pairs with their offsets, extraData's members as
   "extraData.<key>", and findings about its syntax. Not a JavaScript parser: it
   reads keys (bare or quoted), strings, nested objects (extraData of a navigate
   argument), and takes any other value as a run up to ',', '}' or the line's
   end, which it classes as a bare name, a number, an expression or neither. */
#include <stdlib.h>
#include <string.h>

#include "chk.h"

typedef struct reader {
  const char *s;
  size_t len, pos;
  chk_object *out;
  size_t err_offset; /* the first syntax error, or REPAYJUMP_NO_OFFSET */
  const char *err_message, *err_fix;
  size_t unclosed[4]; /* offsets of braces never closed */
  size_t unclosed_count;
  size_t nested; /* index of extraData's pair while its members are
                    read */
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
  if (rd->err_offset == REPAYJUMP_NO_OFFSET) {
    rd->err_offset = at;
    rd->err_message = message;
    rd->err_fix = fix;
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
      stack[depth++] = (char)(c == '{' ? '}' : c == '[' ? ']' : ')');
    } else if (depth > 0 && c == stack[depth - 1]) {
      if (--depth == 0)
        return 1;
    }
  }
  return 0;
}

/* The value of a string literal between from and to (quotes excluded),
   with its escapes decoded into storage the object owns. */
static const char *decode(reader *rd, size_t from, size_t to, size_t *len) {
  char *d = chk_object_own(rd->out, malloc(to - from + 1));
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

/* Past the decimal digits from i. */
static size_t digits(const char *s, size_t n, size_t i) {
  while (i < n && is_digit(s[i]))
    i++;
  return i;
}

/* Past an exponent (e, E, a sign, digits) at i, or i when there is none;
   0 for an exponent without digits. */
static size_t exponent(const char *s, size_t n, size_t i) {
  size_t from;
  if (i == n || (s[i] != 'e' && s[i] != 'E'))
    return i;
  i++;
  if (i < n && (s[i] == '-' || s[i] == '+'))
    i++;
  from = i;
  i = digits(s, n, i);
  return i > from ? i : 0;
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
  i = digits(s, n, i);
  if (i < n && s[i] == '.')
    i = digits(s, n, i + 1);
  return exponent(s, n, i) == n;
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
  chk_object none;
  if (n == 0 || !is_ident_start(s[0]))
    return 0;
  memset(&sub, 0, sizeof sub);
  chk_object_init(&none);
  sub.s = s;
  sub.len = n;
  sub.out = &none;
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

/* Past a run up to ',', '}', a comment or the line's end, outside
   brackets and strings. */
static void skip_run(reader *rd) {
  while (rd->pos < rd->len) {
    char c = rd->s[rd->pos];
    int escaped = 0;
    if (c == ',' || c == '}' || c == '\n' || c == '\r')
      return;
    if (c == '/' && rd->pos + 1 < rd->len &&
        (rd->s[rd->pos + 1] == '/' || rd->s[rd->pos + 1] == '*'))
      return;
    if (c == '(' || c == '[' || c == '{') {
      if (!skip_balanced(rd))
        return;
    } else if (c == '\'' || c == '"' || c == '`') {
      skip_string(rd, &escaped);
    } else {
      rd->pos++;
    }
  }
}

/* true, null...: JavaScript values that are not text, as JSON's are. */
static int is_literal(const char *s, size_t n) {
  static const char *const literals[] = {"true",      "false", "null",
                                         "undefined", "NaN",   "Infinity"};
  size_t i;
  for (i = 0; i < sizeof literals / sizeof literals[0]; i++)
    if (strlen(literals[i]) == n && memcmp(literals[i], s, n) == 0)
      return 1;
  return 0;
}

/* The value as a run (skip_run), classed into p: a number, a bare name
   (*ident: the caller tells a value from a variable), an expression, or
   neither (a syntax error such as 5K82...). */
static void read_run(reader *rd, repayjump_pair *p, unsigned char *ident) {
  size_t from = rd->pos, to;
  skip_run(rd);
  to = rd->pos;
  while (to > from && (rd->s[to - 1] == ' ' || rd->s[to - 1] == '\t'))
    to--;
  p->value = rd->s + from;
  p->value_len = to - from;
  p->value_offset = from;
  p->type = REPAYJUMP_VALUE_JS_BARE;
  if (p->value_len == 0 || is_number(p->value, p->value_len))
    return; /* none: the caller reports it; numbers are also JSON's */
  if (is_name(p->value, p->value_len) && is_literal(p->value, p->value_len)) {
    p->type = REPAYJUMP_VALUE_NOT_STRING;
    return;
  }
  if (is_name(p->value, p->value_len))
    *ident = 1;
  else if (is_expression(p->value, p->value_len))
    p->type = REPAYJUMP_VALUE_JS_EXPRESSION;
  rd->out->js_only = 1;
}

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

/* Append p, and whether its value is a bare name; extraData's members
   (inner) as "extraData.<key>". */
static int add(reader *rd, int inner, const repayjump_pair *p,
               unsigned char ident) {
  return inner ? chk_object_member(rd->out, "extraData", p, ident)
               : chk_object_add(rd->out, p, ident);
}

/* A '{' no '}' closes. */
static void unclosed(reader *rd, size_t open) {
  if (rd->unclosed_count < sizeof rd->unclosed / sizeof rd->unclosed[0])
    rd->unclosed[rd->unclosed_count++] = open;
}

enum member { MEMBER_OK, MEMBER_NESTED, MEMBER_NO_MEMORY };

/* One member's value, after its ':'. MEMBER_NESTED: extraData's '{' of a
   navigate argument, whose members the caller reads next. */
static enum member read_value(reader *rd, repayjump_pair *p, int depth) {
  unsigned char ident = 0;
  char c = '\0';
  if (rd->pos < rd->len)
    c = rd->s[rd->pos];
  p->value = rd->s + rd->pos;
  p->value_offset = rd->pos;
  if (c == '"' || c == '\'' || c == '`') {
    read_string(rd, p);
  } else if (c == '{' || c == '[') {
    p->type = REPAYJUMP_VALUE_NOT_STRING;
    if (c == '{' && depth == 0 && chk_key_is(p, "extraData")) {
      rd->nested = rd->out->count;
      rd->pos++;
      return add(rd, 0, p, 0) ? MEMBER_NESTED : MEMBER_NO_MEMORY;
    }
    if (!skip_balanced(rd) && c == '{')
      unclosed(rd, (size_t)(p->value - rd->s));
    p->value_len = rd->pos - p->value_offset;
  } else {
    read_run(rd, p, &ident);
    if (p->value_len == 0) {
      syntax(rd, rd->pos, "JavaScript: a key without a value",
             "give the value after ':'");
      return MEMBER_OK;
    }
  }
  /* extraData as a bare name is a variable, whatever its rule would say */
  if (depth == 0 && ident && chk_key_is(p, "extraData")) {
    p->type = REPAYJUMP_VALUE_JS_EXPRESSION;
    ident = 0;
  }
  return add(rd, depth > 0, p, ident) ? MEMBER_OK : MEMBER_NO_MEMORY;
}

/* One member from its key: key: value, or the shorthand {openid}. */
static enum member read_member(reader *rd, int depth) {
  repayjump_pair p;
  int bare;
  memset(&p, 0, sizeof p);
  if (!read_key(rd, &p, &bare)) {
    syntax(rd, rd->pos, "JavaScript: expected a key",
           "write each member as key: 'value'");
    return MEMBER_OK;
  }
  skip_space(rd);
  if (rd->pos < rd->len && rd->s[rd->pos] == ':') {
    rd->pos++;
    while (rd->pos < rd->len &&
           (rd->s[rd->pos] == ' ' || rd->s[rd->pos] == '\t'))
      rd->pos++;
    return read_value(rd, &p, depth);
  }
  if (bare &&
      (rd->pos >= rd->len || rd->s[rd->pos] == ',' || rd->s[rd->pos] == '}')) {
    /* the variable of that name */
    p.value = p.key;
    p.value_len = p.key_len;
    p.value_offset = p.key_offset;
    p.type = REPAYJUMP_VALUE_JS_EXPRESSION;
    return add(rd, depth > 0, &p, 0) ? MEMBER_OK : MEMBER_NO_MEMORY;
  }
  syntax(rd, rd->pos, "JavaScript: expected ':' after a key",
         "write each member as key: 'value'");
  return MEMBER_OK;
}

/* From the top level's '{' to its '}', with extraData's members one level
   down (depth 1); no recursion, as there is only that one level. 0 when
   out of memory. */
static int read_members(reader *rd) {
  size_t open[2];
  int depth = 0;
  open[0] = rd->pos++;
  for (;;) {
    enum member m;
    skip_space(rd);
    if (rd->pos >= rd->len) {
      for (; depth >= 0; depth--)
        unclosed(rd, open[depth]);
      return 1;
    }
    if (rd->s[rd->pos] == '}') {
      rd->pos++;
      if (depth == 0) {
        rd->out->end = rd->pos - 1;
        return 1;
      }
      /* extraData's object ends: it spans from its '{' */
      depth = 0;
      rd->out->pairs[rd->nested].value_len = rd->pos - open[1];
    } else if (rd->s[rd->pos] == ',') {
      syntax(rd, rd->pos, "JavaScript: an empty member (two commas)",
             "remove the extra ','");
      rd->pos++;
      continue;
    } else if ((m = read_member(rd, depth)) == MEMBER_NO_MEMORY) {
      return 0; /* never a verdict on half an object: out->failed */
    } else if (m == MEMBER_NESTED) {
      open[1] = rd->pos - 1;
      depth = 1;
      continue;
    }
    skip_space(rd);
    /* a comma before '}' is valid JavaScript, but not taken as a sign of
       it: JSON with one is more likely JSON gone wrong (json.syntax) */
    if (rd->pos < rd->len && rd->s[rd->pos] == ',')
      rd->pos++;
  }
}

/* Does s[i..len) start with word and a space or tab? */
static int keyword_at(const char *s, size_t len, size_t i, const char *word) {
  size_t n = strlen(word);
  return i + n < len && memcmp(s + i, word, n) == 0 &&
         (s[i + n] == ' ' || s[i + n] == '\t');
}

static size_t skip_blanks(const char *s, size_t len, size_t i, int lines) {
  while (i < len && (s[i] == ' ' || s[i] == '\t' ||
                     (lines && (s[i] == '\n' || s[i] == '\r'))))
    i++;
  return i;
}

/* Past `var|let|const NAME =` and space, or 0 when text does not start so. */
static size_t after_declaration(const char *s, size_t len) {
  static const char *const words[] = {"var", "let", "const"};
  size_t i = skip_blanks(s, len, 0, 1), w;
  for (w = 0; w < sizeof words / sizeof words[0]; w++)
    if (keyword_at(s, len, i, words[w]))
      break;
  if (w == sizeof words / sizeof words[0])
    return 0;
  i = skip_blanks(s, len, i + strlen(words[w]), 0);
  if (i == len || !is_ident_start(s[i]))
    return 0;
  while (i < len && is_ident(s[i]))
    i++;
  i = skip_blanks(s, len, i, 0);
  if (i == len || s[i] != '=')
    return 0;
  return skip_blanks(s, len, i + 1, 1);
}

int js_shaped(const char *text, size_t len) {
  size_t i = after_declaration(text, len);
  return i > 0 && i < len && text[i] == '{';
}

/* Line and column (1-based, bytes) of offset in text. */
static void place(const char *text, size_t offset, size_t *line, size_t *col) {
  size_t i, start = 0;
  *line = 1;
  for (i = 0; i < offset; i++)
    if (text[i] == '\n') {
      (*line)++;
      start = i + 1;
    }
  *col = offset - start + 1;
}

/* The reader's findings: its first syntax error, the braces never closed. */
static void notes(const reader *rd) {
  chk_object *out = rd->out;
  size_t i;
  if (rd->err_offset != REPAYJUMP_NO_OFFSET)
    chk_object_note(out, REPAYJUMP_CHECK_INPUT_UNRECOGNIZED, rd->err_offset,
                    rd->err_offset < rd->len, /* the byte there, none at
                                                 the end */
                    NULL, 0, rd->err_fix, "%s", rd->err_message);
  for (i = 0; i < rd->unclosed_count; i++) {
    size_t line, col;
    place(rd->s, rd->unclosed[i], &line, &col);
    chk_object_note(out, REPAYJUMP_CHECK_JS_UNCLOSED, out->end, 0, NULL, 0,
                    "add the missing '}' after the last member",
                    "the object's '{' (line %zu, column %zu) is never closed",
                    line, col);
  }
}

void js_read_object(const char *text, size_t len, chk_object *out) {
  reader rd;
  size_t start = after_declaration(text, len);
  memset(&rd, 0, sizeof rd);
  out->js_only = start > 0;
  out->is_object = 1;
  out->end = len;
  rd.s = text;
  rd.len = len;
  rd.out = out;
  rd.pos = start;
  rd.err_offset = REPAYJUMP_NO_OFFSET;
  skip_space(&rd);
  if (rd.pos >= len || text[rd.pos] != '{')
    return; /* callers only hand over text that has its '{' */
  if (!read_members(&rd))
    return;
  if (rd.unclosed_count > 0) {
    /* a missing '}' belongs after the last thing written */
    size_t end = len;
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' ||
                       text[end - 1] == '\n' || text[end - 1] == '\r'))
      end--;
    out->end = end;
  }
  notes(&rd);
}
