package org.caregrid.alerting.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregrid.alerting.rule.TestResidents.ZONE;
import static org.caregrid.alerting.rule.TestResidents.at;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class NightWindowTest {
  private static final LocalDate DAY = LocalDate.of(2025, 3, 10);
  private static final LocalDate NEXT = DAY.plusDays(1);
  private final NightWindow night = new NightWindow(LocalTime.of(22, 0), LocalTime.of(6, 0));

  @Test
  void aWindowCrossingMidnightHoldsBothEnds() {
    assertThat(night.contains(at(DAY, 21, 59), ZONE)).isFalse();
    assertThat(night.contains(at(DAY, 22, 0), ZONE)).isTrue();
    assertThat(night.contains(at(NEXT, 0, 0), ZONE)).isTrue();
    assertThat(night.contains(at(NEXT, 5, 59), ZONE)).isTrue();
    assertThat(night.contains(at(NEXT, 6, 0), ZONE)).isFalse();
  }

  @Test
  void aWindowWithinOneDay() {
    NightWindow afternoonNap = new NightWindow(LocalTime.of(13, 0), LocalTime.of(15, 0));

    assertThat(afternoonNap.contains(at(DAY, 12, 59), ZONE)).isFalse();
    assertThat(afternoonNap.contains(at(DAY, 13, 0), ZONE)).isTrue();
    assertThat(afternoonNap.contains(at(DAY, 15, 0), ZONE)).isFalse();
  }

  @Test
  void equalEndsMeanNoNight() {
    NightWindow none = new NightWindow(LocalTime.of(22, 0), LocalTime.of(22, 0));

    assertThat(none.contains(at(DAY, 22, 0), ZONE)).isFalse();
    assertThat(none.wakingMillis(at(DAY, 0, 0), at(NEXT, 0, 0), ZONE))
        .isEqualTo(Duration.ofDays(1).toMillis());
  }

  @Test
  void wakingTimeLeavesTheNightsOut() {
    assertThat(waking(at(DAY, 9, 0), at(DAY, 13, 0))).isEqualTo(Duration.ofHours(4));
    assertThat(waking(at(DAY, 21, 0), at(NEXT, 9, 0))).isEqualTo(Duration.ofHours(4));
    assertThat(waking(at(DAY, 23, 0), at(NEXT, 5, 0))).isEqualTo(Duration.ZERO);
    assertThat(waking(at(DAY, 12, 0), at(DAY.plusDays(2), 12, 0))).isEqualTo(Duration.ofHours(32));
    assertThat(waking(at(DAY, 13, 0), at(DAY, 9, 0))).isEqualTo(Duration.ZERO);
  }

  private Duration waking(long from, long to) {
    return Duration.ofMillis(night.wakingMillis(from, to, ZONE));
  }
}
