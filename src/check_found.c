/* The checker: findings written into the caller's storage (or counted
 * past it), placed at a key, at bytes of a value, or at the end. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "check_ctx.h"

/* A key or a value's bytes in a message: printable ASCII, at most 40
 * bytes, others as '?'. */
const char *rj_ck_show(const char *s, size_t n, char buf[48]) {
  size_t i, m = n > 40 ? 40 : n;
  for (i = 0; i < m; i++) {
    unsigned char b = (unsigned char)s[i];
    buf[i] = '?';
    if (b >= 0x20 && b < 0x7f)
      buf[i] = s[i];
  }
  memcpy(buf + m, n > m ? "...\0" : "\0", n > m ? 4 : 1);
  return buf;
}

/* Count a finding and fill it: in the caller's storage when it is among
 * the first cap, else in a spare one, whose text is dropped. */
repayjump_finding *rj_ck_add(ctx *c, int code, int field, const item *it,
                             size_t offset, size_t length, int in_value) {
  repayjump_check_result *r = c->res;
  repayjump_finding *f;
  int severity = rj_check_codes[code].severity;
  r->errors += severity == REPAYJUMP_SEVERITY_ERROR;
  r->warnings += severity == REPAYJUMP_SEVERITY_WARNING;
  r->notes += severity == REPAYJUMP_SEVERITY_NOTE;
  f = r->count < c->cap ? &c->out[r->count] : &c->spare;
  r->count++;
  f->code = code;
  f->severity = severity;
  f->field = field;
  f->in_value = in_value;
  f->offset = offset;
  f->length = length;
  f->pair = it ? it->pair : NONE;
  /* A nested member's key as the caller wrote it: "extraData.openid". */
  f->key = it ? it->q.key.s - it->key_prefix : NULL;
  f->key_len = it ? it->q.key.n + it->key_prefix : 0;
  /* All of them: a finding is the same bytes for the same input. */
  memset(f->message, 0, sizeof f->message);
  memset(f->fix, 0, sizeof f->fix);
  return f;
}

void rj_ck_say(char *to, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  /* Every message fits (the longest is under 160 bytes); a longer one
   * would be cut, never overflow. */
  (void)vsnprintf(to, REPAYJUMP_MESSAGE_MAX, fmt, ap);
  va_end(ap);
}

/* A finding about the pair's key. */
repayjump_finding *rj_ck_at_key(ctx *c, int code, int field, const item *it) {
  return rj_ck_add(c, code, field, it, it->q.key_off, it->q.key.n, 0);
}

/* A finding about raw bytes [at, at + n) of the pair's value; offsets
 * within the value when the caller knows no place for it. */
repayjump_finding *rj_ck_at_value(ctx *c, int code, int field, const item *it,
                                  size_t at, size_t n) {
  int in_value = it->q.val_off == NONE;
  return rj_ck_add(c, code, field, it, in_value ? at : it->q.val_off + at, n,
                   in_value);
}

/* A finding about something absent. */
repayjump_finding *rj_ck_at_end(ctx *c, int code, int field) {
  return rj_ck_add(c, code, field, NULL, c->end, 0, 0);
}

/* The finding's field of a key's source: every key of the variants' rows
 * comes from a field below API_KEY (the key is never sent), sign_type or
 * sign. */
int rj_ck_field_of(unsigned src) {
  if (src == SIGN_TYPE)
    return REPAYJUMP_CHECK_FIELD_SIGN_TYPE;
  if (src == SIGN)
    return REPAYJUMP_CHECK_FIELD_SIGN;
  return (int)src;
}
