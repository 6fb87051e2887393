package org.caregrid.alerting.rule.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregrid.alerting.rule.TestResidents.BED;
import static org.caregrid.alerting.rule.TestResidents.MOTION;
import static org.caregrid.alerting.rule.TestResidents.PENDANT;
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

class InactivityRuleTest {
  private static final LocalDate DAY = LocalDate.of(2025, 3, 10);
  private static final LocalDate NEXT = DAY.plusDays(1);

  private final MutableClock clock = new MutableClock(at(DAY, 8, 0));
  private final InactivityRule rule = new InactivityRule(clock);
  private final RecordedFindings findings = new RecordedFindings();
  private final Resident alone = TestResidents.resident(new JsonObject(), true, false, BED, MOTION);

  private void motion(Resident r, long time) {
    rule.onReadings(reading(MOTION, Metric.MOTION, time, 1), r, findings);
  }

  private void tickAt(Resident r, long time) {
    clock.set(time);
    rule.onTick(r, findings);
  }

  @Test
  void fourHoursWithoutMovementRaises() {
    motion(alone, at(DAY, 9, 0));

    tickAt(alone, at(DAY, 12, 59));
    assertThat(findings.raised).isEmpty();
    tickAt(alone, at(DAY, 13, 0));
    tickAt(alone, at(DAY, 13, 30));

    assertThat(findings.raised)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(AlertKind.INACTIVITY);
              assertThat(c.severity()).isEqualTo(Severity.HIGH);
              assertThat(c.detail()).isEqualTo("no movement for 4 h 0 min of waking time");
            });
  }

  @Test
  void onlyResidentsLivingAloneAreWatched() {
    Resident notAlone = TestResidents.resident(BED, MOTION);
    motion(notAlone, at(DAY, 9, 0));

    tickAt(notAlone, at(DAY, 18, 0));

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void theNightDoesNotCount() {
    // last movement 21:00: one waking hour before 22:00, three more after 06:00
    motion(alone, at(DAY, 21, 0));

    tickAt(alone, at(NEXT, 5, 59));
    tickAt(alone, at(NEXT, 8, 59));
    assertThat(findings.raised).isEmpty();
    tickAt(alone, at(NEXT, 9, 0));

    assertThat(findings.raised).hasSize(1);
  }

  @Test
  void movementResetsTheCountAndNotesTheOpenAlert() {
    motion(alone, at(DAY, 9, 0));
    tickAt(alone, at(DAY, 13, 0));
    rule.onEvent(event(MOTION, EventType.DOOR_OPEN, at(DAY, 13, 10)), alone, findings);
    tickAt(alone, at(DAY, 17, 9));

    assertThat(findings.raised).hasSize(1);
    assertThat(findings.notes)
        .singleElement()
        .satisfies(n -> assertThat(n.note()).isEqualTo("movement again"));
    tickAt(alone, at(DAY, 17, 10));
    assertThat(findings.raised).hasSize(2);
  }

  @Test
  void aChangingMovementIndexCountsButASteadyOneDoesNot() {
    motion(alone, at(DAY, 9, 0));
    rule.onReadings(reading(BED, Metric.MOVEMENT, at(DAY, 9, 30), 4), alone, findings);
    rule.onReadings(reading(BED, Metric.MOVEMENT, at(DAY, 10, 0), 4), alone, findings);
    rule.onReadings(reading(BED, Metric.IN_BED, at(DAY, 10, 0), 1), alone, findings);
    rule.onReadings(reading(BED, Metric.IN_BED, at(DAY, 11, 0), 1), alone, findings);
    tickAt(alone, at(DAY, 13, 0));
    assertThat(findings.raised).hasSize(1);

    rule.onReadings(reading(BED, Metric.MOVEMENT, at(DAY, 13, 1), 9), alone, findings);
    assertThat(findings.notes).hasSize(1);
  }

  @Test
  void noMotionReadingIsNoMovement() {
    motion(alone, at(DAY, 9, 0));
    rule.onReadings(reading(MOTION, Metric.MOTION, at(DAY, 12, 0), 0), alone, findings);

    tickAt(alone, at(DAY, 13, 0));

    assertThat(findings.raised).hasSize(1);
  }

  @Test
  void withoutADeviceThatSeesMovementNothingIsRaised() {
    Resident pendantOnly = TestResidents.resident(new JsonObject(), true, false, PENDANT);

    tickAt(pendantOnly, at(DAY, 9, 0));
    tickAt(pendantOnly, at(DAY, 18, 0));

    assertThat(findings.raised).isEmpty();
  }

  @Test
  void afterAStartTheCountBeginsWhenTheResidentIsFirstSeen() {
    tickAt(alone, at(DAY, 9, 0));
    tickAt(alone, at(DAY, 12, 59));
    assertThat(findings.raised).isEmpty();
    tickAt(alone, at(DAY, 13, 0));

    assertThat(findings.raised)
        .singleElement()
        .satisfies(c -> assertThat(c.deviceKey()).isEqualTo(BED.key()));
  }

  @Test
  void theCarePlanSetsTheTime() {
    Resident shorter =
        TestResidents.resident(new JsonObject().put("inactivity_min", 90), true, false, MOTION);
    motion(shorter, at(DAY, 9, 0));

    tickAt(shorter, at(DAY, 10, 30));

    assertThat(findings.raised).hasSize(1);
  }
}
