package repayjump;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** WeChat Pay's v2 signature, by javax.crypto: HMAC-SHA256 over sorted k=v&...&key=KEY. */
final class V2Sign {
  private V2Sign() {}

  static String of(Map<String, String> fields, byte[] key) {
    // The keys are ASCII, so String order is byte order.
    StringJoiner joined = new StringJoiner("&");
    new TreeMap<>(fields)
        .forEach(
            (name, value) -> {
              if (!name.equals("sign") && !value.isEmpty()) {
                joined.add(name + "=" + value);
              }
            });
    String text = joined + "&key=" + new String(key, StandardCharsets.US_ASCII);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().withUpperCase().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
