package org.caregrid.dashboard.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * An alert as the API shows it: the row with its resident's and station's names.
 *
 * @param deviceId null when the alert is about the resident rather than one device
 * @param stationId the station handling the alert (the first routed, then the one that accepted)
 * @param finding the rule's finding as JSON {@code {code, params}}; null for older alerts
 * @param unansweredSince when no escalation step was left and nobody had accepted (decision 0015)
 */
public record AlertView(
    long id,
    String kind,
    String severity,
    String state,
    int residentId,
    String residentName,
    Integer deviceId,
    Integer stationId,
    String stationName,
    int step,
    boolean adviseEmergencyCall,
    int occurrences,
    String detail,
    String finding,
    String outcome,
    Instant raisedAt,
    Instant lastSeenAt,
    Instant notifiedAt,
    Instant acceptDeadline,
    Instant unansweredSince,
    Instant acceptedAt,
    Instant onSiteAt,
    Instant closedAt) {

  /** The select list {@link #read} expects, over {@link #FROM}. */
  public static final String COLUMNS =
      "a.id, a.kind, a.severity, a.state, a.resident_id, r.name AS resident_name, a.device_id,"
          + " a.station_id, s.name AS station_name, a.step, a.advise_emergency_call,"
          + " a.occurrences, a.detail, a.finding, a.outcome, a.raised_at, a.last_seen_at,"
          + " a.notified_at, a.accept_deadline, a.unanswered_since, a.accepted_at, a.on_site_at,"
          + " a.closed_at";

  public static final String FROM =
      " FROM alert a JOIN resident r ON r.id = a.resident_id"
          + " LEFT JOIN station s ON s.id = a.station_id";

  public static AlertView read(ResultSet rs) throws SQLException {
    return new AlertView(
        rs.getLong("id"),
        rs.getString("kind"),
        rs.getString("severity"),
        rs.getString("state"),
        rs.getInt("resident_id"),
        rs.getString("resident_name"),
        rs.getObject("device_id", Integer.class),
        rs.getObject("station_id", Integer.class),
        rs.getString("station_name"),
        rs.getInt("step"),
        rs.getBoolean("advise_emergency_call"),
        rs.getInt("occurrences"),
        rs.getString("detail"),
        rs.getString("finding"),
        rs.getString("outcome"),
        instant(rs, "raised_at"),
        instant(rs, "last_seen_at"),
        instant(rs, "notified_at"),
        instant(rs, "accept_deadline"),
        instant(rs, "unanswered_since"),
        instant(rs, "accepted_at"),
        instant(rs, "on_site_at"),
        instant(rs, "closed_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
