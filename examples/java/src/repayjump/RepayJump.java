package repayjump;

import static repayjump.CallFrame.FIELD_MAX;
import static repayjump.CallFrame.OUTPUT_MAX;
import static repayjump.CallFrame.RESULT_EXTRA_DATA;
import static repayjump.CallFrame.RESULT_NONCE;
import static repayjump.CallFrame.RESULT_SIGN;
import static repayjump.CallFrame.RESULT_SIZE;
import static repayjump.CallFrame.SIGN_LEN;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The repayjump library: validated parameters for WeChat Pay's repayment mini program jump.
 *
 * <p>Every method is thread-safe and crosses into C once. The library is found on first use:
 * {@code REPAYJUMP_LIBRARY} (a path) if set, else the system loader's librepayjump.so or
 * librepayjump.so.1; when neither loads, an {@link UnsatisfiedLinkError} says what to set.
 */
public final class RepayJump {
  /** The one key whose object value is sent member by member, each keyed after it and a dot. */
  private static final String EXTRA_DATA = "extraData";

  private RepayJump() {}

  /**
   * Validates, draws a nonce if params has none, signs (v2), and returns every output.
   *
   * @throws RepayJumpException with the status, field and byte offset of the first fault
   */
  public static Result compose(Params params) {
    NativeLib.ensureLoaded();
    try (CallFrame frame =
        new CallFrame(params.variant().code(), params.flagBits(), params.values(), RESULT_SIZE)) {
      if (NativeLib.repayjump_compose(frame.params(), frame.output(), frame.error()) != 0) {
        throw frame.failure();
      }
      String out = frame.outputText(RESULT_SIZE);
      int at = RESULT_EXTRA_DATA;
      return new Result(
          CallFrame.cString(out, RESULT_NONCE, FIELD_MAX + 1),
          CallFrame.cString(out, RESULT_SIGN, SIGN_LEN + 1),
          CallFrame.cString(out, at, OUTPUT_MAX),
          CallFrame.cString(out, at + OUTPUT_MAX, OUTPUT_MAX),
          CallFrame.cString(out, at + 2 * OUTPUT_MAX, OUTPUT_MAX),
          CallFrame.cString(out, at + 3 * OUTPUT_MAX, OUTPUT_MAX));
    }
  }

  /**
   * Validates and returns one output. Deterministic, so params needs a nonceStr.
   *
   * @throws RepayJumpException with the status, field and byte offset of the first fault
   */
  public static String render(Format format, Params params) {
    NativeLib.ensureLoaded();
    // The output, then its size_t length.
    try (CallFrame frame =
        new CallFrame(params.variant().code(), params.flagBits(), params.values(), OUTPUT_MAX + 8)) {
      if (NativeLib.repayjump_render(
              frame.params(),
              format.code(),
              frame.output(),
              OUTPUT_MAX,
              frame.output().share(OUTPUT_MAX),
              frame.error())
          != 0) {
        throw frame.failure();
      }
      return CallFrame.cString(frame.outputText(OUTPUT_MAX), 0, OUTPUT_MAX);
    }
  }

  /**
   * Only checks params against its variant's rules; nonceStr may be absent.
   *
   * @throws RepayJumpException with the status, field and byte offset of the first fault
   */
  public static void validate(Params params) {
    NativeLib.ensureLoaded();
    try (CallFrame frame =
        new CallFrame(params.variant().code(), params.flagBits(), params.values(), 0)) {
      if (NativeLib.repayjump_validate(frame.params(), frame.error()) != 0) {
        throw frame.failure();
      }
    }
  }

  /**
   * length (1 to 32) characters of [A-Za-z0-9] from libsodium's CSPRNG, each exactly uniform.
   *
   * @throws RepayJumpException E_ARG for a length outside 1 to 32
   */
  public static String nonce(int length) {
    NativeLib.ensureLoaded();
    try (Memory out = new Memory(FIELD_MAX + 1)) {
      // A negative int would become a huge size_t; the library refuses both alike.
      int status = NativeLib.repayjump_nonce(out, FIELD_MAX + 1, length < 0 ? -1L : length);
      if (status != 0) {
        throw new RepayJumpException(
            status,
            Field.NONE.code(),
            0,
            "nonce: length " + length + " is out of range; expected 1 to " + FIELD_MAX);
      }
      return out.getString(0, "UTF-8");
    }
  }

  /**
   * Checks an App path ({@code pages/invest_list/invest_list?appid=...}) or a bare query ({@code
   * appid=...&mchid=...}) as {@code repayjump check} does: every problem, in input order, with
   * byte offsets into the text's UTF-8. What the text gets wrong is in the result; nothing is
   * thrown for it.
   */
  public static CheckResult check(String text) {
    return check(text, CheckOptions.defaults());
  }

  /**
   * Checks an App path or query with options.
   *
   * @throws RepayJumpException E_ARG if the library refuses the options
   */
  public static CheckResult check(String text, CheckOptions options) {
    CheckLib.ensureLoaded();
    try (CheckCall call = new CheckCall(options, text.getBytes(StandardCharsets.UTF_8), null)) {
      return call.run();
    }
  }

  /**
   * Checks a parsed JSON object, its members in the map's iteration order: a LinkedHashMap, or what
   * Gson and Jackson return, keeps the input's. The object is told by its keys: a
   * wx.navigateToMiniProgram argument (kind "navigate": extraData or envVersion, or appId and
   * path), whose appId, path and envVersion get the navigate.* rules; an App launch request (kind
   * "app_launch": userName, miniProgramType or path), whose miniProgramType must be the number 0
   * and whose path is checked as an App path; else the jump's fields (an extraData, kind "none").
   *
   * <p>A String value (any CharSequence) is checked against its field's rule; any other value,
   * null included, is json.not_string, and the fix quotes it as JSON (numbers and booleans as
   * String.valueOf writes them). A top-level extraData that is a Map is sent as its JSON text
   * followed by one pair per member, keyed {@code extraData.<key>}, in the map's order; a String
   * extraData that holds a JSON object (encoded twice, itself a finding) is sent as the string,
   * followed by its members the same way, in their order. Findings about a member have that key
   * ({@code extraData.nonce_str}). Offsets count bytes of the value (inValue), and pair is the
   * index of the pair as sent (extraData's members follow it).
   */
  public static CheckResult check(Map<String, ?> fields) {
    return check(fields, CheckOptions.defaults());
  }

  /**
   * Checks a parsed JSON object with options.
   *
   * @throws RepayJumpException E_ARG if the library refuses the options
   */
  public static CheckResult check(Map<String, ?> fields, CheckOptions options) {
    CheckLib.ensureLoaded();
    CheckCall.Pairs pairs = new CheckCall.Pairs();
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      String key = String.valueOf(field.getKey());
      Object value = field.getValue();
      pairs.add(key, value);
      if (EXTRA_DATA.equals(key)) {
        for (Map.Entry<?, ?> member : members(value)) {
          pairs.add(EXTRA_DATA + "." + member.getKey(), member.getValue());
        }
      }
    }
    try (CheckCall call = pairs.call(options)) {
      return call.run();
    }
  }

  /** extraData's members: a Map's, or those of a JSON object in a string; else none. */
  private static Collection<? extends Map.Entry<?, ?>> members(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.entrySet();
    }
    if (value instanceof CharSequence text) {
      List<Map.Entry<String, Object>> members = JsonMembers.of(text.toString());
      if (members != null) {
        return members;
      }
    }
    return List.of();
  }

  /** The library's name of every check code, by number: "none", "input.empty", ... */
  public static List<String> checkCodeNames() {
    return List.of(CheckNames.get().codes);
  }

  /** The library's severity of a check code: "error", "warning" or "note"; "unknown" for others. */
  public static String checkCodeSeverity(String code) {
    CheckNames names = CheckNames.get();
    for (int i = 0; i < names.codes.length; i++) {
      if (names.codes[i].equals(code)) {
        return names.severityOfCode[i];
      }
    }
    return "unknown";
  }

  /** The library's name of a variant: "v3", "v3-partner", "v2", "v2-partner". */
  public static String variantName(Variant variant) {
    CheckLib.ensureLoaded();
    return CheckLib.repayjump_variant_name(variant.code());
  }

  /** The library's name of a format: "extra-data", "navigate", "app-path", "app-launch". */
  public static String formatName(Format format) {
    CheckLib.ensureLoaded();
    return CheckLib.repayjump_format_name(format.code());
  }

  /**
   * The signed XML body of WeChat Pay's user state query (querystate), to POST to {@link
   * #statusUrl(Variant, boolean)}. Every variant signs it with the merchant's APIv2 key, so params
   * needs an apiKey in all four (the APIv3 variants take it here only), and an openid, a subOpenid
   * (partners) or the query's plateNumber. Without a nonceStr a fresh one is drawn.
   *
   * @throws RepayJumpException with the status, field and byte offset of the first fault
   */
  public static String statusRequest(Params params, StatusQuery query) {
    StatusLib.ensureLoaded();
    int max = NativeStatus.REQUEST_MAX;
    // The body, then its size_t length.
    try (CallFrame frame =
        new CallFrame(
            params.variant().code(), params.flagBits(), params.values(), query.values(), max + 8)) {
      Pointer out = frame.output();
      if (StatusLib.repayjump_status_request(
              frame.params(), frame.query(), out, max, out.share(max), frame.error())
          != 0) {
        throw frame.failure();
      }
      byte[] bytes = out.getByteArray(0, max + 8);
      int len = (int) ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getLong(max);
      return new String(bytes, 0, len, StandardCharsets.UTF_8);
    }
  }

  /**
   * Where to POST a variant's status request: WeChat Pay's primary host, or with backup its backup
   * host (api2.mch.weixin.qq.com), for one retry after a failed connection, a timeout or a 5xx.
   */
  public static String statusUrl(Variant variant, boolean backup) {
    StatusLib.ensureLoaded();
    return StatusLib.repayjump_status_url(variant.code(), backup ? 1 : 0);
  }

  /**
   * The user's state from WeChat Pay's answer to a request made with params (its variant, appid,
   * mchid, subMchid and apiKey are used; any openid or nonceStr is ignored), only if the answer is
   * trusted: flat XML of at most {@link #answerMax()} bytes, no element twice, signed with the key
   * (compared in constant time), for the appid and merchant asked, and SUCCESS.
   *
   * @throws RepayJumpException the first check that failed (E_TOO_LARGE, E_XML with the offset in
   *     the answer, E_DUPLICATE, E_SIGNATURE, E_ECHO, E_NO_STATE, E_TOO_LONG), or WeChat's FAIL
   *     (E_RETURN_FAIL, E_RESULT_FAIL) with its words: {@link RepayJumpException#errCode()}...
   */
  public static StatusResult parseStatus(Params params, byte[] answer) {
    StatusLib.ensureLoaded();
    int size = NativeStatus.RESULT_SIZE;
    // The result, then a copy of the answer.
    long outputSize = (long) size + answer.length;
    try (CallFrame frame =
        new CallFrame(params.variant().code(), params.flagBits(), params.values(), outputSize)) {
      Pointer result = frame.output();
      Pointer copy = result.share(size);
      copy.write(0, answer, 0, answer.length);
      int status =
          StatusLib.repayjump_status_parse(
              frame.params(), copy, answer.length, result, frame.error());
      if (status != 0
          && status != Status.E_RETURN_FAIL.code()
          && status != Status.E_RESULT_FAIL.code()) {
        throw frame.failure();
      }
      byte[] bytes = result.getByteArray(0, size);
      if (status != 0) {
        throw frame.failure(bytes);
      }
      return new StatusResult(
          UserState.of(NativeStatus.state(bytes)),
          NativeStatus.member(bytes, 0),
          NativeStatus.member(bytes, 1),
          NativeStatus.member(bytes, 2),
          NativeStatus.member(bytes, 3),
          NativeStatus.member(bytes, 4),
          NativeStatus.member(bytes, 5),
          NativeStatus.member(bytes, 6));
    }
  }

  /**
   * {@link #parseStatus(Params, byte[])} of a text answer, encoded to UTF-8.
   *
   * @throws RepayJumpException as parseStatus(Params, byte[])
   */
  public static StatusResult parseStatus(Params params, String answer) {
    return parseStatus(params, answer.getBytes(StandardCharsets.UTF_8));
  }

  /** The library's name of a user state: "NORMAL", ...; "unknown" for UNKNOWN. */
  public static String userStateName(UserState state) {
    StatusLib.ensureLoaded();
    return StatusLib.repayjump_user_state_name(state.code());
  }

  /** A size that holds every status request, NUL included (1024). */
  public static long statusRequestMax() {
    StatusLib.ensureLoaded();
    return StatusLib.repayjump_status_request_max();
  }

  /** The longest answer parseStatus reads (16384 bytes); a longer one is E_TOO_LARGE. */
  public static long answerMax() {
    StatusLib.ensureLoaded();
    return StatusLib.repayjump_answer_max();
  }

  /** sizeof(repayjump_status_result), which the binding mirrors. */
  public static long statusResultSize() {
    StatusLib.ensureLoaded();
    return StatusLib.repayjump_status_result_size();
  }

  /** The repayment mini program's AppID, the appId of wx.navigateToMiniProgram. */
  public static String targetAppid() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_target_appid();
  }

  /** The repayment mini program's original id, the userName of an App's launch request. */
  public static String targetUsername() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_target_username();
  }

  /** The page the jump opens. */
  public static String targetPath() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_target_path();
  }

  /** A size that holds every output of every variant, NUL included (1024). */
  public static long outputMax() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_output_max();
  }

  /** The longest emitted field value (32). */
  public static long fieldMax() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_field_max();
  }

  /** The length of an APIv2 sign (64). */
  public static long signLen() {
    CheckLib.ensureLoaded();
    return CheckLib.repayjump_sign_len();
  }

  /** The size of a message or fix, NUL included (192): no message is longer. */
  public static long messageMax() {
    CheckLib.ensureLoaded();
    return CheckLib.repayjump_message_max();
  }

  /** The loaded library's version, "MAJOR.MINOR.PATCH". */
  public static String version() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_version();
  }

  /** The loaded library's version as MAJOR << 16 | MINOR << 8 | PATCH. */
  public static int versionNumber() {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_version_number();
  }

  /** The library's English text for a status number. */
  public static String strerror(int status) {
    NativeLib.ensureLoaded();
    return NativeLib.repayjump_strerror(status);
  }
}
