/* repayjump_nonce: len letters and digits and a NUL, nothing written after
 * it and nothing past cap; REPAYJUMP_E_ARG for a len outside 1..32 or a
 * NULL buffer with a cap, REPAYJUMP_E_BUFFER for cap <= len, and then an
 * empty buffer. Two nonces of 12 or more characters differ (the chance
 * that they do not is below 1e-21).
 *
 * Input: byte 0 is len: 0 to 63 as it is, from 64 one of eight extreme
 * values. Byte 1: bits 0-2 the buffer (see buffers), bits 3-7 a number k
 * that three buffer modes use. Missing bytes read as 0. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"

#define CAP_LIMIT 4096 /* larger caps are cut to this: only len matters */

static const size_t extreme_lens[8] = {
    SIZE_MAX,     SIZE_MAX - 1, SIZE_MAX / 2 + 1,     (size_t)1 << 31,
    SIZE_MAX / 3, 64,           REPAYJUMP_OUTPUT_MAX, 255};

/* The buffer by mode 0..7: cap = len * lens + add + k * ks, out NULL
 * unless with_out. */
static const struct {
  size_t lens, add, ks;
  int with_out;
} buffers[8] = {
    {1, 1, 0, 1},                    /* exact */
    {1, 0, 0, 1},                    /* one byte short */
    {0, 0, 0, 1},                    /* a buffer of no bytes */
    {0, 0, 0, 0},                    /* size query: NULL, 0 */
    {0, 1, 1, 0},                    /* NULL with a cap */
    {1, 1, 1, 1},                    /* k bytes to spare */
    {0, 0, 1, 1},                    /* k bytes */
    {0, REPAYJUMP_OUTPUT_MAX, 0, 1}, /* large */
};

static int is_alnum(int c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

/* What repayjump_nonce(out, cap, len) must return. */
static int expected_status(const char *out, size_t cap, size_t len) {
  if (len < 1 || len > REPAYJUMP_FIELD_MAX || (!out && cap))
    return REPAYJUMP_E_ARG;
  if (out && cap <= len)
    return REPAYJUMP_E_BUFFER;
  return REPAYJUMP_OK;
}

/* A nonce of len letters and digits, NUL-terminated with nothing written
 * after it, and not what the next call gives. */
static void check_nonce(const fz_buffer *b, size_t len) {
  size_t i;
  fz_buffer_check_tail(b, len, "nonce");
  for (i = 0; i < len; i++)
    FZ_CHECK(is_alnum((unsigned char)b->out[i]), "nonce: byte %zu is 0x%02X", i,
             (unsigned char)b->out[i]);
  if (len >= 12) {
    char other[REPAYJUMP_FIELD_MAX + 1];
    FZ_CHECK(repayjump_nonce(other, sizeof other, len) == REPAYJUMP_OK &&
                 strcmp(other, b->out) != 0,
             "nonce: two nonces of %zu characters are equal: %s", len, other);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  uint8_t head[2] = {0, 0};
  size_t len, cap, k;
  int mode, rc, expect;
  fz_buffer b;

  fz_init();
  if (size)
    memcpy(head, data, size < 2 ? size : 2);
  len = head[0] < 64 ? head[0] : extreme_lens[head[0] & 7];
  mode = head[1] & 7;
  k = head[1] >> 3;
  cap = len * buffers[mode].lens + buffers[mode].add + k * buffers[mode].ks;
  if (cap > CAP_LIMIT)
    cap = CAP_LIMIT;

  fz_buffer_init(&b, cap, buffers[mode].with_out);
  rc = repayjump_nonce(b.out, cap, len);
  expect = expected_status(b.out, cap, len);
  FZ_CHECK(rc == expect, "nonce(len %zu, cap %zu, out %s): %d, expected %d",
           len, cap, b.out ? "set" : "NULL", rc, expect);

  if (rc != REPAYJUMP_OK)
    fz_buffer_check_failed(&b, "nonce");
  else if (b.out)
    check_nonce(&b, len);
  fz_buffer_free(&b);
  return 0;
}
