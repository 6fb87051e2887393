package org.caregrid.sim.scenario;

import java.time.Duration;
import java.time.Instant;

/**
 * How time passes for a scenario: really (against a running platform) or on a {@link SteppedClock}.
 */
public interface Timeline {
  Instant now();

  void pass(Duration duration) throws InterruptedException;

  /** Time passes only as the scenario says, at once. */
  static Timeline simulated(SteppedClock clock) {
    return new Timeline() {
      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public void pass(Duration duration) {
        clock.advance(duration);
      }
    };
  }

  /** Real time: a wait of 30 min takes 30 min. */
  static Timeline wall() {
    return new Timeline() {
      @Override
      public Instant now() {
        return Instant.now();
      }

      @Override
      public void pass(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
      }
    };
  }
}
