package org.caregrid.core.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;
import org.junit.jupiter.api.Test;

class CompactJsonCodecTest {
  private final CompactJsonCodec codec = new CompactJsonCodec();

  @Test
  void decodesTheContractExample() {
    byte[] payload =
        "{\"ts\":1764460800123,\"seq\":42,\"m\":{\"hr\":72,\"rr\":14,\"in_bed\":1}}"
            .getBytes(UTF_8);

    Telemetry t = codec.decode(payload);

    assertThat(t.seq()).isEqualTo(42);
    assertThat(t.namedDevice()).isEmpty();
    assertThat(t.readings())
        .containsExactly(
            new Reading(Metric.HR, 1764460800123L, 72),
            new Reading(Metric.RR, 1764460800123L, 14),
            new Reading(Metric.IN_BED, 1764460800123L, 1));
  }

  @Test
  void rejectsUnknownMetricWithItsName() {
    byte[] payload = "{\"ts\":1,\"m\":{\"hr\":72,\"glucose\":5}}".getBytes(UTF_8);

    assertThatThrownBy(() -> codec.decode(payload))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_METRIC))
        .hasMessageContaining("glucose");
  }

  @Test
  void rejectsMissingTimestampAndEmptyMetrics() {
    assertThatThrownBy(() -> codec.decode("{\"m\":{\"hr\":72}}".getBytes(UTF_8)))
        .hasMessageContaining("ts");
    assertThatThrownBy(() -> codec.decode("{\"ts\":5,\"m\":{}}".getBytes(UTF_8)))
        .hasMessageContaining("m");
  }

  @Test
  void refusesAMessageWithARepeatedKeyWhole() {
    // Stored once yet judged twice by alerting before: now neither.
    assertThatThrownBy(() -> codec.decode("{\"ts\":5,\"m\":{\"hr\":70,\"hr\":80}}".getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE))
        .hasMessage("key \"hr\" appears twice in one object");
    assertThatThrownBy(() -> codec.decode("{\"ts\":5,\"ts\":6,\"m\":{\"hr\":70}}".getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.DUPLICATE));
  }

  @Test
  void rejectsNonNumericValuesAndTrailingGarbage() {
    assertThatThrownBy(() -> codec.decode("{\"ts\":5,\"m\":{\"hr\":\"72\"}}".getBytes(UTF_8)))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> codec.decode("{\"ts\":5,\"m\":{\"hr\":72}} {}".getBytes(UTF_8)))
        .isInstanceOf(RejectedException.class);
  }

  @Property
  void roundTripsAnyMessage(@ForAll("telemetry") Telemetry telemetry) {
    assertThat(codec.decode(codec.encode(telemetry))).isEqualTo(telemetry);
  }

  @Property(tries = 2000)
  void arbitraryBytesNeverEscapeAsAnythingButRejection(@ForAll byte[] bytes) {
    try {
      codec.decode(bytes);
    } catch (RejectedException expected) {
      assertThat(expected.reason())
          .isIn(Reason.DECODE, Reason.UNKNOWN_METRIC, Reason.BAD_ENCODING, Reason.DUPLICATE);
    }
  }

  @Property(tries = 2000)
  void mangledValidPayloadsAreDecodedOrRejected(
      @ForAll("telemetry") Telemetry telemetry, @ForAll("cuts") int cut) {
    byte[] full = codec.encode(telemetry);
    byte[] truncated = java.util.Arrays.copyOf(full, Math.min(cut, full.length));
    try {
      codec.decode(truncated);
    } catch (RejectedException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<Integer> cuts() {
    return Arbitraries.integers().between(0, 120);
  }

  @Provide
  Arbitrary<Telemetry> telemetry() {
    Arbitrary<Long> ts = Arbitraries.longs().between(0, 4_102_444_800_000L);
    Arbitrary<Long> seq = Arbitraries.longs().between(-1, Long.MAX_VALUE);
    Arbitrary<List<Metric>> metrics =
        Arbitraries.of(Metric.class).set().ofMinSize(1).ofMaxSize(4).map(ArrayList::new);
    Arbitrary<List<Double>> values =
        Arbitraries.oneOf(
                Arbitraries.integers().between(0, 300).map(Integer::doubleValue),
                Arbitraries.doubles().between(-1e6, 1e6))
            .list()
            .ofSize(4);
    return Combinators.combine(ts, seq, metrics, values)
        .as(
            (t, s, ms, vs) -> {
              List<Reading> readings = new ArrayList<>();
              for (int i = 0; i < ms.size(); i++) {
                readings.add(new Reading(ms.get(i), t, vs.get(i)));
              }
              return new Telemetry(s, readings);
            });
  }

  @Test
  void everyMetricHasAUniqueDatabaseCode() {
    EnumSet<Metric> seen = EnumSet.noneOf(Metric.class);
    for (Metric m : Metric.values()) {
      assertThat(Metric.fromDbCode(m.dbCode())).isEqualTo(m);
      seen.add(m);
    }
    assertThat(seen).hasSize(Metric.values().length);
  }
}
