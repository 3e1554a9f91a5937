/* The names of variants, formats, check codes, severities and input kinds,
 * and each check code's severity: one table each, so that the CLI and the
 * bindings read them instead of restating them. */
#include "internal.h"

/* Every row of these tables is filled: an index inside one has a name. */
#define NAME_OF(table, i)                                                      \
  ((i) >= 0 && (size_t)(i) < sizeof(table) / sizeof *(table) ? (table)[i]      \
                                                             : "unknown")

static const char *const variant_names[REPAYJUMP_VARIANT_COUNT] = {
    [REPAYJUMP_V3_MERCHANT] = "v3",
    [REPAYJUMP_V3_PARTNER] = "v3-partner",
    [REPAYJUMP_V2_MERCHANT] = "v2",
    [REPAYJUMP_V2_PARTNER] = "v2-partner",
};

static const char *const format_names[REPAYJUMP_FORMAT_COUNT] = {
    [REPAYJUMP_EXTRA_DATA_JSON] = "extra-data",
    [REPAYJUMP_NAVIGATE_JSON] = "navigate",
    [REPAYJUMP_APP_PATH] = "app-path",
    [REPAYJUMP_APP_LAUNCH_JSON] = "app-launch",
};

static const char *const severity_names[REPAYJUMP_SEVERITY_COUNT] = {
    [REPAYJUMP_SEVERITY_ERROR] = "error",
    [REPAYJUMP_SEVERITY_WARNING] = "warning",
    [REPAYJUMP_SEVERITY_NOTE] = "note",
};

static const char *const kind_names[REPAYJUMP_KIND_COUNT] = {
    [REPAYJUMP_KIND_NONE] = "none",
    [REPAYJUMP_KIND_APP_PATH] = "app_path",
    [REPAYJUMP_KIND_QUERY] = "query",
    [REPAYJUMP_KIND_EXTRA_DATA] = "extra_data",
    [REPAYJUMP_KIND_NAVIGATE] = "navigate",
    [REPAYJUMP_KIND_APP_LAUNCH] = "app_launch",
    [REPAYJUMP_KIND_JS_OBJECT] = "js_object",
    [REPAYJUMP_KIND_WXML] = "wxml",
    [REPAYJUMP_KIND_APP_SOURCE] = "app_source",
    [REPAYJUMP_KIND_MANIFEST] = "manifest",
    [REPAYJUMP_KIND_PLIST] = "plist",
};

#define E REPAYJUMP_SEVERITY_ERROR
#define W REPAYJUMP_SEVERITY_WARNING
#define N REPAYJUMP_SEVERITY_NOTE
#define CODE(id, name, severity) [REPAYJUMP_CHECK_##id] = {name, severity}

/* CHECK.md's table. Code 0 (none) has no name and no severity. */
const rj_check_code rj_check_codes[REPAYJUMP_CHECK_CODE_COUNT] = {
    CODE(INPUT_EMPTY, "input.empty", E),
    CODE(INPUT_UNRECOGNIZED, "input.unrecognized", E),
    CODE(PATH_PAGE, "path.page", E),
    CODE(PATH_LEADING_SLASH, "path.leading_slash", W),
    CODE(PATH_NO_QUERY, "path.no_query", E),
    CODE(QUERY_EMPTY_PAIR, "query.empty_pair", W),
    CODE(QUERY_NO_VALUE, "query.no_value", E),
    CODE(QUERY_BAD_ESCAPE, "query.bad_escape", E),
    CODE(QUERY_ENCODED, "query.encoded", W),
    CODE(KEY_UNKNOWN, "key.unknown", E),
    CODE(KEY_VERSION, "key.version", E),
    CODE(KEY_DUPLICATE, "key.duplicate", E),
    CODE(KEY_NOT_ALLOWED, "key.not_allowed", E),
    CODE(FIELD_MISSING, "field.missing", E),
    CODE(FIELD_EMPTY, "field.empty", E),
    CODE(VALUE_SPACE, "value.space", E),
    CODE(VALUE_EQUALS, "value.equals", E),
    CODE(VALUE_RULE, "value.rule", E),
    CODE(APPID_TARGET, "appid.target", W),
    CODE(PARTNER_CONFLICT, "partner.conflict", E),
    CODE(SIGN_MISSING, "sign.missing", E),
    CODE(SIGN_TYPE, "sign.type", E),
    CODE(SIGN_FORMAT, "sign.format", E),
    CODE(SIGN_MISMATCH, "sign.mismatch", E),
    CODE(SIGN_UNVERIFIED, "sign.unverified", N),
    CODE(JSON_SYNTAX, "json.syntax", E),
    CODE(JSON_NOT_OBJECT, "json.not_object", E),
    CODE(JSON_NOT_STRING, "json.not_string", E),
    CODE(JS_UNQUOTED, "js.unquoted", E),
    CODE(JS_EXPRESSION, "js.expression", N),
    CODE(JS_UNCLOSED, "js.unclosed", E),
    CODE(NAVIGATE_APP_ID, "navigate.app_id", E),
    CODE(NAVIGATE_PATH, "navigate.path", E),
    CODE(NAVIGATE_ENV, "navigate.env", W),
    CODE(NAVIGATE_EXTRA_DATA, "navigate.extra_data", E),
    CODE(LAUNCH_USER_NAME, "launch.user_name", E),
    CODE(LAUNCH_TYPE, "launch.type", W),
    CODE(WXML_TARGET, "wxml.target", E),
    CODE(SRC_UNCLOSED, "src.unclosed", E),
    CODE(APP_OWN_APPID, "app.own_appid", E),
    CODE(MANIFEST_ENTRY, "manifest.entry", E),
    CODE(MANIFEST_EXPORTED, "manifest.exported", E),
    CODE(MANIFEST_LAUNCH_MODE, "manifest.launch_mode", W),
    CODE(MANIFEST_TASK_AFFINITY, "manifest.task_affinity", W),
    CODE(PLIST_URL_SCHEME, "plist.url_scheme", E),
};

const char *repayjump_variant_name(int variant) {
  return NAME_OF(variant_names, variant);
}

const char *repayjump_format_name(int format) {
  return NAME_OF(format_names, format);
}

const char *repayjump_severity_name(int severity) {
  return NAME_OF(severity_names, severity);
}

const char *repayjump_input_kind_name(int kind) {
  return NAME_OF(kind_names, kind);
}

const char *repayjump_check_code_name(int code) {
  return code > 0 && code < REPAYJUMP_CHECK_CODE_COUNT
             ? rj_check_codes[code].name
             : "unknown";
}

int repayjump_check_code_severity(int code) {
  return code > 0 && code < REPAYJUMP_CHECK_CODE_COUNT
             ? rj_check_codes[code].severity
             : REPAYJUMP_E_ARG;
}

int repayjump_check_code_count(void) { return REPAYJUMP_CHECK_CODE_COUNT; }

const char *repayjump_check_field_name(int field) {
  if (field == REPAYJUMP_CHECK_FIELD_SIGN_TYPE)
    return "sign_type";
  if (field == REPAYJUMP_CHECK_FIELD_SIGN)
    return "sign";
  /* the fields a finding can concern: those the jump sends */
  return field > 0 && field < REPAYJUMP_FIELD_API_KEY
             ? repayjump_field_name(field)
             : NULL;
}
