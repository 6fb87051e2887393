package org.caregrid.sim.device;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;

/**
 * An under-mattress sensor: heart and respiration rate with a daily rhythm and noise, presence in
 * bed at night, and movement. A tachycardia episode can be started for demos and tests.
 */
public final class CareBed {
  private static final ZoneId HOME_ZONE = ZoneId.of("Asia/Shanghai");

  private final String uid;
  private final Random random;
  private final double restingPulse;
  private long seq;
  private long episodeUntil;

  public CareBed(String uid, long seed) {
    this.uid = uid;
    this.random = new Random(seed);
    this.restingPulse = 62 + random.nextInt(14);
  }

  public String uid() {
    return uid;
  }

  /** For {@code length} from {@code now}, the pulse runs well above the NEWS2 3-point band. */
  public void startTachycardia(Instant now, Duration length) {
    episodeUntil = now.plus(length).toEpochMilli();
  }

  /** One report, as the sensor would send it at {@code now}. */
  public Telemetry report(Instant now) {
    long t = now.toEpochMilli();
    int hour = now.atZone(HOME_ZONE).getHour();
    boolean night = hour >= 22 || hour < 6;
    boolean inBed = night || random.nextDouble() < 0.15;
    double rhythm = night ? -6 : 4;
    double pulse = restingPulse + rhythm + random.nextGaussian() * 3;
    if (t < episodeUntil) {
      pulse = 142 + random.nextGaussian() * 4;
    }
    double respiration = 14 + (night ? -1 : 1) + random.nextGaussian();
    double movement = inBed ? Math.max(0, random.nextGaussian() * 8 + (night ? 5 : 20)) : 0;
    return new Telemetry(
        seq++,
        List.of(
            new Reading(Metric.HR, t, Math.round(pulse)),
            new Reading(Metric.RR, t, Math.round(respiration)),
            new Reading(Metric.IN_BED, t, inBed ? 1 : 0),
            new Reading(Metric.MOVEMENT, t, Math.round(Math.min(100, movement)))));
  }
}
