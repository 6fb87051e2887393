package org.caregrid.dashboard.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything staff need to act on one alert: who, where, who was asked, how they are, what
 * happened.
 */
public record AlertDetail(
    AlertView alert,
    Resident resident,
    Home home,
    List<RoutedStation> stations,
    List<Vital> latestVitals,
    List<AuditEntry> audit) {

  /**
   * @param birthYear null when not known, and then so is {@code age}
   */
  public record Resident(
      int id,
      String name,
      Integer birthYear,
      Integer age,
      boolean livesAlone,
      boolean dementia,
      boolean copdScale2) {}

  public record Home(int id, String address, String community, double lat, double lon) {}

  /** A station the alert was sent to, at which escalation step and until when it had to accept. */
  public record RoutedStation(
      int id,
      String code,
      String name,
      String tier,
      double lat,
      double lon,
      int step,
      Instant routedAt,
      Instant acceptBy) {}

  /**
   * The newest value of one vital sign, in the catalogue's unit.
   *
   * @param expectedEvery how often the device that measured it reports when healthy: older than
   *     that, the value is stale
   */
  public record Vital(
      String metric, double value, String unit, Instant at, Duration expectedEvery) {}

  /** One line of the alert's audit trail ({@code alert_event}). */
  /**
   * @param actorName the staff member's display name; null for the system or a removed login
   * @param params what the note says, as JSON for the console; null when there is only the note
   */
  public record AuditEntry(
      Instant at, String actor, String actorName, String action, String note, String params) {}
}
