/* The four outputs of repayjump_compose, as rows of one table that drives
   --format, --format all and the demo. */
#include <stddef.h>
#include <string.h>

#include "cli.h"

#define CLI_AT(member) offsetof(repayjump_result, member)

/* Indexed by repayjump_format; the --format names are the library's
   (repayjump_format_name). */
const cli_output cli_outputs[REPAYJUMP_FORMAT_COUNT] = {
    {"extra_data",
     "extraData (<navigator extra-data>, wx.navigateToMiniProgram extraData)",
     1, CLI_AT(extra_data_json)},
    {"navigate", "wx.navigateToMiniProgram argument", 1, CLI_AT(navigate_json)},
    {"app_path", "App path (WXLaunchMiniProgramReq.path)", 0, CLI_AT(app_path)},
    {"app_launch", "App launch request (userName, path, miniProgramType)", 1,
     CLI_AT(app_launch_json)},
};

const cli_output *cli_output_find(const char *name) {
  size_t i;
  for (i = 0; i < REPAYJUMP_FORMAT_COUNT; i++)
    if (strcmp(repayjump_format_name((int)i), name) == 0)
      return &cli_outputs[i];
  return NULL;
}

const char *cli_output_text(const cli_output *o, const repayjump_result *r) {
  return (const char *)r + o->offset;
}
