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
    "ef bb bf 5b, SenmlJsonCodec",
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

  @Property(tries = 2000)
  void sniffingAndDecodingArbitraryBytesOnlyEverRejects(@ForAll byte[] bytes) {
    try {
      codecs.sniff(bytes).decode(bytes);
    } catch (RejectedException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }
}
