/* repayjump check and scan: the rules of the App's configuration, over
   what chk_xml.c read: the WXEntryActivity of an AndroidManifest.xml
   (exported, singleTask, the package's task affinity), and an AppID of the
   App's own among an iOS Info.plist's URL schemes. */
#include <string.h>

#include "chk.h"

/* The first pair named key from index from, or NULL. */
static const repayjump_pair *find(const chk_object *obj, size_t from,
                                  const char *key) {
  for (; from < obj->count; from++)
    if (chk_key_is(&obj->pairs[from], key))
      return &obj->pairs[from];
  return NULL;
}

static int value_is(const repayjump_pair *p, const char *want) {
  return p != NULL && p->value_len == strlen(want) &&
         memcmp(p->value, want, p->value_len) == 0;
}

/* An attribute of the activity whose pairs start at from (up to the
   next activity), or NULL. */
static const repayjump_pair *attribute(const chk_object *obj, size_t from,
                                       const char *name) {
  size_t i;
  for (i = from + 1; i < obj->count && !chk_key_is(&obj->pairs[i], "activity");
       i++)
    if (chk_key_is(&obj->pairs[i], name))
      return &obj->pairs[i];
  return NULL;
}

/* Where a finding about an attribute goes: its value, or the tag. */
static size_t at(const repayjump_pair *attr, const repayjump_pair *activity) {
  return attr != NULL ? attr->value_offset : activity->key_offset;
}

static void entry_activity(const chk_object *obj, size_t i, chk_result *r) {
  const repayjump_pair *activity = &obj->pairs[i];
  const repayjump_pair *exported = attribute(obj, i, "android:exported");
  const repayjump_pair *mode = attribute(obj, i, "android:launchMode");
  const repayjump_pair *affinity = attribute(obj, i, "android:taskAffinity");
  const repayjump_pair *package = find(obj, 0, "package");
  if (!value_is(exported, "true"))
    chk_add(r, REPAYJUMP_CHECK_MANIFEST_EXPORTED, at(exported, activity),
            exported ? exported->value_len : 0, "android:exported", 16,
            "set android:exported=\"true\"",
            "WXEntryActivity: not exported; WeChat cannot call it back");
  if (!value_is(mode, "singleTask"))
    chk_add(r, REPAYJUMP_CHECK_MANIFEST_LAUNCH_MODE, at(mode, activity),
            mode ? mode->value_len : 0, "android:launchMode", 18,
            "set android:launchMode=\"singleTask\"",
            "WXEntryActivity: launchMode is not singleTask; the return from "
            "the repayment program behaves badly (the document's note)");
  if (affinity == NULL ||
      (package != NULL && !value_is(affinity, package->value)))
    chk_add(r, REPAYJUMP_CHECK_MANIFEST_TASK_AFFINITY, at(affinity, activity),
            affinity ? affinity->value_len : 0, "android:taskAffinity", 20,
            "set android:taskAffinity to the App's package",
            "WXEntryActivity: taskAffinity is not the App's package%s%.*s",
            package ? " " : "",
            (int)(package && package->value_len < 60 ? package->value_len : 60),
            package ? package->value : "");
}

/* The object the reader made of text, kept by r, or NULL when there is
   nothing to check (not read, no expat, out of memory). */
static const chk_object *read_xml(const char *text, size_t len, int kind,
                                  chk_result *r) {
  chk_object obj;
  const chk_object *kept;
  r->kind = kind;
  chk_object_init(&obj);
  if (chk_xml_read(text, len, &obj) == CHK_READ_UNSUPPORTED) {
    r->unsupported = 1;
    chk_object_free(&obj);
    return NULL;
  }
  kept = chk_take_object(&obj, r);
  return kept != NULL && kept->is_object ? kept : NULL;
}

void chk_manifest(const chk_options *o, const char *text, size_t len,
                  chk_result *r) {
  const chk_object *obj = read_xml(text, len, REPAYJUMP_KIND_MANIFEST, r);
  const repayjump_pair *app;
  size_t i;
  int entry = 0;
  (void)o;
  if (obj == NULL)
    return;
  for (i = 0; i < obj->count; i++)
    if (chk_key_is(&obj->pairs[i], "activity")) {
      entry = 1;
      entry_activity(obj, i, r);
    }
  app = find(obj, 0, "application");
  if (!entry)
    chk_add(r, REPAYJUMP_CHECK_MANIFEST_ENTRY, app ? app->key_offset : len,
            app ? 11 : 0, NULL, 0,
            "declare <activity android:name=\".wxapi.WXEntryActivity\" "
            "android:exported=\"true\" android:launchMode=\"singleTask\" "
            "android:taskAffinity=\"<package>\"/>",
            "no .wxapi.WXEntryActivity: WeChat's callback after the jump "
            "never arrives");
}

/* An AppID: wx and 16 lowercase hex digits. */
static int is_appid(const char *s, size_t n) {
  size_t i;
  if (n != 18 || s[0] != 'w' || s[1] != 'x')
    return 0;
  for (i = 2; i < n; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
      return 0;
  return 1;
}

void chk_plist(const chk_options *o, const char *text, size_t len,
               chk_result *r) {
  const chk_object *obj = read_xml(text, len, REPAYJUMP_KIND_PLIST, r);
  const repayjump_pair *types, *target = NULL;
  size_t i;
  (void)o;
  if (obj == NULL)
    return;
  for (i = 0; i < obj->count; i++) {
    const repayjump_pair *p = &obj->pairs[i];
    if (!chk_key_is(p, "CFBundleURLSchemes"))
      continue;
    if (value_is(p, REPAYJUMP_TARGET_APPID)) {
      if (target == NULL)
        target = p;
    } else if (is_appid(p->value, p->value_len)) {
      return; /* the App's own AppID: WeChat can return */
    }
  }
  types = find(obj, 0, "CFBundleURLTypes");
  if (target != NULL)
    chk_add(r, REPAYJUMP_CHECK_PLIST_URL_SCHEME, target->value_offset, 18, NULL,
            0, "put the App's own AppID among the URL schemes",
            "the URL scheme " REPAYJUMP_TARGET_APPID " is the repayment "
            "program's AppID, not the App's");
  else
    chk_add(r, REPAYJUMP_CHECK_PLIST_URL_SCHEME,
            types ? types->key_offset : len, types ? 16 : 0, NULL, 0,
            "add the App's own AppID (wx...) to CFBundleURLTypes' "
            "CFBundleURLSchemes",
            "no URL scheme that is an AppID: WeChat cannot return to the "
            "App");
}
