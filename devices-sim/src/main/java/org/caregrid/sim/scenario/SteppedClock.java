package org.caregrid.sim.scenario;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that only moves when told to. Handed to the platform's alerting role and to a scenario's
 * {@link Timeline}, it lets a scenario pass half an hour of a night in a moment: the rules judge
 * "not back in bed for 30 min" by this clock, and the devices stamp their messages with it.
 */
public final class SteppedClock extends Clock {
  private final AtomicLong millis;
  private final ZoneId zone;

  public SteppedClock(Instant start) {
    this(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
  }

  private SteppedClock(AtomicLong millis, ZoneId zone) {
    this.millis = millis;
    this.zone = zone;
  }

  /** Moves time forward; the platform sees the new time at once. */
  public void advance(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("time does not go back: " + by);
    }
    millis.addAndGet(by.toMillis());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same time, seen in another zone: it shares this clock's time. */
  @Override
  public Clock withZone(ZoneId other) {
    return new SteppedClock(millis, other);
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }
}
