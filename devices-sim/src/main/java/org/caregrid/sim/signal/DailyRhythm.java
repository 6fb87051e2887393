package org.caregrid.sim.signal;

import java.time.LocalTime;

/**
 * A circadian swing around a baseline: a cosine over 24 h peaking at {@code peakHour} local time.
 * Pulse and body temperature both run lowest in the small hours and highest in the late afternoon.
 */
public record DailyRhythm(double amplitude, double peakHour) {
  private static final double SECONDS_PER_DAY = 86_400;

  public DailyRhythm {
    if (amplitude < 0 || peakHour < 0 || peakHour >= 24) {
      throw new IllegalArgumentException("amplitude >= 0 and peak hour 0..24 expected");
    }
  }

  /** The offset from the baseline at local time {@code t}: within ±amplitude. */
  public double at(LocalTime t) {
    double fromPeak = t.toSecondOfDay() - peakHour * 3600;
    return amplitude * Math.cos(2 * Math.PI * fromPeak / SECONDS_PER_DAY);
  }
}
