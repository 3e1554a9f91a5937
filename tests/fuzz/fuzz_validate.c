/* repayjump_validate: status, field and offset as the reference model
 * says, a message that is one line naming the field, the same status
 * without an error struct, and nothing that depends on the api_key's bytes
 * (the key is a secret: its bytes are never echoed).
 *
 * Input: fuzz.h's format. Mode byte: 0xFF validates a NULL params. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Each byte replaced by another of the same class for the key rules
 * (digit, lowercase, uppercase, other printable, other), so that a valid
 * key stays valid and an invalid one fails at the same byte. */
static char *same_class_key(const char *key) {
  static const char punct[] = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
  size_t n = strlen(key), i;
  char *k = malloc(n + 1);
  if (!k)
    fz_fail("out of memory");
  for (i = 0; i <= n; i++) {
    int c = (unsigned char)key[i];
    const char *at = c ? strchr(punct, c) : NULL;
    if (c >= '0' && c <= '9')
      c = '0' + (c - '0' + 1) % 10;
    else if (c >= 'a' && c <= 'z')
      c = 'a' + (c - 'a' + 1) % 26;
    else if (c >= 'A' && c <= 'Z')
      c = 'A' + (c - 'A' + 1) % 26;
    else if (at)
      c = at[1] ? at[1] : punct[0];
    else if (c)
      c = c == ' ' ? 0x7f : ' ';
    k[i] = (char)c;
  }
  return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fz_input in;
  repayjump_error err, other;
  fz_expect want;
  int rc;

  fz_init();
  fz_input_decode(data, size, &in);
  memset(&err, FZ_FILL, sizeof err);
  if (in.mode == 0xFF) {
    want = fz_expect_status(REPAYJUMP_E_ARG);
    rc = repayjump_validate(NULL, &err);
    fz_check_error("validate(NULL)", rc, &err, &want);
    fz_input_free(&in);
    return 0;
  }

  want = fz_reference_validate(&in.p, 0);
  rc = repayjump_validate(&in.p, &err);
  fz_check_error("validate", rc, &err, &want);
  FZ_CHECK(repayjump_validate(&in.p, NULL) == rc,
           "validate: another status without an error struct");

  if (in.p.api_key && in.p.api_key[0]) {
    repayjump_params p = in.p;
    char *key = same_class_key(in.p.api_key);
    p.api_key = key;
    memset(&other, FZ_FILL, sizeof other);
    FZ_CHECK(repayjump_validate(&p, &other) == rc,
             "validate: the status depends on the api_key's bytes");
    FZ_CHECK(rc == REPAYJUMP_OK ||
                 (other.field == err.field && other.offset == err.offset &&
                  strcmp(other.message, err.message) == 0),
             "validate: the message depends on the api_key's bytes: "
             "\"%s\" then \"%s\"",
             err.message, other.message);
    free(key);
  }
  fz_input_free(&in);
  return 0;
}
