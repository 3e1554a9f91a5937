/* repayjump_render: every format of every input into a large buffer, then
 * one call with a chosen buffer size. An accepted input's outputs are
 * checked byte by byte (fz_check_output); a rejected one must give the
 * reference model's error and leave the buffer empty; no call writes past
 * cap; the size query gives the length the output has.
 *
 * Input: fuzz.h's format. Mode byte, for the sized call: bits 0-1 the
 * format; bit 2 replaces it by one of four values that are no format;
 * bits 3-5 the buffer (see buffers); bit 6 passes len and err as NULL. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static const int bad_formats[4] = {-1, REPAYJUMP_FORMAT_COUNT, INT_MIN,
                                   INT_MAX};

/* The buffer of the sized call, by mode 0..7, for an output of need
 * bytes: cap = need * halves / 2 + add, and out NULL unless with_out. */
static const struct {
  size_t halves, add;
  int with_out;
} buffers[8] = {
    {2, 1, 1},                    /* exact */
    {2, 0, 1},                    /* one byte short */
    {0, 0, 1},                    /* a buffer of no bytes */
    {0, REPAYJUMP_OUTPUT_MAX, 1}, /* the documented size */
    {0, 1, 1},                    /* room for the NUL only */
    {0, 0, 0},                    /* size query: NULL, 0 */
    {0, 1, 0},                    /* NULL with a cap */
    {1, 0, 1},                    /* half */
};

/* The outputs of an accepted input, by format, kept to compare the sized
 * call's with; NULL (length 0) for a rejected one. */
typedef struct rendered {
  char *output[REPAYJUMP_FORMAT_COUNT];
  size_t len[REPAYJUMP_FORMAT_COUNT];
} rendered;

/* Format into a large buffer, then the size query; keeps the output. */
static void render_large(const repayjump_params *p, int format,
                         const fz_expect *want, const fz_pairs *pairs,
                         rendered *kept) {
  repayjump_error err;
  fz_buffer b;
  size_t len;
  int rc;

  fz_buffer_init(&b, REPAYJUMP_OUTPUT_MAX, 1);
  memset(&err, FZ_FILL, sizeof err);
  len = (size_t)-1;
  rc = repayjump_render(p, format, b.out, b.cap, &len, &err);
  fz_check_error("render", rc, &err, want);
  if (rc == REPAYJUMP_OK) {
    fz_buffer_check_tail(&b, len, "render");
    fz_check_output(format, b.out, len, pairs);
    kept->output[format] = malloc(len + 1);
    if (!kept->output[format])
      fz_fail("out of memory");
    memcpy(kept->output[format], b.out, len + 1);
    kept->len[format] = len;
  } else {
    fz_buffer_check_failed(&b, "render");
  }
  fz_buffer_free(&b);

  len = (size_t)-1;
  rc = repayjump_render(p, format, NULL, 0, &len, &err);
  fz_check_error("render size query", rc, &err, want);
  FZ_CHECK(rc || len == kept->len[format],
           "render size query: %zu bytes, the output has %zu", len,
           kept->len[format]);
}

/* What the sized call must give, for the fields' verdict want and an
 * output of need bytes. */
static fz_expect sized_expect(const fz_buffer *b, int format, size_t need,
                              const fz_expect *want, int rc) {
  if ((!b->out && b->cap) || format < 0 || format >= REPAYJUMP_FORMAT_COUNT)
    /* A bad argument; which error comes first when the fields are bad
     * too is not part of the contract. */
    return want->status == REPAYJUMP_OK || rc == REPAYJUMP_E_ARG
               ? fz_expect_status(REPAYJUMP_E_ARG)
               : *want;
  if (want->status != REPAYJUMP_OK)
    return *want;
  if (b->out && b->cap <= need)
    return fz_expect_status(REPAYJUMP_E_BUFFER);
  return fz_expect_status(REPAYJUMP_OK);
}

/* One call with the format and buffer the mode byte chooses. */
static void render_sized(const repayjump_params *p, uint8_t mode_byte,
                         const fz_expect *want, const rendered *kept) {
  int format = mode_byte & 4 ? bad_formats[mode_byte & 3] : mode_byte & 3;
  int quiet = (mode_byte & 0x40) != 0, mode = mode_byte >> 3 & 7, rc;
  size_t need =
      format >= 0 && format < REPAYJUMP_FORMAT_COUNT && kept->output[format]
          ? kept->len[format]
          : 16; /* any size: the call fails before it matters */
  size_t len = (size_t)-1;
  repayjump_error err;
  fz_expect expect;
  fz_buffer b;

  fz_buffer_init(&b, need * buffers[mode].halves / 2 + buffers[mode].add,
                 buffers[mode].with_out);
  memset(&err, FZ_FILL, sizeof err);
  rc = repayjump_render(p, format, b.out, b.cap, quiet ? NULL : &len,
                        quiet ? NULL : &err);
  expect = sized_expect(&b, format, need, want, rc);
  fz_check_error("render (sized)", rc, quiet ? NULL : &err, &expect);

  if (rc == REPAYJUMP_OK || rc == REPAYJUMP_E_BUFFER)
    FZ_CHECK(quiet || len == need,
             "render (sized): *len is %zu, the output has %zu bytes", len,
             need);
  if (rc != REPAYJUMP_OK) {
    fz_buffer_check_failed(&b, "render (sized)");
  } else if (b.out) {
    fz_buffer_check_tail(&b, need, "render (sized)");
    FZ_CHECK(memcmp(b.out, kept->output[format], need + 1) == 0,
             "render (sized): another output than with a large buffer");
  }
  fz_buffer_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_input in;
  fz_expect want;
  fz_pairs pairs;
  rendered kept = {{NULL, NULL, NULL, NULL}, {0, 0, 0, 0}};
  int format;

  fz_init();
  fz_input_decode(data, size, &in);
  want = fz_reference_validate(&in.p, 1);
  if (want.status == REPAYJUMP_OK)
    fz_expected_pairs(&in.p, in.p.nonce_str, &pairs);

  for (format = 0; format < REPAYJUMP_FORMAT_COUNT; format++)
    render_large(&in.p, format, &want, &pairs, &kept);
  render_sized(&in.p, in.mode, &want, &kept);

  for (format = 0; format < REPAYJUMP_FORMAT_COUNT; format++)
    free(kept.output[format]);
  fz_input_free(&in);
  return 0;
}
