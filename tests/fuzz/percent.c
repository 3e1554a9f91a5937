/* A strict percent-decoder for the App path's query. */
#include "fuzz.h"

static int unreserved(int c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
}

static int hex_value(int c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

long fz_percent_decode(const char *src, size_t n, char *dst, size_t cap) {
  size_t i = 0, j = 0;
  if (cap == 0)
    return -1;
  while (i < n) {
    int c = (unsigned char)src[i];
    if (j + 1 >= cap)
      return -1;
    if (c == '%') {
      int hi = i + 2 < n ? hex_value((unsigned char)src[i + 1]) : -1;
      int lo = i + 2 < n ? hex_value((unsigned char)src[i + 2]) : -1;
      if (hi < 0 || lo < 0)
        return -1;
      dst[j++] = (char)(hi << 4 | lo);
      i += 3;
    } else if (unreserved(c)) {
      dst[j++] = (char)c;
      i++;
    } else {
      return -1;
    }
  }
  dst[j] = '\0';
  return (long)j;
}
