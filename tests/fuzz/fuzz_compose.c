/* repayjump_compose: the reference model's error, and then every string of
 * the result empty and nothing else of it written; or the nonce given (or
 * 32 fresh letters and digits), the reference signature, four outputs that
 * pass fz_check_output and equal what render gives for the same nonce.
 *
 * Input: fuzz.h's format. Mode byte: bit 0 copies nonce_str into
 * result->nonce_str and passes that (the one aliasing the header allows);
 * bit 1 passes err as NULL; 0xFF passes result as NULL. */
#include <stddef.h>
#include <string.h>

#include "fuzz.h"

static void check_fresh_nonce(const char *nonce) {
  size_t i, n = strlen(nonce);
  FZ_CHECK(n == REPAYJUMP_FIELD_MAX, "compose: generated nonce of %zu bytes",
           n);
  for (i = 0; i < n; i++) {
    int c = (unsigned char)nonce[i];
    FZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                 (c >= 'A' && c <= 'Z'),
             "compose: generated nonce byte %zu is 0x%02X", i, c);
  }
}

/* The outputs, in repayjump_format order. */
static const char *output(const repayjump_result *r, int format) {
  const char *const o[REPAYJUMP_FORMAT_COUNT] = {
      r->extra_data_json, r->navigate_json, r->app_path, r->app_launch_json};
  return o[format];
}

/* A string of the result and its array's size, in struct order. */
typedef struct slot {
  size_t offset, size;
} slot;
#define SLOT(member)                                                           \
  {                                                                            \
    offsetof(repayjump_result, member),                                        \
        sizeof(((repayjump_result *)0)->member)                                \
  }
static const slot slots[] = {SLOT(nonce_str),       SLOT(sign),
                             SLOT(extra_data_json), SLOT(navigate_json),
                             SLOT(app_path),        SLOT(app_launch_json)};
#define SLOT_COUNT (sizeof slots / sizeof *slots)

/* As for every output buffer: nothing written after a string's NUL. */
static void check_tails(const repayjump_result *r,
                        const repayjump_result *before) {
  const unsigned char *now = (const unsigned char *)r;
  const unsigned char *was = (const unsigned char *)before;
  size_t s, i;
  for (s = 0; s < SLOT_COUNT; s++) {
    const unsigned char *at = now + slots[s].offset;
    const unsigned char *nul = memchr(at, '\0', slots[s].size);
    FZ_CHECK(nul, "compose: string %zu unterminated", s);
    for (i = (size_t)(nul - at) + 1; i < slots[s].size; i++)
      FZ_CHECK(at[i] == was[slots[s].offset + i],
               "compose: string %zu of the result: byte %zu after its NUL "
               "written (0x%02X)",
               s, i, at[i]);
  }
}

static void check_success(const repayjump_params *p, const char *given_nonce,
                          const repayjump_result *r) {
  fz_pairs pairs;
  repayjump_params again = *p;
  char nonce[REPAYJUMP_FIELD_MAX + 1], out[REPAYJUMP_OUTPUT_MAX];
  int format;

  if (given_nonce && given_nonce[0])
    FZ_CHECK(strcmp(r->nonce_str, given_nonce) == 0,
             "compose: nonce_str \"%s\", given \"%s\"", r->nonce_str,
             given_nonce);
  else
    check_fresh_nonce(r->nonce_str);
  fz_expected_pairs(p, r->nonce_str, &pairs);
  FZ_CHECK(strcmp(r->sign, pairs.sign) == 0,
           "compose: sign \"%s\", expected \"%s\"", r->sign, pairs.sign);

  memcpy(nonce, r->nonce_str, sizeof nonce);
  again.nonce_str = nonce;
  for (format = 0; format < REPAYJUMP_FORMAT_COUNT; format++) {
    const char *o = output(r, format);
    const char *nul = memchr(o, '\0', REPAYJUMP_OUTPUT_MAX);
    FZ_CHECK(nul, "compose: output %d unterminated", format);
    fz_check_output(format, o, (size_t)(nul - o), &pairs);
    FZ_CHECK(repayjump_render(&again, format, out, sizeof out, NULL, NULL) ==
                     REPAYJUMP_OK &&
                 strcmp(out, o) == 0,
             "compose: output %d differs from render's: %s", format, o);
  }
}

/* On failure: the first byte of each string NUL, no other byte written. */
static void check_failure(const repayjump_result *r,
                          const repayjump_result *before) {
  const unsigned char *now = (const unsigned char *)r;
  const unsigned char *was = (const unsigned char *)before;
  size_t i, s;
  for (s = 0; s < SLOT_COUNT; s++)
    FZ_CHECK(now[slots[s].offset] == '\0',
             "compose: failed but string %zu is set", s);
  for (i = 0; i < sizeof *r; i++) {
    for (s = 0; s < SLOT_COUNT && slots[s].offset != i; s++)
      ;
    FZ_CHECK(s < SLOT_COUNT || now[i] == was[i],
             "compose: failed but wrote byte %zu of the result", i);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_input in;
  fz_expect want;
  fz_buffer b;
  repayjump_error err;
  repayjump_result *result, before;
  const char *given_nonce;
  int rc, quiet;

  fz_init();
  fz_input_decode(data, size, &in);
  memset(&err, FZ_FILL, sizeof err);
  if (in.mode == 0xFF) {
    want = fz_expect_status(REPAYJUMP_E_ARG);
    rc = repayjump_compose(&in.p, NULL, &err);
    fz_check_error("compose(result NULL)", rc, &err, &want);
    fz_input_free(&in);
    return 0;
  }

  /* The result between guard bytes, every byte FZ_FILL. */
  fz_buffer_init(&b, sizeof *result, 1);
  result = (repayjump_result *)(void *)b.out;
  given_nonce = in.p.nonce_str;
  if ((in.mode & 1) && given_nonce) {
    size_t n = strlen(given_nonce);
    if (n < sizeof result->nonce_str) {
      memcpy(result->nonce_str, given_nonce, n + 1);
      in.p.nonce_str = result->nonce_str;
    }
  }
  memcpy(&before, result, sizeof before);
  quiet = (in.mode & 2) != 0;

  want = fz_reference_validate(&in.p, 0);
  rc = repayjump_compose(&in.p, result, quiet ? NULL : &err);
  fz_check_error("compose", rc, quiet ? NULL : &err, &want);
  fz_buffer_check_guards(&b, "compose");
  if (rc == REPAYJUMP_OK) {
    check_success(&in.p, given_nonce, result);
    check_tails(result, &before);
  } else {
    check_failure(result, &before);
  }

  fz_buffer_free(&b);
  fz_input_free(&in);
  return 0;
}
