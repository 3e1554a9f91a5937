/* repayjump_status_parse: no answer is ever trusted unless its sign is the
 * HMAC-SHA256 recomputed here, over the fields read by this file's own
 * reader of flat XML, with the caller's key; no trusted answer holds a
 * DOCTYPE, an entity declaration or any other "<!" or "<?" markup; a
 * trusted answer's members are its fields; a refusal is one line of
 * printable ASCII without the key, and leaves the result empty but for
 * WeChat's words after a FAIL.
 *
 * Input: byte 0 is the mode: bit 0 asks as a partner (v3-partner), bit 1
 * re-signs: every run of 64 'S' in the answer is replaced by the reference
 * signature of the fields this file reads (so that mutated answers can be
 * trusted, and the checks after the signature are reached). The rest is
 * the answer. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "fuzz.h"

#define KEY "7mdApPMfXddfWc6A8HhRZ0aQpMCdq1mZ"
#define PLACEHOLDER_LEN 64
#define FIELDS_MAX 256

typedef struct field {
  const char *name; /* in the answer */
  size_t name_len;
  char *value; /* decoded, NUL-terminated (an answer holds no NUL) */
  size_t len;
} field;

static int name_is(const field *f, const char *name) {
  return f->name_len == strlen(name) && memcmp(f->name, name, f->name_len) == 0;
}

static int name_cmp(const field *a, const field *b) {
  size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
  int c = memcmp(a->name, b->name, n);
  return c ? c : (a->name_len > b->name_len) - (a->name_len < b->name_len);
}

typedef struct oracle {
  field f[FIELDS_MAX];
  size_t count;
  char buf[2 * REPAYJUMP_ANSWER_MAX + 16];
  size_t used;
} oracle;

static int starts(const char *s, const char *end, const char *lit) {
  size_t n = strlen(lit);
  return (size_t)(end - s) >= n && memcmp(s, lit, n) == 0;
}

static int space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void put_utf8(oracle *o, unsigned long c) {
  char *p = o->buf + o->used;
  if (c < 0x80) {
    p[0] = (char)c, o->used += 1;
  } else if (c < 0x800) {
    p[0] = (char)(0xC0 | (c >> 6)), p[1] = (char)(0x80 | (c & 63));
    o->used += 2;
  } else if (c < 0x10000) {
    p[0] = (char)(0xE0 | (c >> 12)), p[1] = (char)(0x80 | ((c >> 6) & 63));
    p[2] = (char)(0x80 | (c & 63)), o->used += 3;
  } else {
    p[0] = (char)(0xF0 | (c >> 18)), p[1] = (char)(0x80 | ((c >> 12) & 63));
    p[2] = (char)(0x80 | ((c >> 6) & 63)), p[3] = (char)(0x80 | (c & 63));
    o->used += 4;
  }
}

/* A reference at *sp ('&'): one of the five entities or a character
 * reference, decoded into o; 0 for anything else. */
static int reference(oracle *o, const char **sp, const char *end) {
  static const char *const names[] = {"&lt;", "&gt;", "&amp;", "&apos;",
                                      "&quot;"};
  static const char chars[] = "<>&'\"";
  const char *s = *sp;
  char digits[16] = {0}, *stop;
  unsigned long c;
  size_t i, k, from;
  int hex;
  for (i = 0; i < 5; i++)
    if (starts(s, end, names[i])) {
      o->buf[o->used++] = chars[i];
      *sp = s + strlen(names[i]);
      return 1;
    }
  if (!starts(s, end, "&#"))
    return 0;
  hex = s + 2 < end && s[2] == 'x';
  from = hex ? 3 : 2;
  for (k = 0; k < 12 && s + from + k < end && s[from + k] != ';'; k++)
    digits[k] = s[from + k];
  if (s + from + k >= end || k == 0 || k == 12)
    return 0;
  c = strtoul(digits, &stop, hex ? 16 : 10);
  if (*stop || c == 0 || c > 0x10FFFF)
    return 0;
  put_utf8(o, c);
  *sp = s + from + k + 1;
  return 1;
}

/* A CDATA section at *sp, its text into o; 0 if it never ends. */
static int cdata(oracle *o, const char **sp, const char *end) {
  const char *c = *sp + 9;
  while (c < end && !starts(c, end, "]]>"))
    o->buf[o->used++] = *c++;
  *sp = c + 3;
  return c < end;
}

/* Decode element content up to "</"; 0 on anything but text, CDATA and
 * references. */
static int content(oracle *o, const char **sp, const char *end) {
  const char *s = *sp;
  int ok = 1;
  while (ok && s < end && !starts(s, end, "</")) {
    if (starts(s, end, "<![CDATA["))
      ok = cdata(o, &s, end);
    else if (*s == '&')
      ok = reference(o, &s, end);
    else if (*s == '<')
      ok = 0;
    else
      o->buf[o->used++] = *s++;
  }
  *sp = s;
  return ok && s < end;
}

static const char *skip_space(const char *s, const char *end) {
  while (s < end && space(*s))
    s++;
  return s;
}

/* "NAME>" or "NAME/>" ... after a '<': the name into f, *empty for "/>";
 * NULL if it is not that. */
static const char *start_tag(field *f, const char *s, const char *end,
                             int *empty) {
  f->name = s;
  while (s < end &&
         (*s == '_' || *s == '-' || *s == '.' || (*s >= '0' && *s <= '9') ||
          ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z')))
    s++;
  f->name_len = (size_t)(s - f->name);
  if (f->name_len == 0 || strchr("0123456789-.", f->name[0]))
    return NULL;
  s = skip_space(s, end);
  *empty = starts(s, end, "/>");
  if (*empty)
    return s + 2;
  return s < end && *s == '>' ? s + 1 : NULL;
}

/* One child element at s (a '<'), into o; NULL if it is not one. */
static const char *element(oracle *o, const char *s, const char *end) {
  field *f;
  int empty;
  if (o->count == FIELDS_MAX)
    return NULL;
  f = &o->f[o->count++];
  if ((s = start_tag(f, s + 1, end, &empty)) == NULL)
    return NULL;
  f->value = o->buf + o->used;
  if (!empty) {
    if (!content(o, &s, end))
      return NULL;
    s += 2; /* "</" */
    if ((size_t)(end - s) < f->name_len || memcmp(s, f->name, f->name_len) != 0)
      return NULL;
    s = skip_space(s + f->name_len, end);
    if (s >= end || *s++ != '>')
      return NULL;
  }
  f->len = (size_t)(o->buf + o->used - f->value);
  o->buf[o->used++] = '\0';
  return s;
}

/* The optional declaration; NULL if it never closes. */
static const char *declaration(const char *s, const char *end) {
  if (!starts(s, end, "<?xml") || end - s < 6 || !space(s[5]))
    return s;
  while (s < end && !starts(s, end, "?>"))
    s++;
  return s == end ? NULL : s + 2;
}

/* Read a flat answer into o: 1, or 0 when it is not one. */
static int read_flat(oracle *o, const char *s, size_t n) {
  const char *end = s + n;
  o->count = o->used = 0;
  if ((s = declaration(s, end)) == NULL)
    return 0;
  s = skip_space(s, end);
  if (starts(s, end, "<xml/>"))
    return skip_space(s + 6, end) == end;
  if (!starts(s, end, "<xml"))
    return 0;
  s = skip_space(s + 4, end);
  if (s >= end || *s++ != '>')
    return 0;
  for (;;) {
    s = skip_space(s, end);
    if (starts(s, end, "</xml")) {
      s = skip_space(s + 5, end);
      return s < end && *s == '>' && skip_space(s + 1, end) == end;
    }
    if (s >= end || *s != '<' || (s = element(o, s, end)) == NULL)
      return 0;
  }
}

static const field *lookup(const oracle *o, const char *name) {
  size_t i;
  for (i = 0; i < o->count; i++)
    if (name_is(&o->f[i], name))
      return &o->f[i];
  return NULL;
}

static int by_name(const void *a, const void *b) {
  return name_cmp(*(const field *const *)a, *(const field *const *)b);
}

/* WeChat Pay's signature of o's fields, computed here. */
static void reference_sign(const oracle *o, char out[65]) {
  static const char hex[] = "0123456789ABCDEF";
  const field *sorted[FIELDS_MAX] = {NULL}; /* qsort reads only n */
  crypto_auth_hmacsha256_state st;
  unsigned char mac[32];
  size_t i, n = 0;
  for (i = 0; i < o->count; i++)
    if (o->f[i].len && !name_is(&o->f[i], "sign"))
      sorted[n++] = &o->f[i];
  qsort(sorted, n, sizeof(const field *), by_name);
  crypto_auth_hmacsha256_init(&st, (const unsigned char *)KEY, strlen(KEY));
  for (i = 0; i < n; i++) {
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)sorted[i]->name,
                                  sorted[i]->name_len);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)"=", 1);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)sorted[i]->value,
                                  sorted[i]->len);
    crypto_auth_hmacsha256_update(&st, (const unsigned char *)"&", 1);
  }
  crypto_auth_hmacsha256_update(&st, (const unsigned char *)"key=", 4);
  crypto_auth_hmacsha256_update(&st, (const unsigned char *)KEY, strlen(KEY));
  crypto_auth_hmacsha256_final(&st, mac);
  for (i = 0; i < 32; i++) {
    out[2 * i] = hex[mac[i] >> 4];
    out[2 * i + 1] = hex[mac[i] & 15];
  }
  out[64] = '\0';
}

static void check_field(const oracle *o, const char *name, const char *got) {
  const field *f = lookup(o, name);
  FZ_CHECK(strcmp(got, f ? f->value : "") == 0,
           "trusted answer: member %s is not the field's value", name);
}

/* Markup before the root is at most the declaration; no declaration of a
 * DTD or an entity anywhere outside CDATA (where it is only text). */
static void check_markup(const char *answer, size_t n) {
  const char *root = memmem(answer, n, "<xml", 4);
  size_t i;
  FZ_CHECK(root != NULL, "trusted answer without <xml");
  for (i = 1; answer + i < root; i++)
    FZ_CHECK(answer[i] != '<', "trusted answer with markup before its root");
  FZ_CHECK(memmem(answer, n, "<![CDATA[", 9) ||
               (!memmem(answer, n, "<!DOCTYPE", 9) &&
                !memmem(answer, n, "<!ENTITY", 8)),
           "trusted answer with a DOCTYPE or an entity declaration");
}

/* A field that must be there with this value. */
static void check_equal(const oracle *o, const char *name, const char *want) {
  const field *f = lookup(o, name);
  FZ_CHECK(f && strcmp(f->value, want) == 0, "trusted answer: %s is not %s",
           name, want);
}

static void check_trusted(const oracle *o, const char *answer, size_t n,
                          const repayjump_params *p,
                          const repayjump_status_result *r) {
  static const char *const members[] = {
      "user_state", "deduct_mode",       "openid",       "sub_openid",
      "path",       "plate_number_info", "plate_number", "return_msg",
      "err_code",   "err_code_des"};
  const char *const values[] = {
      r->user_state, r->deduct_mode,       r->openid,       r->sub_openid,
      r->path,       r->plate_number_info, r->plate_number, r->return_msg,
      r->err_code,   r->err_code_des};
  const field *sign = lookup(o, "sign");
  char want[65];
  size_t i, j;

  check_markup(answer, n);
  FZ_CHECK(n <= REPAYJUMP_ANSWER_MAX, "trusted answer over the limit");
  for (i = 0; i < o->count; i++)
    for (j = 0; j < i; j++)
      FZ_CHECK(name_cmp(&o->f[i], &o->f[j]) != 0,
               "trusted answer with an element twice");
  FZ_CHECK(sign != NULL, "trusted answer without sign");
  reference_sign(o, want);
  FZ_CHECK(strcmp(sign->value, want) == 0,
           "trusted answer whose sign is not the reference HMAC");
  check_equal(o, "return_code", "SUCCESS");
  check_equal(o, "result_code", "SUCCESS");
  check_equal(o, "appid", p->appid);
  check_equal(o, "mch_id", p->mchid);
  if (p->sub_mchid)
    check_equal(o, "sub_mch_id", p->sub_mchid);
  FZ_CHECK(r->user_state[0] != '\0', "trusted answer without user_state");
  for (i = 0; i < sizeof members / sizeof *members; i++)
    check_field(o, members[i], values[i]);
  for (i = 1; i < REPAYJUMP_STATE_COUNT; i++)
    FZ_CHECK((strcmp(repayjump_user_state_name((int)i), r->user_state) == 0) ==
                 (r->state == (int)i),
             "state %d is not user_state", r->state);
}

/* One line of printable ASCII, without the key. */
static void check_message(const char *message) {
  const char *m;
  FZ_CHECK(message[0] != '\0', "no message");
  for (m = message; *m; m++)
    FZ_CHECK(*m >= 0x20 && *m < 0x7f, "message not printable ASCII");
  FZ_CHECK(!strstr(message, KEY), "the key in a message");
}

static void check_refused(int rc, const repayjump_error *err,
                          const repayjump_status_result *r) {
  FZ_CHECK(rc < 0, "status %d", rc);
  FZ_CHECK(err->status == rc, "err.status %d for %d", err->status, rc);
  check_message(err->message);
  FZ_CHECK(r->state == 0 && r->user_state[0] == '\0' && r->path[0] == '\0' &&
               r->openid[0] == '\0',
           "a refused answer left members filled");
  if (rc != REPAYJUMP_E_RETURN_FAIL && rc != REPAYJUMP_E_RESULT_FAIL)
    FZ_CHECK(r->return_msg[0] == '\0' && r->err_code[0] == '\0',
             "WeChat's words kept after %d", rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static oracle o;
  static repayjump_status_result r;
  repayjump_params p = {0};
  repayjump_error err;
  char *answer;
  size_t n;
  int rc, mode, parsed;

  fz_init();
  if (size == 0)
    return 0;
  mode = data[0];
  n = size - 1;
  /* A copy of exactly n bytes: a read past the answer is an ASan error. */
  answer = malloc(n ? n : 1);
  FZ_CHECK(answer != NULL, "out of memory");
  memcpy(answer, data + 1, n);

  p.variant = mode & 1 ? REPAYJUMP_V3_PARTNER : REPAYJUMP_V3_MERCHANT;
  p.appid = "wxcbda96de0b165486";
  p.mchid = "1900009231";
  p.sub_mchid = mode & 1 ? "1900000109" : NULL;
  p.api_key = KEY;

  parsed = n <= REPAYJUMP_ANSWER_MAX && read_flat(&o, answer, n);
  if ((mode & 2) && parsed) {
    char sign[65];
    size_t i, run = 0;
    reference_sign(&o, sign);
    for (i = 0; i < n; i++) {
      run = answer[i] == 'S' ? run + 1 : 0;
      if (run == PLACEHOLDER_LEN) {
        memcpy(answer + i + 1 - PLACEHOLDER_LEN, sign, PLACEHOLDER_LEN);
        run = 0;
      }
    }
    /* The signed fields themselves may have held the placeholder. */
    parsed = read_flat(&o, answer, n);
  }

  memset(&r, 0x5A, sizeof r);
  memset(&err, 0x5A, sizeof err);
  rc = repayjump_status_parse(&p, answer, n, &r, &err);
  if (rc == REPAYJUMP_OK) {
    FZ_CHECK(parsed, "trusted an answer that is not flat XML");
    check_trusted(&o, answer, n, &p, &r);
  } else {
    check_refused(rc, &err, &r);
  }
  free(answer);
  return 0;
}
