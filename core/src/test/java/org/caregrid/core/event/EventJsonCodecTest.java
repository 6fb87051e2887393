package org.caregrid.core.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.api.AbstractThrowableAssert;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventJsonCodecTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final EventJsonCodec codec = new EventJsonCodec();

  private DeviceEvent decode(String json) {
    return codec.decode(json.getBytes(UTF_8));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
      String json, Reason reason) {
    return assertThatThrownBy(() -> decode(json))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void decodesTheContractExample() {
    DeviceEvent e =
        decode(
            "{\"ts\":1764460800123,\"seq\":42,\"type\":\"fall\","
                + "\"data\":{\"confidence\": 0.90, \"posture\":\"lying\",\"axes\":[1,2,3]}}");

    assertThat(e)
        .isEqualTo(
            new DeviceEvent(
                EventType.FALL,
                1764460800123L,
                42,
                "{\"confidence\":0.90,\"posture\":\"lying\",\"axes\":[1,2,3]}"));
  }

  @Test
  void refusesARepeatedKeyAndJsonThatIsNotUtf8() {
    assertRejected("{\"ts\":5,\"type\":\"sos\",\"type\":\"test_call\"}", Reason.DUPLICATE)
        .hasMessage("key \"type\" appears twice in one object");
    assertThatThrownBy(
            () ->
                codec.decode(
                    "{\"ts\":5,\"type\":\"sos\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_16)))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ENCODING));
  }

  @Test
  void takesDataAsOptionalAndSeqAsOptional() {
    assertThat(decode("{\"type\":\"sos\",\"ts\":5}"))
        .isEqualTo(new DeviceEvent(EventType.SOS, 5, -1, DeviceEvent.NO_DATA));
  }

  @Test
  void keepsNumbersInDataExactlyAsWritten() {
    assertThat(
            decode(
                    "{\"ts\":5,\"type\":\"gas\",\"data\":{\"ppm\":1e400,\"n\":123456789012345678901234567890}}")
                .data())
        .isEqualTo("{\"ppm\":1E+400,\"n\":123456789012345678901234567890}");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void readsEveryTypeByItsWireCode(EventType type) {
    assertThat(decode("{\"ts\":5,\"type\":\"" + type.code() + "\"}").type()).isEqualTo(type);
  }

  @Test
  void rejectsAnUnknownTypeNamingIt() {
    assertRejected("{\"ts\":5,\"type\":\"earthquake\"}", Reason.DECODE)
        .hasMessage("unknown event type \"earthquake\"");
  }

  @Test
  void rejectsMissingOrMistypedFields() {
    assertRejected("{\"type\":\"sos\"}", Reason.DECODE).hasMessageContaining("ts");
    assertRejected("{\"ts\":5}", Reason.DECODE).hasMessageContaining("type");
    assertRejected("{\"ts\":\"5\",\"type\":\"sos\"}", Reason.DECODE)
        .hasMessageContaining("\"ts\" must be an integer");
    assertRejected("{\"ts\":5,\"type\":1}", Reason.DECODE)
        .hasMessageContaining("\"type\" must be a string");
    assertRejected("{\"ts\":5,\"type\":\"sos\",\"data\":[1]}", Reason.DECODE)
        .hasMessageContaining("\"data\" must be an object");
    assertRejected("{\"ts\":5,\"type\":\"sos\",\"data\":null}", Reason.DECODE)
        .hasMessageContaining("\"data\" must be an object");
    assertRejected("[]", Reason.DECODE).hasMessageContaining("object");
    assertRejected("{\"ts\":5,\"type\":\"sos\"} {}", Reason.DECODE)
        .hasMessageContaining("trailing");
  }

  @Test
  void capsDataAtFourKibibytesOfJson() {
    String fits = "{\"note\":\"" + "x".repeat(EventJsonCodec.MAX_DATA_BYTES - 11) + "\"}";
    String tooBig = "{\"note\":\"" + "x".repeat(EventJsonCodec.MAX_DATA_BYTES - 10) + "\"}";

    assertThat(decode("{\"ts\":5,\"type\":\"sos\",\"data\":" + fits + "}").data()).isEqualTo(fits);
    assertRejected("{\"ts\":5,\"type\":\"sos\",\"data\":" + tooBig + "}", Reason.TOO_LARGE)
        .hasMessageContaining("4096");
  }

  @Test
  void rejectsNulCharactersInDataThatJsonbRefuses() {
    assertRejected("{\"ts\":5,\"type\":\"sos\",\"data\":{\"a\":\"x\\u0000\"}}", Reason.DECODE)
        .hasMessageContaining("NUL");
  }

  @Test
  void writesSeqAndDataOnlyWhenThereAreAny() {
    assertThat(new String(codec.encode(new DeviceEvent(EventType.SOS, 5, -1)), UTF_8))
        .isEqualTo("{\"ts\":5,\"type\":\"sos\"}");
    assertThat(
            new String(
                codec.encode(new DeviceEvent(EventType.WATER, 5, 7, "{\"room\":\"bath\"}")), UTF_8))
        .isEqualTo("{\"ts\":5,\"seq\":7,\"type\":\"water\",\"data\":{\"room\":\"bath\"}}");
  }

  @Property
  void roundTripsAnyEvent(@ForAll("events") DeviceEvent event) {
    assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
  }

  @Property(tries = 2000)
  void arbitraryBytesNeverEscapeAsAnythingButRejection(@ForAll byte[] bytes) {
    decodeOrReject(bytes);
  }

  @Property(tries = 2000)
  void mangledValidPayloadsAreDecodedOrRejected(
      @ForAll("events") DeviceEvent event,
      @ForAll("fractions") double where,
      @ForAll byte mask,
      @ForAll boolean truncate) {
    byte[] bytes = codec.encode(event);
    int i = Math.min(bytes.length - 1, (int) (bytes.length * where));
    if (truncate) {
      bytes = Arrays.copyOf(bytes, i);
    } else {
      bytes[i] ^= mask == 0 ? 1 : mask;
    }

    decodeOrReject(bytes);
  }

  private void decodeOrReject(byte[] bytes) {
    try {
      codec.decode(bytes);
    } catch (RejectedException expected) {
      assertThat(expected.reason())
          .isIn(Reason.DECODE, Reason.TOO_LARGE, Reason.BAD_ENCODING, Reason.DUPLICATE);
      assertThat(expected.getMessage()).isNotBlank().hasSizeLessThan(200);
    }
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }

  @Provide
  Arbitrary<DeviceEvent> events() {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            Arbitraries.longs(),
            Arbitraries.of(true, false),
            Arbitraries.strings().excludeChars('\0').ofMaxLength(20));
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            leaf,
            Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(8), leaf).ofMaxSize(3));
    Arbitrary<String> data =
        Arbitraries.maps(Arbitraries.strings().ofMaxLength(10).excludeChars('\0'), value)
            .ofMaxSize(5)
            .map(EventJsonCodecTest::json);
    return Combinators.combine(
            Arbitraries.of(EventType.class),
            Arbitraries.longs().between(0, 4_102_444_800_000L),
            Arbitraries.longs().between(-1, Long.MAX_VALUE),
            data)
        .as(DeviceEvent::new);
  }

  private static String json(Map<String, Object> data) {
    try {
      return MAPPER.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
