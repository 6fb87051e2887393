package org.caregrid.alerting;

import java.time.Duration;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code alerting:} section.
 *
 * @param heartRate the heart-rate limit rule
 */
public record AlertingConfig(HeartRate heartRate) {

  /**
   * The heart-rate limit rule.
   *
   * @param high alert when the mean pulse over {@code window} is at or above this (/min); the
   *     default is the NEWS2 3-point band, pulse ≥ 131 (research/domain.md §2.1)
   * @param window the averaging window, by the readings' own time
   * @param minReadings readings the window must hold, so a single spike never alerts
   */
  public record HeartRate(double high, Duration window, int minReadings) {
    public HeartRate {
      if (minReadings < 2) {
        throw new ConfigException(
            "alerting.heart-rate.min-readings must be at least 2, got: " + minReadings);
      }
      if (window.isNegative() || window.isZero()) {
        throw new ConfigException("alerting.heart-rate.window must be positive, got: " + window);
      }
    }
  }

  public static AlertingConfig defaults() {
    return new AlertingConfig(new HeartRate(131, Duration.ofSeconds(30), 3));
  }
}
