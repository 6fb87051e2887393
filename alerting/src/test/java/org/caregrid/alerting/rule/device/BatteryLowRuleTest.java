package org.caregrid.alerting.rule.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregrid.alerting.rule.TestResidents.PENDANT;
import static org.caregrid.alerting.rule.TestResidents.SMOKE;
import static org.caregrid.alerting.rule.TestResidents.event;
import static org.caregrid.alerting.rule.TestResidents.reading;

import org.caregrid.alerting.rule.RecordedFindings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.alerting.rule.TestResidents;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;
import org.junit.jupiter.api.Test;

class BatteryLowRuleTest {
  private static final long T0 = 1_700_000_000_000L;

  private final BatteryLowRule rule = new BatteryLowRule(RuleConfig.defaults().batteryLow());
  private final RecordedFindings findings = new RecordedFindings();
  private final Resident resident = TestResidents.resident(PENDANT, SMOKE);

  private void battery(long at, double percent) {
    rule.onReadings(reading(PENDANT, Metric.BATTERY, at, percent), resident, findings);
  }

  @Test
  void belowFifteenPercentRaisesLowOnce() {
    battery(T0, 15);
    assertThat(findings.raised).isEmpty();
    battery(T0 + 1, 14.9);
    battery(T0 + 2, 12);

    assertThat(findings.raised)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(AlertKind.BATTERY_LOW);
              assertThat(c.severity()).isEqualTo(Severity.LOW);
              assertThat(c.detail()).isEqualTo("sos_pendant sos_pendant-9 battery at 14.9 %");
            });
  }

  @Test
  void aReplacedBatteryIsNotedAndCanRaiseAgain() {
    battery(T0, 10);
    battery(T0 + 1, 24);
    assertThat(findings.notes).isEmpty();
    battery(T0 + 2, 100);
    battery(T0 + 3, 9);

    assertThat(findings.notes)
        .singleElement()
        .satisfies(n -> assertThat(n.note()).contains("back at 100 %"));
    assertThat(findings.raised).hasSize(2);
  }

  @Test
  void theDevicesOwnEventRaisesToo() {
    rule.onEvent(event(SMOKE, EventType.BATTERY_LOW, T0), resident, findings);
    rule.onEvent(event(SMOKE, EventType.BATTERY_LOW, T0 + 1), resident, findings);

    assertThat(findings.raised)
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.detail())
                    .isEqualTo("smoke_sensor smoke_sensor-11 reports battery low"));
  }
}
