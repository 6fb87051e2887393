package org.caregrid.alerting.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertState;
import org.caregrid.core.alert.Severity;

/**
 * Alerts in PostgreSQL. "One open alert per resident and kind" is the partial unique index {@code
 * alert_one_open_per_cause}: the upsert below leans on it, so concurrent raises on any node end in
 * one row.
 */
public final class JdbcAlertStore implements AlertStore {
  private static final String UPSERT =
      "INSERT INTO alert (kind, severity, resident_id, device_id, state, detail, raised_at,"
          + " last_seen_at) VALUES (?, ?, ?, ?, 'raised', ?, ?, ?)"
          + " ON CONFLICT (resident_id, kind) WHERE state NOT IN ('resolved', 'cancelled')"
          + " DO UPDATE SET occurrences = alert.occurrences + 1,"
          + " last_seen_at = greatest(alert.last_seen_at, excluded.last_seen_at)"
          + " RETURNING id, severity, state, occurrences, detail, raised_at, last_seen_at,"
          + " (xmax = 0) AS inserted";
  private static final String AUDIT =
      "INSERT INTO alert_event (alert_id, at, actor, action, note) VALUES (?, ?, 'system', ?, ?)";

  private final DataSource dataSource;

  public JdbcAlertStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public AlertChange raise(AlertCandidate c) throws SQLException {
    Timestamp at = Timestamp.from(Instant.ofEpochMilli(c.at()));
    try (Connection conn = dataSource.getConnection()) {
      conn.setAutoCommit(false);
      try (PreparedStatement up = conn.prepareStatement(UPSERT)) {
        up.setString(1, c.kind().code());
        up.setString(2, c.severity().code());
        up.setInt(3, c.residentKey());
        up.setInt(4, c.deviceKey());
        up.setString(5, c.detail());
        up.setTimestamp(6, at);
        up.setTimestamp(7, at);
        AlertChange change;
        boolean inserted;
        try (ResultSet rs = up.executeQuery()) {
          rs.next();
          inserted = rs.getBoolean("inserted");
          change =
              new AlertChange(
                  rs.getLong("id"),
                  c.kind(),
                  Severity.fromCode(rs.getString("severity")),
                  AlertState.fromCode(rs.getString("state")),
                  c.residentKey(),
                  c.deviceKey(),
                  rs.getInt("occurrences"),
                  rs.getTimestamp("raised_at").toInstant(),
                  rs.getTimestamp("last_seen_at").toInstant(),
                  rs.getString("detail"));
        }
        audit(conn, change.alertId(), at, inserted ? "raised" : "repeated", c.detail());
        conn.commit();
        return change;
      } catch (SQLException | RuntimeException e) {
        conn.rollback();
        throw e;
      }
    }
  }

  private static void audit(Connection conn, long alertId, Timestamp at, String action, String note)
      throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(AUDIT)) {
      ps.setLong(1, alertId);
      ps.setTimestamp(2, at);
      ps.setString(3, action);
      ps.setString(4, note);
      ps.executeUpdate();
    }
  }
}
