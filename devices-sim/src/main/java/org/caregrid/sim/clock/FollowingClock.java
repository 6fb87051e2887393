package org.caregrid.sim.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;

/**
 * A clock that shows whatever time something else has reached: for a platform under test, the
 * simulated time up to which every device has reported. If the simulation stalls (a loaded machine,
 * a pause), the platform's time stalls with it, so its time-based rules never judge a silence that
 * only the stall made.
 */
public final class FollowingClock extends Clock {
  private final Supplier<Instant> reached;

  public FollowingClock(Supplier<Instant> reached) {
    this.reached = reached;
  }

  @Override
  public Instant instant() {
    return reached.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (!zone.equals(ZoneOffset.UTC)) {
      throw new UnsupportedOperationException("a following clock runs in UTC");
    }
    return this;
  }
}
