package org.caregrid.alerting.rule.vital;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregrid.alerting.rule.TestResidents.BED;
import static org.caregrid.alerting.rule.TestResidents.MONITOR;
import static org.caregrid.alerting.rule.TestResidents.reading;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.caregrid.alerting.rule.RecordedFindings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.alerting.rule.TestResidents;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.device.Device;
import org.caregrid.core.reading.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VitalLimitRuleTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final long HOUR = Duration.ofHours(1).toMillis();

  private final VitalLimitRule rule = new VitalLimitRule(RuleConfig.defaults().vitalLimit());
  private final RecordedFindings findings = new RecordedFindings();
  private final Resident resident = TestResidents.resident(BED, MONITOR);

  /** One reading every 5 s from the bed, {@code seconds} after T0. */
  private void bed(Metric metric, long seconds, double value) {
    rule.onReadings(reading(BED, metric, T0 + seconds * 1000, value), resident, findings);
  }

  private void spot(Resident r, Metric metric, long at, double value) {
    rule.onReadings(reading(MONITOR, metric, at, value), r, findings);
  }

  @ParameterizedTest(name = "{0}: a mean of {1} raises, {2} does not")
  @CsvSource({
    "HR,131,130.9",
    "HR,40,40.1",
    "RR,25,24.9",
    "RR,8,8.1",
    "SBP,90,90.1",
    "SBP,220,219.9",
    "TEMP,39.1,39.0",
    "TEMP,35.0,35.1",
    "SPO2,91,91.1"
  })
  void aMeanAtTheBandEdgeRaisesAndJustInsideDoesNot(Metric metric, double at, double inside) {
    for (int t = 0; t < 60; t += 5) {
      bed(metric, t, inside);
    }
    assertThat(findings.raised).isEmpty();

    // three readings at the edge: the window's mean moves past it only when all inside values
    // have left the 60 s window
    for (int t = 60; t < 125; t += 5) {
      bed(metric, t, at);
    }

    assertThat(findings.raised)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(AlertKind.VITAL_LIMIT);
              assertThat(c.severity()).isEqualTo(Severity.HIGH);
              assertThat(c.residentKey()).isEqualTo(TestResidents.RESIDENT);
              assertThat(c.deviceKey()).isEqualTo(BED.key());
            });
  }

  @Test
  void theDetailNamesTheMetricAndValue() {
    for (int t = 0; t < 15; t += 5) {
      bed(Metric.HR, t, 150);
    }

    assertThat(findings.last().detail())
        .isEqualTo("pulse mean 150/min over 60 s (3 readings) (limit ≥131/min)");
  }

  @Test
  void aSingleSpikeNeverAlerts() {
    for (int t = 0; t < 120; t += 5) {
      bed(Metric.HR, t, t == 30 ? 240 : 70);
    }

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void twoReadingsInADenseWindowAreNotEnoughWhenTheMeanStaysInside() {
    for (int t = 0; t < 60; t += 5) {
      bed(Metric.HR, t, 70);
    }
    bed(Metric.HR, 60, 200);
    bed(Metric.HR, 65, 200);

    // mean of the last 60 s: (10 × 70 + 2 × 200) / 12 ≈ 92
    assertThat(findings.raised).isEmpty();
  }

  @Test
  void raisesOncePerEpisodeAndReArmsOnlyPastTheHysteresisMargin() {
    // given: an episode
    for (int t = 0; t < 60; t += 5) {
      bed(Metric.HR, t, 150);
    }
    assertThat(findings.raised).hasSize(1);

    // when: the mean comes back inside the band but within the 5/min margin (127)
    for (int t = 60; t < 180; t += 5) {
      bed(Metric.HR, t, 127);
    }
    // then: no note, and going back to 131 does not raise again: still the same episode
    assertThat(findings.notes).isEmpty();
    for (int t = 180; t < 300; t += 5) {
      bed(Metric.HR, t, 131);
    }
    assertThat(findings.raised).hasSize(1);

    // when: the mean is clear of the margin (125.9 < 131 - 5)
    for (int t = 300; t < 420; t += 5) {
      bed(Metric.HR, t, 125.9);
    }
    assertThat(findings.notes)
        .singleElement()
        .satisfies(
            n -> assertThat(n.note()).startsWith("pulse back inside its band: mean 126/min"));

    // then: a new episode raises again
    for (int t = 420; t < 540; t += 5) {
      bed(Metric.HR, t, 150);
    }
    assertThat(findings.raised).hasSize(2);
  }

  @Test
  void exactlyAtTheMarginIsNotYetClear() {
    for (int t = 0; t < 60; t += 5) {
      bed(Metric.HR, t, 150);
    }
    for (int t = 60; t < 180; t += 5) {
      bed(Metric.HR, t, 126);
    }

    assertThat(findings.notes).isEmpty();
  }

  @Test
  void twoConsecutiveSpotChecksBeyondTheBandRaise() {
    // given: a blood pressure of 88 in the morning
    spot(resident, Metric.SBP, T0, 88);
    assertThat(findings.raised).isEmpty();

    // when: it is 85 in the afternoon
    spot(resident, Metric.SBP, T0 + 6 * HOUR, 85);

    // then
    assertThat(findings.last().detail())
        .isEqualTo("systolic BP 88 then 85 mmHg (two consecutive readings) (limit ≤90 mmHg)");
  }

  @Test
  void aSpotCheckBeyondTheBandFollowedByANormalOneRaisesNothing() {
    spot(resident, Metric.SBP, T0, 85);
    spot(resident, Metric.SBP, T0 + HOUR, 120);
    spot(resident, Metric.SBP, T0 + 2 * HOUR, 85);

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void twoSpotChecksWithinOneWindowWaitForMore() {
    spot(resident, Metric.SBP, T0, 85);
    spot(resident, Metric.SBP, T0 + 30_000, 85);
    assertThat(findings.raised).isEmpty();

    spot(resident, Metric.SBP, T0 + 45_000, 85);
    assertThat(findings.last().detail()).contains("mean 85 mmHg over 60 s (3 readings)");
  }

  @Test
  void spotChecksTooFarApartDoNotConfirmEachOther() {
    spot(resident, Metric.TEMP, T0, 39.5);
    spot(resident, Metric.TEMP, T0 + 24 * HOUR + 1, 39.5);

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void spotChecksReArmAfterTwoReadingsClearOfTheBand() {
    spot(resident, Metric.TEMP, T0, 39.5);
    spot(resident, Metric.TEMP, T0 + HOUR, 39.2);
    spot(resident, Metric.TEMP, T0 + 2 * HOUR, 38.0);
    assertThat(findings.notes).isEmpty();
    spot(resident, Metric.TEMP, T0 + 3 * HOUR, 37.0);

    assertThat(findings.raised).hasSize(1);
    assertThat(findings.notes)
        .singleElement()
        .satisfies(n -> assertThat(n.note()).contains("38.0 then 37.0 °C"));
  }

  @Test
  void spo2IsJudgedOnTheResidentsScale() {
    Device oximeter = TestResidents.device(80, MONITOR.kind(), MONITOR.expectedInterval());
    Resident copd = TestResidents.resident(new JsonObject(), false, true, oximeter);

    // 85 % is beyond scale 1 (≤91) but inside scale 2 (≤83)
    rule.onReadings(reading(oximeter, Metric.SPO2, T0, 85), copd, findings);
    rule.onReadings(reading(oximeter, Metric.SPO2, T0 + HOUR, 85), copd, findings);
    assertThat(findings.raised).isEmpty();
    spot(resident, Metric.SPO2, T0 + 2 * HOUR, 85);
    spot(resident, Metric.SPO2, T0 + 3 * HOUR, 85);
    assertThat(findings.raised).hasSize(1);

    // and at the scale 2 edge, 83 %, it raises for the scale 2 resident too
    rule.onReadings(reading(oximeter, Metric.SPO2, T0 + 4 * HOUR, 83), copd, findings);
    rule.onReadings(reading(oximeter, Metric.SPO2, T0 + 5 * HOUR, 83), copd, findings);
    assertThat(findings.raised).hasSize(2);
  }

  @Test
  void theCarePlanOverridesTheBand() {
    Resident lowered =
        TestResidents.resident(new JsonObject().put("hr_high", 120), false, false, BED);
    for (int t = 0; t < 15; t += 5) {
      rule.onReadings(reading(BED, Metric.HR, T0 + t * 1000L, 121), lowered, findings);
    }

    assertThat(findings.last().detail()).contains("limit ≥120/min");
  }

  @Test
  void redeliveredOrLateReadingsDoNotCount() {
    bed(Metric.HR, 0, 150);
    bed(Metric.HR, 5, 150);
    bed(Metric.HR, 5, 150);
    bed(Metric.HR, 0, 150);

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void eachDevicesSeriesIsJudgedOnItsOwn() {
    Device otherBed = TestResidents.device(70, BED.kind(), BED.expectedInterval());
    bed(Metric.HR, 0, 150);
    rule.onReadings(reading(otherBed, Metric.HR, T0 + 1000, 150), resident, findings);
    bed(Metric.HR, 5, 70);

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void metricsWithoutABandAreIgnored() {
    for (int t = 0; t < 60; t += 5) {
      bed(Metric.MOVEMENT, t, 100);
    }

    assertThat(findings.raised).isEmpty();
  }
}
