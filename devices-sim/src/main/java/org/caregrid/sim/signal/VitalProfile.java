package org.caregrid.sim.signal;

import java.time.LocalTime;
import java.util.Random;

/**
 * One resident's vital signs in good health: personal baselines with a daily rhythm, sensor noise
 * and motion artefacts, kept inside {@link #HEALTHY} (or {@link #HEALTHY_COPD}). Those ranges are
 * chosen against the NEWS2 chart (research/domain.md §2.1) so that a quiet day cannot alert: pulse
 * and SpO2 reach at most their 1-point band, every other parameter stays at 0, so the partial score
 * stays at 2 or below and no single parameter scores 3; every default vital_limit band (the NEWS2
 * 3-point bands) is further away still.
 */
public final class VitalProfile {
  /** Where a healthy resident's readings stay. */
  public record Ranges(
      Range pulse, Range respiration, Range spo2, Range systolic, Range diastolic, Range temp) {}

  /**
   * Pulse 52-108 (NEWS2 0 for 51-90, 1 for 91-110), respiration 12-20 (0), SpO2 94-99 on scale 1 (1
   * for 94-95), systolic 112-178 (0 for 111-219), temperature 36.2-37.6 °C (0 for 36.1-38.0).
   */
  public static final Ranges HEALTHY =
      new Ranges(
          new Range(52, 108),
          new Range(12, 20),
          new Range(94, 99),
          new Range(112, 178),
          new Range(60, 95),
          new Range(36.2, 37.6));

  /** As {@link #HEALTHY}, with SpO2 88-95: on scale 2 and on air, 88-92 and ≥93 all score 0. */
  public static final Ranges HEALTHY_COPD =
      new Ranges(
          HEALTHY.pulse(),
          HEALTHY.respiration(),
          new Range(88, 95),
          HEALTHY.systolic(),
          HEALTHY.diastolic(),
          HEALTHY.temp());

  private static final DailyRhythm PULSE_RHYTHM = new DailyRhythm(4, 15);
  private static final DailyRhythm PRESSURE_RHYTHM = new DailyRhythm(6, 10);
  private static final DailyRhythm TEMP_RHYTHM = new DailyRhythm(0.25, 18);
  private static final Noise PULSE_NOISE = new Noise(2);
  private static final Noise RESPIRATION_NOISE = new Noise(0.8);
  private static final Noise SPO2_NOISE = new Noise(0.6);
  private static final Noise PRESSURE_NOISE = new Noise(5);
  private static final Noise TEMP_NOISE = new Noise(0.1);

  private final Ranges ranges;
  private final double restingPulse;
  private final double respiration;
  private final double spo2;
  private final double systolic;
  private final double diastolic;
  private final double temp;

  private VitalProfile(Ranges ranges, Random random, boolean copd) {
    this.ranges = ranges;
    this.restingPulse = 58 + random.nextDouble() * 16;
    this.respiration = copd ? 15 + random.nextDouble() * 2 : 13 + random.nextDouble() * 3;
    this.spo2 = copd ? 90 + random.nextDouble() * 2.5 : 95.5 + random.nextDouble() * 2;
    this.systolic = 120 + random.nextDouble() * 30;
    this.diastolic = 70 + random.nextDouble() * 15;
    this.temp = 36.4 + random.nextDouble() * 0.4;
  }

  /** A profile drawn from {@code random}: the same draws, the same resident. */
  public static VitalProfile healthy(Random random, boolean copd) {
    return new VitalProfile(copd ? HEALTHY_COPD : HEALTHY, random, copd);
  }

  public Ranges ranges() {
    return ranges;
  }

  /**
   * Pulse per minute: lower asleep, higher up and about, lifted by movement on a bed sensor.
   *
   * @param movement the bed's movement index (0-100); 0 for devices that do not see it
   */
  public long pulse(LocalTime t, Activity activity, double movement, Random random) {
    double v =
        restingPulse
            + PULSE_RHYTHM.at(t)
            + activity.pulseOffset
            + PULSE_NOISE.draw(random)
            + MotionArtefact.BED.pulse(movement, random);
    return Math.round(ranges.pulse().clamp(v));
  }

  public long respiration(LocalTime t, Activity activity, double movement, Random random) {
    double v =
        respiration
            + activity.respirationOffset
            + RESPIRATION_NOISE.draw(random)
            + MotionArtefact.BED.respiration(movement, random);
    return Math.round(ranges.respiration().clamp(v));
  }

  public long spo2(Random random) {
    return Math.round(ranges.spo2().clamp(spo2 + SPO2_NOISE.draw(random)));
  }

  public long systolic(LocalTime t, Random random) {
    double v = systolic + PRESSURE_RHYTHM.at(t) + PRESSURE_NOISE.draw(random);
    return Math.round(ranges.systolic().clamp(v));
  }

  public long diastolic(LocalTime t, Random random) {
    double v = diastolic + PRESSURE_RHYTHM.at(t) / 2 + PRESSURE_NOISE.draw(random) / 2;
    return Math.round(ranges.diastolic().clamp(v));
  }

  /** Body temperature in °C, to a tenth as thermometers show it. */
  public double temp(LocalTime t, Random random) {
    double v = temp + TEMP_RHYTHM.at(t) + TEMP_NOISE.draw(random);
    return Math.round(ranges.temp().clamp(v) * 10) / 10.0;
  }

  /** What the resident is doing, as far as it moves their pulse and breathing. */
  public enum Activity {
    ASLEEP(-6, -1),
    RESTING(0, 0),
    ACTIVE(6, 1);

    private final double pulseOffset;
    private final double respirationOffset;

    Activity(double pulseOffset, double respirationOffset) {
      this.pulseOffset = pulseOffset;
      this.respirationOffset = respirationOffset;
    }
  }
}
