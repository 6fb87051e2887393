package org.caregrid.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RangeCheckTest {
  private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  private final RangeCheck check =
      new RangeCheck(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMinutes(5), Duration.ofDays(365));

  private static Telemetry one(Metric metric, long time, double value) {
    return new Telemetry(1, List.of(new Reading(metric, time, value)));
  }

  @ParameterizedTest
  @CsvSource({
    "HR,20",
    "HR,250",
    "SPO2,50",
    "SPO2,100",
    "TEMP,30",
    "TEMP,45",
    "IN_BED,0",
    "IN_BED,1"
  })
  void acceptsTheEdgesOfThePlausibleRange(Metric metric, double value) {
    assertThatCode(() -> check.check(one(metric, NOW.toEpochMilli(), value)))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource({
    "HR,19.9",
    "HR,250.1",
    "SPO2,49",
    "SPO2,101",
    "TEMP,29.9",
    "SBP,301",
    "DBP,19",
    "BATTERY,-1"
  })
  void rejectsValuesJustOutsideIt(Metric metric, double value) {
    assertThatThrownBy(() -> check.check(one(metric, NOW.toEpochMilli(), value)))
        .isInstanceOfSatisfying(
            RejectedException.class,
            e ->
                org.assertj.core.api.Assertions.assertThat(e.reason())
                    .isEqualTo(Reason.OUT_OF_RANGE))
        .hasMessageContaining(metric.code());
  }

  @Test
  void rejectsReadingsMoreThanFiveMinutesAhead() {
    long limit = NOW.plus(Duration.ofMinutes(5)).toEpochMilli();

    assertThatCode(() -> check.check(one(Metric.HR, limit, 70))).doesNotThrowAnyException();
    assertThatThrownBy(() -> check.check(one(Metric.HR, limit + 1, 70)))
        .isInstanceOfSatisfying(
            RejectedException.class,
            e -> org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(Reason.BAD_TIME))
        .hasMessageContaining("future");
  }

  @Test
  void rejectsReadingsOlderThanRetention() {
    long limit = NOW.minus(Duration.ofDays(365)).toEpochMilli();

    assertThatCode(() -> check.check(one(Metric.HR, limit, 70))).doesNotThrowAnyException();
    assertThatThrownBy(() -> check.check(one(Metric.HR, limit - 1, 70)))
        .hasMessageContaining("retention");
  }
}
