package org.caregrid.alerting.rule.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.caregrid.alerting.rule.TestResidents.MOTION;
import static org.caregrid.alerting.rule.TestResidents.PENDANT;
import static org.caregrid.alerting.rule.TestResidents.reading;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caregrid.alerting.rule.MutableClock;
import org.caregrid.alerting.rule.RecordedFindings;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.alerting.rule.TestResidents;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.config.ConfigException;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.StatusChange;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;
import org.junit.jupiter.api.Test;

/**
 * Both devices report every minute (no supervision time for the pendant but in the tests that say
 * so); the default start grace is 1 min.
 */
class DeviceOfflineRuleTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final RuleConfig.DeviceOffline BY_INTERVAL =
      new RuleConfig.DeviceOffline(3, Duration.ofMinutes(1), Map.of());

  private final MutableClock clock = new MutableClock(T0);
  private final DeviceOfflineRule rule = new DeviceOfflineRule(BY_INTERVAL, clock);
  private final RecordedFindings findings = new RecordedFindings();
  private final Resident resident = TestResidents.resident(PENDANT, MOTION);

  private void data(Device d) {
    rule.onReadings(reading(d, Metric.BATTERY, clock.millis(), 80), resident, findings);
  }

  private void tickAfter(Duration d) {
    clock.advance(d);
    rule.onTick(resident, findings);
  }

  @Test
  void threeMissedIntervalsRaise() {
    data(PENDANT);
    data(MOTION);

    tickAfter(Duration.ofSeconds(179));
    assertThat(findings.raised).isEmpty();
    data(PENDANT);
    tickAfter(Duration.ofSeconds(1));

    assertThat(findings.raised)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.kind()).isEqualTo(AlertKind.DEVICE_OFFLINE);
              assertThat(c.severity()).isEqualTo(Severity.MEDIUM);
              assertThat(c.deviceKey()).isEqualTo(MOTION.key());
              assertThat(c.detail())
                  .isEqualTo("offline: motion_sensor motion_sensor-10 (no data for 180 s)");
            });
  }

  @Test
  void anSosPendantOfflineIsHigh() {
    data(MOTION);
    rule.onStatus(new StatusChange(PENDANT, false, T0), resident, findings);

    assertThat(findings.last().severity()).isEqualTo(Severity.HIGH);
    assertThat(findings.last().detail())
        .isEqualTo("offline: sos_pendant sos_pendant-9 (Last Will)");
  }

  @Test
  void aSecondDeviceGoingOfflineRaisesAgainAtTheWorstSeverity() {
    rule.onStatus(new StatusChange(MOTION, false, T0), resident, findings);
    rule.onStatus(new StatusChange(PENDANT, false, T0), resident, findings);

    assertThat(findings.raised)
        .extracting(c -> c.severity())
        .containsExactly(Severity.MEDIUM, Severity.HIGH);
    assertThat(findings.last().detail()).contains("sos_pendant-9", "motion_sensor-10");
  }

  @Test
  void itClosesItselfWhenEveryOfflineDeviceReportsAgain() {
    rule.onStatus(new StatusChange(MOTION, false, T0), resident, findings);
    rule.onStatus(new StatusChange(PENDANT, false, T0), resident, findings);

    clock.advance(Duration.ofSeconds(30));
    data(PENDANT);
    assertThat(findings.restored).isEmpty();
    assertThat(findings.notes)
        .singleElement()
        .satisfies(n -> assertThat(n.note()).contains("still offline: motion_sensor-10"));
    rule.onStatus(new StatusChange(MOTION, true, clock.millis()), resident, findings);

    assertThat(findings.restored)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.kind()).isEqualTo(AlertKind.DEVICE_OFFLINE);
              assertThat(n.note()).startsWith("restored");
            });
  }

  @Test
  void afterAStartDevicesGetAGracePeriod() {
    // nothing heard since the rule was created: 1 min grace, then 3 intervals
    tickAfter(Duration.ZERO);
    tickAfter(Duration.ofMinutes(3).plusSeconds(59));
    assertThat(findings.raised).isEmpty();
    tickAfter(Duration.ofSeconds(1));

    assertThat(findings.raised).hasSize(1);
    assertThat(findings.last().severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void aSilentDeviceRaisesOnlyOnce() {
    tickAfter(Duration.ZERO);
    tickAfter(Duration.ofMinutes(4));
    tickAfter(Duration.ofMinutes(10));

    assertThat(findings.raised).hasSize(1);
  }

  @Test
  void aDeviceThatAppearsLaterIsCountedFromThen() {
    data(PENDANT);
    data(MOTION);
    Device late = TestResidents.device(20, PENDANT.kind(), Duration.ofMinutes(1));
    Resident withLate = TestResidents.resident(PENDANT, MOTION, late);
    clock.advance(Duration.ofMinutes(10));
    data(PENDANT);
    data(MOTION);
    rule.onTick(withLate, findings);

    clock.advance(Duration.ofMinutes(2));
    data(PENDANT);
    data(MOTION);
    rule.onTick(withLate, findings);
    assertThat(findings.raised).isEmpty();
    clock.advance(Duration.ofMinutes(1));
    rule.onTick(withLate, findings);

    assertThat(findings.last().detail()).startsWith("offline: sos_pendant sos_pendant-20");
  }

  @Test
  void aPendantThatSpeaksOnlyWhenPressedIsJudgedByItsSupervisionTime() {
    // the demo's pendant: an SOS, then silence; device_offline came 27 s later (issue 14)
    DeviceOfflineRule supervised =
        new DeviceOfflineRule(RuleConfig.defaults().deviceOffline(), clock);
    Resident alone = TestResidents.resident(PENDANT);
    supervised.onEvent(
        new EventBatch(PENDANT, new DeviceEvent(EventType.SOS, clock.millis(), 1), clock.millis()),
        alone,
        findings);
    for (Duration after : List.of(Duration.ofSeconds(27), Duration.ofMinutes(10))) {
      clock.advance(after);
      supervised.onTick(alone, findings);
    }
    // its daily heartbeat (a status message) counts as seen
    clock.advance(Duration.ofHours(24));
    supervised.onStatus(new StatusChange(PENDANT, true, clock.millis()), alone, findings);
    clock.advance(Duration.ofHours(25));
    supervised.onTick(alone, findings);
    assertThat(findings.raised).isEmpty();

    clock.advance(Duration.ofHours(1));
    supervised.onTick(alone, findings);

    assertThat(findings.last().severity()).isEqualTo(Severity.HIGH);
    assertThat(findings.last().detail())
        .isEqualTo("offline: sos_pendant sos_pendant-9 (no data for 93600 s)");
  }

  @Test
  void aSupervisionTimeForAnUnknownKindIsRefused() {
    assertThatThrownBy(
            () ->
                new RuleConfig.DeviceOffline(
                    3, Duration.ofMinutes(1), Map.of("sos_button", Duration.ofHours(1))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sos_button");
  }

  @Test
  void dataReturningWithoutAnOpenAlertIsQuiet() {
    data(PENDANT);
    data(MOTION);
    tickAfter(Duration.ofMinutes(1));
    data(PENDANT);

    assertThat(findings.raised).isEmpty();
    assertThat(findings.notes).isEmpty();
    assertThat(findings.restored).isEmpty();
  }
}
