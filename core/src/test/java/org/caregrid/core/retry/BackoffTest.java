package org.caregrid.core.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void theWaitDoublesFromTheFirstUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));

    assertThat(backoff.delay(0)).isEqualTo(Duration.ofMillis(50));
    assertThat(backoff.delay(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(backoff.delay(6)).isEqualTo(Duration.ofMillis(3_200));
    assertThat(backoff.delay(7)).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aFirstWaitAboveTheMaximumOrNotPositiveIsRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).delay(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
