package repayjump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The status vectors every binding shares (tests/status/vectors.json, from the system property
 * repayjump.status.vectors), read with Gson, and what the tests need to use them.
 */
final class StatusVectors {
  static final String PROPERTY = "repayjump.status.vectors";

  private StatusVectors() {}

  private static final class Holder {
    static final JsonObject ROOT = read();
  }

  private static JsonObject read() {
    String path = System.getProperty(PROPERTY, "../../tests/status/vectors.json");
    try {
      return JsonParser.parseString(Files.readString(Path.of(path), StandardCharsets.UTF_8))
          .getAsJsonObject();
    } catch (IOException e) {
      throw new AssertionError(PROPERTY + "=" + path + ": " + e, e);
    }
  }

  static JsonObject root() {
    return Holder.ROOT;
  }

  static String key() {
    return root().get("key").getAsString();
  }

  static List<JsonElement> requests() {
    return root().getAsJsonArray("requests").asList();
  }

  static List<JsonElement> answers() {
    return root().getAsJsonArray("answers").asList();
  }

  static String text(JsonObject object, String name) {
    JsonElement value = object.get(name);
    return value == null ? null : value.getAsString();
  }

  /** A vector's params as a builder (its key included). */
  static Params.Builder builder(JsonObject params) {
    Params.Builder builder =
        Params.builder()
            .variant(Variant.values()[params.get("variant").getAsInt()])
            .appid(text(params, "appid"))
            .mchid(text(params, "mchid"))
            .nonceStr(text(params, "nonce_str"))
            .openid(text(params, "openid"))
            .subAppid(text(params, "sub_appid"))
            .subMchid(text(params, "sub_mchid"))
            .subOpenid(text(params, "sub_openid"));
    String key = text(params, "api_key");
    if (key != null) {
      builder.apiKey(key.getBytes(StandardCharsets.US_ASCII));
    }
    return builder;
  }

  /** The identity an answer is read with. */
  static Params identity(String name) {
    return builder(root().getAsJsonObject("identities").getAsJsonObject(name)).build();
  }

  static StatusQuery query(JsonObject query) {
    return StatusQuery.builder()
        .tradeScene(text(query, "trade_scene"))
        .jumpScene(text(query, "jump_scene"))
        .plateNumber(text(query, "plate_number"))
        .build();
  }

  /** An answer's bytes: a string, or {"hex": ...} for bytes that are not UTF-8. */
  static byte[] answer(JsonObject vector) {
    JsonElement answer = vector.get("answer");
    if (answer.isJsonObject()) {
      return HexFormat.of().parseHex(answer.getAsJsonObject().get("hex").getAsString());
    }
    return answer.getAsString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A request body's elements in order, read by the JDK's DOM parser (no DOCTYPE allowed): one
   * xml root, each child an element with text only.
   */
  static Map<String, String> elements(String body) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    Element root =
        factory
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(body)))
            .getDocumentElement();
    assertEquals("xml", root.getTagName());
    Map<String, String> out = new LinkedHashMap<>();
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      assertEquals(Node.ELEMENT_NODE, child.getNodeType(), body);
      assertEquals(null, out.put(child.getNodeName(), child.getTextContent()), "twice: " + body);
    }
    return out;
  }

  /** Checks the body's sign, the last element, against javax.crypto.Mac's. */
  static void assertSigned(String body) throws Exception {
    Map<String, String> fields = elements(body);
    List<String> names = List.copyOf(fields.keySet());
    assertEquals("sign", names.get(names.size() - 1), body);
    String sign = fields.get("sign");
    assertNotNull(sign);
    assertEquals(V2Sign.of(fields, key().getBytes(StandardCharsets.US_ASCII)), sign, body);
  }
}
