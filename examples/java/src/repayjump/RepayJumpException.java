package repayjump;

/**
 * The library refused the input: which status, which field, which byte.
 *
 * <p>Unchecked, like {@link IllegalArgumentException}: a refusal is a fault in the values passed
 * (a bug or bad stored data), not a condition a caller can recover from on the spot, and compose is
 * often called inside lambdas. The message is the library's one English line, e.g. {@code mchid:
 * byte 4 is 'x'; expected a digit}; it never contains the api key. For an answer in which WeChat
 * Pay said FAIL ({@link Status#E_RETURN_FAIL}, {@link Status#E_RESULT_FAIL}), WeChat's own words
 * follow it, quoted, and {@link #returnMsg()}, {@link #errCode()} and {@link #errCodeDes()} give
 * them verbatim.
 */
public final class RepayJumpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final int fieldCode;
  private final long offset;
  private final String returnMsg;
  private final String errCode;
  private final String errCodeDes;

  RepayJumpException(int statusCode, int fieldCode, long offset, String message) {
    this(statusCode, fieldCode, offset, message, "", "", "");
  }

  /** With WeChat Pay's words ("" where none): they follow the message when it said FAIL. */
  RepayJumpException(
      int statusCode,
      int fieldCode,
      long offset,
      String message,
      String returnMsg,
      String errCode,
      String errCodeDes) {
    super(withWords(statusCode, message, returnMsg, errCode, errCodeDes));
    this.statusCode = statusCode;
    this.fieldCode = fieldCode;
    this.offset = offset;
    this.returnMsg = returnMsg;
    this.errCode = errCode;
    this.errCodeDes = errCodeDes;
  }

  private static String withWords(
      int statusCode, String message, String returnMsg, String errCode, String errCodeDes) {
    if (statusCode == Status.E_RETURN_FAIL.code()) {
      return message + "; return_msg " + quote(returnMsg);
    }
    if (statusCode == Status.E_RESULT_FAIL.code()) {
      return message + "; err_code " + quote(errCode) + ", err_code_des " + quote(errCodeDes);
    }
    return message;
  }

  /** text in double quotes, one line: quotes, backslashes and control characters escaped. */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    return out.append('"').toString();
  }

  /** The status, e.g. {@link Status#E_CHARSET}. */
  public Status status() {
    return Status.of(statusCode);
  }

  /** The library's status number, e.g. -6. */
  public int statusCode() {
    return statusCode;
  }

  /** The status's C name, e.g. {@code REPAYJUMP_E_CHARSET}. */
  public String statusName() {
    Status status = status();
    return status == Status.UNKNOWN
        ? "REPAYJUMP_E_UNKNOWN(" + statusCode + ")"
        : "REPAYJUMP_" + status.name();
  }

  /** The offending field, or {@link Field#NONE}. */
  public Field field() {
    return Field.of(fieldCode);
  }

  /** The library's field number, e.g. 2 for mchid. */
  public int fieldCode() {
    return fieldCode;
  }

  /** The field's name, e.g. {@code mchid}; {@code none} when no field is at fault. */
  public String fieldName() {
    Field field = field();
    return field == Field.UNKNOWN ? "field " + fieldCode : field.wireName();
  }

  /**
   * Byte offset of the first offending byte in the field's UTF-8 value; for an answer that is not
   * flat XML, in the answer; else 0.
   */
  public long offset() {
    return offset;
  }

  /** WeChat Pay's return_msg when it said FAIL (E_RETURN_FAIL, E_RESULT_FAIL); else "". */
  public String returnMsg() {
    return returnMsg;
  }

  /** WeChat Pay's err_code when result_code was FAIL (E_RESULT_FAIL), e.g. SYSTEMERROR; else "". */
  public String errCode() {
    return errCode;
  }

  /** WeChat Pay's err_code_des when result_code was FAIL (E_RESULT_FAIL), verbatim; else "". */
  public String errCodeDes() {
    return errCodeDes;
  }
}
