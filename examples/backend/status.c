/* Status names for the error document: a table over repayjump_status, so
   that a client can switch on a stable name rather than an English line. */
#include "httpd.h"

/* Indexed by -status. */
static const char *const names[] = {"REPAYJUMP_OK",
                                    "REPAYJUMP_E_ARG",
                                    "REPAYJUMP_E_BUFFER",
                                    "REPAYJUMP_E_RNG",
                                    "REPAYJUMP_E_MISSING",
                                    "REPAYJUMP_E_TOO_LONG",
                                    "REPAYJUMP_E_CHARSET",
                                    "REPAYJUMP_E_FORMAT",
                                    "REPAYJUMP_E_NOT_ALLOWED",
                                    "REPAYJUMP_E_CONFLICT",
                                    "REPAYJUMP_E_TOO_LARGE",
                                    "REPAYJUMP_E_XML",
                                    "REPAYJUMP_E_DUPLICATE",
                                    "REPAYJUMP_E_RETURN_FAIL",
                                    "REPAYJUMP_E_SIGNATURE",
                                    "REPAYJUMP_E_ECHO",
                                    "REPAYJUMP_E_RESULT_FAIL",
                                    "REPAYJUMP_E_NO_STATE"};

const char *httpd_status_name(int status) {
  if (status <= 0 && -status < (int)(sizeof names / sizeof names[0]))
    return names[-status];
  return "REPAYJUMP_E_UNKNOWN";
}
