/* An App path or query string read as key/value pairs: which of the two a
 * text is, then its pairs split at '&' and the first '=' of each, values
 * percent-decoded strictly, and every position an offset into the
 * original text. Nothing is copied but the decoded bytes a caller asks
 * for. */
#include <string.h>

#include "internal.h"

static int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  c = (unsigned char)(c |
                      0x20); /* 'A'-'F' to 'a'-'f'; nothing else lands there */
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

void rj_query_start(rj_query *q, const char *text, size_t start, size_t end) {
  q->text = text;
  q->at = start;
  q->end = end;
  q->done = start == end; /* an empty query has no pairs, not one empty one */
  q->after_empty = 0;
}

int rj_query_next(rj_query *q, rj_qpair *p) {
  const char *seg, *amp, *eq;
  size_t n;
next:
  if (q->done)
    return RJ_QUERY_END;
  seg = q->text + q->at;
  amp = memchr(seg, '&', q->end - q->at);
  n = amp ? (size_t)(amp - seg) : q->end - q->at;
  p->key.s = seg;
  p->key_off = q->at;
  q->done = !amp;
  q->at += n + 1;
  if (n == 0) {
    /* Report the '&' that makes the pair empty: the one after it, or for a
     * trailing '&' the one before it, unless that one was reported with
     * the empty pair before ("&&" at the end). */
    if (!amp && q->after_empty)
      goto next;
    q->after_empty = 1;
    p->key_off = amp ? p->key_off : p->key_off - 1;
    return RJ_QUERY_EMPTY;
  }
  q->after_empty = 0;
  eq = memchr(seg, '=', n);
  p->no_value = !eq;
  p->key.n = eq ? (size_t)(eq - seg) : n;
  p->val.s = eq ? eq + 1 : seg + n;
  p->val.n = eq ? n - p->key.n - 1 : 0;
  p->val_off = p->key_off + (size_t)(p->val.s - seg);
  p->encoded = p->val.n && memchr(p->val.s, '%', p->val.n) != NULL;
  return RJ_QUERY_PAIR;
}

/* Whitespace, as value.space names it. */
static int is_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

void rj_value_scan(const char *raw, size_t n, int decode, char *out, size_t cap,
                   rj_scan *s) {
  size_t i = 0, len = 0;
  s->bad_escape = s->escape = RJ_NONE;
  s->space_at = s->space = s->equals_at = s->equals = RJ_NONE;
  s->space_byte = 0;
  while (i < n) {
    unsigned char c = (unsigned char)raw[i];
    size_t at = i++;
    if (decode && c == '%') {
      int hi = i < n ? hex_value((unsigned char)raw[i]) : -1;
      int lo = i + 1 < n ? hex_value((unsigned char)raw[i + 1]) : -1;
      if (hi < 0 || lo < 0) {
        s->bad_escape = at;
        break; /* what follows is not a value anyone meant */
      }
      c = (unsigned char)(hi << 4 | lo);
      i += 2;
      if (s->escape == RJ_NONE)
        s->escape = at;
    }
    if (is_space(c) && s->space == RJ_NONE)
      s->space_at = at, s->space = len, s->space_byte = c;
    if (c == '=' && s->equals == RJ_NONE)
      s->equals_at = at, s->equals = len;
    if (len < cap)
      out[len] = (char)c;
    len++;
  }
  s->len = len;
}

size_t rj_value_raw_offset(const char *raw, size_t n, int decode,
                           size_t index) {
  size_t i = 0;
  if (!decode)
    return index < n ? index : n;
  /* The scan has found no bad escape: every '%' starts one of 3 bytes;
   * index is at most the decoded length, so i stays within n. */
  for (; index; index--)
    i += raw[i] == '%' ? 3 : 1;
  return i;
}

int rj_text_kind(const char *text, size_t len, size_t *page_end) {
  const char *q = memchr(text, '?', len);
  *page_end = q ? (size_t)(q - text) : len;
  /* A '?' after a '=' or '&' is inside a query's value. */
  if (memchr(text, '=', *page_end) || memchr(text, '&', *page_end))
    *page_end = len, q = NULL;
  if (!q && (memchr(text, '=', len) || memchr(text, '&', len)))
    return RJ_TEXT_QUERY;
  if (!q && !memchr(text, '/', len))
    return RJ_TEXT_NEITHER;
  return RJ_TEXT_PATH;
}
