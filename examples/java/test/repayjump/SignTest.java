package repayjump;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The APIv2 sign against javax.crypto's HMAC-SHA256 over WeChat's canonical string. */
class SignTest {
  @Test
  void theReferenceSignerMatchesWeChatsPublishedExample() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("appid", "wxd930ea5d5a258f4f");
    fields.put("mch_id", "10000100");
    fields.put("device_info", "1000");
    fields.put("body", "test");
    fields.put("nonce_str", "ibuaiVcKdpRxkhJA");
    assertEquals(
        "6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6",
        V2Sign.of(fields, "192006250b4c09247ec02edce69f6a2d".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void v2MerchantAndPartnerSignLikeJavaxCrypto() {
    for (Variant variant : new Variant[] {Variant.V2_MERCHANT, Variant.V2_PARTNER}) {
      try (Params params = Sample.builder(variant, null).build()) {
        Result result = RepayJump.compose(params);
        Map<String, String> expected = Sample.expected(variant, result.nonceStr());
        assertEquals(expected.get("sign"), result.sign(), variant.name());
        ComposeTest.assertOutputs(expected, result);
      }
    }
  }

  @Test
  void aRelaxedKeyLongerThanAHashBlockSignsToo() {
    // Printable ASCII without space, 100 bytes: longer than SHA-256's 64-byte block.
    String key = ("Ab9!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").repeat(3).substring(0, 100);
    byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
    try (Params params =
        Params.builder()
            .variant(Variant.V2_MERCHANT)
            .flags(Flag.RELAXED)
            .appid(Sample.APPID)
            .mchid(Sample.MCHID)
            .nonceStr(Sample.NONCE)
            .openid(Sample.OPENID)
            .apiKey(key.toCharArray())
            .build()) {
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("appid", Sample.APPID);
      fields.put("mch_id", Sample.MCHID);
      fields.put("nonce_str", Sample.NONCE);
      fields.put("openid", Sample.OPENID);
      fields.put("sign_type", "HMAC-SHA256");
      assertEquals(V2Sign.of(fields, keyBytes), RepayJump.compose(params).sign());
    }
  }
}
