package org.caregrid.core.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Reads an {@code alert} row selected with {@link #COLUMNS} into the change announced for it. */
public final class AlertRows {
  /** The columns {@link #change} reads, for SELECT and RETURNING lists. */
  public static final String COLUMNS =
      "id, kind, severity, state, resident_id, coalesce(device_id, 0) AS device_id, occurrences,"
          + " raised_at, last_seen_at, detail";

  private AlertRows() {}

  /**
   * @param changedAt when this change happened; null for "when the cause was last seen"
   */
  public static AlertChange change(ResultSet rs, Instant changedAt) throws SQLException {
    Instant lastSeen = rs.getTimestamp("last_seen_at").toInstant();
    return new AlertChange(
        rs.getLong("id"),
        AlertKind.fromCode(rs.getString("kind")),
        Severity.fromCode(rs.getString("severity")),
        AlertState.fromCode(rs.getString("state")),
        rs.getInt("resident_id"),
        rs.getInt("device_id"),
        rs.getInt("occurrences"),
        rs.getTimestamp("raised_at").toInstant(),
        changedAt == null ? lastSeen : changedAt,
        rs.getString("detail"));
  }
}
