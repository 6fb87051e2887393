package org.caregrid.alerting.routing;

import java.time.Instant;
import java.util.Objects;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.alert.Severity;

/**
 * What a station is told: one help request, at one routing step.
 *
 * @param acceptBy the deadline to accept at this step; past it the alert escalates
 * @param step 0 for the first routing, 1 and up for escalations
 * @param adviseEmergencyCall at the district tier for critical alerts: advise calling 120
 */
public record HelpRequest(
    long alertId,
    AlertKind kind,
    Severity severity,
    AlertState state,
    String detail,
    Instant raisedAt,
    Instant acceptBy,
    int step,
    boolean adviseEmergencyCall,
    Station station,
    ResidentInfo resident,
    HomeInfo home) {

  public HelpRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(raisedAt, "raisedAt");
    Objects.requireNonNull(acceptBy, "acceptBy");
    Objects.requireNonNull(station, "station");
    Objects.requireNonNull(resident, "resident");
    Objects.requireNonNull(home, "home");
  }

  /** The station asked to help; {@code code} names its MQTT topic. */
  public record Station(int key, String code, String name, String tier) {}

  public record ResidentInfo(int key, String name) {}

  public record HomeInfo(int key, String address, String community, double lat, double lon) {}
}
