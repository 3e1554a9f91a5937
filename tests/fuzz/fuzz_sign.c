/* repayjump_sign: for a valid APIv2 input, the 64 uppercase hex digits of
 * the reference signature (HMAC-SHA256 computed apart from the library)
 * and nothing written after their NUL; otherwise the reference model's
 * error, REPAYJUMP_E_ARG for an APIv3 variant, REPAYJUMP_E_BUFFER for a
 * buffer under 65 bytes, and an empty buffer.
 *
 * Input: fuzz.h's format. Mode byte: bits 0-2 the buffer (see caps); bit 3
 * passes err as NULL. */
#include <string.h>

#include "fuzz.h"

/* Mode 3 is the size query (NULL, 0), mode 4 NULL with a cap. */
static const size_t caps[8] = {
    REPAYJUMP_SIGN_LEN + 1, REPAYJUMP_SIGN_LEN,    0, 0, 1, 1,
    REPAYJUMP_OUTPUT_MAX,   REPAYJUMP_SIGN_LEN + 2};

static int is_v2(int variant) {
  return variant == REPAYJUMP_V2_MERCHANT || variant == REPAYJUMP_V2_PARTNER;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_input in;
  fz_expect want, expect;
  fz_pairs pairs;
  fz_buffer b;
  repayjump_error err;
  int mode, rc, quiet;
  size_t cap;

  fz_init();
  fz_input_decode(data, size, &in);
  mode = in.mode & 7;
  quiet = (in.mode & 8) != 0;
  cap = caps[mode];
  fz_buffer_init(&b, cap, mode != 3 && mode != 4);
  memset(&err, FZ_FILL, sizeof err);
  rc = repayjump_sign(&in.p, b.out, cap, quiet ? NULL : &err);

  want = fz_reference_validate(&in.p, 1);
  if (!b.out && cap)
    /* Which error comes first when the fields are bad too is not part of
     * the contract. */
    expect = want.status == REPAYJUMP_OK || rc == REPAYJUMP_E_ARG
                 ? fz_expect_status(REPAYJUMP_E_ARG)
                 : want;
  else if (want.status != REPAYJUMP_OK)
    expect = want;
  else if (!is_v2(in.p.variant))
    expect = fz_expect_status(REPAYJUMP_E_ARG);
  else if (b.out && cap < REPAYJUMP_SIGN_LEN + 1)
    expect = fz_expect_status(REPAYJUMP_E_BUFFER);
  else
    expect = fz_expect_status(REPAYJUMP_OK);
  fz_check_error("sign", rc, quiet ? NULL : &err, &expect);

  if (rc != REPAYJUMP_OK) {
    fz_buffer_check_failed(&b, "sign");
  } else if (b.out) {
    fz_expected_pairs(&in.p, in.p.nonce_str, &pairs);
    fz_buffer_check_tail(&b, REPAYJUMP_SIGN_LEN, "sign");
    FZ_CHECK(strcmp(b.out, pairs.sign) == 0, "sign: %s, expected %s", b.out,
             pairs.sign);
  }
  fz_buffer_free(&b);
  fz_input_free(&in);
  return 0;
}
