package org.caregrid.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.caregrid.alerting.AlertingConfig;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;
import org.junit.jupiter.api.Test;

class HeartRateRuleTest {
  private static final Device BED =
      new Device(7, new DeviceId("bed-7"), DeviceKind.CARE_BED, 3, Duration.ofSeconds(5));
  private final HeartRateRule rule = new HeartRateRule(AlertingConfig.defaults().heartRate());

  private Optional<AlertCandidate> pulse(long t, double value) {
    return rule.onReadings(
        new ReadingBatch(BED, t, List.of(new Reading(Metric.HR, t * 1000, value)), 0));
  }

  @Test
  void raisesWhenTheMeanOverTheWindowReachesTheLimit() {
    assertThat(pulse(0, 131)).isEmpty();
    assertThat(pulse(5, 131)).isEmpty();
    Optional<AlertCandidate> third = pulse(10, 131);

    assertThat(third).isPresent();
    assertThat(third.get().kind()).isEqualTo(AlertKind.VITAL_LIMIT);
    assertThat(third.get().severity()).isEqualTo(Severity.HIGH);
    assertThat(third.get().residentKey()).isEqualTo(3);
    assertThat(third.get().detail()).contains("131/min");
  }

  @Test
  void staysQuietJustBelowTheLimit() {
    for (int t = 0; t < 120; t += 5) {
      assertThat(pulse(t, 130.9)).isEmpty();
    }
  }

  @Test
  void aSingleSpikeNeverAlerts() {
    for (int t = 0; t < 60; t += 5) {
      assertThat(pulse(t, t == 30 ? 240 : 70)).isEmpty();
    }
  }

  @Test
  void raisesOncePerEpisodeAndAgainAfterRecovery() {
    int raised = 0;
    for (int t = 0; t < 60; t += 5) {
      raised += pulse(t, 150).isPresent() ? 1 : 0;
    }
    for (int t = 60; t < 120; t += 5) {
      raised += pulse(t, 70).isPresent() ? 1 : 0;
    }
    for (int t = 120; t < 180; t += 5) {
      raised += pulse(t, 150).isPresent() ? 1 : 0;
    }
    assertThat(raised).isEqualTo(2);
  }

  @Test
  void oldReadingsLeaveTheWindow() {
    pulse(0, 200);
    pulse(5, 200);
    // 40 s later the high readings are outside the 30 s window
    assertThat(pulse(45, 80)).isEmpty();
    assertThat(pulse(50, 80)).isEmpty();
    assertThat(pulse(55, 80)).isEmpty();
  }

  @Test
  void redeliveredReadingsDoNotCountTwice() {
    pulse(0, 140);
    pulse(5, 140);
    assertThat(pulse(5, 140)).isEmpty();
    assertThat(pulse(0, 140)).isEmpty();
  }
}
