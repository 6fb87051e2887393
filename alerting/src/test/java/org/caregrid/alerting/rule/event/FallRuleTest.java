package org.caregrid.alerting.rule.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregrid.alerting.rule.TestResidents.event;

import java.time.Duration;
import org.caregrid.alerting.rule.RecordedFindings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.alerting.rule.TestResidents;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.event.EventType;
import org.junit.jupiter.api.Test;

class FallRuleTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final Device DETECTOR =
      TestResidents.device(12, DeviceKind.FALL_DETECTOR, Duration.ofMinutes(1));

  private final FallRule rule = new FallRule(RuleConfig.defaults().fall());
  private final RecordedFindings findings = new RecordedFindings();
  private final Resident resident = TestResidents.resident(DETECTOR);

  private void on(EventType type, long at) {
    rule.onEvent(event(DETECTOR, type, at), resident, findings);
  }

  @Test
  void aFallIsCriticalAtOnce() {
    on(EventType.FALL, T0);

    assertThat(findings.raised)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(AlertKind.FALL);
              assertThat(c.severity()).isEqualTo(Severity.CRITICAL);
            });
  }

  @Test
  void aCancelOnTheDeviceTurnsItIntoACheckCallInsteadOfClosingIt() {
    on(EventType.FALL, T0);
    on(EventType.FALL_CANCELLED, T0 + 20_000);

    assertThat(findings.raised).hasSize(2);
    assertThat(findings.last().kind()).isEqualTo(AlertKind.FALL);
    assertThat(findings.last().severity()).isEqualTo(Severity.HIGH);
    assertThat(findings.last().detail())
        .isEqualTo("fall cancelled on the device after 20 s: check call");
    assertThat(findings.notes)
        .singleElement()
        .satisfies(n -> assertThat(n.note()).contains("fall_cancelled", "check call"));
    assertThat(findings.restored).isEmpty();
  }

  @Test
  void aCancelWithoutARecentFallIsIgnored() {
    on(EventType.FALL_CANCELLED, T0);
    on(EventType.FALL, T0 + 1000);
    on(EventType.FALL_CANCELLED, T0 + 1000 + Duration.ofMinutes(5).toMillis() + 1);

    assertThat(findings.raised).extracting(c -> c.severity()).containsExactly(Severity.CRITICAL);
    assertThat(findings.notes).isEmpty();
  }

  @Test
  void aRepeatedCancelOrARedeliveredFallChangesNothing() {
    on(EventType.FALL, T0);
    on(EventType.FALL_CANCELLED, T0 + 10_000);
    on(EventType.FALL_CANCELLED, T0 + 10_000);
    on(EventType.FALL, T0);

    assertThat(findings.raised)
        .extracting(c -> c.severity())
        .containsExactly(Severity.CRITICAL, Severity.HIGH);
  }

  @Test
  void aNewFallAfterACancelIsCriticalAgain() {
    on(EventType.FALL, T0);
    on(EventType.FALL_CANCELLED, T0 + 10_000);
    on(EventType.FALL, T0 + 60_000);

    assertThat(findings.last().severity()).isEqualTo(Severity.CRITICAL);
  }
}
