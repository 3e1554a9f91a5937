/* A merchant's program, built against an installed repayjump: composes the
 * reference case and checks the App path and the library's version. Exits 0
 * when both are right. */
#include <stdio.h>
#include <string.h>

#include <repayjump.h>

static const char expected_path[] =
    "pages/invest_list/invest_list?appid=wxcbda96de0b165486"
    "&mchid=1900009231&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
    "&openid=oUpF8uMEb4qRXf22hE3X68TekukE";

int main(void) {
  const repayjump_params p = {.variant = REPAYJUMP_V3_MERCHANT,
                              .appid = "wxcbda96de0b165486",
                              .mchid = "1900009231",
                              .nonce_str = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
                              .openid = "oUpF8uMEb4qRXf22hE3X68TekukE"};
  static repayjump_result result;
  repayjump_error err;
  int failed = 0;
  int status = repayjump_compose(&p, &result, &err);

  if (status != REPAYJUMP_OK) {
    fprintf(stderr, "repayjump_compose: %d (%s): %s\n", status,
            repayjump_strerror(status), err.message);
    return 1;
  }
  if (strcmp(result.app_path, expected_path) != 0) {
    fprintf(stderr, "app_path: got      %s\n          expected %s\n",
            result.app_path, expected_path);
    failed = 1;
  }
  if (strcmp(repayjump_version(), REPAYJUMP_VERSION_STRING) != 0) {
    fprintf(stderr, "repayjump_version(): %s, header: %s\n",
            repayjump_version(), REPAYJUMP_VERSION_STRING);
    failed = 1;
  }
  if (repayjump_version_number() != REPAYJUMP_VERSION_NUMBER) {
    fprintf(stderr, "repayjump_version_number(): %d, header: %d\n",
            repayjump_version_number(), REPAYJUMP_VERSION_NUMBER);
    failed = 1;
  }
  if (!failed)
    printf("%s\n", result.app_path);
  return failed;
}
