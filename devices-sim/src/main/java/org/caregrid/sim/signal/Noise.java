package org.caregrid.sim.signal;

import java.util.Random;

/**
 * Measurement noise: Gaussian with a standard deviation, cut off at three of them so a single draw
 * can never run away (a real sensor's own filter does the same).
 */
public record Noise(double sd) {
  private static final double CUTOFF = 3;

  public Noise {
    if (sd < 0) {
      throw new IllegalArgumentException("sd must not be negative");
    }
  }

  public double draw(Random random) {
    return Math.max(-CUTOFF, Math.min(CUTOFF, random.nextGaussian())) * sd;
  }

  /** The largest value {@link #draw} can return. */
  public double bound() {
    return CUTOFF * sd;
  }
}
