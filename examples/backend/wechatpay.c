/* One POST to WeChat Pay over HTTPS with libcurl.

   Each thread of the pool has its own easy handle, made on its first
   query and cleaned up when the thread ends (a thread-specific key's
   destructor): libcurl keeps the handle's connection open between
   queries, so a thread asks WeChat Pay over one kept-alive connection
   rather than one per request. The handle's fixed options are set once:
   HTTPS only, the peer's certificate and name always verified, no
   redirects, no signals. Nothing here logs: no URL, body or answer. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "httpd.h"

typedef struct conn {
  CURL *curl;
  struct curl_slist *headers;
} conn;

typedef struct sink {
  httpd_answer *answer;
  int too_large;
} sink;

static pthread_key_t conn_key;

static void conn_free(void *p) {
  conn *c = p;
  curl_easy_cleanup(c->curl);
  curl_slist_free_all(c->headers);
  free(c);
}

int httpd_wechatpay_init(void) {
  if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    fprintf(stderr, HTTPD_NAME ": libcurl: cannot initialise\n");
    return -1;
  }
  if (pthread_key_create(&conn_key, conn_free) != 0) {
    fprintf(stderr, HTTPD_NAME ": out of memory\n");
    curl_global_cleanup();
    return -1;
  }
  return 0;
}

int httpd_wechatpay_available(void) { return 1; }

void httpd_wechatpay_cleanup(void) {
  pthread_key_delete(conn_key);
  curl_global_cleanup();
}

/* Refuse past REPAYJUMP_ANSWER_MAX: returning less than n aborts the
   transfer (CURLE_WRITE_ERROR), so no more is read. */
static size_t on_data(char *data, size_t size, size_t n, void *userdata) {
  sink *s = userdata;
  httpd_answer *a = s->answer;
  (void)size; /* always 1 */
  if (n > sizeof a->body - a->len) {
    s->too_large = 1;
    return 0;
  }
  memcpy(a->body + a->len, data, n);
  a->len += n;
  return n;
}

/* A handle with the options every query shares. */
static conn *conn_new(const httpd_status_config *s) {
  conn *c = calloc(1, sizeof *c);
  CURL *h;
  int bad = 0;
  if (c == NULL)
    return NULL;
  c->curl = h = curl_easy_init();
  c->headers = curl_slist_append(NULL, "Content-Type: text/xml; charset=UTF-8");
  if (c->headers != NULL)
    c->headers = curl_slist_append(c->headers, "Expect:");
  if (h == NULL || c->headers == NULL) {
    conn_free(c);
    return NULL;
  }
  bad |= curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
  bad |= curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https") != CURLE_OK;
  bad |= curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK;
  bad |= curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L) != CURLE_OK;
  bad |= curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L) != CURLE_OK;
  if (s->ca != NULL)
    bad |= curl_easy_setopt(h, CURLOPT_CAINFO, s->ca) != CURLE_OK;
  bad |= curl_easy_setopt(h, CURLOPT_HTTPHEADER, c->headers) != CURLE_OK;
  bad |= curl_easy_setopt(h, CURLOPT_USERAGENT, HTTPD_NAME) != CURLE_OK;
  bad |= curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, s->timeout_ms) != CURLE_OK;
  bad |=
      curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, s->timeout_ms) != CURLE_OK;
  bad |= curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data) != CURLE_OK;
  bad |= curl_easy_setopt(h, CURLOPT_POST, 1L) != CURLE_OK;
  if (bad) {
    conn_free(c);
    return NULL;
  }
  return c;
}

static conn *this_thread(const httpd_status_config *s) {
  conn *c = pthread_getspecific(conn_key);
  if (c != NULL)
    return c;
  c = conn_new(s);
  if (c != NULL && pthread_setspecific(conn_key, c) != 0) {
    conn_free(c);
    c = NULL;
  }
  return c;
}

enum httpd_fetch httpd_wechatpay_post(const httpd_status_config *s,
                                      const char *url, const char *body,
                                      size_t body_len, httpd_answer *a) {
  conn *c = this_thread(s);
  sink out = {a, 0};
  CURLcode rc;
  a->len = 0;
  a->http_status = 0;
  if (c == NULL)
    return FETCH_INTERNAL;
  if (curl_easy_setopt(c->curl, CURLOPT_URL, url) != CURLE_OK ||
      curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, body) != CURLE_OK ||
      curl_easy_setopt(c->curl, CURLOPT_POSTFIELDSIZE_LARGE,
                       (curl_off_t)body_len) != CURLE_OK ||
      curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &out) != CURLE_OK)
    return FETCH_INTERNAL;
  rc = curl_easy_perform(c->curl);
  /* The body is on the caller's stack: libcurl must not keep it. */
  curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, NULL);
  curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, NULL);
  switch (rc) {
  case CURLE_OK:
    if (curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &a->http_status) !=
        CURLE_OK)
      return FETCH_INTERNAL;
    return FETCH_ANSWER;
  case CURLE_WRITE_ERROR:
    return out.too_large ? FETCH_TOO_LARGE : FETCH_INTERNAL;
  case CURLE_OPERATION_TIMEDOUT:
    return FETCH_TIMEOUT;
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_INVALIDCERTSTATUS:
    return FETCH_UNTRUSTED;
  case CURLE_OUT_OF_MEMORY:
  case CURLE_FAILED_INIT:
  case CURLE_UNSUPPORTED_PROTOCOL:
    return FETCH_INTERNAL;
  default:
    return FETCH_NO_ANSWER;
  }
}
