/* The baselines of baselines.h, written as a careful merchant would. */
#include "baselines.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TARGET_APPID "wx5e73c65404eee268"
#define TARGET_USERNAME "gh_5e259b7a73b1"
#define TARGET_PATH "pages/invest_list/invest_list"

static const char alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

static int fits(int n, size_t cap) { return n >= 0 && (size_t)n < cap; }

int baseline_snprintf_extra_data(const baseline_fields *in, const char *nonce,
                                 char *out, size_t cap) {
  return fits(
             snprintf(out, cap,
                      "{\"appid\":\"%s\",\"mchid\":\"%s\",\"nonce_str\":\"%s\","
                      "\"openid\":\"%s\"}",
                      in->appid, in->mchid, nonce, in->openid),
             cap)
             ? 0
             : -1;
}

int baseline_snprintf(const baseline_fields *in, baseline_result *out) {
  int i, n;
  for (i = 0; i < 32; i++)
    out->nonce_str[i] = alphabet[randombytes_uniform(62)];
  out->nonce_str[32] = '\0';
  if (baseline_snprintf_extra_data(in, out->nonce_str, out->extra_data_json,
                                   sizeof out->extra_data_json))
    return -1;
  n = snprintf(out->navigate_json, sizeof out->navigate_json,
               "{\"appId\":\"" TARGET_APPID "\",\"path\":\"" TARGET_PATH
               "\",\"extraData\":%s,\"envVersion\":\"release\"}",
               out->extra_data_json);
  if (!fits(n, sizeof out->navigate_json))
    return -1;
  n = snprintf(out->app_path, sizeof out->app_path,
               TARGET_PATH "?appid=%s&mchid=%s&nonce_str=%s&openid=%s",
               in->appid, in->mchid, out->nonce_str, in->openid);
  if (!fits(n, sizeof out->app_path))
    return -1;
  n = snprintf(out->app_launch_json, sizeof out->app_launch_json,
               "{\"userName\":\"" TARGET_USERNAME
               "\",\"path\":\"%s\",\"miniProgramType\":0}",
               out->app_path);
  return fits(n, sizeof out->app_launch_json) ? 0 : -1;
}

/* Print a cJSON tree into out and free both. */
static int print_into(cJSON *json, char *out, size_t cap) {
  char *text = json ? cJSON_PrintUnformatted(json) : NULL;
  int rc = -1;
  if (text && strlen(text) < cap) {
    memcpy(out, text, strlen(text) + 1);
    rc = 0;
  }
  cJSON_free(text);
  cJSON_Delete(json);
  return rc;
}

static cJSON *extra_data(const baseline_fields *in, const char *nonce) {
  cJSON *o = cJSON_CreateObject();
  if (!cJSON_AddStringToObject(o, "appid", in->appid) ||
      !cJSON_AddStringToObject(o, "mchid", in->mchid) ||
      !cJSON_AddStringToObject(o, "nonce_str", nonce) ||
      !cJSON_AddStringToObject(o, "openid", in->openid)) {
    cJSON_Delete(o);
    return NULL;
  }
  return o;
}

int baseline_cjson_extra_data(const baseline_fields *in, const char *nonce,
                              char *out, size_t cap) {
  return print_into(extra_data(in, nonce), out, cap);
}

/* RFC 3986 unreserved bytes pass; every other byte becomes %XX. */
static char *percent_encode(char *at, const char *end, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                c == '~';
    if (end - at < 4)
      return NULL;
    if (plain) {
      *at++ = (char)c;
    } else {
      *at++ = '%';
      *at++ = hex[c >> 4];
      *at++ = hex[c & 15];
    }
  }
  return at;
}

static int query(const baseline_fields *in, const char *nonce, char *out,
                 size_t cap) {
  const char *keys[4] = {"appid", "mchid", "nonce_str", "openid"};
  const char *values[4] = {in->appid, in->mchid, nonce, in->openid};
  char *at = out, *end = out + cap;
  int i, n = snprintf(out, cap, "%s?", TARGET_PATH);
  if (!fits(n, cap))
    return -1;
  at += n;
  for (i = 0; i < 4 && at; i++) {
    n = snprintf(at, (size_t)(end - at), "%s%s=", i ? "&" : "", keys[i]);
    if (!fits(n, (size_t)(end - at)))
      return -1;
    at = percent_encode(at + n, end, values[i]);
  }
  if (!at)
    return -1;
  *at = '\0';
  return 0;
}

static void nonce_from_one_buf(char out[33]) {
  unsigned char pool[64];
  size_t used = sizeof pool, i = 0;
  while (i < 32) {
    if (used == sizeof pool) {
      randombytes_buf(pool, sizeof pool);
      used = 0;
    }
    if (pool[used] < 248)
      out[i++] = alphabet[pool[used] % 62];
    used++;
  }
  out[32] = '\0';
}

int baseline_cjson(const baseline_fields *in, baseline_result *out) {
  cJSON *o;
  nonce_from_one_buf(out->nonce_str);
  if (print_into(extra_data(in, out->nonce_str), out->extra_data_json,
                 sizeof out->extra_data_json))
    return -1;
  o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "appId", TARGET_APPID);
  cJSON_AddStringToObject(o, "path", TARGET_PATH);
  cJSON_AddItemToObject(o, "extraData", extra_data(in, out->nonce_str));
  cJSON_AddStringToObject(o, "envVersion", "release");
  if (print_into(o, out->navigate_json, sizeof out->navigate_json))
    return -1;
  if (query(in, out->nonce_str, out->app_path, sizeof out->app_path))
    return -1;
  o = cJSON_CreateObject();
  cJSON_AddStringToObject(o, "userName", TARGET_USERNAME);
  cJSON_AddStringToObject(o, "path", out->app_path);
  cJSON_AddNumberToObject(o, "miniProgramType", 0);
  return print_into(o, out->app_launch_json, sizeof out->app_launch_json);
}
