#include <repayjump.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  /* The iOS sample of WeChat's document, verbatim. */
  const char *path =
      "pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486"
      "&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid="
      "oUpF8uMEb4qRXf22hE3X68TekukE=weixin";
  repayjump_finding f[16];
  repayjump_check_result r;
  size_t i;

  /* NULL options: infer the variant, strict rules, no APIv2 key. */
  if (repayjump_check_text(NULL, path, strlen(path), f, 16, &r) != REPAYJUMP_OK)
    return 2;
  for (i = 0; i < r.count && i < 16; i++)
    printf("byte %zu: %s[%s]: %s\n  fix: %s\n", f[i].offset,
           repayjump_severity_name(f[i].severity),
           repayjump_check_code_name(f[i].code), f[i].message, f[i].fix);
  printf("%zu errors, %zu warnings, %zu notes (%s)\n", r.errors, r.warnings,
         r.notes, repayjump_variant_name(r.variant));
  return r.errors ? 1 : 0;
}
