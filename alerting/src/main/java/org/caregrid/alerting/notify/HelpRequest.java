package org.caregrid.alerting.notify;

import java.time.Instant;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.alert.Severity;

/** What a station is told: one help request, at one routing step. */
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
  public record Station(int key, String code, String name, String tier) {}

  public record ResidentInfo(int key, String name) {}

  public record HomeInfo(int key, String address, String community, double lat, double lon) {}
}
