package repayjump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structs as the binding lays them out agree with the library: raw variant and flag numbers,
 * each string slot, the error struct and the result offsets.
 */
class LayoutTest {
  @BeforeAll
  static void load() {
    NativeLib.ensureLoaded();
  }

  /** Valid V2 partner values (every field used) in slot order, as UTF-8. */
  static byte[][] v2PartnerValues() {
    String[] texts = {
      Sample.APPID, Sample.MCHID, Sample.NONCE, Sample.OPENID,
      Sample.SUB_APPID, Sample.SUB_MCHID, Sample.SUB_OPENID, Sample.KEY
    };
    byte[][] values = new byte[texts.length][];
    for (int i = 0; i < texts.length; i++) {
      values[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
    }
    return values;
  }

  /** repayjump_validate on a raw frame: the status, and the error when it fails. */
  static RepayJumpException validate(int variant, int flags, byte[][] values) {
    try (CallFrame frame = new CallFrame(variant, flags, values, 0)) {
      int status = NativeLib.repayjump_validate(frame.params(), frame.error());
      return status == 0 ? null : frame.failure();
    }
  }

  @Test
  void theSizeConstantsAreTheLibrarys() {
    assertEquals(RepayJump.outputMax(), CallFrame.OUTPUT_MAX);
    assertEquals(RepayJump.fieldMax(), CallFrame.FIELD_MAX);
    assertEquals(1024, RepayJump.outputMax());
    assertEquals(32, RepayJump.fieldMax());
    // nonce_str[33] + sign[65] + 4 x char[1024], from the header's declaration.
    assertEquals(33 + 65 + 4 * 1024, CallFrame.RESULT_SIZE);
    assertEquals(8 + 8 * 8, CallFrame.PARAMS_SIZE);
  }

  @Test
  void variantAndFlagsSitWhereTheLibraryReadsThem() {
    assertEquals(null, validate(Variant.V2_PARTNER.code(), 0, v2PartnerValues()));
    assertEquals(null, validate(3, Flag.RELAXED.bit() | Flag.ALLOW_NO_OPENID.bit(), v2PartnerValues()));
    for (int variant : new int[] {4, -1, 1 << 16}) {
      RepayJumpException e = validate(variant, 0, v2PartnerValues());
      assertEquals(Status.E_ARG, e.status(), "variant " + variant);
    }
    for (int flags : new int[] {4, 1 << 31}) {
      RepayJumpException e = validate(3, flags, v2PartnerValues());
      assertEquals(Status.E_ARG, e.status(), "flags " + flags);
    }
  }

  @Test
  void theFormatNumbersAreTheLibrarys() {
    for (int format = -1; format <= Format.values().length; format++) {
      try (CallFrame frame = new CallFrame(3, 0, v2PartnerValues(), CallFrame.OUTPUT_MAX + 8)) {
        int status =
            NativeLib.repayjump_render(
                frame.params(),
                format,
                frame.output(),
                CallFrame.OUTPUT_MAX,
                frame.output().share(CallFrame.OUTPUT_MAX),
                frame.error());
        boolean known = format >= 0 && format < Format.values().length;
        assertEquals(known ? 0 : Status.E_ARG.code(), status, "format " + format);
        if (known) {
          String out = CallFrame.cString(frame.outputText(CallFrame.OUTPUT_MAX), 0, CallFrame.OUTPUT_MAX);
          // The size_t length the library wrote after the output.
          assertEquals(out.length(), frame.output().getLong(CallFrame.OUTPUT_MAX));
          String expectedStart = format == Format.APP_PATH.code() ? Sample.TARGET_PATH + "?" : "{";
          assertEquals(expectedStart, out.substring(0, expectedStart.length()));
          assertEquals(Format.values()[format].code(), format);
        }
      }
    }
  }

  @Test
  void eachStringSlotIsTheFieldOfTheSameNumber() {
    for (int slot = 0; slot < Params.SLOTS; slot++) {
      byte[][] values = v2PartnerValues();
      values[slot] = "a ".getBytes(StandardCharsets.US_ASCII);
      RepayJumpException e = validate(Variant.V2_PARTNER.code(), Flag.RELAXED.bit(), values);
      assertEquals(slot + 1, e.fieldCode(), e.getMessage());
      assertEquals(Status.E_CHARSET, e.status(), e.getMessage());
      assertEquals(1, e.offset(), "size_t offset");
      assertEquals(
          Field.of(slot + 1).wireName() + ": byte 1",
          e.getMessage().substring(0, e.getMessage().indexOf(" is")));
    }
  }

  @Test
  void theResultOffsetsHoldNonceAndSign() {
    try (Params params = Sample.builder(Variant.V2_MERCHANT, Sample.NONCE).build()) {
      Result result = RepayJump.compose(params);
      assertEquals(Sample.NONCE, result.nonceStr());
      assertEquals(Sample.expected(Variant.V2_MERCHANT, Sample.NONCE).get("sign"), result.sign());
      assertEquals('{', result.extraDataJson().charAt(0));
    }
  }

  @Test
  void fieldNamesAndStatusTextsAreTheLibrarys() {
    for (Field field : Field.values()) {
      // SIGN_TYPE and SIGN are a check finding's only, not repayjump_field's: ObjectTest.
      if (field != Field.UNKNOWN && field != Field.SIGN_TYPE && field != Field.SIGN) {
        assertEquals(NativeLib.repayjump_field_name(field.code()), field.wireName());
      }
    }
    for (Status status : Status.values()) {
      if (status != Status.UNKNOWN) {
        assertNotEquals("unknown status", RepayJump.strerror(status.code()), status.name());
      }
    }
    assertEquals("unknown status", RepayJump.strerror(-100));
  }

  /** The check's structs as JNA lays them out: the header's offsets and sizes on LP64. */
  @Test
  void theCheckStructsHaveTheHeadersLayout() {
    try (Memory memory = new Memory(NativeCheck.FINDING_SIZE)) {
      NativeCheck.Options options = new NativeCheck.Options(memory);
      assertEquals(NativeCheck.OPTIONS_SIZE, options.size());
      assertEquals(List.of(0, 4, 8), offsets(options, "variant", "flags", "api_key"));

      NativeCheck.Pair pair = new NativeCheck.Pair(memory);
      assertEquals(NativeCheck.PAIR_SIZE, pair.size());
      assertEquals(
          List.of(0, 8, 16, 24, 32, 40, 48),
          offsets(
              pair, "key", "key_len", "value", "value_len", "type", "key_offset",
              "value_offset"));

      NativeCheck.Finding finding = new NativeCheck.Finding(memory);
      assertEquals(NativeCheck.FINDING_SIZE, finding.size());
      assertEquals(
          List.of(0, 4, 8, 12, 16, 24, 32, 40, 48, 56, 56 + CallFrame.MESSAGE_MAX),
          offsets(
              finding, "code", "severity", "field", "in_value", "offset", "length", "pair", "key",
              "key_len", "message", "fix"));

      NativeCheck.Result result = new NativeCheck.Result(memory);
      assertEquals(NativeCheck.RESULT_SIZE, result.size());
      assertEquals(
          List.of(0, 8, 16, 24, 32, 36),
          offsets(result, "count", "errors", "warnings", "notes", "variant", "kind"));
    }
    assertEquals(CallFrame.MESSAGE_MAX, RepayJump.messageMax());
    assertEquals(CallFrame.SIGN_LEN, RepayJump.signLen());
  }

  private static List<Integer> offsets(NativeCheck.Struct struct, String... fields) {
    List<Integer> out = new ArrayList<>();
    for (String field : fields) {
      out.add(struct.offsetOf(field));
    }
    return out;
  }

  /** What the library reads and writes where: options, result, pairs and findings. */
  @Test
  void theLibraryReadsAndWritesTheCheckStructsWhereTheBindingDoes() {
    // The variant slot: 4 is no variant; the explicit one comes back in the result.
    try (CheckOptions options = CheckOptions.builder().variant(Variant.V2_PARTNER).build();
        CheckCall call =
            new CheckCall(
                options, CheckTest.ANDROID_PATH.getBytes(StandardCharsets.US_ASCII), null)) {
      assertEquals(Variant.V2_PARTNER.code(), call.nativeOptions().getInt(0));
      assertEquals(Variant.V2_PARTNER, call.run().variant());
      call.nativeOptions().setInt(0, 4);
      assertEquals(Status.E_ARG, assertThrows(RepayJumpException.class, call::run).status());
    }
    // The flags slot: ALLOW_NO_OPENID lifts openid's field.missing.
    String noOpenid =
        "appid=" + Sample.APPID + "&mchid=" + Sample.MCHID + "&nonce_str=" + Sample.NONCE;
    try (CheckOptions options = CheckOptions.builder().flags(Flag.ALLOW_NO_OPENID).build()) {
      assertEquals(0, RepayJump.check(noOpenid, options).findings().size());
      assertEquals("field.missing", RepayJump.check(noOpenid).findings().get(0).code());
    }
    // Pairs: each at its stride, key and value where they point, the index coming back.
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("appid", Sample.APPID);
    fields.put("mchid", Sample.MCHID);
    fields.put("nonce_str", Sample.NONCE);
    fields.put("openid", "oUpF8uMEb4qRXf22hE3X68Te kukE");
    fields.put("mchid", 5L); // replaces the value, keeps the place
    CheckResult r = RepayJump.check(fields);
    assertEquals(2, r.findings().size(), r.toString());
    assertEquals(List.of(1, 3), List.of(r.findings().get(0).pair(), r.findings().get(1).pair()));
    Finding space = r.findings().get(1);
    assertEquals("openid", space.key());
    assertEquals(24, space.offset());
    assertEquals(1, space.length());
    assertEquals(Field.OPENID, space.field());
    assertEquals(List.of(2, 0, 0), List.of(r.errors(), r.warnings(), r.notes()));
  }

  /** The status query's structs: the header's sizes and offsets, and the library's own size. */
  @Test
  void theStatusStructsHaveTheHeadersLayout() {
    try (Memory memory = new Memory(NativeStatus.RESULT_SIZE)) {
      NativeStatus.Query query = new NativeStatus.Query(memory);
      assertEquals(NativeStatus.QUERY_SIZE, query.size());
      assertEquals(List.of(0, 8, 16), offsets(query, "trade_scene", "jump_scene", "plate_number"));

      NativeStatus.Result result = new NativeStatus.Result(memory);
      assertEquals(NativeStatus.RESULT_SIZE, result.size());
      List<Integer> expected = new ArrayList<>();
      for (int offset : NativeStatus.OFFSETS) {
        expected.add(offset);
      }
      assertEquals(expected, offsets(result, NativeStatus.MEMBERS));
      assertEquals(0, result.offsetOf("state"));
    }
    // From the header's declaration: int, then 64, 64, 129, 129, 1024, 4096, 64, 512, 64, 512
    // chars, padded to 4.
    assertEquals(6664, NativeStatus.RESULT_SIZE);
    assertEquals(NativeStatus.RESULT_SIZE, RepayJump.statusResultSize());
    assertEquals(NativeStatus.REQUEST_MAX, RepayJump.statusRequestMax());
    assertEquals(NativeStatus.ANSWER_MAX, RepayJump.answerMax());
    assertEquals(8 + 8 * 8 + 3 * 8, CallFrame.PARAMS_SIZE + NativeStatus.QUERY_SIZE);
  }

  /** Each query slot is the field of the same number, read where the binding puts it. */
  @Test
  void eachQuerySlotIsTheFieldOfTheSameNumber() {
    StatusLib.ensureLoaded();
    byte[][] params = v2PartnerValues();
    for (int slot = 0; slot < StatusQuery.SLOTS; slot++) {
      byte[][] query = {"GAS".getBytes(StandardCharsets.US_ASCII), null, null};
      query[slot] = "A!".getBytes(StandardCharsets.US_ASCII);
      try (CallFrame frame =
          new CallFrame(
              Variant.V2_PARTNER.code(), Flag.RELAXED.bit(), params, query, CallFrame.OUTPUT_MAX)) {
        int status =
            StatusLib.repayjump_status_request(
                frame.params(), frame.query(), frame.output(), CallFrame.OUTPUT_MAX, null,
                frame.error());
        RepayJumpException e = frame.failure();
        assertEquals(Status.E_CHARSET.code(), status, e.getMessage());
        assertEquals(Field.TRADE_SCENE.code() + slot, e.fieldCode(), e.getMessage());
        assertEquals(1, e.offset(), e.getMessage());
      }
    }
  }

  /** What the library writes into the result is what the binding reads from it. */
  @Test
  void theLibraryWritesTheStatusResultWhereTheBindingReads() {
    StatusLib.ensureLoaded();
    JsonObject trusted = StatusVectors.answers().get(0).getAsJsonObject();
    byte[] answer = StatusVectors.answer(trusted);
    try (Params params = StatusVectors.identity("v3");
        CallFrame frame =
            new CallFrame(
                params.variant().code(), params.flagBits(), params.values(),
                NativeStatus.RESULT_SIZE + answer.length)) {
      Pointer copy = frame.output().share(NativeStatus.RESULT_SIZE);
      copy.write(0, answer, 0, answer.length);
      assertEquals(
          0,
          StatusLib.repayjump_status_parse(
              frame.params(), copy, answer.length, frame.output(), frame.error()));
      NativeStatus.Result jna = new NativeStatus.Result(frame.output());
      jna.read();
      StatusResult r = RepayJump.parseStatus(params, answer);
      assertEquals(UserState.OVERDUE.code(), jna.state);
      assertEquals(r.state().code(), jna.state);
      assertEquals(r.userState(), cText(jna.user_state));
      assertEquals(r.deductMode(), cText(jna.deduct_mode));
      assertEquals(r.openid(), cText(jna.openid));
      assertEquals(r.subOpenid(), cText(jna.sub_openid));
      assertEquals(r.path(), cText(jna.path));
      assertEquals(r.plateNumberInfo(), cText(jna.plate_number_info));
      assertEquals(r.plateNumber(), cText(jna.plate_number));
      assertEquals("OK", cText(jna.return_msg));
      assertFalse(r.plateNumber().isEmpty());
      assertFalse(r.plateNumberInfo().isEmpty());
    }
  }

  private static String cText(byte[] member) {
    int end = 0;
    while (end < member.length && member[end] != 0) {
      end++;
    }
    return new String(member, 0, end, StandardCharsets.UTF_8);
  }

  @Test
  void theVersionIsTheProjects() {
    String expected = System.getProperty("repayjump.version");
    assertEquals(expected, RepayJump.version());
    String[] parts = expected.split("\\.");
    int number =
        Integer.parseInt(parts[0]) << 16
            | Integer.parseInt(parts[1]) << 8
            | Integer.parseInt(parts[2]);
    assertEquals(number, RepayJump.versionNumber());
  }
}
