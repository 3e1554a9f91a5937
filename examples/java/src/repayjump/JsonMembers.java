package repayjump;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The members of a JSON object held in a string (an extraData encoded twice), in their order: a
 * string member as its String, any other as its JSON text without whitespace (a {@link Text},
 * which {@link JsonText} writes as it is). A tiny strict reader (RFC 8259), so that the binding
 * needs no JSON library; duplicate keys are kept, for the check to find.
 */
final class JsonMembers {
  /** Deeper nesting than this is not read: the string is then taken as no object. */
  private static final int MAX_DEPTH = 512;

  /** A member's value that is not a string: its JSON text, which toString() gives. */
  record Text(String json) {
    @Override
    public String toString() {
      return json;
    }
  }

  private final String in;
  private int at;

  private JsonMembers(String in) {
    this.in = in;
  }

  /** The members of the object text holds; null unless text is exactly one JSON object. */
  static List<Map.Entry<String, Object>> of(String text) {
    JsonMembers reader = new JsonMembers(text);
    try {
      reader.space();
      if (reader.peek() != '{') {
        return null;
      }
      List<Map.Entry<String, Object>> members = reader.object();
      reader.space();
      return reader.at == text.length() ? members : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private List<Map.Entry<String, Object>> object() {
    List<Map.Entry<String, Object>> members = new ArrayList<>();
    expect('{');
    space();
    if (peek() == '}') {
      at++;
      return members;
    }
    while (true) {
      space();
      String key = string();
      space();
      expect(':');
      space();
      Object value;
      if (peek() == '"') {
        value = string();
      } else {
        StringBuilder json = new StringBuilder();
        value(json, 1);
        value = new Text(json.toString());
      }
      members.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
      space();
      if (peek() == '}') {
        at++;
        return members;
      }
      expect(',');
    }
  }

  /** Reads one value, appending its text without whitespace to out. */
  private void value(StringBuilder out, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("too deep");
    }
    char c = peek();
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      out.append(c);
      at++;
      space();
      if (peek() == close) {
        out.append(close);
        at++;
        return;
      }
      while (true) {
        space();
        if (c == '{') {
          int from = at;
          string();
          out.append(in, from, at);
          space();
          expect(':');
          out.append(':');
          space();
        }
        value(out, depth + 1);
        space();
        if (peek() == close) {
          out.append(close);
          at++;
          return;
        }
        expect(',');
        out.append(',');
      }
    }
    int from = at;
    if (c == '"') {
      string();
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      number();
    } else if (!word("true") && !word("false") && !word("null")) {
      throw new IllegalArgumentException("not a value");
    }
    out.append(in, from, at);
  }

  private boolean word(String word) {
    if (in.startsWith(word, at)) {
      at += word.length();
      return true;
    }
    return false;
  }

  private void number() {
    if (peek() == '-') {
      at++;
    }
    if (peek() == '0') {
      at++;
    } else {
      digits();
    }
    if (at < in.length() && in.charAt(at) == '.') {
      at++;
      digits();
    }
    if (at < in.length() && (in.charAt(at) == 'e' || in.charAt(at) == 'E')) {
      at++;
      if (peek() == '+' || peek() == '-') {
        at++;
      }
      digits();
    }
  }

  private void digits() {
    int from = at;
    while (at < in.length() && in.charAt(at) >= '0' && in.charAt(at) <= '9') {
      at++;
    }
    if (at == from) {
      throw new IllegalArgumentException("no digits");
    }
  }

  /** Reads a string, returning it decoded. */
  private String string() {
    expect('"');
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return out.toString();
      } else if (c < 0x20) {
        throw new IllegalArgumentException("a control character in a string");
      } else if (c != '\\') {
        out.append(c);
        continue;
      }
      c = next();
      switch (c) {
        case '"', '\\', '/' -> out.append(c);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (at + 4 > in.length()) {
            throw new IllegalArgumentException("a short \\u escape");
          }
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = Character.digit(in.charAt(at++), 16);
            if (digit < 0) {
              throw new IllegalArgumentException("a bad \\u escape");
            }
            code = code * 16 + digit;
          }
          out.append((char) code);
        }
        default -> throw new IllegalArgumentException("a bad escape");
      }
    }
  }

  private void space() {
    while (at < in.length()
        && (in.charAt(at) == ' '
            || in.charAt(at) == '\t'
            || in.charAt(at) == '\n'
            || in.charAt(at) == '\r')) {
      at++;
    }
  }

  private char peek() {
    return at < in.length() ? in.charAt(at) : '\0';
  }

  private char next() {
    if (at >= in.length()) {
      throw new IllegalArgumentException("unexpected end");
    }
    return in.charAt(at++);
  }

  private void expect(char c) {
    if (next() != c) {
      throw new IllegalArgumentException("expected " + c);
    }
  }
}
