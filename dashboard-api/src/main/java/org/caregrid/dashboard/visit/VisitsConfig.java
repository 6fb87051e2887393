package org.caregrid.dashboard.visit;

import java.time.Duration;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code visits:} section (README "Visits (探访)"): how often a plan falls due by risk level, how
 * late a visit still counts as on time, how far ahead a task shows, and how long without activity
 * brings a visit forward.
 *
 * @param grace a visit this long after its due day is still on time; later, the due day is missed
 * @param ahead a plan due within this long shows as a task already
 * @param noActivity no bed presence, motion or activity event for this long brings the next visit
 *     forward to today
 */
public record VisitsConfig(Every every, Duration grace, Duration ahead, Duration noActivity) {
  public VisitsConfig {
    wholeDays("visits.grace", grace, 0);
    wholeDays("visits.ahead", ahead, 0);
    if (noActivity.compareTo(Duration.ofHours(1)) < 0) {
      throw new ConfigException("visits.no-activity must be at least 1h, got: " + noActivity);
    }
  }

  public static VisitsConfig defaults() {
    return new VisitsConfig(
        new Every(Duration.ofDays(7), Duration.ofDays(14), Duration.ofDays(30)),
        Duration.ofDays(2),
        Duration.ofDays(3),
        Duration.ofHours(12));
  }

  /** How often a resident of each risk level is visited. */
  public record Every(Duration high, Duration medium, Duration low) {
    public Every {
      wholeDays("visits.every.high", high, 1);
      wholeDays("visits.every.medium", medium, 1);
      wholeDays("visits.every.low", low, 1);
    }

    public int days(RiskLevel level) {
      return (int)
          switch (level) {
            case HIGH -> high.toDays();
            case MEDIUM -> medium.toDays();
            case LOW -> low.toDays();
          };
    }
  }

  private static void wholeDays(String key, Duration d, int least) {
    if (d == null || d.toHours() % 24 != 0 || d.toDays() < least || d.toDays() > 366) {
      throw new ConfigException(key + " must be whole days, " + least + "d..366d, got: " + d);
    }
  }
}
