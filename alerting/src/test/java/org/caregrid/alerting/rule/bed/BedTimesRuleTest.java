package org.caregrid.alerting.rule.bed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregrid.alerting.rule.TestResidents.BED;
import static org.caregrid.alerting.rule.TestResidents.at;
import static org.caregrid.alerting.rule.TestResidents.event;
import static org.caregrid.alerting.rule.TestResidents.reading;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import org.caregrid.alerting.rule.MutableClock;
import org.caregrid.alerting.rule.RecordedFindings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.alerting.rule.TestResidents;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;
import org.junit.jupiter.api.Test;

class BedTimesRuleTest {
  private static final LocalDate DAY = LocalDate.of(2025, 3, 10);
  private static final LocalDate NEXT = DAY.plusDays(1);

  private final MutableClock clock = new MutableClock(at(DAY, 12, 0));
  private final BedTimesRule rule = new BedTimesRule(RuleConfig.defaults().bed(), clock);
  private final RecordedFindings findings = new RecordedFindings();
  private final Resident resident =
      TestResidents.resident(
          new JsonObject().put("not_in_bed_by", "23:00").put("not_up_by", "09:00"),
          false,
          false,
          BED);

  private void inBed(Resident r, long time, double value) {
    rule.onReadings(reading(BED, Metric.IN_BED, time, value), r, findings);
  }

  private void tickAt(Resident r, long time) {
    clock.set(time);
    rule.onTick(r, findings);
  }

  @Test
  void notInBedAtBedtimeRaisesOnce() {
    inBed(resident, at(DAY, 22, 0), 0);

    tickAt(resident, at(DAY, 22, 59));
    assertThat(findings.raised).isEmpty();
    tickAt(resident, at(DAY, 23, 0));
    tickAt(resident, at(DAY, 23, 5));

    assertThat(findings.raised)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(AlertKind.NOT_IN_BED_BY);
              assertThat(c.severity()).isEqualTo(Severity.HIGH);
              assertThat(c.detail()).isEqualTo("not in bed at 23:00, the care plan's bedtime");
            });
  }

  @Test
  void inBedAtBedtimeRaisesNothingEvenIfTheyLeaveLater() {
    inBed(resident, at(DAY, 22, 30), 1);
    tickAt(resident, at(DAY, 23, 0));
    rule.onEvent(event(BED, EventType.BED_EXIT, at(DAY, 23, 30)), resident, findings);
    tickAt(resident, at(DAY, 23, 35));

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void stillInBedAtTheTimeToBeUpRaisesAndGettingUpAddsANote() {
    inBed(resident, at(DAY, 23, 0), 1);
    tickAt(resident, at(NEXT, 9, 0));
    rule.onEvent(event(BED, EventType.BED_EXIT, at(NEXT, 9, 20)), resident, findings);

    assertThat(findings.raised).extracting(c -> c.kind()).containsExactly(AlertKind.NOT_UP_BY);
    assertThat(findings.notes)
        .singleElement()
        .satisfies(n -> assertThat(n.note()).isEqualTo("up at 09:20"));
  }

  @Test
  void upBeforeTheTimeRaisesNothing() {
    inBed(resident, at(DAY, 23, 0), 1);
    rule.onEvent(event(BED, EventType.BED_EXIT, at(NEXT, 7, 30)), resident, findings);
    tickAt(resident, at(NEXT, 9, 1));

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void eachDaysTimeIsCheckedAgain() {
    inBed(resident, at(DAY, 20, 0), 0);
    tickAt(resident, at(DAY, 23, 1));
    tickAt(resident, at(NEXT, 23, 1));

    assertThat(findings.raised).hasSize(2);
  }

  @Test
  void aTimeThatPassedLongerAgoThanTheCheckWindowIsSkipped() {
    // the platform comes back at 00:30: bedtime passed 90 min ago
    inBed(resident, at(NEXT, 0, 29), 0);
    tickAt(resident, at(NEXT, 0, 30));

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void withoutCarePlanTimesNothingIsChecked() {
    Resident plain = TestResidents.resident(BED);
    inBed(plain, at(DAY, 22, 0), 0);
    tickAt(plain, at(DAY, 23, 30));
    inBed(plain, at(NEXT, 8, 0), 1);
    tickAt(plain, at(NEXT, 12, 0));

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void unknownPresenceWaitsForData() {
    tickAt(resident, at(DAY, 23, 0));
    inBed(resident, at(DAY, 23, 10), 0);
    tickAt(resident, at(DAY, 23, 10));

    assertThat(findings.raised).hasSize(1);
  }
}
