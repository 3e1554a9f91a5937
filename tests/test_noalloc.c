/* The library makes no heap allocation: this program replaces malloc and
 * its relatives for the whole process (the shared library and libsodium
 * included) with counting wrappers around glibc's, then exercises every
 * function, failures included. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);
void *__libc_memalign(size_t, size_t);

static volatile unsigned counting;
static volatile unsigned long allocations;

void *malloc(size_t n) {
  allocations += counting;
  return __libc_malloc(n);
}
void *calloc(size_t n, size_t size) {
  allocations += counting;
  return __libc_calloc(n, size);
}
void *realloc(void *p, size_t n) {
  allocations += counting;
  return __libc_realloc(p, n);
}
void *aligned_alloc(size_t align, size_t n) {
  allocations += counting;
  return __libc_memalign(align, n);
}
int posix_memalign(void **p, size_t align, size_t n) {
  allocations += counting;
  *p = __libc_memalign(align, n);
  return *p ? 0 : 12; /* ENOMEM */
}

/* The checker, finding many things (formatting each one's message), past
 * its storage, with a key, over text and over pairs. */
static void every_check(void) {
  static const char text[] =
      "/pages/x?mch_id=1900009231&appid=wx5e73c65404eee268&&nonce_str=5K82 "
      "&openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin&openId=1&sign=%41&sign="
      "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF";
  repayjump_check_options opt = {REPAYJUMP_VARIANT_AUTO, 0, REF_API_KEY};
  repayjump_pair pairs[2] = {
      {"appid", 5, "wxcbda96de0b165486", 18, REPAYJUMP_VALUE_JS_BARE, 0, 0},
      {"mchid", 5, "x", 1, REPAYJUMP_VALUE_NOT_STRING, REPAYJUMP_NO_OFFSET,
       REPAYJUMP_NO_OFFSET}};
  repayjump_finding f[4];
  repayjump_check_result r;
  assert_int_equal(repayjump_check_text(&opt, text, sizeof text - 1, f, 4, &r),
                   REPAYJUMP_OK);
  assert_true(r.count > 4);
  assert_int_equal(repayjump_check_pairs(&opt, pairs, 2, f, 4, &r),
                   REPAYJUMP_OK);
  assert_true(r.count >= 3);
  assert_non_null(repayjump_check_code_name(REPAYJUMP_CHECK_VALUE_SPACE));
}

/* The status query: a request with and without its nonce, a trusted
 * answer with escapes and CDATA, and refusals. */
static void every_status(void) {
  static const char good[] =
      "<?xml version=\"1.0\"?><xml><return_code>SUCCESS</return_code>"
      "<path>a&amp;b<![CDATA[c]]>&#x4E2D;</path><sign>00</sign></xml>";
  static const char fail[] =
      "<xml><return_code>FAIL</return_code><return_msg>x</return_msg></xml>";
  static const char doctype[] = "<!DOCTYPE x [<!ENTITY e \"e\">]><xml/>";
  static repayjump_status_result r;
  repayjump_params p = fixture(REPAYJUMP_V3_MERCHANT);
  repayjump_status_query q = {"PARKING SPACE", "APP", "粤B888888"};
  repayjump_error err;
  char out[REPAYJUMP_STATUS_REQUEST_MAX];
  size_t len;
  p.api_key = REF_API_KEY;
  assert_int_equal(
      repayjump_status_request(&p, &q, out, sizeof out, &len, &err),
      REPAYJUMP_OK);
  p.nonce_str = NULL;
  assert_int_equal(
      repayjump_status_request(&p, &q, out, sizeof out, &len, &err),
      REPAYJUMP_OK);
  q.trade_scene = "nope";
  assert_int_equal(
      repayjump_status_request(&p, &q, out, sizeof out, &len, &err),
      REPAYJUMP_E_CHARSET);
  assert_int_equal(repayjump_status_parse(&p, good, sizeof good - 1, &r, &err),
                   REPAYJUMP_E_SIGNATURE);
  assert_int_equal(repayjump_status_parse(&p, fail, sizeof fail - 1, &r, &err),
                   REPAYJUMP_E_RETURN_FAIL);
  assert_int_equal(
      repayjump_status_parse(&p, doctype, sizeof doctype - 1, &r, &err),
      REPAYJUMP_E_XML);
  assert_non_null(repayjump_status_url(0, 1));
  assert_non_null(repayjump_user_state_name(REPAYJUMP_STATE_OVERDUE));
}

static void every_function(void) {
  static repayjump_result r;
  repayjump_error err;
  char out[REPAYJUMP_OUTPUT_MAX];
  size_t len;
  int v, f;

  assert_int_equal(repayjump_init(), REPAYJUMP_OK);
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    repayjump_params p = fixture(v);
    assert_int_equal(repayjump_validate(&p, &err), REPAYJUMP_OK);
    for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++) {
      assert_int_equal(repayjump_render(&p, f, NULL, 0, &len, &err),
                       REPAYJUMP_OK);
      assert_int_equal(repayjump_render(&p, f, out, sizeof out, &len, &err),
                       REPAYJUMP_OK);
      assert_int_equal(repayjump_render(&p, f, out, 10, &len, &err),
                       REPAYJUMP_E_BUFFER);
    }
    p.nonce_str = NULL;
    assert_int_equal(repayjump_compose(&p, &r, &err), REPAYJUMP_OK);
    repayjump_sign(&p, out, sizeof out, &err);
    p.appid = "wx\x01";
    assert_int_equal(repayjump_compose(&p, &r, &err), REPAYJUMP_E_CHARSET);
    p.appid = REF_APPID;
    p.mchid = "19000000000000000000000000000000000";
    assert_int_equal(repayjump_validate(&p, &err), REPAYJUMP_E_TOO_LONG);
    p.mchid = NULL;
    assert_int_equal(repayjump_validate(&p, &err), REPAYJUMP_E_MISSING);
    p.variant = 9;
    assert_int_equal(repayjump_validate(&p, &err), REPAYJUMP_E_ARG);
  }
  assert_int_equal(repayjump_nonce(out, 33, 32), REPAYJUMP_OK);
  every_check();
  every_status();
  assert_non_null(repayjump_strerror(-4));
  assert_non_null(repayjump_field_name(3));
  assert_non_null(repayjump_version());
}

static void no_heap_allocation(void **state) {
  (void)state;
  /* The wrappers are live: an allocation is seen. */
  counting = 1;
  {
    void *volatile seen = malloc(16);
    free(seen);
  }
  counting = 0;
  assert_int_equal(allocations, 1);

  allocations = 0;
  counting = 1;
  every_function();
  counting = 0;
  assert_int_equal(allocations, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(no_heap_allocation)};
  return cmocka_run_group_tests(tests, NULL, NULL);
}
