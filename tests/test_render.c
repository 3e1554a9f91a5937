/* Outputs: golden bytes for every variant and format, the buffer rule, the
 * worst-case size, and compose agreeing with render. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

#ifndef GOLDEN_DIR
#error "GOLDEN_DIR must name tests/golden"
#endif

/* tests/golden/<variant>.exp: one line per format, in format order,
 * computed by an independent implementation (Python's json and hmac). */
static char golden[REPAYJUMP_VARIANT_COUNT][REPAYJUMP_FORMAT_COUNT]
                  [REPAYJUMP_OUTPUT_MAX];

static int load_golden(void **state) {
  int v, f;
  (void)state;
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    char path[512];
    FILE *in;
    snprintf(path, sizeof path, "%s/%s.exp", GOLDEN_DIR, variant_file[v]);
    in = fopen(path, "r");
    if (!in)
      return -1;
    for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++) {
      if (!fgets(golden[v][f], sizeof golden[v][f], in)) {
        fclose(in);
        return -1;
      }
      golden[v][f][strcspn(golden[v][f], "\n")] = '\0';
    }
    fclose(in);
  }
  return 0;
}

static void reference_app_path(void **state) {
  repayjump_params p = fixture(REPAYJUMP_V3_MERCHANT);
  char out[REPAYJUMP_OUTPUT_MAX];
  size_t len;
  (void)state;
  assert_int_equal(
      repayjump_render(&p, REPAYJUMP_APP_PATH, out, sizeof out, &len, NULL),
      REPAYJUMP_OK);
  assert_string_equal(out, REF_APP_PATH);
  assert_int_equal(len, strlen(REF_APP_PATH));
}

static void golden_outputs(void **state) {
  int v, f;
  (void)state;
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++) {
      repayjump_params p = fixture(v);
      char out[REPAYJUMP_OUTPUT_MAX];
      size_t len = 0;
      assert_int_equal(repayjump_render(&p, f, out, sizeof out, &len, NULL),
                       REPAYJUMP_OK);
      assert_string_equal(out, golden[v][f]);
      assert_int_equal(len, strlen(golden[v][f]));
    }
  }
}

static void compose_matches_render(void **state) {
  static repayjump_result r;
  int v;
  (void)state;
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    repayjump_params p = fixture(v);
    assert_int_equal(repayjump_compose(&p, &r, NULL), REPAYJUMP_OK);
    assert_string_equal(r.nonce_str, REF_NONCE);
    assert_string_equal(r.extra_data_json, golden[v][0]);
    assert_string_equal(r.navigate_json, golden[v][1]);
    assert_string_equal(r.app_path, golden[v][2]);
    assert_string_equal(r.app_launch_json, golden[v][3]);
    if (v == REPAYJUMP_V2_MERCHANT || v == REPAYJUMP_V2_PARTNER) {
      char sign[REPAYJUMP_SIGN_LEN + 1];
      assert_int_equal(strlen(r.sign), REPAYJUMP_SIGN_LEN);
      assert_non_null(strstr(r.app_path, r.sign));
      assert_int_equal(repayjump_sign(&p, sign, sizeof sign, NULL),
                       REPAYJUMP_OK);
      assert_string_equal(sign, r.sign);
    } else {
      assert_string_equal(r.sign, "");
    }
  }
}

/* A generated nonce is 32 characters and is what every output carries. */
static void compose_generates_nonce(void **state) {
  static repayjump_result r1, r2;
  repayjump_params p = fixture(REPAYJUMP_V2_PARTNER);
  char expected[REPAYJUMP_OUTPUT_MAX];
  (void)state;
  p.nonce_str = NULL;
  assert_int_equal(repayjump_compose(&p, &r1, NULL), REPAYJUMP_OK);
  assert_int_equal(repayjump_compose(&p, &r2, NULL), REPAYJUMP_OK);
  assert_int_equal(strlen(r1.nonce_str), 32);
  assert_string_not_equal(r1.nonce_str, r2.nonce_str);
  assert_string_not_equal(r1.sign, r2.sign);
  p.nonce_str = r1.nonce_str;
  assert_int_equal(repayjump_render(&p, REPAYJUMP_NAVIGATE_JSON, expected,
                                    sizeof expected, NULL, NULL),
                   REPAYJUMP_OK);
  assert_string_equal(r1.navigate_json, expected);
}

/* Composing again with the nonce of an earlier result, in place. */
static void compose_reuses_own_nonce(void **state) {
  static repayjump_result r;
  repayjump_params p = fixture(REPAYJUMP_V2_MERCHANT);
  char first[REPAYJUMP_FIELD_MAX + 1], sign[REPAYJUMP_SIGN_LEN + 1];
  (void)state;
  p.nonce_str = NULL;
  assert_int_equal(repayjump_compose(&p, &r, NULL), REPAYJUMP_OK);
  memcpy(first, r.nonce_str, sizeof first);
  memcpy(sign, r.sign, sizeof sign);
  p.nonce_str = r.nonce_str;
  assert_int_equal(repayjump_compose(&p, &r, NULL), REPAYJUMP_OK);
  assert_string_equal(r.nonce_str, first);
  assert_string_equal(r.sign, sign);
  p.nonce_str = first;
  p.mchid = "x";
  assert_int_equal(repayjump_compose(&p, &r, NULL), REPAYJUMP_E_CHARSET);
  assert_string_equal(r.nonce_str, "");
}

/* Absent optional fields are left out, never emitted empty. */
static void absent_fields_left_out(void **state) {
  repayjump_params p = fixture(REPAYJUMP_V3_PARTNER);
  char out[REPAYJUMP_OUTPUT_MAX];
  (void)state;
  p.flags = REPAYJUMP_ALLOW_NO_OPENID;
  p.openid = NULL;
  p.sub_openid = "";
  p.sub_appid = NULL;
  assert_int_equal(
      repayjump_render(&p, REPAYJUMP_APP_PATH, out, sizeof out, NULL, NULL),
      REPAYJUMP_OK);
  assert_string_equal(out, "pages/invest_list/invest_list?appid=" REF_APPID
                           "&mchid=" REF_MCHID "&sub_mch_id=" REF_SUB_MCHID
                           "&nonce_str=" REF_NONCE);
  p = fixture(REPAYJUMP_V3_MERCHANT);
  p.flags = REPAYJUMP_ALLOW_NO_OPENID;
  p.openid = "";
  assert_int_equal(repayjump_render(&p, REPAYJUMP_EXTRA_DATA_JSON, out,
                                    sizeof out, NULL, NULL),
                   REPAYJUMP_OK);
  assert_string_equal(out, "{\"appid\":\"" REF_APPID "\",\"mchid\":\"" REF_MCHID
                           "\",\"nonce_str\":\"" REF_NONCE "\"}");
}

#define GUARD 16

/* Size query; cap == needed fails with out[0] == 0 and nothing else
 * written; cap == needed + 1 succeeds. */
static void buffer_rule(void **state) {
  int v, f;
  (void)state;
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++) {
      repayjump_params p = fixture(v);
      repayjump_error err;
      unsigned char buf[REPAYJUMP_OUTPUT_MAX + 2 * GUARD];
      char *out = (char *)buf + GUARD;
      size_t need = strlen(golden[v][f]), len = 0, i, c;
      const size_t caps[] = {1, need - 1, need};

      assert_int_equal(repayjump_render(&p, f, NULL, 0, &len, NULL),
                       REPAYJUMP_OK);
      assert_int_equal(len, need);

      for (c = 0; c < sizeof caps / sizeof *caps; c++) {
        size_t cap = caps[c];
        memset(buf, 0xa5, sizeof buf);
        len = 0;
        assert_int_equal(repayjump_render(&p, f, out, cap, &len, &err),
                         REPAYJUMP_E_BUFFER);
        assert_int_equal(err.status, REPAYJUMP_E_BUFFER);
        assert_int_equal(len, need);
        assert_int_equal(out[0], '\0');
        for (i = 0; i < sizeof buf; i++)
          if (buf + i != (unsigned char *)out)
            assert_int_equal(buf[i], 0xa5);
      }

      memset(buf, 0xa5, sizeof buf);
      assert_int_equal(repayjump_render(&p, f, out, need + 1, &len, NULL),
                       REPAYJUMP_OK);
      assert_int_equal(len, need);
      assert_string_equal(out, golden[v][f]);
      for (i = GUARD + need + 1; i < sizeof buf; i++)
        assert_int_equal(buf[i], 0xa5);
      for (i = 0; i < GUARD; i++)
        assert_int_equal(buf[i], 0xa5);
    }
  }
}

static void bad_render_arguments(void **state) {
  repayjump_params p = fixture(REPAYJUMP_V3_MERCHANT);
  repayjump_error err;
  char out[64] = "x";
  size_t len = 7;
  (void)state;
  assert_int_equal(repayjump_render(&p, -1, out, sizeof out, &len, &err),
                   REPAYJUMP_E_ARG);
  assert_int_equal(out[0], '\0');
  assert_int_equal(len, 0);
  assert_int_equal(repayjump_render(&p, 4, out, sizeof out, NULL, NULL),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_render(&p, 0, NULL, 10, &len, NULL),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_render(NULL, 0, out, sizeof out, NULL, NULL),
                   REPAYJUMP_E_ARG);
  assert_int_equal(repayjump_compose(&p, NULL, &err), REPAYJUMP_E_ARG);
  assert_int_equal(err.status, REPAYJUMP_E_ARG);
  /* A NULL len is allowed everywhere. */
  assert_int_equal(repayjump_render(&p, 0, NULL, 0, NULL, NULL), REPAYJUMP_OK);
}

/* REPAYJUMP_OUTPUT_MAX holds the largest output of every variant. */
static void output_max_holds_maximal_inputs(void **state) {
  static const char id32[] = "abcdefghijklmnopqrstuvwxyz_-0123";
  static const char alnum32[] = "abcdefghijklmnopqrstuvwxyz012345";
  char key128[129];
  size_t largest = 0;
  int v, f;
  (void)state;
  memset(key128, '~', 128);
  key128[128] = '\0';
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    repayjump_params p = fixture(v);
    p.flags = REPAYJUMP_RELAXED;
    p.appid = p.mchid = p.openid = id32;
    p.nonce_str = alnum32;
    if (p.sub_appid)
      p.sub_appid = p.sub_mchid = p.sub_openid = id32;
    if (p.api_key)
      p.api_key = key128;
    for (f = 0; f < REPAYJUMP_FORMAT_COUNT; f++) {
      size_t need = 0;
      assert_int_equal(repayjump_render(&p, f, NULL, 0, &need, NULL),
                       REPAYJUMP_OK);
      assert_true(need + 1 <= REPAYJUMP_OUTPUT_MAX);
      if (need > largest)
        largest = need;
    }
  }
  /* The V2 partner navigate argument: 105 fixed bytes around the extraData
   * of 123 bytes of keys and punctuation and 7 * 32 + 11 + 64 of values. */
  assert_int_equal(largest, 527);
  assert_int_equal(repayjump_output_max(), REPAYJUMP_OUTPUT_MAX);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(reference_app_path),
      cmocka_unit_test(golden_outputs),
      cmocka_unit_test(compose_matches_render),
      cmocka_unit_test(compose_generates_nonce),
      cmocka_unit_test(compose_reuses_own_nonce),
      cmocka_unit_test(absent_fields_left_out),
      cmocka_unit_test(buffer_rule),
      cmocka_unit_test(bad_render_arguments),
      cmocka_unit_test(output_max_holds_maximal_inputs),
  };
  return cmocka_run_group_tests(tests, load_golden, NULL);
}
