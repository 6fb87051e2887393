package org.caregrid.core.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.caregrid.core.error.Reason;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;
import org.junit.jupiter.api.Test;

class SenmlJsonCodecTest extends SenmlCodecContract {

  @Override
  PayloadCodec codec(Clock clock) {
    return new SenmlJsonCodec(clock);
  }

  @Override
  byte[] payload(String json) {
    return json.getBytes(UTF_8);
  }

  @Test
  void writesABaseNameAnAbsoluteBaseTimeAndOffsets() {
    Telemetry t =
        new Telemetry(
            -1,
            List.of(
                new Reading(Metric.HR, NOW + 1500, 72),
                new Reading(Metric.TEMP, NOW, 36.6),
                new Reading(Metric.MOVEMENT, NOW, 12)),
            Optional.of(BED));

    String json = new String(codec.encode(t), UTF_8);

    assertThat(json)
        .isEqualTo(
            "[{\"bn\":\"urn:dev:bed-0001:\",\"bt\":1764460800,"
                + "\"n\":\"hr\",\"u\":\"beat/min\",\"v\":72,\"t\":1.5},"
                + "{\"n\":\"temp\",\"u\":\"Cel\",\"v\":36.6},"
                + "{\"n\":\"movement\",\"v\":12}]");
  }

  @Test
  void declaresVersion26WhenItWritesASecondaryUnit() {
    Telemetry t =
        new Telemetry(-1, List.of(new Reading(Metric.SPO2, NOW + 1, 97)), Optional.of(BED));

    String json = new String(codec.encode(t), UTF_8);

    assertThat(json)
        .isEqualTo(
            "[{\"bn\":\"urn:dev:bed-0001:\",\"bt\":1.764460800001e9,\"bver\":26,"
                + "\"n\":\"spo2\",\"u\":\"/100\",\"v\":97}]");
  }

  @Test
  void writesExponentsWithALowerCaseE() {
    // RFC 8428 §5: "If the value has an exponent, the "e" MUST be in lower case."
    Telemetry t =
        new Telemetry(-1, List.of(new Reading(Metric.WEIGHT, NOW, 0.0001)), Optional.of(BED));

    String json = new String(codec.encode(t), UTF_8);

    assertThat(json).contains("\"v\":1.0e-4").doesNotContainPattern("[0-9]E");
    assertThat(codec.decode(codec.encode(t))).isEqualTo(t);
  }

  @Test
  void rejectsTrailingContentAndBrokenJson() {
    assertRejected("[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":70}] []", Reason.DECODE)
        .hasMessageContaining("trailing");
    assertRejected("[{\"n\":\"urn:dev:bed-0001:hr\",\"v\":70}", Reason.DECODE)
        .hasMessageContaining("not valid SenML JSON");
  }

  @Property(tries = 2000)
  void senmlLikeTextNeverEscapesAsAnythingButRejection(@ForAll("senmlLike") String text) {
    decodeOrReject(text.getBytes(UTF_8));
  }

  /** Text made of SenML tokens, so that the parser gets past the first bytes far more often. */
  @Provide
  Arbitrary<String> senmlLike() {
    return Arbitraries.of(
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "\"bn\"",
            "\"bt\"",
            "\"bu\"",
            "\"bv\"",
            "\"bver\"",
            "\"n\"",
            "\"u\"",
            "\"v\"",
            "\"vb\"",
            "\"vs\"",
            "\"t\"",
            "\"x_\"",
            "\"urn:dev:b:hr\"",
            "\"urn:dev:b:\"",
            "\"hr\"",
            "\"Pa\"",
            "\"/\"",
            "true",
            "null",
            "0",
            "-1",
            "26",
            "1e400",
            "2.7e8",
            "1.7e9",
            "-0.5")
        .list()
        .ofMaxSize(30)
        .map(tokens -> String.join("", tokens));
  }
}
