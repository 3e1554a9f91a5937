package repayjump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every output of every variant, read back with Gson and java.net.URI. */
class ComposeTest {
  /** Checks the four outputs of r hold exactly the expected fields, in order. */
  static void assertOutputs(Map<String, String> expected, Result r) {
    Map<String, Object> extraData = Json.parseObject(r.extraDataJson());
    assertEquals(entries(expected), entries(extraData), r.extraDataJson());

    Map<String, Object> navigate = Json.parseObject(r.navigateJson());
    assertEquals(List.of("appId", "path", "extraData", "envVersion"), keys(navigate));
    assertEquals(Sample.TARGET_APPID, navigate.get("appId"));
    assertEquals(Sample.TARGET_PATH, navigate.get("path"));
    assertEquals(entries(expected), entries(navigate.get("extraData")));
    assertEquals("release", navigate.get("envVersion"));

    Query query = Query.parse(r.appPath());
    assertEquals(Sample.TARGET_PATH, query.path());
    assertEquals(entries(expected), entries(query.fields()), r.appPath());

    Map<String, Object> launch = Json.parseObject(r.appLaunchJson());
    assertEquals(List.of("userName", "path", "miniProgramType"), keys(launch));
    assertEquals(Sample.TARGET_USERNAME, launch.get("userName"));
    assertEquals(r.appPath(), launch.get("path"));
    assertEquals(0L, launch.get("miniProgramType"));

    assertEquals(expected.get("nonce_str"), r.nonceStr());
    assertEquals(expected.getOrDefault("sign", ""), r.sign());
  }

  @SuppressWarnings("unchecked")
  static List<Map.Entry<String, ?>> entries(Object map) {
    return new ArrayList<>(((Map<String, ?>) map).entrySet());
  }

  static List<String> keys(Map<String, ?> map) {
    return new ArrayList<>(map.keySet());
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void composeEmitsTheVariantsFieldsInOrder(Variant variant) {
    try (Params params = Sample.builder(variant, Sample.NONCE).build()) {
      assertOutputs(Sample.expected(variant, Sample.NONCE), RepayJump.compose(params));
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void renderWritesWhatComposeWrites(Variant variant) {
    try (Params params = Sample.builder(variant, Sample.NONCE).build()) {
      Result result = RepayJump.compose(params);
      for (Format format : Format.values()) {
        assertEquals(result.get(format), RepayJump.render(format, params), format.name());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Variant.class)
  void composeDrawsAFreshNonceEachTime(Variant variant) {
    try (Params params = Sample.builder(variant, null).build()) {
      Result first = RepayJump.compose(params);
      Result second = RepayJump.compose(params);
      assertTrue(first.nonceStr().matches("[A-Za-z0-9]{32}"), first.nonceStr());
      assertNotEquals(first.nonceStr(), second.nonceStr());
      assertOutputs(Sample.expected(variant, first.nonceStr()), first);
      assertOutputs(Sample.expected(variant, second.nonceStr()), second);
    }
  }

  @Test
  void anAbsentOpenidIsLeftOutWhenAllowed() {
    Params params =
        Params.builder()
            .appid(Sample.APPID)
            .mchid(Sample.MCHID)
            .nonceStr(Sample.NONCE)
            .openid("")
            .flags(Flag.ALLOW_NO_OPENID)
            .build();
    Result result = RepayJump.compose(params);
    Map<String, Object> extraData = Json.parseObject(result.extraDataJson());
    assertEquals(List.of("appid", "mchid", "nonce_str"), keys(extraData));
    assertFalse(Query.parse(result.appPath()).fields().containsKey("openid"));
  }

  @Test
  void relaxedAcceptsATestAccountsIds() {
    Params.Builder builder =
        Params.builder().appid("test_app-1").mchid("MCH-01").openid(Sample.OPENID);
    RepayJumpException strict =
        assertThrows(
            RepayJumpException.class, () -> RepayJump.validate(builder.build()));
    assertEquals(Field.APPID, strict.field());
    Result result = RepayJump.compose(builder.flags(Flag.RELAXED).build());
    Map<String, Object> extraData = Json.parseObject(result.extraDataJson());
    assertEquals("test_app-1", extraData.get("appid"));
    assertEquals("MCH-01", extraData.get("mchid"));
  }

  @Test
  void validateNeedsNoNonceButRenderDoes() {
    Params params = Sample.builder(Variant.V3_MERCHANT, null).build();
    RepayJump.validate(params);
    RepayJumpException e =
        assertThrows(
            RepayJumpException.class, () -> RepayJump.render(Format.APP_PATH, params));
    assertEquals(Status.E_MISSING, e.status());
    assertEquals(Field.NONCE_STR, e.field());
  }

  @Test
  void theTargetsAreTheDocumentsValues() {
    assertEquals(Sample.TARGET_APPID, RepayJump.targetAppid());
    assertEquals(Sample.TARGET_USERNAME, RepayJump.targetUsername());
    assertEquals(Sample.TARGET_PATH, RepayJump.targetPath());
  }
}
