package org.caregrid.alerting.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Appends to {@code alert_event}, the audit trail: who did what to an alert, and when. */
public final class Audit {
  /** The actor for what the platform itself does (rules, routing, escalation, notification). */
  public static final String SYSTEM = "system";

  private static final String INSERT =
      "INSERT INTO alert_event (alert_id, at, actor, action, note) VALUES (?, ?, ?, ?, ?)";

  private Audit() {}

  /** Inside the caller's transaction, so the change and its record commit together. */
  public static void record(
      Connection c, long alertId, Instant at, String actor, String action, String note)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setLong(1, alertId);
      ps.setTimestamp(2, Timestamp.from(at));
      ps.setString(3, actor);
      ps.setString(4, action);
      ps.setString(5, note);
      ps.executeUpdate();
    }
  }
}
