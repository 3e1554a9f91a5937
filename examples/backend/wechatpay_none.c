/* Built without libcurl: GET /v1/status answers 503 (see userstate.c),
   and nothing here is ever asked to post. */
#include "httpd.h"

int httpd_wechatpay_init(void) { return 0; }

int httpd_wechatpay_available(void) { return 0; }

void httpd_wechatpay_cleanup(void) {}

enum httpd_fetch httpd_wechatpay_post(const httpd_status_config *s,
                                      const char *url, const char *body,
                                      size_t body_len, httpd_answer *a) {
  (void)s;
  (void)url;
  (void)body;
  (void)body_len;
  a->len = 0;
  a->http_status = 0;
  return FETCH_INTERNAL;
}
