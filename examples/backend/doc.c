/* The response bodies. The jump document is the one `repayjump compose
   --format all` prints, byte for byte; it needs no escaping, since the
   library's value rules admit only JSON-safe bytes and its JSON outputs are
   embedded as the objects they are. The error document escapes its message,
   which may quote a byte of the request. */
#include <stdio.h>
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

size_t httpd_doc_error(const repayjump_error *e, char *out) {
  writer w = {out};
  char offset[24];
  snprintf(offset, sizeof offset, "%zu", e->offset);
  put(&w, "{\"error\":{\"status\":\"");
  put(&w, httpd_status_name(e->status));
  put(&w, "\",\"field\":\"");
  put(&w, repayjump_field_name(e->field));
  put(&w, "\",\"offset\":");
  put(&w, offset);
  put(&w, ",\"message\":");
  put_string(&w, e->message);
  put(&w, "}}\n");
  return (size_t)(w.p - out);
}
