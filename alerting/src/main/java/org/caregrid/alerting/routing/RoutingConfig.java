package org.caregrid.alerting.routing;

import java.time.Duration;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.config.ConfigException;

/**
 * The {@code alerting.routing:} section: how long a station has to accept before the alert
 * escalates, by severity (DESIGN §6).
 *
 * @param sweepEvery how often pending deadlines are also checked in the database, so escalations
 *     owed by a node that stopped are still made
 */
public record RoutingConfig(
    Duration critical, Duration high, Duration medium, Duration low, Duration sweepEvery) {

  public RoutingConfig {
    for (Duration d : new Duration[] {critical, high, medium, low, sweepEvery}) {
      if (d.isNegative() || d.isZero()) {
        throw new ConfigException("alerting.routing timeouts must be positive, got: " + d);
      }
    }
  }

  public static RoutingConfig defaults() {
    return new RoutingConfig(
        Duration.ofSeconds(60),
        Duration.ofSeconds(180),
        Duration.ofMinutes(15),
        Duration.ofHours(1),
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
