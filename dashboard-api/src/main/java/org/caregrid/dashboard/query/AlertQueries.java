package org.caregrid.dashboard.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads alerts for the API. Every method takes the viewer's {@link StationScope}: station staff see
 * only alerts routed to their station, and any other alert is treated as if it did not exist.
 * Blocking: runs on the database worker pool only.
 */
public final class AlertQueries {
  /** Severity as a number, most urgent first: the same rank as {@code Severity.ordinal()}. */
  private static final String RANK =
      "(CASE a.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END)";

  static final String ROUTED_TO =
      "EXISTS (SELECT 1 FROM alert_route ar WHERE ar.alert_id = a.id AND ar.station_id = ?)";
  private static final String ONE =
      "SELECT " + AlertView.COLUMNS + AlertView.FROM + " WHERE a.id = ?";

  private final DataSource dataSource;

  public AlertQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The page of alerts {@code filter} asks for, and the cursor of the next page if any. */
  public AlertPage list(AlertFilter filter, StationScope viewer) throws SQLException {
    StringBuilder sql =
        new StringBuilder("SELECT ").append(AlertView.COLUMNS).append(AlertView.FROM);
    List<Object> params = new ArrayList<>();
    sql.append(" WHERE ").append(stateClause(filter.state(), params));
    if (!filter.severities().isEmpty()) {
      sql.append(" AND a.severity = ANY (?)");
      params.add(filter.severities().toArray(new String[0]));
    }
    if (!viewer.isAll()) {
      sql.append(" AND ").append(ROUTED_TO);
      params.add(viewer.parameter());
    }
    if (filter.station() != null) {
      sql.append(" AND ").append(ROUTED_TO);
      params.add(filter.station());
    }
    if (filter.from() != null) {
      sql.append(" AND a.raised_at >= ?");
      params.add(utc(filter.from()));
    }
    if (filter.to() != null) {
      sql.append(" AND a.raised_at < ?");
      params.add(utc(filter.to()));
    }
    boolean open = filter.openOrder();
    AlertCursor after = filter.after();
    if (after != null && open) {
      sql.append(" AND (").append(RANK).append(", a.raised_at, a.id) > (?, ?, ?)");
      params.add(after.severityRank());
      params.add(utc(after.raisedAt()));
      params.add(after.id());
    } else if (after != null) {
      sql.append(" AND (a.raised_at, a.id) < (?, ?)");
      params.add(utc(after.raisedAt()));
      params.add(after.id());
    }
    sql.append(
        open
            ? " ORDER BY " + RANK + ", a.raised_at, a.id"
            : " ORDER BY a.raised_at DESC, a.id DESC");
    // One more than asked for says whether there is a next page without counting.
    sql.append(" LIMIT ?");
    params.add(filter.limit() + 1);
    List<AlertView> alerts = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = prepare(c, sql.toString(), params)) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          alerts.add(AlertView.read(rs));
        }
      }
    }
    if (alerts.size() <= filter.limit()) {
      return new AlertPage(alerts, null);
    }
    List<AlertView> page = alerts.subList(0, filter.limit());
    return new AlertPage(
        List.copyOf(page), AlertCursor.after(page.get(page.size() - 1), open).encode());
  }

  /** The alert, if it exists and {@code viewer} may see it. */
  public Optional<AlertView> one(long id, StationScope viewer) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return one(c, id, viewer);
    }
  }

  /** As {@link #one(long, StationScope)}, on the caller's connection (and transaction). */
  public static Optional<AlertView> one(Connection c, long id, StationScope viewer)
      throws SQLException {
    String sql = viewer.isAll() ? ONE : ONE + " AND " + ROUTED_TO;
    List<Object> params = viewer.isAll() ? List.of(id) : List.of(id, viewer.parameter());
    try (PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(AlertView.read(rs)) : Optional.empty();
    }
  }

  private static String stateClause(String state, List<Object> params) {
    switch (state) {
      case AlertFilter.OPEN:
        // Written as the partial indexes' predicate so that they serve it.
        return "a.state NOT IN ('resolved', 'cancelled')";
      case AlertFilter.CLOSED:
        return "a.state IN ('resolved', 'cancelled')";
      case AlertFilter.ALL:
        return "true";
      default:
        params.add(state);
        return "a.state = ?";
    }
  }

  static PreparedStatement prepare(Connection c, String sql, List<Object> params)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        if (p instanceof String[] texts) {
          ps.setArray(i + 1, c.createArrayOf("text", texts));
        } else {
          ps.setObject(i + 1, p);
        }
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
