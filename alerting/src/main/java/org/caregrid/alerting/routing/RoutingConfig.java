package org.caregrid.alerting.routing;

import java.time.Duration;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code alerting.routing:} section: how long a station has to accept before the alert
 * escalates, by severity (DESIGN §6).
 *
 * @param resend after the last step, how often an alert nobody accepted is asked again
 * @param sweepEvery how often pending deadlines are also checked in the database, so escalations
 *     owed by a node that stopped are still made
 */
public record RoutingConfig(
    Duration critical,
    Duration high,
    Duration medium,
    Duration low,
    Resend resend,
    Duration sweepEvery) {

  public RoutingConfig {
    positive(critical, high, medium, low, sweepEvery);
  }

  /** The {@code alerting.routing.resend:} intervals, by severity. */
  public record Resend(Duration critical, Duration high, Duration medium, Duration low) {
    public Resend {
      positive(critical, high, medium, low);
    }

    public static Resend defaults() {
      return new Resend(
          Duration.ofSeconds(60),
          Duration.ofMinutes(3),
          Duration.ofMinutes(15),
          Duration.ofHours(1));
    }

    /** How long after one help request an alert of this severity is asked again. */
    public Duration every(Severity severity) {
      return switch (severity) {
        case CRITICAL -> critical;
        case HIGH -> high;
        case MEDIUM -> medium;
        case LOW -> low;
      };
    }
  }

  private static void positive(Duration... durations) {
    for (Duration d : durations) {
      if (d.isNegative() || d.isZero()) {
        throw new ConfigException("alerting.routing durations must be positive, got: " + d);
      }
    }
  }

  public static RoutingConfig defaults() {
    return new RoutingConfig(
        Duration.ofSeconds(60),
        Duration.ofSeconds(180),
        Duration.ofMinutes(15),
        Duration.ofHours(1),
        Resend.defaults(),
        Duration.ofSeconds(5));
  }

  /** How long a station has to accept an alert of this severity. */
  public Duration acceptWithin(Severity severity) {
    return switch (severity) {
      case CRITICAL -> critical;
      case HIGH -> high;
      case MEDIUM -> medium;
      case LOW -> low;
    };
  }
}
