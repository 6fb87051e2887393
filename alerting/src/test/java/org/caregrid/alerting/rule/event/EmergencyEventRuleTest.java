package org.caregrid.alerting.rule.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregrid.alerting.rule.TestResidents.PENDANT;
import static org.caregrid.alerting.rule.TestResidents.SMOKE;
import static org.caregrid.alerting.rule.TestResidents.event;

import org.caregrid.alerting.rule.RecordedFindings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.TestResidents;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.event.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EmergencyEventRuleTest {
  private static final long T0 = 1_700_000_000_000L;

  private final EmergencyEventRule rule = new EmergencyEventRule();
  private final RecordedFindings findings = new RecordedFindings();
  private final Resident resident = TestResidents.resident(PENDANT, SMOKE);

  @ParameterizedTest
  @EnumSource(
      value = EventType.class,
      names = {"SOS", "SMOKE", "GAS", "WATER"})
  void raisesACriticalAlertOfTheSameKindAtOnce(EventType type) {
    rule.onEvent(event(SMOKE, type, T0), resident, findings);

    assertThat(findings.raised)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(AlertKind.valueOf(type.name()));
              assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
              assertThat(c.at()).isEqualTo(T0);
              assertThat(c.deviceKey()).isEqualTo(SMOKE.key());
              assertThat(c.detail()).isEqualTo(type.code() + " from smoke_sensor smoke_sensor-11");
            });
  }

  @Test
  void otherEventsRaiseNothing() {
    for (EventType t :
        new EventType[] {EventType.TEST_CALL, EventType.DOOR_OPEN, EventType.BED_EXIT}) {
      rule.onEvent(event(PENDANT, t, T0), resident, findings);
    }

    assertThat(findings.raised).isEmpty();
  }
}
