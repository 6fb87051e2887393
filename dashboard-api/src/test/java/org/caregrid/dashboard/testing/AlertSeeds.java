package org.caregrid.dashboard.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.caregrid.core.reading.Metric;

/**
 * Writes alerts, their routes and audit trail, and readings straight into the database, so that API
 * tests can set up exactly the rows they read without running the rules.
 */
public final class AlertSeeds {
  private final DataSource dataSource;

  public AlertSeeds(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * An alert of {@code resident}, not yet assigned to a station; closed states get a closing time
   * and resolved ones the outcome {@code assisted}.
   */
  public long alert(int resident, String kind, String severity, String state, Instant raisedAt)
      throws SQLException {
    boolean closed = state.equals("resolved") || state.equals("cancelled");
    return insert(
        "INSERT INTO alert (kind, severity, resident_id, state, raised_at, last_seen_at,"
            + " closed_at, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'seeded') RETURNING id",
        kind,
        severity,
        resident,
        state,
        utc(raisedAt),
        utc(raisedAt),
        closed ? utc(raisedAt.plusSeconds(600)) : null,
        state.equals("resolved") ? "assisted" : null);
  }

  /** Routes the alert to a station at a step (accept within 3 minutes); the first one takes it. */
  public void route(long alert, int station, int step, Instant routedAt) throws SQLException {
    insert(
        "WITH r AS (INSERT INTO alert_route (alert_id, station_id, step, routed_at, accept_by)"
            + " VALUES (?, ?, ?, ?, ?))"
            + " UPDATE alert SET station_id = coalesce(station_id, ?), step = ? WHERE id = ?"
            + " RETURNING id",
        alert,
        station,
        step,
        utc(routedAt),
        utc(routedAt.plus(Duration.ofMinutes(3))),
        station,
        step,
        alert);
  }

  public void event(long alert, Instant at, String actor, String action, String note)
      throws SQLException {
    insert(
        "INSERT INTO alert_event (alert_id, at, actor, action, note) VALUES (?, ?, ?, ?, ?)"
            + " RETURNING id",
        alert,
        utc(at),
        actor,
        action,
        note);
  }

  public void reading(int device, Metric metric, double value, Instant at) throws SQLException {
    insert(
        "INSERT INTO reading (time, device_id, metric, value) VALUES (?, ?, ?, ?) RETURNING 1",
        utc(at),
        device,
        metric.dbCode(),
        value);
  }

  public void birthYear(int resident, int year) throws SQLException {
    insert("UPDATE resident SET birth_year = ? WHERE id = ? RETURNING id", year, resident);
  }

  private long insert(String sql, Object... params) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Object utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
