package org.caregrid.sim.clock;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time: starts at a chosen instant and runs {@code speed} times faster than real time.
 * Devices take their timestamps from it, and a platform under test can take it as its own clock, so
 * a simulated day passes in minutes with both sides agreeing on what time it is.
 */
public final class SimClock extends Clock {
  private static final long PAUSED = Long.MIN_VALUE;

  private final Instant start;
  private final double speed;
  private volatile long startNanos;

  private SimClock(Instant start, double speed, long startNanos) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, got: " + speed);
    }
    this.start = start;
    this.speed = speed;
    this.startNanos = startNanos;
  }

  /** A clock showing {@code start} now and advancing {@code speed} simulated seconds per second. */
  public static SimClock startingAt(Instant start, double speed) {
    return new SimClock(start, speed, System.nanoTime());
  }

  /**
   * A clock that shows {@code start} until {@link #run()}: what is set up meanwhile (a platform
   * starting, devices connecting) takes no simulated time.
   */
  public static SimClock pausedAt(Instant start, double speed) {
    return new SimClock(start, speed, PAUSED);
  }

  /** Starts a paused clock; a running one runs on. */
  public synchronized void run() {
    if (startNanos == PAUSED) {
      startNanos = System.nanoTime();
    }
  }

  public double speed() {
    return speed;
  }

  @Override
  public Instant instant() {
    long since = startNanos;
    if (since == PAUSED) {
      return start;
    }
    long realNanos = System.nanoTime() - since;
    return start.plusNanos((long) (realNanos * speed));
  }

  @Override
  public long millis() {
    return instant().toEpochMilli();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** Time zones do not apply: simulated time is UTC, homes convert to their own zone. */
  @Override
  public Clock withZone(ZoneId zone) {
    if (!zone.equals(ZoneOffset.UTC)) {
      throw new UnsupportedOperationException("a simulated clock runs in UTC");
    }
    return this;
  }
}
