package repayjump;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/** Gson's strict streaming parser, keeping key order and refusing duplicate keys. */
final class Json {
  private Json() {}

  /** The object text holds, as a LinkedHashMap in key order; strings, Longs and maps. */
  static Map<String, Object> parseObject(String text) {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setLenient(false);
      Map<String, Object> object = readObject(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new IllegalArgumentException("trailing data after the object: " + text);
      }
      return object;
    } catch (IOException e) {
      throw new IllegalArgumentException("not strict JSON: " + text, e);
    }
  }

  private static Map<String, Object> readObject(JsonReader reader) throws IOException {
    Map<String, Object> object = new LinkedHashMap<>();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (object.put(name, readValue(reader)) != null) {
        throw new IllegalArgumentException("duplicate key " + name);
      }
    }
    reader.endObject();
    return object;
  }

  private static Object readValue(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT:
        return readObject(reader);
      case STRING:
        return reader.nextString();
      case NUMBER:
        return reader.nextLong();
      default:
        throw new IllegalArgumentException("unexpected " + reader.peek());
    }
  }
}
