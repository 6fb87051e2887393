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

  private LoginLimiter limiter(int perLogin, int perAddress) {
    return new LoginLimiter(
        perLogin, perAddress, Duration.ofSeconds(1), Duration.ofSeconds(8), WINDOW, clock, 100);
  }

  @Test
  void afterTheFreeFailuresEachWaitDoublesUpToTheLongest() {
    LoginLimiter limiter = limiter(3, 100);
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.attempt("li.wei", "10.0.0.1")).isEmpty();
    }

    for (long wait : new long[] {1, 2, 4, 8, 8, 8}) {
      assertThat(limiter.attempt("LI.WEI", "10.0.0.1")).contains(Duration.ofSeconds(wait));
      clock.advance(Duration.ofSeconds(wait).minusMillis(1));
      assertThat(limiter.attempt("li.wei", "10.0.0.1")).contains(Duration.ofMillis(1));
      clock.advance(Duration.ofMillis(1));
      assertThat(limiter.attempt("li.wei", "10.0.0.1")).isEmpty();
    }
  }

  @Test
  void aLoginsFailuresFromOneAddressNeverSlowItFromAnother() {
    LoginLimiter limiter = limiter(3, 100);
    for (int i = 0; i < 50; i++) {
      limiter.attempt("li.wei", "203.0.113.9");
    }

    assertThat(limiter.attempt("li.wei", "203.0.113.9")).isPresent();
    assertThat(limiter.attempt("li.wei", "10.0.0.1")).isEmpty();
    limiter.succeeded("li.wei", "10.0.0.1");
    assertThat(limiter.attempt("li.wei", "10.0.0.1")).isEmpty();
  }

  @Test
  void anAddressTryingManyLoginsWaitsAfterItsFreeFailures() {
    LoginLimiter limiter = limiter(3, 5);
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.attempt("user" + i, "10.0.0.1")).isEmpty();
    }

    assertThat(limiter.attempt("another", "10.0.0.1")).contains(Duration.ofSeconds(1));
    assertThat(limiter.attempt("another", "10.0.0.2")).isEmpty();
  }

  @Test
  void aSuccessClearsTheLoginAndDoesNotCountAgainstTheAddress() {
    LoginLimiter limiter = limiter(3, 2);
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.attempt("user" + i, "10.0.0.1")).isEmpty();
      limiter.succeeded("user" + i, "10.0.0.1");
    }
    for (int i = 0; i < 2; i++) {
      limiter.attempt("li.wei", "10.0.0.1");
    }
    assertThat(limiter.attempt("li.wei", "10.0.0.1")).isPresent();
    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.attempt("li.wei", "10.0.0.1")).isEmpty();
    limiter.succeeded("li.wei", "10.0.0.1");

    assertThat(limiter.tracked()).isEqualTo(1);
  }

  @Test
  void tracksNoMoreThanItsCapacityAndForgetsFailuresAfterTheWindow() {
    LoginLimiter limiter = limiter(5, 20);
    for (int i = 0; i < 1_000; i++) {
      limiter.attempt("user" + i, "10.0." + (i / 256) + "." + (i % 256));
    }
    assertThat(limiter.tracked()).isEqualTo(100);

    clock.advance(WINDOW);
    limiter.attempt("late", "10.1.0.1");

    assertThat(limiter.tracked()).isEqualTo(2);
  }
}
