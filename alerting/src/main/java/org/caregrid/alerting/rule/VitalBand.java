package org.caregrid.alerting.rule;

/**
 * The range a vital sign should stay in. A value at or below {@code low}, or at or above {@code
 * high}, is beyond it; a value is clear of it only when more than {@code hysteresis} inside both
 * limits, so a value hovering at a limit does not raise and clear in turn.
 */
public record VitalBand(double low, double high, double hysteresis) {
  /**
   * Means carry rounding noise (12 × 39.1 / 12 need not be 39.1); limits are compared within it.
   */
  private static final double NOISE = 1e-9;

  /** A band with only a lower limit (SpO2). */
  public static VitalBand below(double low, double hysteresis) {
    return new VitalBand(low, Double.POSITIVE_INFINITY, hysteresis);
  }

  public VitalBand {
    if (!(low < high) || hysteresis < 0) {
      throw new IllegalArgumentException(
          "a band needs low < high and hysteresis >= 0, got " + low + ", " + high);
    }
  }

  public boolean beyond(double value) {
    return value <= low + NOISE || value >= high - NOISE;
  }

  public boolean clearOf(double value) {
    return value > low + hysteresis + NOISE && value < high - hysteresis - NOISE;
  }

  /** The limit a value beyond the band crossed, e.g. {@code "≥131"}. */
  public String limitCrossedBy(double value) {
    return value <= low + NOISE ? "≤" + plain(low) : "≥" + plain(high);
  }

  private static String plain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
