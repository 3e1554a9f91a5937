package repayjump;

/**
 * The library refused the input: which status, which field, which byte.
 *
 * <p>Unchecked, like {@link IllegalArgumentException}: a refusal is a fault in the values passed
 * (a bug or bad stored data), not a condition a caller can recover from on the spot, and compose is
 * often called inside lambdas. The message is the library's one English line, e.g. {@code mchid:
 * byte 4 is 'x'; expected a digit}; it never contains the api key.
 */
public final class RepayJumpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int statusCode;
  private final int fieldCode;
  private final long offset;

  RepayJumpException(int statusCode, int fieldCode, long offset, String message) {
    super(message);
    this.statusCode = statusCode;
    this.fieldCode = fieldCode;
    this.offset = offset;
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

  /** Byte offset of the first offending byte in the field's UTF-8 value, else 0. */
  public long offset() {
    return offset;
  }
}
