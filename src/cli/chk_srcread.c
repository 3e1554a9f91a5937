/* repayjump check and scan: a reader (a leaf) of source text: where the
   jump's code is and what it says, as the document and WeChat's own
   samples write it. Not a parser of any language: it finds strings,
   string literals (closed or not), a <navigator>'s attributes, the object
   a call or an assignment introduces, and a call's arguments, each with
   its offsets. Knows no rule: what to make of them is chk_source.c's. */
#include <string.h>

#include "chk.h"

/* The first occurrence of the NUL-terminated needle in s[from, len), or
   len. */
size_t src_find(const char *s, size_t len, size_t from, const char *needle) {
  size_t n = strlen(needle), i;
  for (i = from; i + n <= len; i++)
    if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
      return i;
  return len;
}

int src_contains(const char *s, size_t len, const char *needle) {
  return src_find(s, len, 0, needle) < len;
}

int src_is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '$';
}

size_t src_skip_blank(const char *s, size_t len, size_t i) {
  while (i < len && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return i;
}

static int is_name_byte(char c) {
  return src_is_word(c) || c == '-' || c == ':';
}

/* The quoted value after an attribute's name ending at i: its quote's
   offset, or to when there is none. */
static size_t value_quote(const char *s, size_t to, size_t i) {
  i = src_skip_blank(s, to, i);
  if (i >= to || s[i] != '=')
    return to;
  i = src_skip_blank(s, to, i + 1);
  return i < to && (s[i] == '"' || s[i] == '\'') ? i : to;
}

/* Find the attribute called name in the element's text [from, to). */
src_attr src_attribute(const char *s, size_t from, size_t to,
                       const char *name) {
  src_attr a = {0, 0, 0, 0, 0};
  size_t n = strlen(name), i = from;
  while (i < to) {
    size_t start, name_end, q;
    while (i < to && !is_name_byte(s[i]))
      i++;
    for (start = i; i < to && is_name_byte(s[i]); i++)
      ;
    name_end = i;
    if ((q = value_quote(s, to, i)) == to)
      continue;
    for (i = q + 1; i < to && s[i] != s[q]; i++)
      ;
    if (name_end - start == n && memcmp(s + start, name, n) == 0) {
      a.found = 1;
      a.name = start;
      a.name_len = n;
      a.value = q + 1;
      a.value_len = i - q - 1;
      return a;
    }
    i++;
  }
  return a;
}

/* Past the object from its '{' at i, over strings: the offset after its
   '}', or len. */
size_t src_object_end(const char *s, size_t len, size_t i) {
  size_t depth = 0;
  for (; i < len; i++) {
    char c = s[i];
    if (c == '"' || c == '\'' || c == '`') {
      for (i++; i < len && s[i] != c; i++)
        if (s[i] == '\\')
          i++;
    } else if (c == '{') {
      depth++;
    } else if (c == '}' && --depth == 0) {
      return i + 1;
    }
  }
  return len;
}

/* The '{' of the object a mention of name at at introduces:
   navigateToMiniProgram({, extraData: { or extraData = {; len when the
   mention is not one (a longer word, or no object). */
size_t src_object_after(const char *s, size_t len, size_t at,
                        const char *name) {
  size_t k = at + strlen(name);
  int call = name[0] == 'n';
  if ((at > 0 && src_is_word(s[at - 1])) || (k < len && src_is_word(s[k])))
    return len;
  k = src_skip_blank(s, len, k);
  if (k >= len || !(s[k] == (call ? '(' : ':') || (!call && s[k] == '=')))
    return len;
  for (k++;
       k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r');
       k++)
    ;
  return k < len && s[k] == '{' ? k : len;
}

/* Past the comment or character literal at i, or i when there is none
   there. */
static size_t past_non_string(const char *s, size_t len, size_t i) {
  size_t e;
  if (s[i] == '/' && i + 1 < len && s[i + 1] == '/') {
    while (i < len && s[i] != '\n')
      i++;
    return i;
  }
  if (s[i] == '/' && i + 1 < len && s[i + 1] == '*') {
    e = src_find(s, len, i + 2, "*/");
    return e < len ? e + 2 : len;
  }
  if (s[i] != '\'')
    return i;
  /* a character literal: 'x', '\n' */
  e = i + 1 < len && s[i + 1] == '\\' ? i + 2 : i + 1;
  return e + 1 < len && s[e + 1] == '\'' ? e + 2 : i + 1;
}

/* The string literal whose quote is at q; returns the offset after it. */
static size_t read_literal(const char *s, size_t len, size_t q,
                           src_literal *lit) {
  size_t k = q + 1;
  lit->quote = q;
  lit->from = k;
  while (k < len && s[k] != '"' && s[k] != '\n')
    k += s[k] == '\\' && k + 1 < len && s[k + 1] != '\n' ? 2 : 1;
  lit->closed = k < len && s[k] == '"';
  lit->to = k;
  /* never closed: to the line's end, less the statement's end (the
     document's `...=weixin;`) and spaces */
  while (!lit->closed && lit->to > lit->from &&
         (s[lit->to - 1] == '\r' || s[lit->to - 1] == ' ' ||
          s[lit->to - 1] == '\t' || s[lit->to - 1] == ';'))
    lit->to--;
  return lit->closed ? k + 1 : k;
}

/* The next string literal from i, past comments; 0 when none. */
int src_next_literal(const char *s, size_t len, size_t *i, src_literal *lit) {
  while (*i < len) {
    size_t past = past_non_string(s, len, *i);
    if (past != *i) {
      *i = past;
    } else if (s[*i] == '"') {
      *i = read_literal(s, len, *i, lit);
      return 1;
    } else {
      (*i)++;
    }
  }
  return 0;
}

/* Is the literal at lit exactly want? */
int src_literal_is(const char *s, const src_literal *lit, const char *want) {
  size_t n = strlen(want);
  return lit->closed && lit->to - lit->from == n &&
         memcmp(s + lit->from, want, n) == 0;
}

/* The literal right after an assignment to a name at i (past the name):
   `= "..."`, `= @"..."`; 0 when it is not one. */
int src_assigned_literal(const char *s, size_t len, size_t i,
                         src_literal *lit) {
  i = src_skip_blank(s, len, i);
  if (i < len && s[i] == ':') { /* Kotlin, Swift: name: Type = */
    i = src_skip_blank(s, len, i + 1);
    while (i < len && (src_is_word(s[i]) || s[i] == '?' || s[i] == '.'))
      i++;
    i = src_skip_blank(s, len, i);
  }
  if (i >= len || s[i] != '=' || (i + 1 < len && s[i + 1] == '='))
    return 0;
  i = src_skip_blank(s, len, i + 1);
  if (i < len && s[i] == '@')
    i++;
  if (i >= len || s[i] != '"')
    return 0;
  return src_next_literal(s, len, &i, lit);
}

/* The AppID argument of the call named call at i: the first after '(' or
   ':' (registerApp), the second (createWXAPI); len when there is none. */
size_t src_call_argument(const char *s, size_t len, size_t i,
                         const char *call) {
  size_t k = src_skip_blank(s, len, i + strlen(call));
  if (k >= len || (s[k] != '(' && s[k] != ':'))
    return len;
  k++;
  if (call[0] == 'c') { /* createWXAPI(context, APPID...) */
    while (k < len && s[k] != ',' && s[k] != ')' && s[k] != '\n')
      k++;
    if (k >= len || s[k] != ',')
      return len;
    k++;
  }
  while (k < len && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n'))
    k++;
  return k;
}

/* The name an assignment at src_literal lit assigns to, if it ends with one
   of the given names (req.userName, launchMiniProgramReq.userName). */
int src_assigns_to(const char *s, const src_literal *lit, const char *name) {
  size_t i = lit->quote, n = strlen(name);
  if (i > 0 && s[i - 1] == '@')
    i--;
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
    i--;
  if (i == 0 || s[i - 1] != '=')
    return 0;
  i--;
  while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
    i--;
  return i >= n && memcmp(s + i - n, name, n) == 0 &&
         (i == n || !src_is_word(s[i - n - 1]));
}
