package org.caregrid.bench.rig;

import java.time.Instant;

/**
 * The wall clock in microseconds, as the platform's audit times have them: to compare with them.
 */
public final class WallClock {
  private WallClock() {}

  public static long micros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }
}
