package repayjump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static repayjump.ErrorTest.assertError;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The status query against the shared vectors: requests, URLs, answers, errors, threads. */
class StatusTest {
  static final StatusQuery PARKING = StatusQuery.builder().tradeScene("PARKING").build();

  /** An APIv3 merchant with the key this call needs in every variant. */
  static Params.Builder v3() {
    return ErrorTest.v3().apiKey(Sample.KEY.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void everyRequestIsTheVectorByteForByteAndSigned() throws Exception {
    Set<String> variants = new HashSet<>();
    for (JsonElement element : StatusVectors.requests()) {
      JsonObject vector = element.getAsJsonObject();
      String body;
      try (Params params = StatusVectors.builder(vector.getAsJsonObject("params")).build()) {
        body =
            RepayJump.statusRequest(
                params, StatusVectors.query(vector.getAsJsonObject("query")));
      }
      assertEquals(vector.get("body").getAsString(), body);
      StatusVectors.assertSigned(body);
      variants.add(vector.get("variant").getAsString());
    }
    assertEquals(Set.of("v3", "v3-partner", "v2", "v2-partner"), variants);
  }

  @Test
  void aDrawnNonceIsSignedToo() throws Exception {
    Pattern nonce = Pattern.compile("<nonce_str>([A-Za-z0-9]{32})</nonce_str>");
    Set<String> seen = new HashSet<>();
    StatusQuery[] queries = {
      StatusQuery.builder().tradeScene("GAS").build(),
      StatusQuery.builder().tradeScene("BRIDGE").jumpScene("H5").plateNumber("京A12345").build()
    };
    for (String identity : new String[] {"v3", "v2-partner"}) {
      JsonObject id = StatusVectors.root().getAsJsonObject("identities").getAsJsonObject(identity);
      try (Params params = StatusVectors.builder(id).openid(Sample.OPENID).build()) {
        for (StatusQuery query : queries) {
          String body = RepayJump.statusRequest(params, query);
          Matcher m = nonce.matcher(body);
          assertTrue(m.find(), body);
          assertTrue(seen.add(m.group(1)), "repeated " + m.group(1));
          StatusVectors.assertSigned(body);
          assertTrue(
              body.getBytes(StandardCharsets.UTF_8).length < RepayJump.statusRequestMax(), body);
        }
      }
    }
  }

  static RepayJumpException requestRefusal(Params.Builder builder, StatusQuery query) {
    try (Params params = builder.build()) {
      RepayJumpException e =
          assertThrows(RepayJumpException.class, () -> RepayJump.statusRequest(params, query));
      assertFalse(e.getMessage().contains(Sample.KEY), e.getMessage());
      assertFalse(e.toString().contains(Sample.KEY), e.toString());
      return e;
    }
  }

  @Test
  void everyRefusalOfARequest() {
    assertError(
        requestRefusal(ErrorTest.v3(), PARKING),
        Status.E_MISSING,
        Field.API_KEY,
        0,
        "api_key: the status query is signed with the APIv2 key in every variant");
    assertError(
        requestRefusal(v3(), StatusQuery.builder().build()),
        Status.E_MISSING,
        Field.TRADE_SCENE,
        0,
        "trade_scene: required by the status query");
    assertError(
        requestRefusal(v3().openid(null), PARKING),
        Status.E_MISSING,
        Field.OPENID,
        0,
        "openid: the status query needs openid or plate_number");
    assertError(
        requestRefusal(
            Sample.builder(Variant.V2_PARTNER, null).openid(null).subOpenid(null), PARKING),
        Status.E_MISSING,
        Field.OPENID,
        0,
        "openid: the status query needs openid, sub_openid or plate_number");
    assertError(
        requestRefusal(v3(), StatusQuery.builder().tradeScene("parking").build()),
        Status.E_CHARSET,
        Field.TRADE_SCENE,
        0,
        "trade_scene: byte 0 is 'p'; expected an uppercase letter or a space");
    assertError(
        requestRefusal(v3(), StatusQuery.builder().tradeScene("GAS").jumpScene("WEB").build()),
        Status.E_FORMAT,
        Field.JUMP_SCENE,
        0,
        "jump_scene: not APP or H5 (absent: a mini program)");
    assertError(
        requestRefusal(v3(), StatusQuery.builder().tradeScene("GAS").plateNumber("粤B88").build()),
        Status.E_FORMAT,
        Field.PLATE_NUMBER,
        6,
        "plate_number: ends at byte 6; expected 6 or 7 letters and digits after the province");
    assertError(
        requestRefusal(
            v3(), StatusQuery.builder().tradeScene("GAS").plateNumber("XB888888").build()),
        Status.E_FORMAT,
        Field.PLATE_NUMBER,
        0,
        "plate_number: does not start with one of the 31 province abbreviations");
    // A NUL, which C would stop at, is refused by build(), as in Params.
    RepayJumpException nul =
        assertThrows(
            RepayJumpException.class,
            () -> StatusQuery.builder().tradeScene("GAS").plateNumber("粤B8\08888").build());
    assertError(
        nul,
        Status.E_CHARSET,
        Field.PLATE_NUMBER,
        5,
        "plate_number: byte 5 is NUL; a value cannot contain a NUL byte");
  }

  @Test
  void theUrls() {
    String pay = "/vehicle/pay/querystate";
    String partner = "/vehicle/partnerpay/querystate";
    for (Variant variant : Variant.values()) {
      String path = Sample.isPartner(variant) ? partner : pay;
      assertEquals("https://api.mch.weixin.qq.com" + path, RepayJump.statusUrl(variant, false));
      assertEquals("https://api2.mch.weixin.qq.com" + path, RepayJump.statusUrl(variant, true));
    }
  }

  /** The members a vector's result lists (only some) against what the binding gave. */
  static void assertListed(String name, JsonObject listed, StatusResult r, RepayJumpException e) {
    if (listed == null) {
      return;
    }
    Map<String, String> got =
        r != null
            ? Map.of(
                "user_state", r.userState(),
                "deduct_mode", r.deductMode(),
                "openid", r.openid(),
                "sub_openid", r.subOpenid(),
                "path", r.path(),
                "plate_number_info", r.plateNumberInfo(),
                "plate_number", r.plateNumber())
            : Map.of("return_msg", e.returnMsg(), "err_code", e.errCode(), "err_code_des",
                e.errCodeDes());
    for (String member : listed.keySet()) {
      if (member.equals("state")) {
        int state = r != null ? r.state().code() : 0;
        assertEquals(listed.get(member).getAsInt(), state, name);
      } else {
        assertTrue(got.containsKey(member), name + ": " + member);
        assertEquals(listed.get(member).getAsString(), got.get(member), name + ": " + member);
      }
    }
  }

  @Test
  void everyAnswerGetsItsVerdict() {
    Set<Integer> verdicts = new HashSet<>();
    for (JsonElement element : StatusVectors.answers()) {
      JsonObject vector = element.getAsJsonObject();
      String name = vector.get("name").getAsString();
      int want = vector.get("status").getAsInt();
      verdicts.add(want);
      JsonObject listed = vector.getAsJsonObject("result");
      try (Params params = StatusVectors.identity(vector.get("identity").getAsString())) {
        byte[] answer = StatusVectors.answer(vector);
        if (want == 0) {
          StatusResult r = RepayJump.parseStatus(params, answer);
          assertListed(name, listed, r, null);
          assertFalse(r.userState().isEmpty(), name);
          if (r.state() != UserState.UNKNOWN) {
            assertEquals(r.state().name(), r.userState(), name);
          }
          assertEquals(r.state() == UserState.OVERDUE, r.repay(), name);
          continue;
        }
        RepayJumpException e =
            assertThrows(
                RepayJumpException.class, () -> RepayJump.parseStatus(params, answer), name);
        assertEquals(want, e.statusCode(), name + ": " + e.getMessage());
        assertNotEquals(Status.UNKNOWN, e.status(), name);
        if (vector.has("offset")) {
          assertEquals(vector.get("offset").getAsLong(), e.offset(), name + ": " + e.getMessage());
        }
        boolean fail = e.status() == Status.E_RETURN_FAIL || e.status() == Status.E_RESULT_FAIL;
        if (fail) {
          assertListed(name, listed, null, e);
        } else {
          assertEquals(List.of("", "", ""), List.of(e.returnMsg(), e.errCode(), e.errCodeDes()));
          assertEquals(null, listed, name);
        }
        for (String shown : new String[] {e.getMessage(), e.toString()}) {
          assertFalse(shown.contains(StatusVectors.key()), name + ": " + shown);
          assertFalse(shown.contains("\n"), name + ": one line");
        }
      }
    }
    assertTrue(
        verdicts.containsAll(List.of(0, -5, -10, -11, -12, -13, -14, -15, -16, -17)),
        verdicts.toString());
  }

  @Test
  void weChatsWordsFollowTheMessageQuoted() {
    Map<String, String> want =
        Map.of(
            "return_code FAIL keeps return_msg",
            "answer: return_code is not SUCCESS (see return_msg); return_msg \"签名错误\"",
            "result_code FAIL keeps err_code",
            "answer: result_code is not SUCCESS (see err_code and err_code_des);"
                + " err_code \"SYSTEMERROR\", err_code_des \"系统错误\"");
    int found = 0;
    for (JsonElement element : StatusVectors.answers()) {
      JsonObject vector = element.getAsJsonObject();
      String message = want.get(vector.get("name").getAsString());
      if (message != null) {
        try (Params params = StatusVectors.identity(vector.get("identity").getAsString())) {
          RepayJumpException e =
              assertThrows(
                  RepayJumpException.class,
                  () -> RepayJump.parseStatus(params, StatusVectors.answer(vector)));
          assertEquals(message, e.getMessage());
          found++;
        }
      }
    }
    assertEquals(2, found);
    // A line break or a quote in WeChat's words cannot forge a log line.
    try (Params params = StatusVectors.identity("v3")) {
      RepayJumpException e =
          assertThrows(
              RepayJumpException.class,
              () ->
                  RepayJump.parseStatus(
                      params,
                      "<xml><return_code>FAIL</return_code>"
                          + "<return_msg>a\nb\"c\\</return_msg></xml>"));
      assertEquals("a\nb\"c\\", e.returnMsg());
      assertTrue(e.getMessage().endsWith("; return_msg \"a\\nb\\\"c\\\\\""), e.getMessage());
    }
  }

  @Test
  void theIdentityOfAnAnswer() {
    JsonObject trusted = StatusVectors.answers().get(0).getAsJsonObject();
    byte[] answer = StatusVectors.answer(trusted);
    // Any openid or nonce is ignored; the String overload reads the same bytes.
    try (Params params =
        StatusVectors.builder(
                StatusVectors.root().getAsJsonObject("identities").getAsJsonObject("v3"))
            .openid("someone_else")
            .nonceStr(Sample.NONCE)
            .build()) {
      StatusResult r = RepayJump.parseStatus(params, answer);
      assertEquals(UserState.OVERDUE, r.state());
      assertEquals(r, RepayJump.parseStatus(params, new String(answer, StandardCharsets.UTF_8)));
      // No answer is an answer like any other: not XML.
      RepayJumpException e =
          assertThrows(RepayJumpException.class, () -> RepayJump.parseStatus(params, new byte[0]));
      assertEquals(Status.E_XML, e.status());
      assertEquals(0, e.offset());
    }
    try (Params params = ErrorTest.v3().build()) {
      assertError(
          assertThrows(RepayJumpException.class, () -> RepayJump.parseStatus(params, answer)),
          Status.E_MISSING,
          Field.API_KEY,
          0,
          "api_key: the status query is signed with the APIv2 key in every variant");
    }
  }

  @Test
  void userStateNamesAreTheLibrarys() {
    for (UserState state : UserState.values()) {
      String name = RepayJump.userStateName(state);
      assertEquals(state == UserState.UNKNOWN ? "unknown" : state.name(), name);
      assertEquals(state, UserState.of(state.code()));
    }
    assertEquals(UserState.UNKNOWN, UserState.of(5));
    assertEquals(UserState.UNKNOWN, UserState.of(-1));
  }

  /** Threads build every request and read every answer at once; each as the vector says. */
  @Test
  void requestsAndAnswersFromManyThreads() throws Exception {
    List<JsonObject> requests = new ArrayList<>();
    List<Params> requestParams = new ArrayList<>();
    List<StatusQuery> queries = new ArrayList<>();
    for (JsonElement element : StatusVectors.requests()) {
      JsonObject vector = element.getAsJsonObject();
      requests.add(vector);
      requestParams.add(StatusVectors.builder(vector.getAsJsonObject("params")).build());
      queries.add(StatusVectors.query(vector.getAsJsonObject("query")));
    }
    Map<String, Params> identities = new java.util.HashMap<>();
    for (String name : StatusVectors.root().getAsJsonObject("identities").keySet()) {
      identities.put(name, StatusVectors.identity(name));
    }
    List<JsonObject> answers = new ArrayList<>();
    for (JsonElement element : StatusVectors.answers()) {
      answers.add(element.getAsJsonObject());
    }
    try {
      ConcurrencyTest.together(
          (thread, i) -> {
            int k = (thread + i) % requests.size();
            assertEquals(
                requests.get(k).get("body").getAsString(),
                RepayJump.statusRequest(requestParams.get(k), queries.get(k)));
            JsonObject a = answers.get((thread * 7 + i) % answers.size());
            Params identity = identities.get(a.get("identity").getAsString());
            int want = a.get("status").getAsInt();
            if (want == 0) {
              assertListed(
                  a.get("name").getAsString(),
                  a.getAsJsonObject("result"),
                  RepayJump.parseStatus(identity, StatusVectors.answer(a)),
                  null);
            } else {
              assertEquals(
                  want,
                  assertThrows(
                          RepayJumpException.class,
                          () -> RepayJump.parseStatus(identity, StatusVectors.answer(a)))
                      .statusCode());
            }
          });
    } finally {
      requestParams.forEach(Params::close);
      identities.values().forEach(Params::close);
    }
  }
}
