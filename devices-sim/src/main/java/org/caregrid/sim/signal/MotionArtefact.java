package org.caregrid.sim.signal;

import java.util.Random;

/**
 * What body movement does to an under-mattress sensor: while the sleeper turns over (movement index
 * above {@code threshold}), the ballistocardiogram picks up the motion and reads pulse and
 * breathing a little high. The lift is bounded, as the sensor discards frames it cannot fit at all.
 */
public record MotionArtefact(double threshold, Range pulseLift, Range respirationLift) {
  /** Lifts seen on bed sensors during turns: a few beats, a breath or two. */
  public static final MotionArtefact BED =
      new MotionArtefact(40, new Range(4, 16), new Range(0.5, 2.5));

  public double pulse(double movement, Random random) {
    return lift(movement, pulseLift, random);
  }

  public double respiration(double movement, Random random) {
    return lift(movement, respirationLift, random);
  }

  private double lift(double movement, Range lift, Random random) {
    if (movement <= threshold) {
      return 0;
    }
    return lift.min() + random.nextDouble() * (lift.max() - lift.min());
  }
}
