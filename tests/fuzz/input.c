/* Decoding a fuzz input into a repayjump_params (the format is in fuzz.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

/* Values of variant that name no variant, chosen by bytes 0xF0..0xFF. */
static const int bad_variants[16] = {
    -1,  4,       5,       7,    8,     -2,      16,          255,
    256, INT_MAX, INT_MIN, 1000, -1000, 0x10000, INT_MIN + 1, INT_MAX - 1};

const char *fz_field(const repayjump_params *p, int f) {
  const char *const values[REPAYJUMP_FIELD_COUNT] = {
      NULL,         p->appid,     p->mchid,      p->nonce_str, p->openid,
      p->sub_appid, p->sub_mchid, p->sub_openid, p->api_key};
  return f > 0 && f < REPAYJUMP_FIELD_COUNT ? values[f] : NULL;
}

void fz_set_field(repayjump_params *p, int f, const char *value) {
  const char **const slots[REPAYJUMP_FIELD_COUNT] = {
      NULL,          &p->appid,     &p->mchid,      &p->nonce_str, &p->openid,
      &p->sub_appid, &p->sub_mchid, &p->sub_openid, &p->api_key};
  if (f > 0 && f < REPAYJUMP_FIELD_COUNT)
    *slots[f] = value;
}

static char *copy_exact(const uint8_t *s, size_t n) {
  char *c = malloc(n + 1);
  if (!c)
    fz_fail("out of memory");
  memcpy(c, s, n);
  c[n] = '\0';
  return c;
}

void fz_input_decode(const uint8_t *data, size_t size, fz_input *in) {
  uint8_t head[4] = {0, 0, 0, 0};
  size_t i, at;
  int f;

  if (size)
    memcpy(head, data, size < 4 ? size : 4);
  memset(in, 0, sizeof *in);
  in->p.variant = head[0] < 0xF0 ? head[0] & 3 : bad_variants[head[0] & 15];
  in->p.flags = head[1] & 3u;
  if (head[1] & 0x80)
    in->p.flags |= 1u << (2 + (head[1] >> 2) % 30);
  in->mode = head[3];

  if (size <= 4)
    return; /* no fields: every one is NULL */
  /* n separators give n + 1 fields: "a\0" is "a" and "". */
  for (f = 1, at = 4; f < REPAYJUMP_FIELD_COUNT; f++) {
    for (i = at; i < size && data[i] != 0; i++)
      ;
    in->field[f] = copy_exact(data + at, i - at);
    if (!(head[2] & (1u << (f - 1))))
      fz_set_field(&in->p, f, in->field[f]);
    if (i == size)
      break;
    at = i + 1;
  }
}

void fz_input_free(fz_input *in) {
  int f;
  for (f = 1; f < REPAYJUMP_FIELD_COUNT; f++)
    free(in->field[f]);
}
