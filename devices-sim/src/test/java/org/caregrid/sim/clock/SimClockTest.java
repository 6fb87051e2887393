package org.caregrid.sim.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimClockTest {
  private static final Instant START = Instant.parse("2026-11-29T00:00:00Z");

  @Test
  void startsWhereToldAndRunsFasterThanRealTime() {
    long realStart = System.nanoTime();
    SimClock clock = SimClock.startingAt(START, 3600);

    assertThat(clock.instant()).isBetween(START, START.plusSeconds(3600));

    await()
        .atMost(Duration.ofSeconds(2))
        .until(() -> clock.instant().isAfter(START.plusSeconds(3600)));
    double realSeconds = (System.nanoTime() - realStart) / 1e9;
    // an hour of simulated time took about a real second, not an hour
    assertThat(realSeconds).isBetween(0.9, 2.0);
  }

  @Test
  void neverGoesBackwards() {
    SimClock clock = SimClock.startingAt(START, 1000);
    Instant last = clock.instant();
    for (int i = 0; i < 10_000; i++) {
      Instant now = clock.instant();
      assertThat(now).isAfterOrEqualTo(last);
      last = now;
    }
  }

  @Test
  void refusesAStoppedOrBackwardClock() {
    assertThatThrownBy(() -> SimClock.startingAt(START, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
