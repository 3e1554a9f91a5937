/* The response bodies. The jump document is the one `repayjump compose
   --format all` prints, byte for byte; it needs no escaping, since the
   library's value rules admit only JSON-safe bytes and its JSON outputs are
   embedded as the objects they are. The error document escapes its message,
   which may quote a byte of the request. */
#include <stddef.h>
#include <string.h>

#include "httpd.h"

typedef struct writer {
  char *p;
} writer;

static void put(writer *w, const char *s) {
  size_t n = strlen(s);
  memcpy(w->p, s, n);
  w->p += n;
}

/* A JSON string: quotes, backslashes and control bytes escaped. */
static void put_string(writer *w, const char *s) {
  static const char hex[] = "0123456789abcdef";
  *w->p++ = '"';
  for (; *s; s++) {
    unsigned char ch = (unsigned char)*s;
    if (ch == '"' || ch == '\\') {
      *w->p++ = '\\';
      *w->p++ = (char)ch;
    } else if (ch < 0x20 || ch == 0x7f) {
      memcpy(w->p, "\\u00", 4);
      w->p[4] = hex[ch >> 4];
      w->p[5] = hex[ch & 15];
      w->p += 6;
    } else {
      *w->p++ = (char)ch;
    }
  }
  *w->p++ = '"';
}

/* The rows of --format all after nonce_str and sign, in the CLI's order. */
static const struct {
  const char *key;
  size_t offset;
  int is_json;
} outputs[REPAYJUMP_FORMAT_COUNT] = {
    {"extra_data", offsetof(repayjump_result, extra_data_json), 1},
    {"navigate", offsetof(repayjump_result, navigate_json), 1},
    {"app_path", offsetof(repayjump_result, app_path), 0},
    {"app_launch", offsetof(repayjump_result, app_launch_json), 1},
};

size_t httpd_doc_jump(const httpd_config *c, const repayjump_result *r,
                      char *out) {
  writer w = {out};
  size_t i;
  put(&w, "{\"variant\":\"");
  put(&w, c->variant_name);
  put(&w, "\",\"nonce_str\":\"");
  put(&w, r->nonce_str);
  if (c->is_signed) {
    put(&w, "\",\"sign\":\"");
    put(&w, r->sign);
  }
  put(&w, "\"");
  for (i = 0; i < REPAYJUMP_FORMAT_COUNT; i++) {
    put(&w, ",\"");
    put(&w, outputs[i].key);
    put(&w, outputs[i].is_json ? "\":" : "\":\"");
    put(&w, (const char *)r + outputs[i].offset);
    if (!outputs[i].is_json)
      put(&w, "\"");
  }
  put(&w, "}\n");
  return (size_t)(w.p - out);
}

/* A size_t in decimal. */
static void put_size(writer *w, size_t v) {
  char digits[24];
  size_t n = 0;
  do
    digits[n++] = (char)('0' + v % 10);
  while ((v /= 10) != 0);
  while (n > 0)
    *w->p++ = digits[--n];
}

size_t httpd_doc_error(const repayjump_error *e, char *out) {
  writer w = {out};
  put(&w, "{\"error\":{\"status\":\"");
  put(&w, httpd_status_name(e->status));
  put(&w, "\",\"field\":\"");
  put(&w, repayjump_field_name(e->field));
  put(&w, "\",\"offset\":");
  put_size(&w, e->offset);
  put(&w, ",\"message\":");
  put_string(&w, e->message);
  put(&w, "}}\n");
  return (size_t)(w.p - out);
}

size_t httpd_doc_status(const repayjump_status_result *r, char *out) {
  writer w = {out};
  put(&w, "{\"user_state\":");
  put_string(&w, r->user_state);
  put(&w, r->state == REPAYJUMP_STATE_OVERDUE ? ",\"repay\":true"
                                              : ",\"repay\":false");
  put(&w, ",\"deduct_mode\":");
  put_string(&w, r->deduct_mode);
  put(&w, ",\"path\":");
  put_string(&w, r->path);
  put(&w, "}\n");
  return (size_t)(w.p - out);
}

/* WeChat's words, when it said any: each is "" when absent. */
static void put_words(writer *w, const repayjump_status_result *r) {
  static const struct {
    const char *key;
    size_t offset;
  } words[] = {
      {"return_msg", offsetof(repayjump_status_result, return_msg)},
      {"err_code", offsetof(repayjump_status_result, err_code)},
      {"err_code_des", offsetof(repayjump_status_result, err_code_des)},
  };
  size_t i;
  for (i = 0; r != NULL && i < sizeof words / sizeof words[0]; i++) {
    const char *v = (const char *)r + words[i].offset;
    if (v[0] == '\0')
      continue;
    put(w, ",\"");
    put(w, words[i].key);
    put(w, "\":");
    put_string(w, v);
  }
}

size_t httpd_doc_status_error(const char *status_name, const repayjump_error *e,
                              const repayjump_status_result *r, char *out) {
  writer w = {out};
  put(&w, "{\"error\":{\"status\":\"");
  put(&w, status_name);
  put(&w, "\",\"field\":\"");
  put(&w, repayjump_field_name(e->field));
  put(&w, "\",\"offset\":");
  put_size(&w, e->offset);
  put(&w, ",\"message\":");
  put_string(&w, e->message);
  put_words(&w, r);
  put(&w, "}}\n");
  return (size_t)(w.p - out);
}
