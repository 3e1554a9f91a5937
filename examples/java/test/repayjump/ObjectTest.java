package repayjump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static repayjump.CheckTest.assertCounts;
import static repayjump.CheckTest.assertFindings;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The check of whole objects (a navigate argument, a launch request, an extraData): the objects
 * every binding shares (tests/objects/vectors.json, from the system property
 * repayjump.object.vectors), the document's navigator, and extraData opened into its members.
 */
class ObjectTest {
  static final String PROPERTY = "repayjump.object.vectors";

  static Stream<Arguments> vectors() throws IOException {
    String path = System.getProperty(PROPERTY, "../../tests/objects/vectors.json");
    JsonObject root =
        JsonParser.parseString(Files.readString(Path.of(path), StandardCharsets.UTF_8))
            .getAsJsonObject();
    List<Arguments> cases = new ArrayList<>();
    for (JsonElement c : root.getAsJsonArray("cases")) {
      cases.add(Arguments.of(c.getAsJsonObject().get("name").getAsString(), c.getAsJsonObject()));
    }
    assertTrue(!cases.isEmpty(), PROPERTY + "=" + path + ": no cases");
    return cases.stream();
  }

  /** A finding as the vectors write it: [code, field], the field null when it concerns none. */
  static List<String> codeField(Finding f) {
    return Arrays.asList(f.code(), f.field() == Field.NONE ? null : f.field().wireName());
  }

  /**
   * Each object, read in order into a LinkedHashMap: its kind, variant and every finding's code
   * and field, exactly and in order.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void theSharedObjects(String name, JsonObject vector) {
    Map<String, Object> input = Json.parseObject(vector.get("input").toString());
    CheckResult r = RepayJump.check(input);
    JsonElement kind = vector.get("kind");
    assertEquals(kind.isJsonNull() ? "none" : kind.getAsString(), r.kind(), name + ": " + r);
    JsonElement variant = vector.get("variant");
    if (variant.isJsonNull()) {
      assertNull(r.variant(), name + ": " + r);
    } else {
      assertEquals(
          variant.getAsString(),
          r.variant() == null ? null : CheckLib.repayjump_variant_name(r.variant().code()),
          name + ": " + r);
    }
    List<List<String>> wants = new ArrayList<>();
    for (JsonElement f : vector.getAsJsonArray("findings")) {
      JsonElement field = f.getAsJsonArray().get(1);
      wants.add(
          Arrays.asList(
              f.getAsJsonArray().get(0).getAsString(),
              field.isJsonNull() ? null : field.getAsString()));
    }
    List<List<String>> got = new ArrayList<>();
    for (Finding f : r.findings()) {
      got.add(codeField(f));
    }
    assertEquals(wants, got, name + ": " + r);
    assertCounts(name, r);
  }

  static Map<String, Object> extraData(String nonce) {
    Map<String, Object> extraData = new LinkedHashMap<>();
    extraData.put("appid", Sample.APPID);
    extraData.put("mchid", Sample.MCHID);
    extraData.put("nonce_str", nonce);
    extraData.put("openid", Sample.OPENID);
    return extraData;
  }

  /**
   * The document's navigator: the AppID's trailing space is navigate.app_id on appId, at byte 18
   * of its value; the nonce's is value.space on extraData's member, named as it was sent.
   */
  @Test
  void theDocumentsNavigator() {
    Map<String, Object> navigate = new LinkedHashMap<>();
    navigate.put("appId", Sample.TARGET_APPID + " ");
    navigate.put("path", Sample.TARGET_PATH);
    navigate.put("extraData", extraData(Sample.NONCE + " "));
    CheckResult r = RepayJump.check(navigate);
    assertFindings(
        "navigator",
        r,
        new CheckTest.Want("navigate.app_id", "appId", 18, 1),
        new CheckTest.Want("value.space", "extraData.nonce_str", 32, 1));
    assertEquals("navigate", r.kind());
    assertEquals(Variant.V3_MERCHANT, r.variant());
    Finding appId = r.findings().get(0);
    assertTrue(appId.inValue(), appId.toString());
    assertEquals(0, appId.pair());
    assertEquals(Field.NONE, appId.field());
    // appId, path, extraData, then its members: nonce_str is the sixth pair.
    Finding nonce = r.findings().get(1);
    assertTrue(nonce.inValue(), nonce.toString());
    assertEquals(5, nonce.pair());
    assertEquals(Field.NONCE_STR, nonce.field());
  }

  /** extraData encoded twice is a finding, and its members are still checked, in their order. */
  @Test
  void extraDataEncodedTwice() {
    Map<String, Object> navigate = new LinkedHashMap<>();
    navigate.put("appId", Sample.TARGET_APPID);
    navigate.put("path", Sample.TARGET_PATH);
    navigate.put(
        "extraData",
        " {\"openid\": \""
            + Sample.OPENID
            + "\", \"nonce_str\": \""
            + Sample.NONCE
            + " \", \"mchid\": \""
            + Sample.MCHID
            + "\", \"appid\": \""
            + Sample.APPID
            + "\"}");
    CheckResult r = RepayJump.check(navigate);
    assertFindings(
        "encoded twice",
        r,
        new CheckTest.Want("navigate.extra_data", "extraData", -1, 0),
        new CheckTest.Want("value.space", "extraData.nonce_str", 32, 1));
    assertEquals(4, r.findings().get(1).pair());
    // A number member is json.not_string, quoted in the fix as written.
    navigate.put("extraData", "{\"mchid\": 1900009231}");
    r = RepayJump.check(navigate);
    Finding mchid =
        r.findings().stream()
            .filter(f -> "extraData.mchid".equals(f.key()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no finding on extraData.mchid"));
    assertEquals("json.not_string", mchid.code(), mchid.toString());
    assertTrue(mchid.fix().contains("\"1900009231\""), mchid.fix());
  }

  /** Only a top-level extraData is opened; an object under another key stays one pair. */
  @Test
  void onlyTheTopLevelExtraDataIsOpened() {
    Map<String, Object> inner = new LinkedHashMap<>(extraData(Sample.NONCE));
    inner.put("extraData", extraData(Sample.NONCE + " "));
    Map<String, Object> navigate = new LinkedHashMap<>();
    navigate.put("appId", Sample.TARGET_APPID);
    navigate.put("path", Sample.TARGET_PATH);
    navigate.put("extraData", inner);
    navigate.put("data", extraData(Sample.NONCE + " "));
    CheckResult r = RepayJump.check(navigate);
    for (Finding f : r.findings()) {
      assertTrue(
          !f.code().equals("value.space") && !"extraData.extraData.nonce_str".equals(f.key()),
          f.toString());
    }
    // The inner extraData is one member, not a string: json.not_string on its pair.
    assertTrue(
        r.findings().stream()
            .anyMatch(f -> "extraData.extraData".equals(f.key()) && f.pair() == 7),
        r.toString());
  }

  /** Compose's navigate argument and launch request check clean, as the maps Gson reads. */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void composedObjectsCheckClean(Variant variant) {
    Result out;
    try (Params params = Sample.builder(variant, null).build()) {
      out = RepayJump.compose(params);
    }
    boolean v2 = Sample.isV2(variant);
    Map<String, String> objects = new LinkedHashMap<>();
    objects.put("navigate", out.navigateJson());
    objects.put("app_launch", out.appLaunchJson());
    for (Map.Entry<String, String> object : objects.entrySet()) {
      CheckResult r = RepayJump.check(Json.parseObject(object.getValue()));
      String what = variant + " " + object.getKey();
      String signKey = object.getKey().equals("navigate") ? "extraData.sign" : "sign";
      assertFindings(
          what,
          r,
          v2
              ? new CheckTest.Want[] {new CheckTest.Want("sign.unverified", signKey, -1, 0)}
              : new CheckTest.Want[0]);
      assertEquals(object.getKey(), r.kind(), what);
      assertEquals(variant, r.variant(), what);
      if (v2) {
        assertEquals(Field.SIGN, r.findings().get(0).field(), what);
      }
    }
  }

  /** The binding's reader of a JSON object in a string: strict, in order, duplicates kept. */
  @Test
  void theMembersOfAJsonString() {
    List<Map.Entry<String, Object>> members =
        JsonMembers.of(
            " {\"b\": \"\\u0032\\n\", \"a\" : [ 1, {\"x\" : null} ], \"n\": -1.5e+3,"
                + " \"t\": true, \"b\": \"again\"} ");
    List<String> got = new ArrayList<>();
    for (Map.Entry<String, Object> member : members) {
      boolean isString = member.getValue() instanceof String;
      got.add(member.getKey() + "=" + member.getValue() + " " + isString);
    }
    assertEquals(
        List.of(
            "b=2\n true",
            "a=[1,{\"x\":null}] false",
            "n=-1.5e+3 false",
            "t=true false",
            "b=again true"),
        got);
    assertEquals(List.of(), JsonMembers.of("{}"));
    for (String bad :
        new String[] {
          "", "[]", "\"{}\"", "{", "{\"a\"}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1} x",
          "{\"a\":\"\\x\"}", "{\"a\":\"\t\"}", "{'a':1}", "{\"a\":tru}", "{\"a\":-}",
          "{\"a\":1.}", "{\"a\":[1,]}", "{\"a\":\"\\u12\"}"
        }) {
      assertNull(JsonMembers.of(bad), bad);
    }
    assertNull(JsonMembers.of("{\"a\":" + "[".repeat(600) + "]".repeat(600) + "}"));
  }
}
