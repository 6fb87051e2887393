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
import org.caregrid.alerting.rule.TestResidents;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;
import org.junit.jupiter.api.Test;

class BedExitRuleTest {
  private static final LocalDate DAY = LocalDate.of(2025, 3, 10);
  private static final LocalDate NEXT = DAY.plusDays(1);

  private final MutableClock clock = new MutableClock(at(DAY, 12, 0));
  private final BedExitRule rule = new BedExitRule(clock);
  private final RecordedFindings findings = new RecordedFindings();
  private final Resident resident = TestResidents.resident(BED);

  private void tickAt(long time) {
    clock.set(time);
    rule.onTick(resident, findings);
  }

  private void inBed(long time, double value) {
    rule.onReadings(reading(BED, Metric.IN_BED, time, value), resident, findings);
  }

  @Test
  void raisesThirtyMinutesAfterALeavingAcrossMidnight() {
    // given: out of bed at 23:50
    rule.onEvent(event(BED, EventType.BED_EXIT, at(DAY, 23, 50)), resident, findings);

    // when: 29 min later nothing; at 30 min, past midnight, the alert
    tickAt(at(NEXT, 0, 19));
    assertThat(findings.raised).isEmpty();
    tickAt(at(NEXT, 0, 20));

    // then
    assertThat(findings.raised)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(AlertKind.BED_EXIT_NO_RETURN);
              assertThat(c.severity()).isEqualTo(Severity.HIGH);
              assertThat(c.detail())
                  .isEqualTo("left bed at 23:50 (night 22:00-06:00) and not back after 30 min");
            });
    tickAt(at(NEXT, 1, 0));
    assertThat(findings.raised).hasSize(1);
  }

  @Test
  void aReadingGoingFromInBedToOutCountsAsLeaving() {
    inBed(at(NEXT, 2, 9), 1);
    inBed(at(NEXT, 2, 10), 0);
    inBed(at(NEXT, 2, 11), 0);

    tickAt(at(NEXT, 2, 40));

    assertThat(findings.last().detail()).startsWith("left bed at 02:10");
  }

  @Test
  void backInBedWithinTheTimeRaisesNothing() {
    rule.onEvent(event(BED, EventType.BED_EXIT, at(NEXT, 2, 0)), resident, findings);
    inBed(at(NEXT, 2, 29), 1);

    tickAt(at(NEXT, 3, 0));

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void leavingOutsideTheNightWindowRaisesNothing() {
    // 21:59 is before the window; 06:00 is its end, outside
    rule.onEvent(event(BED, EventType.BED_EXIT, at(DAY, 21, 59)), resident, findings);
    tickAt(at(DAY, 23, 0));
    rule.onEvent(event(BED, EventType.BED_ENTER, at(DAY, 23, 1)), resident, findings);
    rule.onEvent(event(BED, EventType.BED_EXIT, at(NEXT, 6, 0)), resident, findings);
    tickAt(at(NEXT, 8, 0));

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void leavingAtTheWindowsStartCounts() {
    rule.onEvent(event(BED, EventType.BED_EXIT, at(DAY, 22, 0)), resident, findings);
    tickAt(at(DAY, 22, 30));

    assertThat(findings.raised).hasSize(1);
  }

  @Test
  void aFirstReadingOutOfBedTellsNoTimeOfLeaving() {
    inBed(at(NEXT, 2, 0), 0);

    tickAt(at(NEXT, 4, 0));

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void returningAfterTheAlertAddsANote() {
    rule.onEvent(event(BED, EventType.BED_EXIT, at(NEXT, 1, 0)), resident, findings);
    tickAt(at(NEXT, 1, 45));
    inBed(at(NEXT, 1, 50), 1);

    assertThat(findings.notes)
        .singleElement()
        .satisfies(n -> assertThat(n.note()).isEqualTo("back in bed at 01:50"));
  }

  @Test
  void theCarePlanSetsTheWindowAndTheTime() {
    Resident early =
        TestResidents.resident(
            new JsonObject()
                .put("night_start", "20:00")
                .put("night_end", "7:00")
                .put("bed_return_min", 10),
            false,
            false,
            BED);
    rule.onEvent(event(BED, EventType.BED_EXIT, at(DAY, 20, 30)), early, findings);
    clock.set(at(DAY, 20, 39));
    rule.onTick(early, findings);
    assertThat(findings.raised).isEmpty();
    clock.set(at(DAY, 20, 40));
    rule.onTick(early, findings);

    assertThat(findings.last().detail()).contains("night 20:00-07:00", "after 10 min");
  }
}
