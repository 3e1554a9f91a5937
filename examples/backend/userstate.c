/* GET /v1/status: the user's state from WeChat Pay's querystate.

   The library writes the signed body (repayjump_status_request) and gives
   the verdict on the answer (repayjump_status_parse); this file decides
   where to send it and how often: the primary URL, then the backup URL
   once, only when the first attempt got no connection, no answer in time,
   a certificate that does not verify, or an HTTP 5xx that WeChat did not
   sign. An answer WeChat signed is final, whatever it says.

   The answer is read into this thread's stack and never leaves it but as
   the fields of the document; nothing here logs. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <microhttpd.h>

#include "httpd.h"

/* The service's own statuses, beside the library's REPAYJUMP_E_*. */
#define NOT_CONFIGURED "HTTPD_E_NOT_CONFIGURED"
#define INTERNAL "HTTPD_E_INTERNAL"
#define NO_ANSWER "WECHATPAY_E_NO_ANSWER"
#define TLS "WECHATPAY_E_TLS"
#define HTTP_STATUS "WECHATPAY_E_HTTP_STATUS"

static void say(repayjump_error *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void say(repayjump_error *e, const char *fmt, ...) {
  va_list ap;
  memset(e, 0, sizeof *e);
  va_start(ap, fmt);
  if (vsnprintf(e->message, sizeof e->message, fmt, ap) < 0)
    e->message[0] = '\0';
  va_end(ap);
}

/* A verdict that came after the signature was checked: the answer is
   WeChat's own, and is never asked again. */
static int is_signed(int rc) {
  return rc == REPAYJUMP_OK || rc == REPAYJUMP_E_ECHO ||
         rc == REPAYJUMP_E_RESULT_FAIL || rc == REPAYJUMP_E_NO_STATE;
}

static int worth_retrying(const httpd_config *c, enum httpd_fetch f,
                          const httpd_answer *a) {
  repayjump_status_result scratch;
  switch (f) {
  case FETCH_NO_ANSWER:
  case FETCH_TIMEOUT:
  case FETCH_UNTRUSTED:
    return 1;
  case FETCH_ANSWER:
    return a->http_status >= 500 && a->http_status <= 599 &&
           !is_signed(repayjump_status_parse(&c->status.params, a->body, a->len,
                                             &scratch, NULL));
  case FETCH_TOO_LARGE:
  case FETCH_INTERNAL:
    break;
  }
  return 0;
}

/* The metrics' outcome of the library's verdict on an answer. */
static void count_verdict(int rc, const repayjump_status_result *r) {
  enum httpd_outcome o = OUTCOME_MALFORMED;
  switch (rc) {
  case REPAYJUMP_OK:
    o = OUTCOME_TRUSTED;
    break;
  case REPAYJUMP_E_SIGNATURE:
    o = OUTCOME_SIGNATURE;
    break;
  case REPAYJUMP_E_RETURN_FAIL:
  case REPAYJUMP_E_RESULT_FAIL:
    o = OUTCOME_FAIL;
    break;
  case REPAYJUMP_E_ECHO:
    o = OUTCOME_MISMATCH;
    break;
  default:
    break;
  }
  httpd_metrics_wechatpay_outcome(o, rc == REPAYJUMP_E_RESULT_FAIL ? r->err_code
                                                                   : NULL);
}

unsigned httpd_user_state(const httpd_config *c, const char *openid,
                          const char *sub_openid, char *out, size_t *len,
                          repayjump_error *err) {
  const httpd_status_config *s = &c->status;
  repayjump_params p = s->params;
  repayjump_status_result result;
  repayjump_error e;
  char body[REPAYJUMP_STATUS_REQUEST_MAX];
  httpd_answer a;
  size_t body_len = 0;
  enum httpd_fetch f = FETCH_INTERNAL;
  int attempt, rc;

  *len = 0;
  if (s->off != NULL) {
    say(&e, "status queries are not configured: %s", s->off);
    *len = httpd_doc_status_error(NOT_CONFIGURED, &e, NULL, out);
    return MHD_HTTP_SERVICE_UNAVAILABLE;
  }
  p.openid = openid;
  p.sub_openid = sub_openid;
  rc = repayjump_status_request(&p, &s->query, body, sizeof body, &body_len,
                                err);
  if (rc == REPAYJUMP_E_RNG || rc == REPAYJUMP_E_BUFFER ||
      rc == REPAYJUMP_E_ARG) {
    *len = httpd_doc_status_error(httpd_status_name(rc), err, NULL, out);
    return MHD_HTTP_INTERNAL_SERVER_ERROR;
  }
  if (rc != REPAYJUMP_OK)
    return MHD_HTTP_BAD_REQUEST;

  for (attempt = 0; attempt < 2; attempt++) {
    uint64_t start = httpd_now_us();
    f = httpd_wechatpay_post(s, s->url[attempt], body, body_len, &a);
    httpd_metrics_wechatpay_attempt(httpd_now_us() - start, attempt == 1);
    if (!worth_retrying(c, f, &a))
      break;
  }

  switch (f) {
  case FETCH_ANSWER:
    if (a.http_status != MHD_HTTP_OK) {
      httpd_metrics_wechatpay_outcome(OUTCOME_HTTP, NULL);
      say(&e, "WeChat Pay answered HTTP %ld", a.http_status);
      *len = httpd_doc_status_error(HTTP_STATUS, &e, NULL, out);
      return MHD_HTTP_BAD_GATEWAY;
    }
    rc = repayjump_status_parse(&s->params, a.body, a.len, &result, &e);
    count_verdict(rc, &result);
    if (rc == REPAYJUMP_OK) {
      *len = httpd_doc_status(&result, out);
      return MHD_HTTP_OK;
    }
    *len = httpd_doc_status_error(httpd_status_name(rc), &e, &result, out);
    return MHD_HTTP_BAD_GATEWAY;
  case FETCH_TOO_LARGE:
    httpd_metrics_wechatpay_outcome(OUTCOME_MALFORMED, NULL);
    say(&e, "WeChat Pay's answer is larger than %d bytes: not read",
        REPAYJUMP_ANSWER_MAX);
    *len = httpd_doc_status_error(httpd_status_name(REPAYJUMP_E_TOO_LARGE), &e,
                                  NULL, out);
    return MHD_HTTP_BAD_GATEWAY;
  case FETCH_UNTRUSTED:
    httpd_metrics_wechatpay_outcome(OUTCOME_TLS, NULL);
    say(&e, "WeChat Pay's TLS certificate did not verify%s",
        s->ca != NULL ? " against REPAYJUMP_WECHATPAY_CA" : "");
    *len = httpd_doc_status_error(TLS, &e, NULL, out);
    return MHD_HTTP_BAD_GATEWAY;
  case FETCH_TIMEOUT:
  case FETCH_NO_ANSWER:
    httpd_metrics_wechatpay_outcome(
        f == FETCH_TIMEOUT ? OUTCOME_TIMEOUT : OUTCOME_NO_ANSWER, NULL);
    say(&e, "no answer from WeChat Pay %s",
        f == FETCH_TIMEOUT ? "in time (REPAYJUMP_WECHATPAY_TIMEOUT_MS)"
                           : "(the connection failed or was closed)");
    *len = httpd_doc_status_error(NO_ANSWER, &e, NULL, out);
    return MHD_HTTP_GATEWAY_TIMEOUT;
  case FETCH_INTERNAL:
    break;
  }
  httpd_metrics_wechatpay_outcome(OUTCOME_INTERNAL, NULL);
  say(&e, "the query could not be sent (out of memory)");
  *len = httpd_doc_status_error(INTERNAL, &e, NULL, out);
  return MHD_HTTP_INTERNAL_SERVER_ERROR;
}
