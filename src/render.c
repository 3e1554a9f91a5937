/* The four output formats, as rows of one table, and the one writer of
 * any of them.
 *
 * Keys and values are never escaped: keys are the table's, and rules.c
 * admits only [A-Za-z0-9_-] into emitted values (sign_type is
 * "HMAC-SHA256", sign is hex), bytes that are literal in a JSON string and
 * unreserved in a URL query.
 *
 * Speed: constant text is written in whole 16-byte moves from zero-padded
 * arrays, which may write up to RJ_SLACK bytes past the end; values are
 * copied exactly, since they are the caller's. */
#include <string.h>

#include "internal.h"

/* Constant text, zero-padded to a multiple of 16 bytes. */
#define TEXT_MAX 96
typedef struct text {
  char s[TEXT_MAX];
  uint8_t n;
} text;
#define TEXT(lit)                                                              \
  { lit, sizeof(lit) - 1 }

/* An output is prefix, inner, suffix. Inner is the pairs, as a JSON
 * object's members or as a URL query, or the whole output of a format
 * before it in the table: navigate_json wraps extra_data_json,
 * app_launch_json wraps app_path. */
enum { BODY_JSON = -1, BODY_QUERY = -2 };
typedef struct out_format {
  text prefix;
  int inner;
  text suffix;
} out_format;

#define NAVIGATE_PREFIX                                                        \
  "{\"appId\":\"" REPAYJUMP_TARGET_APPID                                       \
  "\",\"path\":\"" REPAYJUMP_TARGET_PATH "\",\"extraData\":"
#define NAVIGATE_SUFFIX ",\"envVersion\":\"release\"}"
#define LAUNCH_PREFIX                                                          \
  "{\"userName\":\"" REPAYJUMP_TARGET_USERNAME "\",\"path\":\""
#define LAUNCH_SUFFIX "\",\"miniProgramType\":0}"
#define PATH_PREFIX REPAYJUMP_TARGET_PATH "?"

/* Format f wraps format inner: compose writes the formats in table
 * order and copies the inner output from what it wrote, so inner must come
 * before f, which the compiler checks. */
#define WRAPS(f, inner) ((int)(RJ_ASSERT_ZERO((inner) < (f)) + (inner)))

static const out_format formats[REPAYJUMP_FORMAT_COUNT] = {
    [REPAYJUMP_EXTRA_DATA_JSON] = {TEXT("{"), BODY_JSON, TEXT("\"}")},
    [REPAYJUMP_NAVIGATE_JSON] = {TEXT(NAVIGATE_PREFIX),
                                 WRAPS(REPAYJUMP_NAVIGATE_JSON,
                                       REPAYJUMP_EXTRA_DATA_JSON),
                                 TEXT(NAVIGATE_SUFFIX)},
    [REPAYJUMP_APP_PATH] = {TEXT(PATH_PREFIX), BODY_QUERY, TEXT("")},
    [REPAYJUMP_APP_LAUNCH_JSON] = {TEXT(LAUNCH_PREFIX),
                                   WRAPS(REPAYJUMP_APP_LAUNCH_JSON,
                                         REPAYJUMP_APP_PATH),
                                   TEXT(LAUNCH_SUFFIX)},
};

/* The longest output, with slack, fits REPAYJUMP_OUTPUT_MAX: every pair at
 * its longest lead-in and value (only sign exceeds REPAYJUMP_FIELD_MAX). */
#define BODY_MAX                                                               \
  ((RJ_KEYS_MAX - 1) * (RJ_PIECE_MAX + REPAYJUMP_FIELD_MAX) + RJ_PIECE_MAX +   \
   REPAYJUMP_SIGN_LEN)
_Static_assert(sizeof NAVIGATE_PREFIX + sizeof NAVIGATE_SUFFIX +
                       sizeof LAUNCH_PREFIX + sizeof LAUNCH_SUFFIX +
                       sizeof PATH_PREFIX + 3 + BODY_MAX + RJ_SLACK <
                   REPAYJUMP_OUTPUT_MAX,
               "REPAYJUMP_OUTPUT_MAX holds every output");

static char *put_text(char *at, const text *t) {
  size_t i;
  for (i = 0; i < t->n; i += 16)
    memcpy(at + i, t->s + i, 16);
  return at + t->n;
}

/* Exactly n (1 to 64) bytes of the caller's value, in two overlapping moves
 * of the largest size that fits. Every emitted value is in that range: a
 * field's (rules.c gives each at most REPAYJUMP_FIELD_MAX bytes, and an
 * absent one is not emitted), sign_type's and sign's. */
#define PUT_VALUE_MAX 64
_Static_assert(REPAYJUMP_FIELD_MAX >= 1 &&
                   REPAYJUMP_FIELD_MAX <= PUT_VALUE_MAX &&
                   REPAYJUMP_SIGN_LEN <= PUT_VALUE_MAX &&
                   sizeof "HMAC-SHA256" - 1 <= PUT_VALUE_MAX,
               "put_value writes every emitted value");
static char *put_value(char *at, const rj_str *v) {
  const char *s = v->s;
  size_t n = v->n;
  if (n >= 16) {
    if (n > 32) {
      memcpy(at, s, 16);
      memcpy(at + 16, s + 16, 16);
    }
    memcpy(at + (n > 32 ? n - 32 : 0), s + (n > 32 ? n - 32 : 0), 16);
    memcpy(at + n - 16, s + n - 16, 16);
  } else if (n >= 8) {
    memcpy(at, s, 8);
    memcpy(at + n - 8, s + n - 8, 8);
  } else if (n >= 4) {
    memcpy(at, s, 4);
    memcpy(at + n - 4, s + n - 4, 4);
  } else {
    at[0] = s[0];
    at[n / 2] = s[n / 2];
    at[n - 1] = s[n - 1];
  }
  return at + n;
}

static char *put_pairs(char *at, const rj_pairs *pairs, int body) {
  size_t i, skip = body == BODY_JSON ? 2 : 1;
  for (i = 0; i < pairs->count; i++) {
    const rj_piece *lead =
        body == BODY_JSON ? &pairs->spec[i]->json : &pairs->spec[i]->query;
    memcpy(at, lead->text + skip, RJ_PIECE_MAX);
    at = put_value(at + lead->n - skip, &pairs->kv[i].val);
    skip = 0;
  }
  return at;
}

size_t rj_render_write(const rj_pairs *pairs, int format, char *out,
                       const rj_str written[REPAYJUMP_FORMAT_COUNT]) {
  const out_format *chain[REPAYJUMP_FORMAT_COUNT];
  size_t depth = 0;
  char *at = out;
  /* Prefixes from the outside in, down to the pairs or to an output
   * already written; then the suffixes, from the inside out. */
  for (;;) {
    const out_format *f = &formats[format];
    chain[depth++] = f;
    at = put_text(at, &f->prefix);
    if (f->inner < 0) {
      at = put_pairs(at, pairs, f->inner);
      break;
    }
    if (written) {
      memcpy(at, written[f->inner].s, written[f->inner].n);
      at += written[f->inner].n;
      break;
    }
    format = f->inner;
  }
  while (depth)
    at = put_text(at, &chain[--depth]->suffix);
  *at = '\0';
  return (size_t)(at - out);
}

int repayjump_render(const repayjump_params *p, int format, char *out,
                     size_t cap, size_t *len, repayjump_error *err) {
  rj_fields fields;
  rj_pairs pairs;
  int rc;

  if (len)
    *len = 0;
  if (!out && cap)
    return rj_fail(err, REPAYJUMP_E_ARG, 0, 0, "out: NULL with cap %zu", cap);
  if (format < 0 || format >= REPAYJUMP_FORMAT_COUNT)
    rc = rj_fail(err, REPAYJUMP_E_ARG, 0, 0,
                 "format: %d is not a format (0 to %d)", format,
                 REPAYJUMP_FORMAT_COUNT - 1);
  else
    rc = rj_validate(p, RJ_NEED_NONCE, &fields, err);
  if (rc == REPAYJUMP_OK) {
    /* Written with slack here, so that the caller's bytes past the NUL
     * stay untouched; its length is what the caller's buffer needs. */
    char buf[REPAYJUMP_OUTPUT_MAX];
    size_t need;
    rj_pairs_collect(p->variant, &fields, &pairs);
    need = rj_render_write(&pairs, format, buf, NULL);
    if (len)
      *len = need;
    if (!out)
      return REPAYJUMP_OK; /* size query */
    if (cap <= need)
      rc = rj_fail(err, REPAYJUMP_E_BUFFER, 0, 0,
                   "out: the output needs %zu bytes and a NUL; cap is %zu",
                   need, cap);
    else
      memcpy(out, buf, need + 1);
  }
  if (rc && out && cap)
    out[0] = '\0'; /* what every failure leaves */
  return rc;
}
