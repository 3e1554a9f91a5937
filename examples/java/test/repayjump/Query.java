package repayjump;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An app path split by java.net.URI and decoded by URLDecoder. */
record Query(String path, Map<String, String> fields) {
  static Query parse(String appPath) {
    URI uri = URI.create(appPath);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String pair : uri.getRawQuery().split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("no '=' in " + pair);
      }
      String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (fields.put(key, value) != null) {
        throw new IllegalArgumentException("duplicate key " + key);
      }
    }
    return new Query(uri.getPath(), fields);
  }
}
