package org.caregrid.dashboard.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {
  private static final Duration WINDOW = Duration.ofMinutes(15);

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T08:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final HandClock clock = new HandClock();

  @Test
  void refusesTheSixthAttemptUntilTheWindowOfTheFirstFailureHasPassed() {
    LoginLimiter limiter = new LoginLimiter(5, 20, WINDOW, clock, 100);
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.attempt("li.wei", "10.0.0.1")).isEmpty();
      clock.advance(Duration.ofMinutes(1));
    }

    assertThat(limiter.attempt("li.wei", "10.0.0.1")).contains(Duration.ofMinutes(10));
    assertThat(limiter.attempt("LI.WEI", "10.0.0.2")).contains(Duration.ofMinutes(10));
    clock.advance(Duration.ofMinutes(10));
    assertThat(limiter.attempt("li.wei", "10.0.0.1")).isEmpty();
  }

  @Test
  void aSuccessDoesNotCountAgainstTheAddress() {
    LoginLimiter limiter = new LoginLimiter(5, 2, WINDOW, clock, 100);
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.attempt("user" + i, "10.0.0.1")).isEmpty();
      limiter.succeeded("user" + i, "10.0.0.1");
    }

    assertThat(limiter.attempt("a", "10.0.0.1")).isEmpty();
    assertThat(limiter.attempt("b", "10.0.0.1")).isEmpty();
    assertThat(limiter.attempt("c", "10.0.0.1")).isPresent();
  }

  @Test
  void tracksNoMoreThanItsCapacityAndForgetsExpiredWindows() {
    LoginLimiter limiter = new LoginLimiter(5, 20, WINDOW, clock, 100);
    for (int i = 0; i < 1_000; i++) {
      limiter.attempt("user" + i, "10.0." + (i / 256) + "." + (i % 256));
    }
    assertThat(limiter.tracked()).isEqualTo(100);

    clock.advance(WINDOW);
    limiter.attempt("late", "10.1.0.1");

    assertThat(limiter.tracked()).isEqualTo(2);
  }
}
