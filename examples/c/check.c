#include <repayjump.h>
#include <stdio.h>
#include <string.h>

/* The App path of WeChat's iOS sample, verbatim. */
static const char path[] =
    "pages/invest_list/invest_list?mch_id=1900009231"
    "&appid=wxcbda96de0b165486"
    "&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid="
    "oUpF8uMEb4qRXf22hE3X68TekukE=weixin";

int main(void) {
  repayjump_finding f[16];
  repayjump_check_result r;
  size_t i, n = strlen(path);

  /* NULL options: infer the variant, strict rules, no APIv2 key. */
  if (repayjump_check_text(NULL, path, n, f, 16, &r) != REPAYJUMP_OK)
    return 2;
  for (i = 0; i < r.count && i < 16; i++) { /* r.count may exceed 16 */
    const repayjump_finding *x = &f[i];
    printf("byte %zu: %s[%s]: %s\n", x->offset,
           repayjump_severity_name(x->severity),
           repayjump_check_code_name(x->code), x->message);
    printf("  fix: %s\n", x->fix);
  }
  printf("%zu errors, %zu warnings, ", r.errors, r.warnings);
  printf("%zu notes (%s)\n", r.notes, repayjump_variant_name(r.variant));
  return r.errors ? 1 : 0;
}
