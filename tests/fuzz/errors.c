/* The properties of a failure: the expected status, field and offset, and
 * a message that is one line naming the field. */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"

/* What a message with no field (REPAYJUMP_FIELD_NONE) starts with: the
 * argument at fault. */
static const char *const arguments[] = {"params", "result", "variant",
                                        "flags",  "format", "out"};

static int starts_with_name(const char *message, const char *name) {
  size_t n = strlen(name);
  return strncmp(message, name, n) == 0 && message[n] == ':' &&
         message[n + 1] == ' ';
}

static void check_printable(const char *what, const repayjump_error *err) {
  const char *m = err->message;
  const char *nul = memchr(m, '\0', sizeof err->message);
  size_t i, len;
  FZ_CHECK(nul, "%s: message not NUL-terminated", what);
  len = (size_t)(nul - m);
  FZ_CHECK(len > 0, "%s: empty message", what);
  for (i = 0; i < len; i++)
    FZ_CHECK(m[i] >= 0x20 && m[i] < 0x7f,
             "%s: message byte %zu is 0x%02X, not printable ASCII: %s", what, i,
             (unsigned char)m[i], m);
}

/* The field at fault, or with no field the argument at fault. */
static void check_names_culprit(const char *what, const repayjump_error *err) {
  const char *m = err->message;
  size_t i;
  if (err->field != REPAYJUMP_FIELD_NONE) {
    FZ_CHECK(starts_with_name(m, repayjump_field_name(err->field)),
             "%s: message does not start with \"%s: \": %s", what,
             repayjump_field_name(err->field), m);
    return;
  }
  for (i = 0; i < sizeof arguments / sizeof *arguments; i++)
    if (starts_with_name(m, arguments[i]))
      return;
  fz_fail("%s: message names no argument: %s", what, m);
}

/* The errors about a byte of a value give its offset. */
static void check_gives_offset(const char *what, const repayjump_error *err) {
  char offset[32];
  if (err->status != REPAYJUMP_E_TOO_LONG &&
      err->status != REPAYJUMP_E_CHARSET && err->status != REPAYJUMP_E_FORMAT)
    return;
  snprintf(offset, sizeof offset, " %zu", err->offset);
  FZ_CHECK(strstr(err->message, offset),
           "%s: message does not give offset %zu: %s", what, err->offset,
           err->message);
}

static void check_message(const char *what, const repayjump_error *err) {
  check_printable(what, err);
  check_names_culprit(what, err);
  check_gives_offset(what, err);
}

void fz_check_error(const char *what, int rc, const repayjump_error *err,
                    const fz_expect *want) {
  FZ_CHECK(rc == want->status, "%s: status %d (%s), expected %d (%s)", what, rc,
           repayjump_strerror(rc), want->status,
           repayjump_strerror(want->status));
  if (rc == REPAYJUMP_OK || !err)
    return;
  FZ_CHECK(err->status == rc, "%s: err.status %d, returned %d", what,
           err->status, rc);
  FZ_CHECK(err->field == want->field && err->offset == want->offset,
           "%s: error at %s byte %zu, expected %s byte %zu (%s)", what,
           repayjump_field_name(err->field), err->offset,
           repayjump_field_name(want->field), want->offset, err->message);
  check_message(what, err);
}
