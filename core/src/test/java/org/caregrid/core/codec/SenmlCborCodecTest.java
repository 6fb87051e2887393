package org.caregrid.core.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.assertj.core.api.AbstractThrowableAssert;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;
import org.junit.jupiter.api.Test;

class SenmlCborCodecTest extends SenmlCodecContract {
  private static final JsonFactory JSON = new JsonFactory();
  private static final CBORFactory CBOR = new CBORFactory();

  @Override
  PayloadCodec codec(Clock clock) {
    return new SenmlCborCodec(clock);
  }

  /**
   * The pack with RFC 8428 Table 4's integer keys, other labels as text keys. Copied token by
   * token, so that duplicate keys survive; arrays and maps come out with indefinite length.
   */
  @Override
  byte[] payload(String json) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonParser p = JSON.createParser(json);
        CBORGenerator g = CBOR.createGenerator(out)) {
      while (p.nextToken() != null) {
        SenmlLabel label =
            p.currentToken() == JsonToken.FIELD_NAME ? SenmlLabel.ofJson(p.currentName()) : null;
        if (label != null) {
          g.writeFieldId(label.cbor());
        } else {
          g.copyCurrentEvent(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  @Test
  void readsTheRfc8428CborExampleUpToItsNames() {
    // RFC 8428 §6, byte for byte: the pack parses, and then its 1-wire name is not one of ours
    byte[] rfc =
        hex(
            "87 a7 21 78 1b 75 72 6e 3a 64 65 76 3a 6f 77 3a 31 30 65 32 30 37 33 61 30 31 30 38"
                + " 30 30 36 3a 22 fb 41 d3 03 a1 5b 00 10 62 23 61 41 20 05 00 67 76 6f 6c 74 61"
                + " 67 65 01 61 56 02 fb 40 5e 06 66 66 66 66 66 a3 00 67 63 75 72 72 65 6e 74 06"
                + " 24 02 fb 3f f3 33 33 33 33 33 33 a3 00 67 63 75 72 72 65 6e 74 06 23 02 fb 3f"
                + " f4 cc cc cc cc cc cd a3 00 67 63 75 72 72 65 6e 74 06 22 02 fb 3f f6 66 66 66"
                + " 66 66 66 a3 00 67 63 75 72 72 65 6e 74 06 21 02 f9 3e 00 a3 00 67 63 75 72 72"
                + " 65 6e 74 06 20 02 fb 3f f9 99 99 99 99 99 9a a3 00 67 63 75 72 72 65 6e 74 06"
                + " 00 02 fb 3f fb 33 33 33 33 33 33");

    assertRejected(rfc).hasMessageContaining("urn:dev:ow:10e2073a0108006:voltage");
  }

  @Test
  void readsHalfFloatsDecimalFractionsAndIndefiniteArrays() {
    // [_ {0: "urn:dev:bed-0001:temp", 2: 4([-1, 366])}, {0: "urn:dev:bed-0001:in_bed", 2: 1.0_1}]
    byte[] pack =
        hex(
            "9f a2 00 75 75 72 6e 3a 64 65 76 3a 62 65 64 2d 30 30 30 31 3a 74 65 6d 70"
                + " 02 c4 82 20 19 01 6e"
                + " a2 00 77 75 72 6e 3a 64 65 76 3a 62 65 64 2d 30 30 30 31 3a 69 6e 5f 62 65 64"
                + " 02 f9 3c 00 ff");

    assertThat(codec.decode(pack).readings())
        .containsExactly(
            new Reading(Metric.TEMP, NOW, new BigDecimal("36.6").doubleValue()),
            new Reading(Metric.IN_BED, NOW, 1));
  }

  @Test
  void takesTextKeysAsExtensionsEvenWhenTheyAreJsonLabels() {
    // {"n": ..., "v": 70}: in CBOR only the integer keys are SenML's
    byte[] pack =
        hex("81 a2 61 6e 73 75 72 6e 3a 64 65 76 3a 62 65 64 2d 30 30 30 31 3a 68 72 61 76 18 46");

    assertRejected(pack).hasMessageContaining("no name");
  }

  @Test
  void writesIntegerKeysInDefiniteLengthMaps() {
    Telemetry t = new Telemetry(-1, List.of(new Reading(Metric.HR, NOW, 72)), Optional.of(BED));

    // [{-2: "urn:dev:bed-0001:", -3: 1764460800, 0: "hr", 1: "beat/min", 2: 72}]
    assertThat(HexFormat.of().formatHex(codec.encode(t)))
        .isEqualTo(
            "81a5"
                + "21"
                + "71"
                + HexFormat.of().formatHex("urn:dev:bed-0001:".getBytes(UTF_8))
                + "22"
                + "1a"
                + "692b8900"
                + "00"
                + "62"
                + "6872"
                + "01"
                + "68"
                + HexFormat.of().formatHex("beat/min".getBytes(UTF_8))
                + "02"
                + "1848");
  }

  @Property(tries = 2000)
  void arbitraryBytesBehindAnArrayHeaderNeverEscapeAsAnythingButRejection(
      @ForAll byte[] bytes, @ForAll byte header) {
    byte[] pack = new byte[bytes.length + 1];
    pack[0] = (byte) (0x80 | (header & 0x1f));
    System.arraycopy(bytes, 0, pack, 1, bytes.length);

    decodeOrReject(pack);
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(byte[] pack) {
    return assertThatThrownBy(() -> codec.decode(pack))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DECODE));
  }
}
