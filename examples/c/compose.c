#include <repayjump.h>
#include <stdio.h>

int main(void) {
  repayjump_params p = {0}; /* APIv3 merchant, strict rules */
  repayjump_result r;
  repayjump_error err;

  p.appid = "wxcbda96de0b165486";
  p.mchid = "1900009231";
  p.openid = "oUpF8uMEb4qRXf22hE3X68TekukE";
  /* nonce_str left NULL: a fresh one comes from libsodium */

  if (repayjump_compose(&p, &r, &err) != REPAYJUMP_OK) {
    fprintf(stderr, "%s (field %s, byte %zu)\n", err.message,
            repayjump_field_name(err.field), err.offset);
    return 1;
  }
  printf("extraData: %s\n", r.extra_data_json);
  printf("App path:  %s\n", r.app_path);
  return 0;
}
