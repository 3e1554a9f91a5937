package repayjump;

/**
 * One problem that a check found.
 *
 * @param code the library's stable name of the problem, e.g. "value.space" (CHECK.md)
 * @param severity "error", "warning" or "note"
 * @param field the field it concerns, {@link Field#NONE} when none
 * @param key the key as written in the input ({@code extraData.nonce_str} for a member of a map's
 *     extraData); null when none
 * @param offset bytes of UTF-8 into the checked text, or, when inValue, into the pair's value; -1
 *     when unknown
 * @param length bytes it spans; 0 for something absent
 * @param inValue whether offset counts bytes of the pair's value (a map has no positions)
 * @param pair the index of the pair it is about, as sent (a map's entries, each extraData member
 *     after extraData); -1 for a text, or when none
 * @param message one English line, e.g. "nonce_str: byte 32 is a space"; never the api key
 * @param fix one English line, e.g. "remove the space"; never the api key
 */
public record Finding(
    String code,
    String severity,
    Field field,
    String key,
    long offset,
    long length,
    boolean inValue,
    int pair,
    String message,
    String fix) {

  /** Whether this finding is an error (the jump fails), rather than a warning or a note. */
  public boolean isError() {
    return "error".equals(severity);
  }
}
