/* repayjump.h compiles alone under -std=c11 -pedantic -Werror, and its
 * macros agree with the library. */
#include <repayjump.h>

#include <stdio.h>
#include <string.h>

int main(void) {
  repayjump_params p = {0};
  repayjump_result r;
  int failures = 0;
  p.appid = "wxcbda96de0b165486";
  p.mchid = "1900009231";
  p.openid = "oUpF8uMEb4qRXf22hE3X68TekukE";
  p.nonce_str = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
  failures += strcmp(repayjump_version(), REPAYJUMP_VERSION_STRING) != 0;
  failures += repayjump_version_number() != REPAYJUMP_VERSION_NUMBER;
  failures += repayjump_compose(&p, &r, NULL) != REPAYJUMP_OK;
  failures += strcmp(r.app_path, REPAYJUMP_TARGET_PATH
                     "?appid=wxcbda96de0b165486"
                     "&mchid=1900009231"
                     "&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
                     "&openid=oUpF8uMEb4qRXf22hE3X68TekukE") != 0;
  printf("%d passed, %d failed\n", 4 - failures, failures);
  return failures != 0;
}
