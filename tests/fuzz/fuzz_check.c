/* The checker: it never reads outside its input (each input is an exact
 * heap block, so ASan sees a byte too far), every finding lies inside the
 * input, in input order, with the severity of the code table and one line
 * of text that never holds the api_key; the same input gives the same
 * findings, and fewer slots hold the first of them; and anything compose
 * writes checks clean. Pairs that make a navigate argument or a launch
 * request (the corpus's navigate_* and launch_*) reach their rules.
 *
 * Input: byte 0 chooses
 *   bits 0-2  the variant: 0-3 that variant, 4-7 REPAYJUMP_VARIANT_AUTO
 *   bit 3     REPAYJUMP_RELAXED; bit 4 REPAYJUMP_ALLOW_NO_OPENID
 *   bit 5     with an api_key
 *   bits 6-7  mode: 0 the rest is a text for check_text; 1 the rest is
 *             pairs for check_pairs: key, value, key, value..., split at
 *             0x00, the types from byte 1, offsets from bit 7 of byte 1;
 *             2-3 the rest is fuzz.h's params input, composed, and every
 *             output checked. */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz.h"

#define SLOTS 64
#define MAX_PAIRS 64
#define NO REPAYJUMP_NO_OFFSET
#define API_KEY "fuzzKeyfuzzKeyfuzzKeyfuzzKey0123"

static void *exact_copy(const void *s, size_t n) {
  void *c = malloc(n ? n : 1);
  if (!c)
    fz_fail("out of memory");
  if (n)
    memcpy(c, s, n);
  return c;
}

/* One line of printable ASCII, not empty, NUL-terminated in its array,
 * zero after the NUL (the same input gives the same bytes). */
static void check_line(const char *what, const char *s, int code) {
  const char *nul = memchr(s, '\0', REPAYJUMP_MESSAGE_MAX);
  size_t i, n;
  FZ_CHECK(nul, "%s of %s: not NUL-terminated", what,
           repayjump_check_code_name(code));
  n = (size_t)(nul - s);
  FZ_CHECK(n > 0, "%s of %s: empty", what, repayjump_check_code_name(code));
  for (i = 0; i < n; i++)
    FZ_CHECK(s[i] >= 0x20 && s[i] < 0x7f, "%s of %s: byte %zu is 0x%02X: %s",
             what, repayjump_check_code_name(code), i, (unsigned char)s[i], s);
}

/* Where findings may point: the text, or the pairs. */
typedef struct place {
  const char *text; /* check_text */
  size_t len;
  const repayjump_pair *pairs; /* check_pairs */
  size_t count;
  size_t input_len; /* the input the pairs' offsets are into */
} place;

/* A finding of check_text lies in the text. */
static void check_text_place(const repayjump_finding *f, const place *in,
                             const char *name) {
  FZ_CHECK(!f->in_value && f->pair == NO, "%s: in_value or a pair", name);
  FZ_CHECK(f->offset <= in->len && f->length <= in->len - f->offset,
           "%s: %zu+%zu outside a text of %zu", name, f->offset, f->length,
           in->len);
  FZ_CHECK(!f->key || (f->key >= in->text && f->key_len <= in->len &&
                       (size_t)(f->key - in->text) <= in->len - f->key_len),
           "%s: key outside the text", name);
}

/* A finding of check_pairs names its pair, and lies in its value or in
 * the input the pairs' offsets are into; or, about something absent, in
 * no pair. */
static void check_pair_place(const repayjump_finding *f, const place *in,
                             const char *name) {
  const repayjump_pair *p;
  if (f->pair == NO) {
    FZ_CHECK(!f->key && f->offset == NO && f->length == 0 && !f->in_value,
             "%s: no pair, yet a key or a place", name);
    return;
  }
  FZ_CHECK(f->pair < in->count, "%s: pair %zu of %zu", name, f->pair,
           in->count);
  p = &in->pairs[f->pair];
  /* the pair's key, a key of the App path a launch request's path holds,
     or none (about the path's page, or something absent from it) */
  FZ_CHECK(!f->key || (f->key == p->key && f->key_len == p->key_len) ||
               (f->key >= p->value && f->key_len <= p->value_len &&
                (size_t)(f->key - p->value) <= p->value_len - f->key_len),
           "%s: key neither the pair's nor in its value", name);
  if (f->in_value)
    FZ_CHECK(f->offset <= p->value_len && f->length <= p->value_len - f->offset,
             "%s: %zu+%zu outside a value of %zu", name, f->offset, f->length,
             p->value_len);
  else if (f->offset != NO)
    FZ_CHECK(f->offset <= in->input_len &&
                 f->length <= in->input_len - f->offset,
             "%s: %zu+%zu outside an input of %zu", name, f->offset, f->length,
             in->input_len);
}

static void check_finding(const repayjump_finding *f, const place *in,
                          const char *api_key, int key_in_input) {
  const char *name = repayjump_check_code_name(f->code);
  FZ_CHECK(f->code > 0 && f->code < REPAYJUMP_CHECK_CODE_COUNT,
           "code %d out of range", f->code);
  FZ_CHECK(f->severity == repayjump_check_code_severity(f->code),
           "%s: severity %d, the table says %d", name, f->severity,
           repayjump_check_code_severity(f->code));
  check_line("message", f->message, f->code);
  check_line("fix", f->fix, f->code);
  FZ_CHECK(!api_key || key_in_input ||
               (!strstr(f->message, api_key) && !strstr(f->fix, api_key)),
           "%s: the api_key in the message or fix", name);
  FZ_CHECK((f->field >= 0 && f->field < REPAYJUMP_FIELD_COUNT) ||
               f->field == REPAYJUMP_CHECK_FIELD_SIGN_TYPE ||
               f->field == REPAYJUMP_CHECK_FIELD_SIGN,
           "%s: field %d", name, f->field);
  if (in->text)
    check_text_place(f, in, name);
  else
    check_pair_place(f, in, name);
}

typedef int (*check_fn)(const repayjump_check_options *, const place *,
                        repayjump_finding *, size_t, repayjump_check_result *);

static int run_text(const repayjump_check_options *o, const place *in,
                    repayjump_finding *f, size_t cap,
                    repayjump_check_result *r) {
  return repayjump_check_text(o, in->text, in->len, f, cap, r);
}

static int run_pairs(const repayjump_check_options *o, const place *in,
                     repayjump_finding *f, size_t cap,
                     repayjump_check_result *r) {
  return repayjump_check_pairs(o, in->pairs, in->count, f, cap, r);
}

/* The n findings stored of result r: each one's properties, input order,
 * and the severities counted. */
static void check_stored(const repayjump_finding *a, size_t n,
                         const repayjump_check_result *r, const place *in,
                         const repayjump_check_options *o, int key_in_input) {
  size_t i, counts[REPAYJUMP_SEVERITY_COUNT] = {0}, last = 0;
  for (i = 0; i < n; i++) {
    /* Input order: by offset in a text, by pair among pairs. */
    size_t at = in->text ? a[i].offset : a[i].pair;
    check_finding(&a[i], in, o->api_key, key_in_input);
    counts[a[i].severity]++;
    FZ_CHECK(at >= last, "finding %zu (%s) before the one ahead of it", i,
             repayjump_check_code_name(a[i].code));
    last = at;
  }
  FZ_CHECK(r->count > n || (counts[0] == r->errors &&
                            counts[1] == r->warnings && counts[2] == r->notes),
           "the counts of each severity disagree with the findings");
}

/* Every property of one input; returns the result. */
static repayjump_check_result check_all(check_fn run,
                                        const repayjump_check_options *o,
                                        const place *in, int key_in_input) {
  static repayjump_finding a[SLOTS], b[SLOTS];
  repayjump_check_result ra, rb;
  size_t n, cap;
  FZ_CHECK(run(o, in, a, SLOTS, &ra) == REPAYJUMP_OK, "status not OK");
  FZ_CHECK(ra.errors + ra.warnings + ra.notes == ra.count,
           "severities do not add up to the count");
  FZ_CHECK(ra.variant >= -1 && ra.variant < REPAYJUMP_VARIANT_COUNT,
           "variant %d", ra.variant);
  n = ra.count < SLOTS ? ra.count : SLOTS;
  check_stored(a, n, &ra, in, o, key_in_input);
  /* The same input, the same findings; fewer slots, the first of them. */
  FZ_CHECK(run(o, in, b, SLOTS, &rb) == REPAYJUMP_OK &&
               memcmp(&ra, &rb, sizeof ra) == 0 &&
               memcmp(a, b, n * sizeof *a) == 0,
           "another result for the same input");
  cap = n / 2;
  memset(b, 0x5a, sizeof b);
  FZ_CHECK(run(o, in, b, cap, &rb) == REPAYJUMP_OK &&
               memcmp(&ra, &rb, sizeof ra) == 0 &&
               memcmp(a, b, cap * sizeof *a) == 0,
           "with %zu slots, not the first %zu findings", cap, cap);
  FZ_CHECK(((unsigned char *)&b[cap])[0] == 0x5a, "a slot past cap written");
  return ra;
}

static int contains(const uint8_t *data, size_t size, const char *s) {
  size_t n = strlen(s), i;
  for (i = 0; i + n <= size; i++)
    if (memcmp(data + i, s, n) == 0)
      return 1;
  return 0;
}

static void fuzz_text(const repayjump_check_options *o, const uint8_t *data,
                      size_t size, int key_in_input) {
  place in = {0};
  char *text = exact_copy(data, size);
  in.text = text;
  in.len = size;
  check_all(run_text, o, &in, key_in_input);
  free(text);
}

static void fuzz_pairs(const repayjump_check_options *o, const uint8_t *data,
                       size_t size, int key_in_input) {
  repayjump_pair pairs[MAX_PAIRS];
  place in = {0};
  size_t count = 0, at = 1, i;
  uint8_t types = size ? data[0] : 0;
  while (at < size && count < MAX_PAIRS) {
    const uint8_t *key = data + at, *sep, *val, *end;
    repayjump_pair *p = &pairs[count];
    sep = memchr(key, 0, size - at);
    if (!sep)
      break;
    val = sep + 1;
    end = memchr(val, 0, size - (size_t)(val - data));
    if (!end)
      end = data + size;
    p->key_len = (size_t)(sep - key);
    p->value_len = (size_t)(end - val);
    p->key = exact_copy(key, p->key_len);
    p->value = exact_copy(val, p->value_len);
    p->type = (types >> (2 * (count % 3))) & 3;
    p->key_offset = types & 0x80 ? (size_t)(key - data) : NO;
    p->value_offset = types & 0x80 ? (size_t)(val - data) : NO;
    count++;
    at = (size_t)(end - data) + 1;
  }
  in.pairs = pairs;
  in.count = count;
  in.input_len = size;
  check_all(run_pairs, o, &in, key_in_input);
  for (i = 0; i < count; i++) {
    free((void *)pairs[i].key);
    free((void *)pairs[i].value);
  }
}

/* ---- compose, then check what it wrote ---- */

/* Clean: no finding but, for APIv2 checked without its key, one note that
 * the signature is not verified, and with the target's own AppID as
 * appid, the warning that compose's own caller also gets. */
static void expect_clean(const repayjump_check_result *r,
                         const repayjump_finding *f, int variant,
                         const repayjump_check_options *o, int target,
                         const char *what) {
  size_t want = (size_t)target, i;
  if (variant >= REPAYJUMP_V2_MERCHANT && !o->api_key)
    want++;
  FZ_CHECK(r->variant == variant, "%s: checked as %s, composed as %s", what,
           repayjump_variant_name(r->variant), repayjump_variant_name(variant));
  FZ_CHECK(r->count == want && r->errors == 0,
           "%s: %zu findings of compose's output, expected %zu; the first "
           "%s: %s",
           what, r->count, want,
           r->count ? repayjump_check_code_name(f->code) : "",
           r->count ? f->message : "");
  for (i = 0; i < r->count; i++)
    FZ_CHECK(f[i].code == (i < (size_t)target
                               ? REPAYJUMP_CHECK_APPID_TARGET
                               : REPAYJUMP_CHECK_SIGN_UNVERIFIED),
             "%s: %s", what, f[i].message);
}

static void check_composed_text(const repayjump_check_options *o, const char *s,
                                int variant, int target, const char *what) {
  place in = {0};
  repayjump_check_result r;
  size_t n = strlen(s);
  char *text = exact_copy(s, n);
  static repayjump_finding f[SLOTS];
  in.text = text;
  in.len = n;
  r = check_all(run_text, o, &in, 0);
  FZ_CHECK(run_text(o, &in, f, SLOTS, &r) == REPAYJUMP_OK, "status");
  expect_clean(&r, f, variant, o, target, what);
  free(text);
}

static void check_composed_object(const repayjump_check_options *o, json_t *obj,
                                  int variant, int target, const char *what) {
  repayjump_pair pairs[MAX_PAIRS];
  static repayjump_finding f[SLOTS];
  repayjump_check_result r;
  place in = {0};
  const char *key;
  json_t *value;
  size_t n = 0;
  FZ_CHECK(json_is_object(obj), "%s: not an object", what);
  json_object_foreach(obj, key, value) {
    FZ_CHECK(json_is_string(value) && n < MAX_PAIRS, "%s: %s", what, key);
    pairs[n].key = key;
    pairs[n].key_len = strlen(key);
    pairs[n].value = json_string_value(value);
    pairs[n].value_len = json_string_length(value);
    pairs[n].type = REPAYJUMP_VALUE_STRING;
    pairs[n].key_offset = pairs[n].value_offset = NO;
    n++;
  }
  in.pairs = pairs;
  in.count = n;
  check_all(run_pairs, o, &in, 0);
  FZ_CHECK(run_pairs(o, &in, f, SLOTS, &r) == REPAYJUMP_OK, "status");
  expect_clean(&r, f, variant, o, target, what);
}

static void fuzz_compose(repayjump_check_options o, const uint8_t *data,
                         size_t size) {
  static repayjump_result out;
  fz_input in;
  json_t *extra, *navigate, *launch;
  int target;
  fz_input_decode(data, size, &in);
  if (repayjump_compose(&in.p, &out, NULL) != REPAYJUMP_OK) {
    fz_input_free(&in);
    return;
  }
  /* The same flags; auto or the variant composed; the key composed with,
   * or none. */
  o.flags = in.p.flags;
  if (o.variant != REPAYJUMP_VARIANT_AUTO)
    o.variant = in.p.variant;
  o.api_key = o.api_key ? in.p.api_key : NULL;
  if (o.api_key && !*o.api_key)
    o.api_key = NULL;
  target = strcmp(in.p.appid, REPAYJUMP_TARGET_APPID) == 0;
  check_composed_text(&o, out.app_path, in.p.variant, target, "app path");
  extra = json_loads(out.extra_data_json, 0, NULL);
  navigate = json_loads(out.navigate_json, 0, NULL);
  launch = json_loads(out.app_launch_json, 0, NULL);
  FZ_CHECK(extra && navigate && launch, "compose wrote JSON that jansson "
                                        "does not read");
  check_composed_object(&o, extra, in.p.variant, target, "extraData");
  check_composed_object(&o, json_object_get(navigate, "extraData"),
                        in.p.variant, target, "navigate's extraData");
  check_composed_text(&o, json_string_value(json_object_get(launch, "path")),
                      in.p.variant, target, "App launch path");
  json_decref(extra);
  json_decref(navigate);
  json_decref(launch);
  fz_input_free(&in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  repayjump_check_options o = {REPAYJUMP_VARIANT_AUTO, 0, NULL};
  uint8_t head = size ? data[0] : 0;
  int key_in_input;
  fz_init();
  if ((head & 7) < REPAYJUMP_VARIANT_COUNT)
    o.variant = head & 7;
  o.flags = (head & 8 ? REPAYJUMP_RELAXED : 0) |
            (head & 16 ? REPAYJUMP_ALLOW_NO_OPENID : 0);
  o.api_key = head & 32 ? API_KEY : NULL;
  data += size ? 1 : 0;
  size -= size ? 1 : 0;
  key_in_input = contains(data, size, API_KEY);
  switch (head >> 6) {
  case 0:
    fuzz_text(&o, data, size, key_in_input);
    break;
  case 1:
    fuzz_pairs(&o, data, size, key_in_input);
    break;
  default:
    fuzz_compose(o, data, size);
    break;
  }
  return 0;
}
