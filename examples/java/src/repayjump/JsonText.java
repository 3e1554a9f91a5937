package repayjump;

import java.lang.reflect.Array;
import java.util.Map;

/**
 * The JSON text of a value that is not a string, for a json.not_string finding to quote: null,
 * booleans and numbers as String.valueOf writes them, maps and lists (and arrays) as JSON with
 * their strings quoted, anything else as its toString() (a Gson or Jackson tree node writes itself
 * as JSON there). A tiny writer, so that the binding needs no JSON library.
 */
final class JsonText {
  private JsonText() {}

  static String of(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value) {
    if (value instanceof CharSequence) {
      quote(out, value.toString());
    } else if (value instanceof Map<?, ?>) {
      out.append('{');
      String comma = "";
      for (Map.Entry<?, ?> member : ((Map<?, ?>) value).entrySet()) {
        out.append(comma);
        quote(out, String.valueOf(member.getKey()));
        out.append(':');
        write(out, member.getValue());
        comma = ",";
      }
      out.append('}');
    } else if (value instanceof Iterable<?>) {
      out.append('[');
      String comma = "";
      for (Object element : (Iterable<?>) value) {
        out.append(comma);
        write(out, element);
        comma = ",";
      }
      out.append(']');
    } else if (value != null && value.getClass().isArray()) {
      out.append('[');
      for (int i = 0; i < Array.getLength(value); i++) {
        out.append(i > 0 ? "," : "");
        write(out, Array.get(value, i));
      }
      out.append(']');
    } else {
      out.append(value);
    }
  }

  private static void quote(StringBuilder out, String text) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
