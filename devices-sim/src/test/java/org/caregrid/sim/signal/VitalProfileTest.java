package org.caregrid.sim.signal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.Random;
import org.caregrid.core.reading.Metric;
import org.caregrid.sim.signal.VitalProfile.Activity;
import org.junit.jupiter.api.Test;

/**
 * A healthy resident's readings, whatever the noise, rhythm and artefacts do, stay clear of every
 * alert: the NEWS2 chart (research/domain.md §2.1, written out here as the chart has it) never
 * gives a single 3 or an aggregate of 5, and no value reaches a default vital_limit band.
 */
class VitalProfileTest {
  private static final int RESIDENTS = 400;
  private static final int SAMPLES = 2_000;

  @Test
  void noiseNeverReachesAnAlertBandForAHealthyResident() {
    Random random = new Random(11);
    int worstAggregate = 0;
    for (int p = 0; p < RESIDENTS; p++) {
      boolean copd = p % 5 == 0;
      VitalProfile profile = VitalProfile.healthy(random, copd);
      for (int i = 0; i < SAMPLES; i++) {
        LocalTime t = LocalTime.ofSecondOfDay(random.nextInt(86_400));
        Activity a = Activity.values()[random.nextInt(Activity.values().length)];
        double movement = random.nextDouble() * 100;
        long hr = profile.pulse(t, a, movement, random);
        long rr = profile.respiration(t, a, movement, random);
        long spo2 = profile.spo2(random);
        long sbp = profile.systolic(t, random);
        double temp = profile.temp(t, random);

        int[] scores = {
          pulseScore(hr),
          respirationScore(rr),
          copd ? spo2Scale2OnAir(spo2) : spo2Scale1(spo2),
          systolicScore(sbp),
          tempScore(temp)
        };
        int aggregate = 0;
        for (int s : scores) {
          assertThat(s).as("a single parameter scoring 3").isLessThan(3);
          aggregate += s;
        }
        worstAggregate = Math.max(worstAggregate, aggregate);
        // default vital_limit bands: pulse <=40/>=131, respiration <=8/>=25, SpO2 <=91 (scale 2:
        // <=83), systolic <=90/>=220, temperature <=35.0/>=39.1
        assertThat(hr).isBetween(41L, 130L);
        assertThat(rr).isBetween(9L, 24L);
        assertThat(spo2).isGreaterThan(copd ? 83L : 91L);
        assertThat(sbp).isBetween(91L, 219L);
        assertThat(temp).isBetween(35.1, 39.0);
      }
    }
    assertThat(worstAggregate).as("NEWS2 aggregate: 5 or more is a high alert").isLessThan(5);
  }

  @Test
  void readingsLieInsideTheCataloguesPlausibleRanges() {
    Random random = new Random(3);
    VitalProfile profile = VitalProfile.healthy(random, false);
    for (int i = 0; i < SAMPLES; i++) {
      LocalTime t = LocalTime.ofSecondOfDay(random.nextInt(86_400));
      assertThat(Metric.HR.isPlausible(profile.pulse(t, Activity.ACTIVE, 90, random))).isTrue();
      assertThat(Metric.RR.isPlausible(profile.respiration(t, Activity.ASLEEP, 0, random)))
          .isTrue();
      assertThat(Metric.SPO2.isPlausible(profile.spo2(random))).isTrue();
      assertThat(Metric.DBP.isPlausible(profile.diastolic(t, random))).isTrue();
      assertThat(Metric.TEMP.isPlausible(profile.temp(t, random))).isTrue();
    }
  }

  @Test
  void pulseIsLowerAsleepAtNightThanActiveInTheAfternoon() {
    Random random = new Random(5);
    VitalProfile profile = VitalProfile.healthy(random, false);
    double night = 0;
    double afternoon = 0;
    for (int i = 0; i < 500; i++) {
      night += profile.pulse(LocalTime.of(3, 0), Activity.ASLEEP, 0, random);
      afternoon += profile.pulse(LocalTime.of(15, 0), Activity.ACTIVE, 0, random);
    }
    assertThat(afternoon / 500 - night / 500).isBetween(10.0, 25.0);
  }

  @Test
  void aTurningSleeperReadsALittleHighButBounded() {
    Random random = new Random(9);
    for (int i = 0; i < 1000; i++) {
      assertThat(MotionArtefact.BED.pulse(10, random)).isZero();
      assertThat(MotionArtefact.BED.pulse(80, random)).isBetween(4.0, 16.0);
    }
  }

  @Test
  void dailyRhythmPeaksAtItsHourAndBottomsTwelveHoursLater() {
    DailyRhythm rhythm = new DailyRhythm(0.25, 18);

    assertThat(rhythm.at(LocalTime.of(18, 0))).isEqualTo(0.25);
    assertThat(rhythm.at(LocalTime.of(6, 0)))
        .isCloseTo(-0.25, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(rhythm.at(LocalTime.of(12, 0)))
        .isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void noiseIsCutOffAtThreeStandardDeviations() {
    Noise noise = new Noise(2);
    Random random = new Random(1);
    double widest = 0;
    for (int i = 0; i < 100_000; i++) {
      widest = Math.max(widest, Math.abs(noise.draw(random)));
    }
    assertThat(widest).isLessThanOrEqualTo(6).isGreaterThan(5);
  }

  // NEWS2 Chart 1 (RCP 2017), as research/domain.md §2.1 gives it.
  private static int pulseScore(long v) {
    return v <= 40 ? 3 : v <= 50 ? 1 : v <= 90 ? 0 : v <= 110 ? 1 : v <= 130 ? 2 : 3;
  }

  private static int respirationScore(long v) {
    return v <= 8 ? 3 : v <= 11 ? 1 : v <= 20 ? 0 : v <= 24 ? 2 : 3;
  }

  private static int spo2Scale1(long v) {
    return v <= 91 ? 3 : v <= 93 ? 2 : v <= 95 ? 1 : 0;
  }

  private static int spo2Scale2OnAir(long v) {
    return v <= 83 ? 3 : v <= 85 ? 2 : v <= 87 ? 1 : 0;
  }

  private static int systolicScore(long v) {
    return v <= 90 ? 3 : v <= 100 ? 2 : v <= 110 ? 1 : v <= 219 ? 0 : 3;
  }

  private static int tempScore(double v) {
    return v <= 35.0 ? 3 : v <= 36.0 ? 1 : v <= 38.0 ? 0 : v <= 39.0 ? 1 : 2;
  }
}
