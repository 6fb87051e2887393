package org.caregrid.alerting.rule.news2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregrid.alerting.rule.TestResidents.BED;
import static org.caregrid.alerting.rule.TestResidents.MONITOR;
import static org.caregrid.alerting.rule.TestResidents.reading;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.caregrid.alerting.rule.MutableClock;
import org.caregrid.alerting.rule.RecordedFindings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.alerting.rule.TestResidents;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.device.Device;
import org.caregrid.core.reading.Metric;
import org.junit.jupiter.api.Test;

class News2RuleTest {
  private static final long T0 = 1_700_000_000_000L;

  private final MutableClock clock = new MutableClock(T0);
  private final News2Rule rule = new News2Rule(RuleConfig.defaults().news2(), clock);
  private final RecordedFindings findings = new RecordedFindings();
  private final Resident resident = TestResidents.resident(BED, MONITOR);

  /** A reading taken now, one second after the previous one. */
  private void measure(Resident r, Metric metric, double value) {
    clock.advance(Duration.ofSeconds(1));
    Device device = metric == Metric.HR || metric == Metric.RR ? BED : MONITOR;
    rule.onReadings(reading(device, metric, clock.millis(), value), r, findings);
  }

  @Test
  void raisesWhenTheBandWorsensNotOnEveryReading() {
    // given: a red score (pulse 131 → 3)
    measure(resident, Metric.HR, 131);
    measure(resident, Metric.HR, 135);
    assertThat(findings.raised).hasSize(1);
    assertThat(findings.last().severity()).isEqualTo(Severity.MEDIUM);
    assertThat(findings.last().kind()).isEqualTo(AlertKind.NEWS2);

    // when: respiration 25 (3) makes it 6, then SpO2 93 (2) makes it 8
    measure(resident, Metric.RR, 25);
    measure(resident, Metric.SPO2, 93);

    // then
    assertThat(findings.raised)
        .extracting(c -> c.severity())
        .containsExactly(Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);
    assertThat(findings.last().detail())
        .isEqualTo(
            "NEWS2 8 (partial): respiration 3, SpO2 (scale 1) 2, air 0, systolic BP -, pulse 3,"
                + " consciousness A 0, temperature -");
  }

  @Test
  void aSpikeInADenseSeriesDoesNotMoveTheScoreButASustainedChangeDoes() {
    // given: a bed reporting a pulse of 72 every second
    for (int i = 0; i < 10; i++) {
      measure(resident, Metric.HR, 72);
    }

    // when: one motion artefact of 135 (3 points on its own)
    measure(resident, Metric.HR, 135);
    measure(resident, Metric.HR, 72);

    // then: the minute's median is still 72
    assertThat(findings.raised).isEmpty();

    // when: the pulse stays at 135 until it is most of the minute's readings
    for (int i = 0; i < 12; i++) {
      measure(resident, Metric.HR, 135);
    }

    // then
    assertThat(findings.raised)
        .singleElement()
        .satisfies(c -> assertThat(c.severity()).isEqualTo(Severity.MEDIUM));
  }

  @Test
  void aLoneSpotCheckIsScoredAsMeasured() {
    // SpO2 91 from a monitor's spot check: 3 points on scale 1, nothing to outvote it
    measure(resident, Metric.SPO2, 91);

    assertThat(findings.raised)
        .singleElement()
        .satisfies(c -> assertThat(c.severity()).isEqualTo(Severity.MEDIUM));
  }

  @Test
  void normalValuesRaiseNothing() {
    measure(resident, Metric.HR, 130);
    measure(resident, Metric.RR, 24);
    measure(resident, Metric.SPO2, 96);

    // pulse 2 + respiration 2 = 4, no single 3
    assertThat(findings.raised).isEmpty();
  }

  @Test
  void anImprovementIsNotedAndALaterWorseningRaisesAgain() {
    measure(resident, Metric.HR, 140);
    measure(resident, Metric.HR, 80);
    measure(resident, Metric.HR, 140);

    assertThat(findings.raised).hasSize(2);
    assertThat(findings.notes)
        .singleElement()
        .satisfies(n -> assertThat(n.note()).startsWith("improved: NEWS2 0"));
  }

  @Test
  void valuesOlderThanTheFreshnessWindowNoLongerCount() {
    // given: a red pulse, then a normal respiration rate 14 min later
    measure(resident, Metric.HR, 140);
    clock.advance(Duration.ofMinutes(14).minusSeconds(1));
    measure(resident, Metric.RR, 15);
    assertThat(findings.raised).hasSize(1);

    // when: the pulse is 15 min old the score still holds it; past that it is gone
    clock.advance(Duration.ofMinutes(1));
    rule.onTick(resident, findings);
    assertThat(findings.notes).isEmpty();
    clock.advance(Duration.ofMillis(1));
    rule.onTick(resident, findings);

    // then
    assertThat(findings.notes)
        .singleElement()
        .satisfies(n -> assertThat(n.note()).contains("pulse -"));
  }

  @Test
  void staffRecordedOxygenAndConsciousnessComeFromTheCarePlan() {
    Resident onOxygen =
        TestResidents.resident(
            new JsonObject().put("news2_on_oxygen", true).put("news2_consciousness", "C"),
            false,
            false,
            BED);

    measure(onOxygen, Metric.RR, 15);

    // oxygen 2 + confusion 3
    assertThat(findings.last().severity()).isEqualTo(Severity.HIGH);
    assertThat(findings.last().detail()).contains("oxygen 2", "consciousness C 3");
  }

  @Test
  void aCarePlanEditBetweenReadingsIsScoredAtTheNextTick() {
    // given: a normal respiration rate, on air and alert
    measure(resident, Metric.RR, 15);
    rule.onTick(resident, findings);
    assertThat(findings.raised).isEmpty();

    // when: staff record oxygen and confusion; no reading comes before the tick
    Resident edited =
        TestResidents.resident(
            new JsonObject().put("news2_on_oxygen", true).put("news2_consciousness", "C"),
            false,
            false,
            BED,
            MONITOR);
    clock.advance(Duration.ofSeconds(5));
    rule.onTick(edited, findings);

    // then
    assertThat(findings.last().severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void scaleTwoResidentsAreScoredOnScaleTwo() {
    Resident copd = TestResidents.resident(new JsonObject(), false, true, MONITOR);

    measure(copd, Metric.SPO2, 88);
    assertThat(findings.raised).isEmpty();
    measure(copd, Metric.SPO2, 83);

    assertThat(findings.last().severity()).isEqualTo(Severity.MEDIUM);
    assertThat(findings.last().detail()).contains("SpO2 (scale 2) 3");
  }
}
