package org.caregrid.alerting.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.alerting.audit.Audit;
import org.caregrid.alerting.routing.JdbcRouteStore;
import org.caregrid.alerting.routing.RouteStep;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.AlertRows;
import org.caregrid.core.db.Transactions;

/**
 * Alerts in PostgreSQL. "One open alert per resident and kind" is the partial unique index {@code
 * alert_one_open_per_cause}: the upsert below leans on it, so concurrent raises on any node end in
 * one row. A new alert is routed in the same transaction, so it is never stored without a station
 * nor sent before it is stored.
 */
public final class JdbcAlertStore implements AlertStore {
  // The upsert and its audit row in one statement: a help request's path has one round trip less.
  private static final String UPSERT =
      "WITH up AS (INSERT INTO alert (kind, severity, resident_id, device_id, state, detail,"
          + " finding, raised_at, last_seen_at) VALUES (?, ?, ?, ?, 'raised', ?, ?::jsonb, ?, ?)"
          + " ON CONFLICT (resident_id, kind) WHERE state NOT IN ('resolved', 'cancelled')"
          + " DO UPDATE SET occurrences = alert.occurrences + 1, severity = excluded.severity,"
          + " detail = excluded.detail, finding = excluded.finding,"
          + " last_seen_at = greatest(alert.last_seen_at, excluded.last_seen_at)"
          + " RETURNING "
          + AlertRows.COLUMNS
          + ", (xmax = 0) AS inserted),"
          + " audit AS (INSERT INTO alert_event (alert_id, at, actor, action, note, params)"
          + " SELECT id, ?, 'system', CASE WHEN inserted THEN 'raised' ELSE 'repeated' END, ?,"
          + " ?::jsonb FROM up)"
          + " SELECT * FROM up";
  private static final String RESTORE =
      "UPDATE alert SET state = 'resolved', outcome = 'restored', closed_at = ?,"
          + " accept_deadline = NULL WHERE resident_id = ? AND kind = ?"
          + " AND state NOT IN ('resolved', 'cancelled') RETURNING "
          + AlertRows.COLUMNS;
  private static final String OPEN =
      "SELECT "
          + AlertRows.COLUMNS
          + " FROM alert WHERE resident_id = ? AND kind = ?"
          + " AND state NOT IN ('resolved', 'cancelled')";
  private static final String ROUTE_NOTIFIED =
      "UPDATE alert_route SET notified_at = ? WHERE alert_id = ? AND station_id = ?"
          + " AND notified_at IS NULL";
  private static final String NOTIFIED =
      "UPDATE alert SET state = 'notified', notified_at = ? WHERE id = ? AND state = 'raised'"
          + " RETURNING "
          + AlertRows.COLUMNS;
  private static final String STATION_CODE = "SELECT code FROM station WHERE id = ?";
  private static final String RAISED_SINCE =
      "SELECT EXISTS (SELECT 1 FROM alert WHERE resident_id = ? AND kind = ? AND raised_at >= ?)";

  private final DataSource dataSource;
  private final JdbcRouteStore routes;

  /**
   * @param routes takes a new alert's first step in the transaction that stores it
   */
  public JdbcAlertStore(DataSource dataSource, JdbcRouteStore routes) {
    this.dataSource = dataSource;
    this.routes = routes;
  }

  @Override
  public Raised raise(AlertCandidate c, Instant now) throws SQLException {
    Timestamp at = Timestamp.from(Instant.ofEpochMilli(c.at()));
    return Transactions.run(
        dataSource,
        conn -> {
          AlertChange change;
          boolean inserted;
          try (PreparedStatement up = conn.prepareStatement(UPSERT)) {
            up.setString(1, c.kind().code());
            up.setString(2, c.severity().code());
            up.setInt(3, c.residentKey());
            if (c.deviceKey() > 0) {
              up.setInt(4, c.deviceKey());
            } else {
              up.setNull(4, Types.INTEGER);
            }
            up.setString(5, c.detail());
            up.setString(6, c.finding().json());
            up.setTimestamp(7, at);
            up.setTimestamp(8, at);
            up.setTimestamp(9, Timestamp.from(now));
            up.setString(10, c.severity().code() + ": " + c.detail());
            up.setString(11, c.finding().json());
            try (ResultSet rs = up.executeQuery()) {
              rs.next();
              inserted = rs.getBoolean("inserted");
              change = AlertRows.change(rs, null);
            }
          }
          return inserted
              ? new Raised(change, true, routes.first(conn, change, now))
              : new Raised(change, false, RouteStep.none(0));
        });
  }

  @Override
  public Optional<AlertChange> restore(AlertKind kind, int residentKey, Instant now, String note)
      throws SQLException {
    return Transactions.run(
        dataSource,
        conn -> {
          Optional<AlertChange> closed;
          try (PreparedStatement ps = conn.prepareStatement(RESTORE)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, residentKey);
            ps.setString(3, kind.code());
            closed = single(ps, now);
          }
          if (closed.isPresent()) {
            Audit.record(conn, closed.get().alertId(), now, Audit.SYSTEM, "restored", note);
          }
          return closed;
        });
  }

  @Override
  public Optional<AlertChange> note(AlertKind kind, int residentKey, Instant now, String note)
      throws SQLException {
    return Transactions.run(
        dataSource,
        conn -> {
          Optional<AlertChange> open;
          try (PreparedStatement ps = conn.prepareStatement(OPEN)) {
            ps.setInt(1, residentKey);
            ps.setString(2, kind.code());
            open = single(ps, now);
          }
          if (open.isPresent()) {
            Audit.record(conn, open.get().alertId(), now, Audit.SYSTEM, "note", note);
          }
          return open;
        });
  }

  @Override
  public Optional<AlertChange> notified(long alertId, int stationKey, Instant now)
      throws SQLException {
    return Transactions.run(
        dataSource,
        conn -> {
          try (PreparedStatement ps = conn.prepareStatement(ROUTE_NOTIFIED)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, alertId);
            ps.setInt(3, stationKey);
            if (ps.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          Audit.record(conn, alertId, now, Audit.SYSTEM, "notified", stationCode(conn, stationKey));
          try (PreparedStatement ps = conn.prepareStatement(NOTIFIED)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, alertId);
            return single(ps, now);
          }
        });
  }

  @Override
  public boolean raisedSince(AlertKind kind, int residentKey, Instant since) throws SQLException {
    try (Connection conn = dataSource.getConnection();
        PreparedStatement ps = conn.prepareStatement(RAISED_SINCE)) {
      ps.setInt(1, residentKey);
      ps.setString(2, kind.code());
      ps.setTimestamp(3, Timestamp.from(since));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static String stationCode(Connection conn, int stationKey) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(STATION_CODE)) {
      ps.setInt(1, stationKey);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : "station " + stationKey;
      }
    }
  }

  private static Optional<AlertChange> single(PreparedStatement ps, Instant now)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(AlertRows.change(rs, now)) : Optional.empty();
    }
  }
}
