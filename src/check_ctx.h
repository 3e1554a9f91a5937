/* The checker's own types, shared by its files (check.c: the flow and
 * the sources; check_keys.c: looking keys up; check_found.c: writing
 * findings; check_values.c: one value's findings). Not installed. */
#ifndef REPAYJUMP_CHECK_CTX_H
#define REPAYJUMP_CHECK_CTX_H

#include "check.h"

enum {
  APPID = REPAYJUMP_FIELD_APPID,
  MCHID = REPAYJUMP_FIELD_MCHID,
  SUB_APPID = REPAYJUMP_FIELD_SUB_APPID,
  SUB_MCHID = REPAYJUMP_FIELD_SUB_MCHID,
  SUB_OPENID = REPAYJUMP_FIELD_SUB_OPENID,
  API_KEY = REPAYJUMP_FIELD_API_KEY,
  SIGN_TYPE = RJ_SRC_SIGN_TYPE,
  SIGN = RJ_SRC_SIGN,
  SRC_COUNT
};
#define BIT(s) (1u << (s))
#define NONE REPAYJUMP_NO_OFFSET
#define KNOWN_FLAGS                                                            \
  (REPAYJUMP_ALLOW_NO_OPENID | REPAYJUMP_RELAXED |                             \
   REPAYJUMP_CHECK_EXPECTED_SIGN)
/* Decoded bytes kept of a value: every rule's max_len + 1, and a sign. */
#define VALUE_BUF (REPAYJUMP_SIGN_LEN + 1)
_Static_assert(REPAYJUMP_FIELD_MAX < VALUE_BUF, "a field's max + 1 fits");

/* A pair as the checker sees it. */
typedef struct item {
  rj_qpair q;
  int type;          /* a repayjump_value_type */
  size_t pair;       /* its index among the caller's pairs, or NONE */
  size_t key_prefix; /* bytes of the caller's key before q.key: a nested
                        object's name and its dot ("extraData.") */
} item;

struct ctx;

/* Where the pairs come from: a query of the text, or the caller's array. */
typedef struct source {
  const char *text;
  size_t start, end;
  rj_query q;
  const repayjump_pair *pairs;
  size_t count, next;
  const char *prefix; /* NULL: every pair; else only those whose key
                         starts with it, checked by the rest of the key */
  size_t prefix_len;
  /* With a prefix: the other pairs, handed over in the reporting pass so
     that every finding keeps its pair's order. */
  void (*other)(struct ctx *c, size_t pair, void *arg);
  void *other_arg;
  int reporting; /* the second pass */
} source;

/* source_next: a pair the source hands to its other function. */
enum { SRC_OTHER = RJ_QUERY_EMPTY + 1 };

typedef struct ctx {
  repayjump_finding *out;
  size_t cap;
  repayjump_check_result *res;
  const rj_variant *v;
  unsigned flags;
  const char *api_key;
  size_t api_key_len;
  size_t end; /* where something absent is reported: the text's length */
  /* From the first pass. */
  unsigned seen;    /* sources of the keys given */
  unsigned covered; /* fields that have a pair, or a finding of their own */
  size_t first[SRC_COUNT]; /* ordinal of the first pair of each source */
  item first_item[SRC_COUNT];
  int sign_state;          /* SIGN_*: below */
  repayjump_finding spare; /* takes the text of findings past cap */
  char expected[REPAYJUMP_SIGN_LEN + 1];
} ctx;

enum { SIGN_NO_KEY, SIGN_UNSIGNABLE, SIGN_EXPECTED };

/* ---- check.c ---- */

/* Are the options valid (NULL is)? */
int rj_ck_options_ok(const repayjump_check_options *opt);
/* Begin a check: findings into out (cap of them), the outcome into res. */
void rj_ck_start(ctx *c, const repayjump_check_options *opt,
                 repayjump_finding *out, size_t cap,
                 repayjump_check_result *res);
/* Check an App path or a query, offsets into text. */
void rj_ck_text(ctx *c, const repayjump_check_options *opt, const char *text,
                size_t len);
/* Check the jump's fields among pairs: all of them (prefix NULL), or the
 * members of a nested object, whose keys start with prefix ("extraData."),
 * handing each other pair to other (with arg; required with a prefix)
 * where it comes. */
void rj_ck_pairs(ctx *c, const repayjump_check_options *opt,
                 const repayjump_pair *pairs, size_t count, const char *prefix,
                 void (*other)(ctx *c, size_t pair, void *arg), void *arg);

/* ---- check_keys.c ---- */

/* The key named k in v's row, NULL when v has none. */
const rj_key *rj_ck_find_key(const rj_variant *v, const char *k, size_t n);
/* Any key of the jump, in either API version. */
const rj_key *rj_ck_find_any_key(const char *k, size_t n);
/* Does v have a key from src? */
int rj_ck_has_src(const rj_variant *v, unsigned src);
/* The key of v (NULL: of any variant) that k is a near miss of, or NULL. */
const rj_key *rj_ck_nearest(const rj_variant *v, const char *k, size_t n);

/* ---- check_found.c ---- */

/* Up to 40 bytes of s for a message, '?' for unprintable ones. */
const char *rj_ck_show(const char *s, size_t n, char buf[48]);
/* Count a finding and fill it (in c's storage, or a spare). */
repayjump_finding *rj_ck_add(ctx *c, int code, int field, const item *it,
                             size_t offset, size_t length, int in_value);
/* Write a message or a fix. */
void rj_ck_say(char *to, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* A finding at the pair's key, at bytes of its value, at the end. */
repayjump_finding *rj_ck_at_key(ctx *c, int code, int field, const item *it);
repayjump_finding *rj_ck_at_value(ctx *c, int code, int field, const item *it,
                                  size_t at, size_t n);
repayjump_finding *rj_ck_at_end(ctx *c, int code, int field);
/* The finding's field of a key's source. */
int rj_ck_field_of(unsigned src);

/* ---- check_values.c ---- */

/* A pair whose key is the variant's (source src, named name): its value's
 * findings. */
void rj_ck_check_value(ctx *c, const item *it, unsigned src, const char *name);

#endif
