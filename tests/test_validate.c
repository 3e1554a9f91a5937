/* Validation, table-driven: every field x rule x variant, the length
 * limits, each disallowed byte class, the presence rules, the messages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures.h"

enum { A = REPAYJUMP_FIELD_APPID, M, N, O, SA, SM, SO, K };
enum {
  OK = REPAYJUMP_OK,
  E_ARG = REPAYJUMP_E_ARG,
  MISSING = REPAYJUMP_E_MISSING,
  TOO_LONG = REPAYJUMP_E_TOO_LONG,
  CHARSET = REPAYJUMP_E_CHARSET,
  FORMAT = REPAYJUMP_E_FORMAT,
  NOT_ALLOWED = REPAYJUMP_E_NOT_ALLOWED,
  CONFLICT = REPAYJUMP_E_CONFLICT
};
#define RELAXED REPAYJUMP_RELAXED

/* Which fields each variant uses, written out from API.md (not taken from
 * the library's own table). */
static const int uses[REPAYJUMP_VARIANT_COUNT][REPAYJUMP_FIELD_COUNT] = {
    [REPAYJUMP_V3_MERCHANT] = {[A] = 1, [M] = 1, [N] = 1, [O] = 1},
    [REPAYJUMP_V3_PARTNER] =
        {[A] = 1, [M] = 1, [N] = 1, [O] = 1, [SA] = 1, [SM] = 1, [SO] = 1},
    [REPAYJUMP_V2_MERCHANT] = {[A] = 1, [M] = 1, [N] = 1, [O] = 1, [K] = 1},
    [REPAYJUMP_V2_PARTNER] = {[A] = 1,
                              [M] = 1,
                              [N] = 1,
                              [O] = 1,
                              [SA] = 1,
                              [SM] = 1,
                              [SO] = 1,
                              [K] = 1},
};

#define D32 "12345678901234567890123456789012"
#define X32 "abcdefghijklmnopqrstuvwxyzABCDEF"
#define I32 "oUpF8uMEb4qRXf22hE3X68Tek_-kE123"
#define HEX30 "0123456789abcdef0123456789abcd"
#define K32 "XQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9Z"
#define K128 K32 "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" K32 K32

typedef struct value_case {
  int field;
  unsigned flags;
  const char *value;
  int status;
  size_t offset;
} value_case;

/* Lengths 1, 32, 33 and the shapes of every rule, strict and relaxed.
 * Length 0 is absence, covered by presence_cases. */
static const value_case value_cases[] = {
    /* appid and sub_appid, strict: wx + 16 lowercase hex */
    {A, 0, REF_APPID, OK, 0},
    {A, 0, "w", FORMAT, 1},
    {A, 0, "x", FORMAT, 0},
    {A, 0, "wx", FORMAT, 2},
    {A, 0, "wxcbda96de0b16548", FORMAT, 17},
    {A, 0, "wxcbda96de0b1654860", FORMAT, 18},
    {A, 0, "wx" HEX30, FORMAT, 18},
    {A, 0, "wx" HEX30 "0", TOO_LONG, 32},
    {A, 0, "wxCBDA96de0b165486", FORMAT, 2},
    {A, 0, "wxcbda96de0b16548F", FORMAT, 17},
    {A, 0, "wxcbda96de0b16548g", FORMAT, 17},
    {A, 0, "WXcbda96de0b165486", FORMAT, 0},
    {A, 0, "wXcbda96de0b165486", FORMAT, 1}, /* 18 bytes, w, not x */
    {A, 0, "wx_bda96de0b165486", FORMAT, 2},
    {SA, 0, REF_SUB_APPID, OK, 0},
    {SA, 0, "wx8888", FORMAT, 6},
    {SA, 0, "wx" HEX30 "0", TOO_LONG, 32},
    {SA, 0, "wx888888888888888A", FORMAT, 17},
    /* appid and sub_appid, relaxed: 1..32 of [A-Za-z0-9_-] */
    {A, RELAXED, "a", OK, 0},
    {A, RELAXED, I32, OK, 0},
    {A, RELAXED, "WX_CBDA-96", OK, 0},
    {A, RELAXED, I32 "x", TOO_LONG, 32},
    {SA, RELAXED, "Z", OK, 0},
    {SA, RELAXED, I32 "_", TOO_LONG, 32},
    /* mchid and sub_mchid, strict: 1..32 digits */
    {M, 0, "1", OK, 0},
    {M, 0, D32, OK, 0},
    {M, 0, D32 "3", TOO_LONG, 32},
    {M, 0, "1900x", CHARSET, 4},
    {M, 0, "A900", CHARSET, 0},
    {M, 0, "19_0", CHARSET, 2},
    {M, 0, "19-0", CHARSET, 2},
    {SM, 0, "7", OK, 0},
    {SM, 0, D32 "0", TOO_LONG, 32},
    {SM, 0, "190000010a", CHARSET, 9},
    /* mchid and sub_mchid, relaxed: 1..32 of [A-Za-z0-9_-] */
    {M, RELAXED, "x", OK, 0},
    {M, RELAXED, "MCH_01-a", OK, 0},
    {M, RELAXED, I32, OK, 0},
    {M, RELAXED, I32 "1", TOO_LONG, 32},
    {SM, RELAXED, "sub-mch_7", OK, 0},
    {SM, RELAXED, I32 "1", TOO_LONG, 32},
    /* nonce_str, strict and relaxed alike: 1..32 of [A-Za-z0-9] */
    {N, 0, "a", OK, 0},
    {N, 0, X32, OK, 0},
    {N, 0, X32 "G", TOO_LONG, 32},
    {N, 0, "ab_c", CHARSET, 2},
    {N, 0, "ab-c", CHARSET, 2},
    {N, RELAXED, "Z", OK, 0},
    {N, RELAXED, X32 "1", TOO_LONG, 32},
    {N, RELAXED, "ab_c", CHARSET, 2},
    /* openid and sub_openid: 1..32 of [A-Za-z0-9_-] */
    {O, 0, "o", OK, 0},
    {O, 0, I32, OK, 0},
    {O, 0, "_-", OK, 0},
    {O, 0, I32 "k", TOO_LONG, 32},
    /* A wrong byte among the first 33 comes before the length (API.md,
     * "Which failure a value reports"): the document's openid and nonce. */
    {O, 0, REF_OPENID "=weixin", CHARSET, 28},
    {N, 0, REF_NONCE " ", CHARSET, 32},
    {N, 0, REF_NONCE "A ", TOO_LONG, 32},
    {A, 0, "wx" HEX30 "!", CHARSET, 32},
    {M, 0, D32 "3x", TOO_LONG, 32},
    {O, RELAXED, I32, OK, 0},
    {O, RELAXED, I32 "k", TOO_LONG, 32},
    {SO, 0, "-", OK, 0},
    {SO, 0, I32, OK, 0},
    {SO, 0, I32 "k", TOO_LONG, 32},
    {SO, RELAXED, I32 "k", TOO_LONG, 32},
    /* api_key, strict: exactly 32 of [A-Za-z0-9] */
    {K, 0, K32, OK, 0},
    {K, 0, "X", FORMAT, 1},
    {K, 0, "XQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9", FORMAT, 31},
    {K, 0, K32 "X", TOO_LONG, 32},
    {K, 0, "XQ9_XQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9Z", CHARSET, 3},
    {K, 0, "XQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9-", CHARSET, 31},
    /* api_key, relaxed: 1..128 printable ASCII but space */
    {K, RELAXED, "X", OK, 0},
    {K, RELAXED, K128, OK, 0},
    {K, RELAXED, K128 "X", TOO_LONG, 128},
    {K, RELAXED, "XQ9&key=\"\\/+%", OK, 0},
};

/* Bytes no rule accepts; each is put after three valid bytes, so the
 * expected offset is 3. */
static const char *const never_allowed[] = {
    " ",    "\t",   "\n",   "\x01",     "\x1f",
    "\x7f", "\x80", "\xff", "\xc3\xa9", /* UTF-8 for U+00E9: its first byte is
                                           the offending one */
};
/* Bytes only the relaxed api_key rule accepts. */
static const char *const key_relaxed_only[] = {
    "%", "&", "=", "\"", "\\", "/", "+", "#", "?", ".", ":", "'", "*", "~",
};

/* Three valid leading bytes for each field. */
static const char *const lead[REPAYJUMP_FIELD_COUNT] = {
    [A] = "wxc",  [M] = "190",  [N] = "5K8",  [O] = "oUp",
    [SA] = "wx8", [SM] = "190", [SO] = "oUp", [K] = "XQ9",
};

/* Run p through validate, render and compose; all must give status, with
 * field and offset, and leave every output empty on failure. */
static void expect(const repayjump_params *p, int status, int field,
                   size_t offset, const char *what) {
  repayjump_error err;
  char out[REPAYJUMP_OUTPUT_MAX];
  static repayjump_result result;
  size_t len = 99;
  int rc;

  memset(&err, 0x5a, sizeof err);
  rc = repayjump_validate(p, &err);
  if (rc != status || (status && (err.field != field || err.offset != offset)))
    fail_msg("%s: validate gave %d field %d offset %zu (%s), expected %d "
             "field %d offset %zu",
             what, rc, err.field, err.offset, rc ? err.message : "", status,
             field, offset);
  if (status == OK)
    return;
  assert_int_equal(err.status, status);
  assert_non_null(memchr(err.message, '\0', sizeof err.message));
  assert_int_equal(strncmp(err.message, repayjump_field_name(field),
                           strlen(repayjump_field_name(field))),
                   0);

  memset(out, 'x', sizeof out);
  rc = repayjump_render(p, REPAYJUMP_APP_PATH, out, sizeof out, &len, NULL);
  assert_int_equal(rc, status);
  assert_int_equal(out[0], '\0');
  assert_int_equal(len, 0);

  memset(&result, 'x', sizeof result);
  memset(&err, 0, sizeof err);
  rc = repayjump_compose(p, &result, &err);
  assert_int_equal(rc, status);
  assert_int_equal(err.field, field);
  assert_int_equal(err.offset, offset);
  assert_string_equal(result.nonce_str, "");
  assert_string_equal(result.sign, "");
  assert_string_equal(result.extra_data_json, "");
  assert_string_equal(result.navigate_json, "");
  assert_string_equal(result.app_path, "");
  assert_string_equal(result.app_launch_json, "");
}

/* A value case in every variant: checked where the variant uses the field,
 * REPAYJUMP_E_NOT_ALLOWED where it does not. */
static void run_value_case(const value_case *c) {
  int v;
  char what[160];
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    repayjump_params p = fixture(v);
    p.flags = c->flags;
    set_field(&p, c->field, c->value);
    snprintf(what, sizeof what, "variant %d field %s flags %u value \"%.40s\"",
             v, repayjump_field_name(c->field), c->flags, c->value);
    if (uses[v][c->field])
      expect(&p, c->status, c->status ? c->field : 0, c->offset, what);
    else
      expect(&p, NOT_ALLOWED, c->field, 0, what);
  }
}

static void value_rules(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < sizeof value_cases / sizeof *value_cases; i++)
    run_value_case(&value_cases[i]);
}

static void disallowed_bytes(void **state) {
  static const char *const extra[REPAYJUMP_FIELD_COUNT][3] = {
      [M] = {"a", "_", "-"},
      [SM] = {"Z", "_", "-"},
      [N] = {"_", "-", NULL},
      [K] = {"_", "-", NULL}};
  char value[16];
  int f;
  unsigned flags;
  size_t i;
  (void)state;
  for (f = A; f <= K; f++) {
    for (flags = 0; flags <= RELAXED; flags += RELAXED) {
      for (i = 0; i < sizeof never_allowed / sizeof *never_allowed; i++) {
        value_case c = {f, flags, value, CHARSET, 3};
        snprintf(value, sizeof value, "%s%s", lead[f], never_allowed[i]);
        run_value_case(&c);
      }
      /* The URL- and JSON-special bytes: refused by every rule of an
       * emitted field and by the strict key; the relaxed key takes them. */
      for (i = 0; i < sizeof key_relaxed_only / sizeof *key_relaxed_only; i++) {
        int relaxed_key = f == K && flags;
        value_case c = {f, flags, value, CHARSET, 3};
        snprintf(value, sizeof value, "%s%s", lead[f], key_relaxed_only[i]);
        if (relaxed_key)
          c.status = OK;
        run_value_case(&c);
      }
      for (i = 0; i < 3 && extra[f][i] && !flags; i++) {
        value_case c = {f, flags, value, CHARSET, 3};
        snprintf(value, sizeof value, "%s%s", lead[f], extra[f][i]);
        run_value_case(&c);
      }
    }
  }
}

typedef struct presence_case {
  int variant;
  unsigned flags;
  int clear1, clear2; /* fields made absent (0: none) */
  int status, field;
} presence_case;

static const presence_case presence_cases[] = {
    /* nothing missing */
    {REPAYJUMP_V3_MERCHANT, 0, 0, 0, OK, 0},
    {REPAYJUMP_V3_PARTNER, 0, 0, 0, OK, 0},
    {REPAYJUMP_V2_MERCHANT, 0, 0, 0, OK, 0},
    {REPAYJUMP_V2_PARTNER, 0, 0, 0, OK, 0},
    /* required everywhere */
    {REPAYJUMP_V3_MERCHANT, 0, A, 0, MISSING, A},
    {REPAYJUMP_V3_MERCHANT, 0, M, 0, MISSING, M},
    {REPAYJUMP_V3_PARTNER, 0, A, 0, MISSING, A},
    {REPAYJUMP_V3_PARTNER, 0, M, 0, MISSING, M},
    {REPAYJUMP_V2_MERCHANT, 0, A, 0, MISSING, A},
    {REPAYJUMP_V2_MERCHANT, 0, M, 0, MISSING, M},
    {REPAYJUMP_V2_PARTNER, 0, A, 0, MISSING, A},
    {REPAYJUMP_V2_PARTNER, 0, M, 0, MISSING, M},
    /* the first failing field in field order is the one reported */
    {REPAYJUMP_V3_MERCHANT, 0, M, O, MISSING, M},
    /* openid: required unless allowed out */
    {REPAYJUMP_V3_MERCHANT, 0, O, 0, MISSING, O},
    {REPAYJUMP_V2_MERCHANT, 0, O, 0, MISSING, O},
    {REPAYJUMP_V3_MERCHANT, REPAYJUMP_ALLOW_NO_OPENID, O, 0, OK, 0},
    {REPAYJUMP_V2_MERCHANT, REPAYJUMP_ALLOW_NO_OPENID, O, 0, OK, 0},
    /* partner: one openid of the two is enough */
    {REPAYJUMP_V3_PARTNER, 0, O, 0, OK, 0},
    {REPAYJUMP_V3_PARTNER, 0, SO, 0, OK, 0},
    {REPAYJUMP_V3_PARTNER, 0, O, SO, MISSING, O},
    {REPAYJUMP_V3_PARTNER, REPAYJUMP_ALLOW_NO_OPENID, O, SO, OK, 0},
    {REPAYJUMP_V2_PARTNER, 0, O, 0, OK, 0},
    {REPAYJUMP_V2_PARTNER, 0, SO, 0, OK, 0},
    {REPAYJUMP_V2_PARTNER, 0, O, SO, MISSING, O},
    {REPAYJUMP_V2_PARTNER, REPAYJUMP_ALLOW_NO_OPENID, O, SO, OK, 0},
    /* partner: sub_mchid required, sub_appid optional unless sub_openid */
    {REPAYJUMP_V3_PARTNER, 0, SM, 0, MISSING, SM},
    {REPAYJUMP_V2_PARTNER, 0, SM, 0, MISSING, SM},
    {REPAYJUMP_V3_PARTNER, 0, SA, SO, OK, 0},
    {REPAYJUMP_V2_PARTNER, 0, SA, SO, OK, 0},
    {REPAYJUMP_V3_PARTNER, 0, SA, 0, CONFLICT, SO},
    {REPAYJUMP_V2_PARTNER, 0, SA, 0, CONFLICT, SO},
    /* the key: required by v2 */
    {REPAYJUMP_V2_MERCHANT, 0, K, 0, MISSING, K},
    {REPAYJUMP_V2_PARTNER, 0, K, 0, MISSING, K},
    /* nonce_str: validate and compose do without it (compose makes one) */
    {REPAYJUMP_V3_MERCHANT, 0, N, 0, OK, 0},
    {REPAYJUMP_V2_PARTNER, 0, N, 0, OK, 0},
};

static void presence(void **state) {
  size_t i;
  char what[96];
  (void)state;
  for (i = 0; i < sizeof presence_cases / sizeof *presence_cases; i++) {
    const presence_case *c = &presence_cases[i];
    int empty;
    for (empty = 0; empty < 2; empty++) { /* NULL and "" both mean absent */
      repayjump_params p = fixture(c->variant);
      p.flags = c->flags;
      if (c->clear1)
        set_field(&p, c->clear1, empty ? "" : NULL);
      if (c->clear2)
        set_field(&p, c->clear2, empty ? "" : NULL);
      snprintf(what, sizeof what, "presence case %zu (%s)", i,
               empty ? "\"\"" : "NULL");
      expect(&p, c->status, c->field, 0, what);
    }
  }
}

/* render and sign need nonce_str, unlike validate and compose. */
static void render_needs_nonce(void **state) {
  int v;
  (void)state;
  for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
    repayjump_params p = fixture(v);
    repayjump_error err;
    char out[REPAYJUMP_OUTPUT_MAX];
    p.nonce_str = NULL;
    assert_int_equal(repayjump_validate(&p, NULL), OK);
    assert_int_equal(repayjump_render(&p, 0, out, sizeof out, NULL, &err),
                     MISSING);
    assert_int_equal(err.field, REPAYJUMP_FIELD_NONCE_STR);
  }
}

static void bad_arguments(void **state) {
  repayjump_params p = fixture(REPAYJUMP_V3_MERCHANT);
  repayjump_error err;
  int bad_variants[] = {-1, 4, 1000};
  size_t i;
  (void)state;
  assert_int_equal(repayjump_validate(NULL, &err), E_ARG);
  assert_int_equal(err.field, 0);
  for (i = 0; i < sizeof bad_variants / sizeof *bad_variants; i++) {
    p.variant = bad_variants[i];
    assert_int_equal(repayjump_validate(&p, &err), E_ARG);
    assert_int_equal(err.field, 0);
    assert_non_null(strstr(err.message, "variant"));
  }
  p.variant = 0;
  p.flags = 4;
  assert_int_equal(repayjump_validate(&p, &err), E_ARG);
  assert_string_equal(err.message, "flags: unknown bits 0x4");
  p.flags = 0x80000000u | REPAYJUMP_RELAXED;
  assert_int_equal(repayjump_validate(&p, NULL), E_ARG);
}

static void check_message(int variant, int field, const char *value,
                          unsigned flags, const char *message) {
  repayjump_params p = fixture(variant);
  repayjump_error err;
  p.flags = flags;
  set_field(&p, field, value);
  assert_int_not_equal(repayjump_validate(&p, &err), OK);
  assert_string_equal(err.message, message);
}

static void messages(void **state) {
  (void)state;
  check_message(0, M, "1900x", 0, "mchid: byte 4 is 'x'; expected a digit");
  check_message(0, O, "oUp\x01", 0,
                "openid: byte 3 is 0x01; expected a letter, digit, '_' or "
                "'-'");
  check_message(0, O, "oUp'", 0,
                "openid: byte 3 is 0x27; expected a letter, digit, '_' or "
                "'-'");
  check_message(0, A, "wx12", 0,
                "appid: ends at byte 4; expected wx followed by 16 lowercase "
                "hex digits");
  check_message(0, A, "wxCBDA96de0b165486", 0,
                "appid: byte 2 is 'C'; expected wx followed by 16 lowercase "
                "hex digits");
  check_message(0, O, I32 "k", 0, "openid: longer than 32 bytes");
  check_message(0, N, REF_NONCE " ", 0,
                "nonce_str: byte 32 is a space; expected a letter or digit");
  check_message(0, O, "a\tb", 0,
                "openid: byte 1 is a tab; expected a letter, digit, '_' or "
                "'-'");
  check_message(0, O, "ab\n", 0,
                "openid: byte 2 is a newline; expected a letter, digit, '_' "
                "or '-'");
  check_message(0, M, "1\r", 0,
                "mchid: byte 1 is a carriage return; expected a digit");
  check_message(0, M, "1\v\f", 0,
                "mchid: byte 1 is a vertical tab; expected a digit");
  check_message(0, M, "1\f", 0,
                "mchid: byte 1 is a form feed; expected a digit");
  check_message(0, O, REF_OPENID "=weixin", 0,
                "openid: byte 28 is '='; expected a letter, digit, '_' or "
                "'-'");
  check_message(0, M, NULL, 0, "mchid: required by the APIv3 merchant variant");
  check_message(0, SA, REF_SUB_APPID, 0,
                "sub_appid: not used by the APIv3 merchant variant; leave it "
                "absent");
  check_message(3, SA, NULL, 0,
                "sub_openid: set without sub_appid, the AppID it belongs to");
  check_message(2, K, "XQ9ZXQ9Z%XQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9", 0,
                "api_key: byte 8 is not allowed; expected exactly 32 letters "
                "or digits");
  check_message(2, K, "XQ9ZXQ9Z", 0,
                "api_key: ends at byte 8; expected exactly 32 letters or "
                "digits");
  check_message(2, K, "XQ9 ZXQ9", RELAXED,
                "api_key: byte 3 is not allowed; expected printable ASCII "
                "other than space");
}

/* No failure's message holds any three consecutive bytes of the key. */
static void key_never_in_messages(void **state) {
  static const char *const keys[] = {"XQ9ZXQ9Z%XQ9ZXQ9ZXQ9ZXQ9ZXQ9ZXQ9",
                                     "XQ9Z'XQ9",
                                     "XQ9Z XQ9",
                                     K32 "X",
                                     "XQ9Z\xc3\xa9",
                                     K128 "X",
                                     "XQ9Z"};
  size_t i;
  int v;
  unsigned flags;
  (void)state;
  for (i = 0; i < sizeof keys / sizeof *keys; i++) {
    for (v = 0; v < REPAYJUMP_VARIANT_COUNT; v++) {
      for (flags = 0; flags <= RELAXED; flags += RELAXED) {
        repayjump_params p = fixture(v);
        repayjump_error err;
        size_t j;
        p.flags = flags;
        p.api_key = keys[i];
        if (repayjump_validate(&p, &err) == OK)
          continue;
        for (j = 0; keys[i][j] && keys[i][j + 1] && keys[i][j + 2]; j++) {
          char piece[4] = {keys[i][j], keys[i][j + 1], keys[i][j + 2], 0};
          if (strstr(err.message, piece))
            fail_msg("key bytes \"%s\" in \"%s\"", piece, err.message);
        }
      }
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(value_rules),
      cmocka_unit_test(disallowed_bytes),
      cmocka_unit_test(presence),
      cmocka_unit_test(render_needs_nonce),
      cmocka_unit_test(bad_arguments),
      cmocka_unit_test(messages),
      cmocka_unit_test(key_never_in_messages),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
