package org.caregrid.sim.signal;

/** A closed range of values a healthy resident's signal stays within. */
public record Range(double min, double max) {
  public Range {
    if (min > max) {
      throw new IllegalArgumentException("min > max: " + min + " > " + max);
    }
  }

  public double clamp(double v) {
    return Math.max(min, Math.min(max, v));
  }

  public boolean contains(double v) {
    return v >= min && v <= max;
  }
}
