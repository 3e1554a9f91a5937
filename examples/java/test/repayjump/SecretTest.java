package repayjump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The api key: copied, never shown, wiped on close. */
class SecretTest {
  @Test
  void noStringOfAnyObjectShowsTheKey() {
    try (Params params = Sample.builder(Variant.V2_PARTNER, null).build()) {
      Result result = RepayJump.compose(params);
      for (String text : new String[] {params.toString(), result.toString()}) {
        assertFalse(text.contains(Sample.KEY), text);
        assertFalse(text.contains(Sample.KEY.substring(0, 8)), text);
      }
      assertTrue(params.toString().contains("apiKey=(set, hidden)"), params.toString());
      assertTrue(params.hasApiKey());
    }
  }

  @Test
  void theBuilderCopiesTheCallersKey() {
    byte[] key = Sample.KEY.getBytes(StandardCharsets.US_ASCII);
    Params.Builder builder = Sample.builder(Variant.V2_MERCHANT, Sample.NONCE).apiKey(key);
    key[0] = 'X'; // the caller's array is theirs: changing it changes nothing
    try (Params params = builder.build()) {
      assertEquals(
          Sample.expected(Variant.V2_MERCHANT, Sample.NONCE).get("sign"),
          RepayJump.compose(params).sign());
    }
    assertEquals('X', key[0]);
  }

  @Test
  void closeWipesTheKeyAndRetiresTheParams() {
    Params params = Sample.builder(Variant.V2_MERCHANT, null).build();
    byte[] copy = params.values()[Params.SLOTS - 1];
    assertArrayEquals(Sample.KEY.getBytes(StandardCharsets.US_ASCII), copy);
    params.close();
    assertArrayEquals(new byte[copy.length], copy);
    assertThrows(IllegalStateException.class, () -> RepayJump.compose(params));
    params.close(); // idempotent
  }

  @Test
  void theNativeCopyIsZeroedBeforeItIsFreed() {
    try (Params params = Sample.builder(Variant.V2_MERCHANT, null).build();
        CallFrame frame =
            new CallFrame(params.variant().code(), params.flagBits(), params.values(), 0)) {
      // The api_key pointer, the last of the params struct.
      Pointer key = frame.params().getPointer(CallFrame.PARAMS_SIZE - 8);
      byte[] expected = Sample.KEY.getBytes(StandardCharsets.US_ASCII);
      assertArrayEquals(expected, key.getByteArray(0, expected.length));
      frame.wipeStrings();
      assertArrayEquals(new byte[expected.length], key.getByteArray(0, expected.length));
    }
  }

  @Test
  void theBuilderGivesUpItsKeyOnBuild() {
    Params.Builder builder = Sample.builder(Variant.V2_MERCHANT, null);
    try (Params first = builder.build();
        Params second = builder.build()) {
      assertTrue(first.hasApiKey());
      assertFalse(second.hasApiKey());
      RepayJumpException e =
          assertThrows(RepayJumpException.class, () -> RepayJump.compose(second));
      assertEquals(Field.API_KEY, e.field());
      assertEquals(Status.E_MISSING, e.status());
    }
  }

  @Test
  void aStatusRequestsNativeCopyIsZeroedToo() {
    StatusQuery query = StatusQuery.builder().tradeScene("GAS").plateNumber("粤B888888").build();
    try (Params params = Sample.builder(Variant.V3_MERCHANT, null)
            .apiKey(Sample.KEY.getBytes(StandardCharsets.US_ASCII))
            .build();
        CallFrame frame =
            new CallFrame(
                params.variant().code(), params.flagBits(), params.values(), query.values(), 0)) {
      Pointer key = frame.params().getPointer(CallFrame.PARAMS_SIZE - 8);
      Pointer plate = frame.query().getPointer(16);
      byte[] expected = Sample.KEY.getBytes(StandardCharsets.US_ASCII);
      byte[] plateBytes = "粤B888888".getBytes(StandardCharsets.UTF_8);
      assertArrayEquals(expected, key.getByteArray(0, expected.length));
      assertArrayEquals(plateBytes, plate.getByteArray(0, plateBytes.length));
      frame.wipeStrings();
      assertArrayEquals(new byte[expected.length], key.getByteArray(0, expected.length));
      assertArrayEquals(new byte[plateBytes.length], plate.getByteArray(0, plateBytes.length));
      // Nor does any text of the call show the key.
      String body = RepayJump.statusRequest(params, query);
      for (String text : new String[] {body, params.toString(), query.toString()}) {
        assertFalse(text.contains(Sample.KEY), text);
      }
    }
  }
}
