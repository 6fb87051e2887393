package org.caregrid.dashboard.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Reads stations. Blocking: runs on the database worker pool only. */
public final class StationQueries {
  // Load counted as alerting's JdbcRouteStore counts it, so the console shows what routing sees.
  private static final String SELECT =
      "SELECT s.id, s.code, s.name, s.tier, s.parent_id, s.lat, s.lon, s.on_duty, s.capacity,"
          + " (SELECT count(*) FROM alert a WHERE a.station_id = s.id"
          + " AND a.state NOT IN ('resolved', 'cancelled')) AS open_alerts FROM station s";

  private final DataSource dataSource;

  public StationQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every station, or only the viewer's own. */
  public List<StationView> list(StationScope viewer) throws SQLException {
    String sql = SELECT + (viewer.isAll() ? "" : " WHERE s.id = ?") + " ORDER BY s.id";
    List<StationView> stations = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            AlertQueries.prepare(c, sql, viewer.isAll() ? List.of() : List.of(viewer.parameter()));
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        stations.add(read(rs));
      }
    }
    return stations;
  }

  /** One station, on the caller's connection (and transaction). */
  public static Optional<StationView> one(Connection c, int id) throws SQLException {
    try (PreparedStatement ps = AlertQueries.prepare(c, SELECT + " WHERE s.id = ?", List.of(id));
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  private static StationView read(ResultSet rs) throws SQLException {
    return new StationView(
        rs.getInt("id"),
        rs.getString("code"),
        rs.getString("name"),
        rs.getString("tier"),
        rs.getObject("parent_id", Integer.class),
        rs.getDouble("lat"),
        rs.getDouble("lon"),
        rs.getBoolean("on_duty"),
        rs.getInt("capacity"),
        rs.getInt("open_alerts"));
  }
}
