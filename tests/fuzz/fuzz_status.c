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

/* Decode element content up to "</"; 0 on anything but text, CDATA and
 * references. */
static int content(oracle *o, const char **sp, const char *end) {
  const char *s = *sp;
  while (s < end && !starts(s, end, "</")) {
    if (starts(s, end, "<![CDATA[")) {
      const char *c = s + 9;
      while (c < end && !starts(c, end, "]]>"))
        o->buf[o->used++] = *c++;
      if (c >= end)
        return 0;
      s = c + 3;
    } else if (*s == '<') {
      return 0;
    } else if (*s == '&') {
      static const char *const names[] = {"&lt;", "&gt;", "&amp;", "&apos;",
                                          "&quot;"};
      static const char chars[] = "<>&'\"";
      size_t i;
      for (i = 0; i < 5 && !starts(s, end, names[i]); i++)
        ;
      if (i < 5) {
        o->buf[o->used++] = chars[i];
        s += strlen(names[i]);
      } else if (starts(s, end, "&#")) {
        char *stop;
        unsigned long c;
        char digits[16] = {0};
        int hex = s + 2 < end && s[2] == 'x';
        size_t k, from = hex ? 3 : 2;
        for (k = 0; k < 12 && s + from + k < end && s[from + k] != ';'; k++)
          digits[k] = s[from + k];
        if (s + from + k >= end || k == 0 || k == 12)
          return 0;
        c = strtoul(digits, &stop, hex ? 16 : 10);
        if (*stop || c == 0 || c > 0x10FFFF)
          return 0;
        put_utf8(o, c);
        s += from + k + 1;
      } else {
        return 0;
      }
    } else {
      o->buf[o->used++] = *s++;
    }
  }
  *sp = s;
  return s < end;
}

/* Read a flat answer into o: 1, or 0 when it is not one. */
static int read_flat(oracle *o, const char *s, size_t n) {
  const char *end = s + n;
  o->count = o->used = 0;
  if (starts(s, end, "<?xml ") || starts(s, end, "<?xml\t") ||
      starts(s, end, "<?xml\n") || starts(s, end, "<?xml\r")) {
    while (s < end && !starts(s, end, "?>"))
      s++;
    if (s == end)
      return 0;
    s += 2;
  }
  while (s < end && space(*s))
    s++;
  if (starts(s, end, "<xml/>")) {
    s += 6;
  } else {
    if (!starts(s, end, "<xml"))
      return 0;
    s += 4;
    while (s < end && space(*s))
      s++;
    if (s >= end || *s++ != '>')
      return 0;
    for (;;) {
      field *f;
      size_t k = 0;
      int empty = 0;
      while (s < end && space(*s))
        s++;
      if (starts(s, end, "</xml")) {
        s += 5;
        while (s < end && space(*s))
          s++;
        if (s >= end || *s++ != '>')
          return 0;
        break;
      }
      if (s >= end || *s != '<' || o->count == FIELDS_MAX)
        return 0;
      f = &o->f[o->count++];
      f->name = ++s;
      for (; s < end &&
             (*s == '_' || *s == '-' || *s == '.' || (*s >= '0' && *s <= '9') ||
              ((*s | 0x20) >= 'a' && (*s | 0x20) <= 'z'));
           s++)
        k++;
      f->name_len = k;
      if (k == 0 || (f->name[0] >= '0' && f->name[0] <= '9') ||
          f->name[0] == '-' || f->name[0] == '.')
        return 0;
      while (s < end && space(*s))
        s++;
      if (starts(s, end, "/>")) {
        empty = 1;
        s += 2;
      } else if (s < end && *s == '>') {
        s++;
      } else {
        return 0;
      }
      f->value = o->buf + o->used;
      if (!empty) {
        if (!content(o, &s, end))
          return 0;
        s += 2;
        if ((size_t)(end - s) < k || memcmp(s, f->name, k) != 0)
          return 0;
        s += k;
        while (s < end && space(*s))
          s++;
        if (s >= end || *s++ != '>')
          return 0;
      }
      f->len = (size_t)(o->buf + o->used - f->value);
      o->buf[o->used++] = '\0';
    }
  }
  while (s < end && space(*s))
    s++;
  return s == end;
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
  const field *sorted[FIELDS_MAX];
  crypto_auth_hmacsha256_state st;
  unsigned char mac[32];
  size_t i, n = 0;
  for (i = 0; i < o->count; i++)
    if (o->f[i].len && !name_is(&o->f[i], "sign"))
      sorted[n++] = &o->f[i];
  qsort(sorted, n, sizeof *sorted, by_name);
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
  const char *root = NULL;
  char want[65];
  size_t i, j;

  /* Markup before the root is at most the declaration; inside, only
   * CDATA may start with "<!". */
  for (i = 0; i + 4 <= n; i++)
    if (memcmp(answer + i, "<xml", 4) == 0) {
      root = answer + i;
      break;
    }
  FZ_CHECK(root != NULL, "trusted answer without <xml");
  for (i = 0; answer + i + 1 < root; i++)
    FZ_CHECK(answer[i] != '<' || (i == 0 && answer[1] == '?'),
             "trusted answer with markup before its root");
  /* Outside CDATA (where they are only text), never a declaration. */
  FZ_CHECK(memmem(answer, n, "<![CDATA[", 9) ||
               (!memmem(answer, n, "<!DOCTYPE", 9) &&
                !memmem(answer, n, "<!ENTITY", 8)),
           "trusted answer with a DOCTYPE or an entity declaration");

  FZ_CHECK(n <= REPAYJUMP_ANSWER_MAX, "trusted answer over the limit");
  for (i = 0; i < o->count; i++)
    for (j = 0; j < i; j++)
      FZ_CHECK(name_cmp(&o->f[i], &o->f[j]) != 0,
               "trusted answer with an element twice");
  FZ_CHECK(sign != NULL, "trusted answer without sign");
  reference_sign(o, want);
  FZ_CHECK(strcmp(sign->value, want) == 0,
           "trusted answer whose sign is not the reference HMAC");
  FZ_CHECK(lookup(o, "return_code") &&
               strcmp(lookup(o, "return_code")->value, "SUCCESS") == 0,
           "trusted answer without return_code SUCCESS");
  FZ_CHECK(lookup(o, "result_code") &&
               strcmp(lookup(o, "result_code")->value, "SUCCESS") == 0,
           "trusted answer without result_code SUCCESS");
  FZ_CHECK(lookup(o, "appid") &&
               strcmp(lookup(o, "appid")->value, p->appid) == 0,
           "trusted answer for another appid");
  FZ_CHECK(lookup(o, "mch_id") &&
               strcmp(lookup(o, "mch_id")->value, p->mchid) == 0,
           "trusted answer for another mch_id");
  FZ_CHECK(!p->sub_mchid ||
               (lookup(o, "sub_mch_id") &&
                strcmp(lookup(o, "sub_mch_id")->value, p->sub_mchid) == 0),
           "trusted answer for another sub_mch_id");
  FZ_CHECK(r->user_state[0] != '\0', "trusted answer without user_state");
  for (i = 0; i < sizeof members / sizeof *members; i++)
    check_field(o, members[i], values[i]);
  for (i = 1; i < REPAYJUMP_STATE_COUNT; i++)
    FZ_CHECK((strcmp(repayjump_user_state_name((int)i), r->user_state) == 0) ==
                 (r->state == (int)i),
             "state %d is not user_state", r->state);
}

static void check_refused(int rc, const repayjump_error *err,
                          const repayjump_status_result *r) {
  const char *m = err->message;
  FZ_CHECK(rc < 0, "status %d", rc);
  FZ_CHECK(err->status == rc, "err.status %d for %d", err->status, rc);
  FZ_CHECK(m[0] != '\0', "no message for %d", rc);
  for (; *m; m++)
    FZ_CHECK(*m >= 0x20 && *m < 0x7f, "message not printable ASCII");
  FZ_CHECK(!strstr(err->message, KEY), "the key in a message");
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
