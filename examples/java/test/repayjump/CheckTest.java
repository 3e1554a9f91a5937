package repayjump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The check over texts and maps: the document's samples, composed outputs, keys, many findings. */
class CheckTest {
  /** The App paths of WeChat's document, verbatim (its iOS and Android samples). */
  static final String IOS_PATH =
      "pages/invest_list/invest_list?mch_id=1900009231&appid=wxcbda96de0b165486&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS &openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin";

  static final String ANDROID_PATH =
      "pages/invest_list/invest_list?mchid=1900009231&appid=wxcbda96de0b165486&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS&openid=oUpF8uMEb4qRXf22hE3X68TekukE=weixin";

  static final String WRONG_KEY = "WrongKeyWrongKeyWrongKeyWrongKey";

  /** The codes of CHECK.md from number 1 on, written out from the contract. */
  static final List<String> CONTRACT_CODES =
      List.of(
          "input.empty", "input.unrecognized", "path.page", "path.leading_slash",
          "path.no_query", "query.empty_pair", "query.no_value", "query.bad_escape",
          "query.encoded", "key.unknown", "key.version", "key.duplicate", "key.not_allowed",
          "field.missing", "field.empty", "value.space", "value.equals", "value.rule",
          "appid.target", "partner.conflict", "sign.missing", "sign.type", "sign.format",
          "sign.mismatch", "sign.unverified", "json.syntax", "json.not_object",
          "json.not_string", "js.unquoted", "js.expression", "js.unclosed", "navigate.app_id",
          "navigate.path", "navigate.env", "navigate.extra_data", "launch.user_name",
          "launch.type", "wxml.target", "src.unclosed", "app.own_appid", "manifest.entry",
          "manifest.exported", "manifest.launch_mode", "manifest.task_affinity",
          "plist.url_scheme");

  /** One expected finding; offset -1: not compared. */
  record Want(String code, String key, long offset, long length) {}

  /** Exactly these findings in order, and counts and severities that agree with them. */
  static void assertFindings(String what, CheckResult r, Want... wants) {
    assertEquals(wants.length, r.findings().size(), what + ": " + r);
    for (int i = 0; i < wants.length; i++) {
      Finding f = r.findings().get(i);
      Want w = wants[i];
      assertEquals(w.code(), f.code(), what + ": " + f);
      assertEquals(w.key(), f.key(), what + ": " + f);
      if (w.offset() >= 0) {
        assertEquals(w.offset(), f.offset(), what + ": " + f);
        assertEquals(w.length(), f.length(), what + ": " + f);
      }
    }
    assertCounts(what, r);
  }

  static void assertCounts(String what, CheckResult r) {
    int[] counts = new int[3];
    List<String> severities = List.of("error", "warning", "note");
    for (Finding f : r.findings()) {
      assertEquals(RepayJump.checkCodeSeverity(f.code()), f.severity(), what + ": " + f);
      counts[severities.indexOf(f.severity())]++;
      assertFalse(f.message().isEmpty() || f.message().contains("\n"), f.toString());
      assertFalse(f.fix().contains("\n"), f.toString());
      assertEquals(f.severity().equals("error"), f.isError());
    }
    assertEquals(
        List.of(counts[0], counts[1], counts[2]),
        List.of(r.errors(), r.warnings(), r.notes()),
        what);
    assertEquals(r.errors() == 0, r.ok());
  }

  static CheckOptions withKey(String key) {
    return CheckOptions.builder().apiKey(key.getBytes(StandardCharsets.US_ASCII)).build();
  }

  @Test
  void theDocumentsIosPath() {
    CheckResult r = RepayJump.check(IOS_PATH);
    assertFindings(
        "iOS path",
        r,
        new Want("key.version", "mch_id", IOS_PATH.indexOf("mch_id="), "mch_id".length()),
        new Want("value.space", "nonce_str", IOS_PATH.indexOf(" &openid"), 1),
        new Want("value.equals", "openid", IOS_PATH.indexOf("=weixin"), 1));
    assertEquals("app_path", r.kind());
    assertEquals(Variant.V3_MERCHANT, r.variant());
    assertEquals(3, r.errors());
    assertFalse(r.ok());
    Finding space = r.findings().get(1);
    assertEquals(Field.NONCE_STR, space.field());
    assertFalse(space.inValue());
    assertEquals(-1, space.pair());
    assertEquals(Field.MCHID, r.findings().get(0).field());
  }

  @Test
  void theDocumentsAndroidPath() {
    CheckResult r = RepayJump.check(ANDROID_PATH);
    assertFindings(
        "Android path", r, new Want("value.equals", "openid", ANDROID_PATH.indexOf("=weixin"), 1));
    assertEquals(Field.OPENID, r.findings().get(0).field());
  }

  @Test
  void aBareQueryAndANulByte() {
    String query =
        "appid=wxcbda96de0b165486&mchid=1900009231&nonce_str=5K8264ILTKCH16CQ2502SI8ZNMTM67VS"
            + "&openid=oUpF8uMEb4qRXf22hE3X68TekukE";
    CheckResult r = RepayJump.check(query);
    assertFindings("query", r);
    assertEquals("query", r.kind());
    String bad = query.replace("oUpF8", "oUp\08");
    assertFindings(
        "NUL in openid",
        RepayJump.check(bad),
        new Want("value.rule", "openid", bad.indexOf('\0'), 1));
  }

  @Test
  void offsetsCountUtf8Bytes() {
    String text = "é" + ANDROID_PATH; // two bytes before the path: now an unknown page
    CheckResult r = RepayJump.check(text);
    Finding equals = r.findings().get(r.findings().size() - 1);
    assertEquals("value.equals", equals.code());
    assertEquals(text.indexOf("=weixin") + 1, equals.offset());
  }

  @Test
  void aNumberMchidInAMapIsNotAString() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("appid", Sample.APPID);
    fields.put("mchid", 1900009231L);
    fields.put("nonce_str", Sample.NONCE);
    fields.put("openid", Sample.OPENID);
    CheckResult r = RepayJump.check(fields);
    assertFindings("number mchid", r, new Want("json.not_string", "mchid", -1, 0));
    Finding f = r.findings().get(0);
    assertEquals(1, f.pair());
    assertTrue(f.inValue());
    assertEquals(Field.MCHID, f.field());
    assertTrue(f.fix().contains("1900009231"), f.fix());
    assertEquals("none", r.kind());
    assertEquals(Variant.V3_MERCHANT, r.variant());
  }

  /** Gson's map of a JSON object, numbers kept as written. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> gsonMap(String json) {
    return new GsonBuilder()
        .setObjectToNumberStrategy(ToNumberPolicy.LAZILY_PARSED_NUMBER)
        .serializeNulls()
        .create()
        .fromJson(json, Map.class);
  }

  @Test
  void everyOtherNonStringIsWrittenAsJson() {
    for (String value :
        List.of("1900009231", "1.5e3", "true", "null", "[1,2]", "[\"1900009231\",2]")) {
      Map<String, Object> fields =
          gsonMap(
              "{\"appid\":\""
                  + Sample.APPID
                  + "\",\"mchid\":"
                  + value
                  + ",\"nonce_str\":\""
                  + Sample.NONCE
                  + "\",\"openid\":\""
                  + Sample.OPENID
                  + "\"}");
      CheckResult r = RepayJump.check(fields);
      assertFindings(value, r, new Want("json.not_string", "mchid", 0, value.length()));
      // The fix quotes a short value with no quote in it; of others it says what to send.
      Finding f = r.findings().get(0);
      assertEquals(!value.contains("\""), f.fix().contains(value), f.fix());
      assertEquals(1, f.pair());
    }
  }

  @Test
  void aMapKeepsItsOrder() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("openid", "a b");
    fields.put("appid", Sample.APPID);
    fields.put("mchid", "19000=9231");
    fields.put("nonce_str", Sample.NONCE);
    CheckResult r = RepayJump.check(fields);
    assertFindings(
        "map", r, new Want("value.space", "openid", 1, 1), new Want("value.equals", "mchid", 5, 1));
    assertEquals(0, r.findings().get(0).pair());
    assertEquals(2, r.findings().get(1).pair());
    assertTrue(r.findings().get(1).inValue());
    CheckResult empty = RepayJump.check(Map.of());
    assertFalse(empty.ok());
    for (Finding f : empty.findings()) {
      assertEquals("field.missing", f.code(), f.toString());
    }
  }

  /** Everything compose writes checks clean: v2 with its key has none, without it one note. */
  @ParameterizedTest
  @EnumSource(Variant.class)
  void everyComposedOutputChecksClean(Variant variant) {
    Result out;
    try (Params params = Sample.builder(variant, null).build()) {
      out = RepayJump.compose(params);
    }
    Map<String, Object> extraData = Json.parseObject(out.extraDataJson());
    @SuppressWarnings("unchecked")
    Map<String, Object> navigateExtraData =
        (Map<String, Object>) Json.parseObject(out.navigateJson()).get("extraData");
    String launchPath = (String) Json.parseObject(out.appLaunchJson()).get("path");
    String query = out.appPath().substring(Sample.TARGET_PATH.length() + 1);
    boolean v2 = Sample.isV2(variant);
    try (CheckOptions key = withKey(Sample.KEY)) {
      for (CheckOptions options : new CheckOptions[] {CheckOptions.defaults(), key}) {
        Want[] wants =
            v2 && !options.hasApiKey()
                ? new Want[] {new Want("sign.unverified", "sign", -1, 0)}
                : new Want[0];
        Map<String, CheckResult> results = new LinkedHashMap<>();
        results.put("app path", RepayJump.check(out.appPath(), options));
        results.put("query", RepayJump.check(query, options));
        results.put("extraData", RepayJump.check(extraData, options));
        results.put("navigate's extraData", RepayJump.check(navigateExtraData, options));
        results.put("app launch's path", RepayJump.check(launchPath, options));
        for (Map.Entry<String, CheckResult> result : results.entrySet()) {
          String what = variant + " " + options + " " + result.getKey();
          assertFindings(what, result.getValue(), wants);
          assertEquals(variant, result.getValue().variant(), what);
          assertEquals(wants.length, result.getValue().notes(), what);
          assertTrue(result.getValue().ok(), what);
        }
      }
    }
  }

  /** The flags reach the library: RELAXED admits a test account's ids, ALLOW_NO_OPENID none. */
  @Test
  void theFlags() {
    String query = "appid=test_App-1&mchid=mch-A_1&nonce_str=" + Sample.NONCE;
    assertFindings(
        "strict",
        RepayJump.check(query),
        new Want("value.rule", "appid", query.indexOf("test_"), 1),
        new Want("value.rule", "mchid", query.indexOf("mch-"), 1),
        new Want("field.missing", null, -1, 0));
    try (CheckOptions relaxed = CheckOptions.builder().flags(Flag.RELAXED).build();
        CheckOptions both =
            CheckOptions.builder().flags(Flag.RELAXED, Flag.ALLOW_NO_OPENID).build()) {
      CheckResult r = RepayJump.check(query, relaxed);
      assertFindings("relaxed", r, new Want("field.missing", null, -1, 0));
      assertEquals(Field.OPENID, r.findings().get(0).field());
      assertFindings("relaxed, no openid", RepayJump.check(query, both));
    }
  }

  @Test
  void anExplicitVariant() {
    try (Params params = Sample.builder(Variant.V3_MERCHANT, null).build();
        CheckOptions v2 = CheckOptions.builder().variant(Variant.V2_MERCHANT).build();
        CheckOptions v3 = CheckOptions.builder().variant(Variant.V3_MERCHANT).build()) {
      String path = RepayJump.compose(params).appPath();
      CheckResult r = RepayJump.check(path, v2);
      assertEquals(Variant.V2_MERCHANT, r.variant());
      assertFalse(r.ok(), r.toString());
      assertFindings("v3 as v3", RepayJump.check(path, v3));
    }
  }

  /** A wrong key gives sign.mismatch; no string of any object shows either key. */
  @Test
  void aWrongKeyIsAMismatchAndNoStringShowsAKey() {
    String path;
    try (Params params = Sample.builder(Variant.V2_MERCHANT, null).build()) {
      path = RepayJump.compose(params).appPath();
    }
    try (CheckOptions wrong = withKey(WRONG_KEY)) {
      CheckResult r = RepayJump.check(path, wrong);
      int sign = path.indexOf("&sign=") + "&sign=".length();
      assertFindings("wrong key", r, new Want("sign.mismatch", "sign", sign, 64));
      List<String> shown = new ArrayList<>(List.of(r.toString(), wrong.toString()));
      for (Finding f : r.findings()) {
        shown.add(f.message());
        shown.add(f.fix());
        shown.add(f.toString());
      }
      for (String text : shown) {
        for (String key : List.of(WRONG_KEY, Sample.KEY, WRONG_KEY.substring(0, 8))) {
          assertFalse(text.contains(key), text);
        }
      }
      assertTrue(wrong.toString().contains("apiKey=(set, hidden)"), wrong.toString());
    }
  }

  @Test
  void optionsCopyTheKeyAndWipeItOnClose() {
    byte[] key = Sample.KEY.getBytes(StandardCharsets.US_ASCII);
    CheckOptions options = CheckOptions.builder().apiKey(key).build();
    key[0] = 'X';
    byte[] copy = options.apiKey();
    assertEquals(Sample.KEY, new String(copy, StandardCharsets.US_ASCII));
    options.close();
    assertArrayEquals(new byte[copy.length], copy);
    assertThrows(IllegalStateException.class, () -> RepayJump.check(ANDROID_PATH, options));
    CheckOptions.defaults().close(); // the shared defaults cannot be closed
    assertEquals(1, RepayJump.check(ANDROID_PATH).findings().size());
    RepayJumpException e =
        assertThrows(
            RepayJumpException.class,
            () -> CheckOptions.builder().apiKey(new byte[] {'a', 0, 'b'}).build());
    assertEquals(Status.E_CHARSET, e.status());
    assertEquals(Field.API_KEY, e.field());
    assertEquals(1, e.offset());
  }

  @Test
  void theNativeKeyIsZeroedBeforeItIsFreed() {
    try (CheckOptions options = withKey(Sample.KEY);
        CheckCall call = new CheckCall(options, new byte[0], null)) {
      Pointer key = call.nativeOptions().getPointer(8);
      byte[] expected = Sample.KEY.getBytes(StandardCharsets.US_ASCII);
      assertArrayEquals(expected, key.getByteArray(0, expected.length));
      call.wipeKey();
      assertArrayEquals(new byte[expected.length], key.getByteArray(0, expected.length));
    }
  }

  /** More findings than the first call stores: all come back, in order. */
  @Test
  void moreThan32FindingsAllComeBack() {
    StringBuilder query = new StringBuilder();
    Map<String, Object> fields = new LinkedHashMap<>();
    for (int i = 0; i < 40; i++) {
      String key = String.format("k%02d", i);
      query.append(i > 0 ? "&" : "").append(key).append("=v");
      fields.put(key, i);
    }
    String text = query.toString();
    CheckResult r = RepayJump.check(text);
    assertTrue(r.findings().size() > CheckCall.FIRST_CAP, r.toString());
    for (int i = 0; i < 40; i++) {
      Finding f = r.findings().get(i);
      String key = String.format("k%02d", i);
      assertEquals("key.unknown", f.code(), f.toString());
      assertEquals(key, f.key());
      assertEquals(text.indexOf(key + "="), f.offset());
    }
    assertCounts("40 keys", r);
    CheckResult map = RepayJump.check(fields);
    assertTrue(map.findings().size() >= 40, map.toString());
    for (int i = 0; i < 40; i++) {
      assertEquals(i, map.findings().get(i).pair());
      assertEquals(String.format("k%02d", i), map.findings().get(i).key());
    }
    assertCounts("40 pairs", map);
  }

  @Test
  void optionsTheLibraryRefuses() {
    try (CheckOptions options = CheckOptions.builder().build()) {
      assertNull(options.variant());
      assertEquals(-1, options.variantCode());
    }
    // Flags the enum cannot express: through a raw call.
    try (CheckOptions options = CheckOptions.builder().build();
        CheckCall call =
            new CheckCall(options, ANDROID_PATH.getBytes(StandardCharsets.US_ASCII), null)) {
      call.nativeOptions().setInt(4, 8);
      RepayJumpException e = assertThrows(RepayJumpException.class, call::run);
      assertEquals(Status.E_ARG, e.status());
    }
  }

  @Test
  void theNamesAreTheLibrarysAndTheContracts() {
    List<String> names = RepayJump.checkCodeNames();
    assertEquals(CONTRACT_CODES, names.subList(1, names.size()));
    assertEquals("error", RepayJump.checkCodeSeverity("value.space"));
    assertEquals("warning", RepayJump.checkCodeSeverity("path.leading_slash"));
    assertEquals("note", RepayJump.checkCodeSeverity("sign.unverified"));
    assertEquals("unknown", RepayJump.checkCodeSeverity("no.such"));
    assertEquals(
        List.of("v3", "v3-partner", "v2", "v2-partner"),
        List.of(Variant.values()).stream().map(RepayJump::variantName).toList());
    assertEquals(
        List.of("extra-data", "navigate", "app-path", "app-launch"),
        List.of(Format.values()).stream().map(RepayJump::formatName).toList());
    CheckNames loaded = CheckNames.get();
    assertEquals(List.of("error", "warning", "note"), List.of(loaded.severities));
    assertEquals(
        List.of(
            "none", "app_path", "query", "extra_data", "navigate", "app_launch", "js_object",
            "wxml", "app_source", "manifest", "plist"),
        List.of(loaded.kinds));
  }

  @Test
  void theJsonTextOfValues() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("a\"b", List.of(1, true, "x\n"));
    nested.put("n", null);
    nested.put("arr", new int[] {1, 2});
    assertEquals(
        "{\"a\\\"b\":[1,true,\"x\\u000a\"],\"n\":null,\"arr\":[1,2]}", JsonText.of(nested));
    assertEquals("null", JsonText.of(null));
    assertEquals("1900009231", JsonText.of(1900009231L));
    assertEquals("false", JsonText.of(false));
  }
}
