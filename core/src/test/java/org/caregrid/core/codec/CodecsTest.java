package org.caregrid.core.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CodecsTest {
  private final Codecs codecs =
      new Codecs(Clock.fixed(Instant.parse("2025-11-30T00:00:00Z"), ZoneOffset.UTC));
  private final byte[] anything = "{}".getBytes(UTF_8);

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "application/json                     | CompactJsonCodec",
        "application/json; charset=utf-8      | CompactJsonCodec",
        "application/senml+json               | SenmlJsonCodec",
        "Application/SenML+JSON               | SenmlJsonCodec",
        "application/senml+cbor               | SenmlCborCodec",
      })
  void picksTheCodecByMqttContentType(String contentType, String codec) {
    assertThat(codecs.forContentType(contentType, anything).getClass().getSimpleName())
        .isEqualTo(codec);
  }

  @ParameterizedTest(name = "content-format {0} is {1}")
  @CsvSource({"50, CompactJsonCodec", "110, SenmlJsonCodec", "112, SenmlCborCodec"})
  void picksTheCodecByCoapContentFormat(int contentFormat, String codec) {
    assertThat(codecs.forContentFormat(contentFormat, anything).getClass().getSimpleName())
        .isEqualTo(codec);
  }

  @Test
  void rejectsOtherContentTypesAndFormatsNamingThem() {
    assertThatThrownBy(() -> codecs.forContentType("application/cbor", anything))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECODE))
        .hasMessageContaining("\"application/cbor\"");
    assertThatThrownBy(() -> codecs.forContentFormat(60, anything))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECODE))
        .hasMessage("unsupported content-format 60");
    assertThatThrownBy(() -> codecs.forContentFormat(111, anything))
        .hasMessage("unsupported content-format 111");
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    "5b, SenmlJsonCodec",
    "20 0a 0d 09 5b, SenmlJsonCodec",
    "7b, CompactJsonCodec",
    "0a 7b, CompactJsonCodec",
    "80, SenmlCborCodec",
    "81 a1, SenmlCborCodec",
    "9f, SenmlCborCodec",
  })
  void sniffsTheFormatFromTheFirstByte(String hex, String codec) {
    byte[] payload = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);

    assertThat(codecs.sniff(payload).getClass().getSimpleName()).isEqualTo(codec);
  }

  @Test
  void sniffsWhenNoContentTypeOrFormatIsGiven() {
    byte[] senml = "[]".getBytes(UTF_8);

    assertThat(codecs.forContentType(null, senml)).isInstanceOf(SenmlJsonCodec.class);
    assertThat(codecs.forContentType("", senml)).isInstanceOf(SenmlJsonCodec.class);
    assertThat(codecs.forContentFormat(-1, senml)).isInstanceOf(SenmlJsonCodec.class);
  }

  @Test
  void rejectsPayloadsWhoseFormatCannotBeTold() {
    assertThatThrownBy(() -> codecs.sniff(new byte[0])).hasMessage("empty payload");
    assertThatThrownBy(() -> codecs.sniff("  \n".getBytes(UTF_8))).hasMessage("blank payload");
    assertThatThrownBy(() -> codecs.sniff("hr=72".getBytes(UTF_8)))
        .isInstanceOf(RejectedException.class)
        .hasMessage("unknown payload format: first byte 0x68");
    assertThatThrownBy(() -> codecs.sniff(new byte[] {(byte) 0xa1})).hasMessageContaining("0xa1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "UTF-8 with a byte order mark, ef bb bf 7b 7d",
    "UTF-16BE with a byte order mark, fe ff 00 7b 00 7d",
    "UTF-16LE with a byte order mark, ff fe 7b 00 7d 00",
    "UTF-16BE, 00 7b 00 7d",
    "UTF-32BE, 00 00 00 7b 00 00 00 7d",
  })
  void refusesJsonThatIsNotUtf8ByItsEncoding(String encoding, String hex) {
    byte[] payload = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);

    assertThatThrownBy(() -> codecs.sniff(payload).decode(payload))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ENCODING))
        .hasMessageStartingWith("not UTF-8 JSON: ");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "UTF-16LE, UTF-16LE",
    "UTF-32LE, UTF-32LE",
    "UTF-16 (BOM and big-endian), UTF-16",
  })
  void refusesCompactJsonInAnotherCharsetWhateverItsContentType(String name, String charset) {
    byte[] payload =
        "{\"ts\":1764460800123,\"m\":{\"hr\":72}}"
            .getBytes(java.nio.charset.Charset.forName(charset));

    assertThatThrownBy(() -> codecs.forContentType("application/json", payload).decode(payload))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ENCODING));
    assertThatThrownBy(() -> codecs.sniff(payload).decode(payload))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ENCODING));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "a lone continuation byte, 80",
    "an overlong slash, c0 af",
    "a surrogate, ed a0 80",
    "past U+10FFFF, f4 90 80 80",
    "a truncated sequence, e2 82",
  })
  void refusesMalformedUtf8InsideAString(String what, String hex) {
    byte[] bad = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
    byte[] head = "{\"ts\":1764460800123,\"note\":\"".getBytes(UTF_8);
    byte[] tail = "\",\"m\":{\"hr\":72}}".getBytes(UTF_8);
    byte[] payload = new byte[head.length + bad.length + tail.length];
    System.arraycopy(head, 0, payload, 0, head.length);
    System.arraycopy(bad, 0, payload, head.length, bad.length);
    System.arraycopy(tail, 0, payload, head.length + bad.length, tail.length);

    assertThatThrownBy(() -> codecs.sniff(payload).decode(payload))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_ENCODING))
        .hasMessage("not UTF-8 JSON: invalid UTF-8 sequence at offset " + head.length);
  }

  @Test
  void acceptsEveryWellFormedUtf8Sequence() {
    byte[] payload =
        "{\"ts\":1764460800123,\"note\":\"é 中 😀 \u07ff \uffff\",\"m\":{\"hr\":72}}"
            .getBytes(UTF_8);

    assertThat(codecs.sniff(payload).decode(payload).readings()).hasSize(1);
  }

  @Property(tries = 2000)
  void sniffingAndDecodingArbitraryBytesOnlyEverRejects(@ForAll byte[] bytes) {
    try {
      codecs.sniff(bytes).decode(bytes);
    } catch (RejectedException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
