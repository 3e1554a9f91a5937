// repayjump.h compiles as C++ under -pedantic -Werror and links from C++.
#include <repayjump.h>

#include <cstdio>
#include <cstring>

int main() {
  repayjump_params p = repayjump_params();
  repayjump_result r;
  repayjump_error err;
  int failures = 0;
  p.variant = REPAYJUMP_V3_MERCHANT;
  p.appid = "wxcbda96de0b165486";
  p.mchid = "1900009231";
  p.openid = "oUpF8uMEb4qRXf22hE3X68TekukE";
  failures += repayjump_compose(&p, &r, &err) != REPAYJUMP_OK;
  failures += std::strlen(r.nonce_str) != REPAYJUMP_FIELD_MAX;
  p.mchid = "1900x";
  failures += repayjump_validate(&p, &err) != REPAYJUMP_E_CHARSET;
  failures += err.field != REPAYJUMP_FIELD_MCHID || err.offset != 4;
  failures += std::strcmp(repayjump_version(), REPAYJUMP_VERSION_STRING) != 0;
  std::printf("%d passed, %d failed\n", 5 - failures, failures);
  return failures != 0;
}
