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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_input in;
  fz_expect want, expect;
  fz_pairs pairs;
  repayjump_error err;
  fz_buffer b;
  char *outputs[REPAYJUMP_FORMAT_COUNT] = {NULL, NULL, NULL, NULL};
  size_t lens[REPAYJUMP_FORMAT_COUNT] = {0, 0, 0, 0};
  size_t len, need, cap;
  int format, rc, mode, quiet;

  fz_init();
  fz_input_decode(data, size, &in);
  want = fz_reference_validate(&in.p, 1);
  if (want.status == REPAYJUMP_OK)
    fz_expected_pairs(&in.p, in.p.nonce_str, &pairs);

  for (format = 0; format < REPAYJUMP_FORMAT_COUNT; format++) {
    fz_buffer_init(&b, REPAYJUMP_OUTPUT_MAX, 1);
    memset(&err, FZ_FILL, sizeof err);
    len = (size_t)-1;
    rc = repayjump_render(&in.p, format, b.out, b.cap, &len, &err);
    fz_check_error("render", rc, &err, &want);
    if (rc == REPAYJUMP_OK) {
      fz_buffer_check_tail(&b, len, "render");
      fz_check_output(format, b.out, len, &pairs);
      outputs[format] = malloc(len + 1);
      if (!outputs[format])
        fz_fail("out of memory");
      memcpy(outputs[format], b.out, len + 1);
      lens[format] = len;
    } else {
      fz_buffer_check_failed(&b, "render");
    }
    fz_buffer_free(&b);

    len = (size_t)-1;
    rc = repayjump_render(&in.p, format, NULL, 0, &len, &err);
    fz_check_error("render size query", rc, &err, &want);
    FZ_CHECK(rc || len == lens[format],
             "render size query: %zu bytes, the output has %zu", len,
             lens[format]);
  }

  /* The sized call. */
  format = in.mode & 4 ? bad_formats[in.mode & 3] : in.mode & 3;
  quiet = (in.mode & 0x40) != 0;
  need = format >= 0 && format < REPAYJUMP_FORMAT_COUNT && outputs[format]
             ? lens[format]
             : 16; /* any size: the call fails before it matters */
  mode = in.mode >> 3 & 7;
  cap = need * buffers[mode].halves / 2 + buffers[mode].add;
  fz_buffer_init(&b, cap, buffers[mode].with_out);
  memset(&err, FZ_FILL, sizeof err);
  len = (size_t)-1;
  rc = repayjump_render(&in.p, format, b.out, cap, quiet ? NULL : &len,
                        quiet ? NULL : &err);

  if ((!b.out && cap) || format < 0 || format >= REPAYJUMP_FORMAT_COUNT)
    /* A bad argument; which error comes first when the fields are bad
     * too is not part of the contract. */
    expect = want.status == REPAYJUMP_OK || rc == REPAYJUMP_E_ARG
                 ? fz_expect_status(REPAYJUMP_E_ARG)
                 : want;
  else if (want.status != REPAYJUMP_OK)
    expect = want;
  else if (b.out && cap <= need)
    expect = fz_expect_status(REPAYJUMP_E_BUFFER);
  else
    expect = fz_expect_status(REPAYJUMP_OK);
  fz_check_error("render (sized)", rc, quiet ? NULL : &err, &expect);

  if (rc == REPAYJUMP_OK || rc == REPAYJUMP_E_BUFFER)
    FZ_CHECK(quiet || len == need,
             "render (sized): *len is %zu, the output has %zu bytes", len,
             need);
  if (rc != REPAYJUMP_OK) {
    fz_buffer_check_failed(&b, "render (sized)");
  } else if (b.out) {
    fz_buffer_check_tail(&b, need, "render (sized)");
    FZ_CHECK(memcmp(b.out, outputs[format], need + 1) == 0,
             "render (sized): another output than with a large buffer");
  }
  fz_buffer_free(&b);

  for (format = 0; format < REPAYJUMP_FORMAT_COUNT; format++)
    free(outputs[format]);
  fz_input_free(&in);
  return 0;
}
