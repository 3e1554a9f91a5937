package repayjump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every status the library gives through the binding, with field, offset and message. */
class ErrorTest {
  static RepayJumpException refusal(Executable call) {
    return assertThrows(RepayJumpException.class, call);
  }

  static RepayJumpException composeRefusal(Params.Builder builder) {
    Params params = builder.build();
    return refusal(() -> RepayJump.compose(params));
  }

  static void assertError(
      RepayJumpException e, Status status, Field field, long offset, String message) {
    assertEquals(status, e.status(), e.getMessage());
    assertEquals(status.code(), e.statusCode());
    assertEquals("REPAYJUMP_" + status.name(), e.statusName());
    assertEquals(field, e.field(), e.getMessage());
    assertEquals(field.code(), e.fieldCode());
    assertEquals(field.wireName(), e.fieldName());
    assertEquals(offset, e.offset(), e.getMessage());
    if (message != null) {
      assertEquals(message, e.getMessage());
    } else if (field != Field.NONE) {
      assertTrue(e.getMessage().startsWith(field.wireName() + ": "), e.getMessage());
    }
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  static Params.Builder v3() {
    return Params.builder().appid(Sample.APPID).mchid(Sample.MCHID).openid(Sample.OPENID);
  }

  @Test
  void missing() {
    assertError(
        composeRefusal(v3().openid(null)),
        Status.E_MISSING,
        Field.OPENID,
        0,
        "openid: required by the APIv3 merchant variant; set REPAYJUMP_ALLOW_NO_OPENID to leave it"
            + " out");
    assertError(composeRefusal(v3().appid("")), Status.E_MISSING, Field.APPID, 0, null);
    assertError(
        composeRefusal(Sample.builder(Variant.V3_PARTNER, null).subMchid(null)),
        Status.E_MISSING,
        Field.SUB_MCHID,
        0,
        null);
  }

  @Test
  void tooLong() {
    assertError(
        composeRefusal(v3().openid("o".repeat(33))), Status.E_TOO_LONG, Field.OPENID, 32, null);
    assertError(
        composeRefusal(v3().nonceStr("N".repeat(40))), Status.E_TOO_LONG, Field.NONCE_STR, 32,
        null);
  }

  @Test
  void charset() {
    assertError(
        composeRefusal(v3().mchid("1900x231")),
        Status.E_CHARSET,
        Field.MCHID,
        4,
        "mchid: byte 4 is 'x'; expected a digit");
    // Offsets count UTF-8 bytes: "ab" then the three bytes of U+4E2D.
    assertError(composeRefusal(v3().openid("ab\u4e2d")), Status.E_CHARSET, Field.OPENID, 2, null);
    assertError(composeRefusal(v3().openid("a=weixin")), Status.E_CHARSET, Field.OPENID, 1, null);
  }

  @Test
  void format() {
    assertError(
        composeRefusal(v3().appid("wxCbda96de0b165486")),
        Status.E_FORMAT,
        Field.APPID,
        2,
        "appid: byte 2 is 'C'; expected wx followed by 16 lowercase hex digits");
    assertError(composeRefusal(v3().appid("wx12")), Status.E_FORMAT, Field.APPID, 4, null);
  }

  @Test
  void notAllowed() {
    assertError(
        composeRefusal(v3().subMchid(Sample.SUB_MCHID)),
        Status.E_NOT_ALLOWED,
        Field.SUB_MCHID,
        0,
        null);
    assertError(
        composeRefusal(v3().apiKey(Sample.KEY.getBytes(StandardCharsets.US_ASCII))),
        Status.E_NOT_ALLOWED,
        Field.API_KEY,
        0,
        null);
  }

  @Test
  void conflict() {
    assertError(
        composeRefusal(Sample.builder(Variant.V3_PARTNER, null).subAppid(null)),
        Status.E_CONFLICT,
        Field.SUB_OPENID,
        0,
        null);
  }

  @Test
  void badNonceLengthIsAnArgumentError() {
    for (int length : new int[] {0, 33, -1, Integer.MIN_VALUE}) {
      RepayJumpException e = refusal(() -> RepayJump.nonce(length));
      assertError(e, Status.E_ARG, Field.NONE, 0, null);
      assertTrue(e.getMessage().contains("length " + length), e.getMessage());
    }
  }

  @Test
  void aNulByteIsRefusedNotTruncated() {
    RepayJumpException e = refusal(() -> v3().openid("oUpF8\0uMEb").build());
    assertError(
        e,
        Status.E_CHARSET,
        Field.OPENID,
        5,
        "openid: byte 5 is NUL; a value cannot contain a NUL byte");
    // After a two-byte character, the NUL is byte 2.
    e = refusal(() -> v3().mchid("\u00e9\0").build());
    assertError(e, Status.E_CHARSET, Field.MCHID, 2, null);
  }

  @Test
  void aNulInTheKeyIsRefusedWithoutTheKey() {
    byte[] key = Sample.KEY.getBytes(StandardCharsets.US_ASCII);
    key[10] = 0;
    RepayJumpException e =
        refusal(() -> Sample.builder(Variant.V2_MERCHANT, null).apiKey(key).build());
    assertError(e, Status.E_CHARSET, Field.API_KEY, 10, null);
    assertFalse(e.getMessage().contains(Sample.KEY.substring(0, 10)), e.getMessage());
  }

  @Test
  void theKeyIsNeverInAMessage() {
    String bad = Sample.KEY.substring(0, 8) + "!" + Sample.KEY.substring(9);
    RepayJumpException e =
        composeRefusal(
            Sample.builder(Variant.V2_MERCHANT, null)
                .apiKey(bad.getBytes(StandardCharsets.US_ASCII)));
    assertError(
        e,
        Status.E_CHARSET,
        Field.API_KEY,
        8,
        "api_key: byte 8 is not allowed; expected exactly 32 letters or digits");
    assertFalse(e.toString().contains(bad.substring(0, 8)), e.toString());
    assertFalse(e.getMessage().contains("!"), "not even the offending byte");
  }

  @Test
  void unknownNumbersStayReadable() {
    RepayJumpException e = new RepayJumpException(-42, 99, 0, "from a newer library");
    assertEquals(Status.UNKNOWN, e.status());
    assertEquals("REPAYJUMP_E_UNKNOWN(-42)", e.statusName());
    assertEquals(Field.UNKNOWN, e.field());
    assertEquals("field 99", e.fieldName());
  }
}
