package org.caregrid.dashboard.query;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;

/** Reads stations and sets their duty. Blocking: runs on the database worker pool only. */
public final class StationQueries {
  // Load counted as routing counts it (alerting's Routing), so the console shows what routing sees.
  private static final String SELECT =
      "SELECT s.id, s.code, s.name, s.tier, s.parent_id, s.lat, s.lon, s.on_duty, s.capacity,"
          + " (SELECT count(*) FROM alert a WHERE a.station_id = s.id"
          + " AND a.state NOT IN ('resolved', 'cancelled')) AS open_alerts FROM station s";
  private static final String DUTY = "UPDATE station SET on_duty = ? WHERE id = ?";

  private final DataSource dataSource;

  public StationQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Every station, or only {@code viewer}'s own when not null. */
  public List<StationView> list(Integer viewer) throws SQLException {
    String sql = SELECT + (viewer == null ? "" : " WHERE s.id = ?") + " ORDER BY s.id";
    List<StationView> stations = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            AlertQueries.prepare(c, sql, viewer == null ? List.of() : List.of(viewer));
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        stations.add(read(rs));
      }
    }
    return stations;
  }

  /**
   * Puts a station on or off duty, audited in the same transaction. Routing reads duty from the
   * table for every alert, so the next alert already sees it.
   *
   * @return the station as it is now, or empty if there is no such station
   */
  public Optional<StationView> setDuty(Principal who, int id, boolean onDuty) throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(DUTY)) {
            ps.setBoolean(1, onDuty);
            ps.setInt(2, id);
            if (ps.executeUpdate() == 0) {
              return Optional.empty();
            }
          }
          StaffAudit.record(
              c, who, "station.duty", "station/" + id, new JsonObject().put("onDuty", onDuty));
          return one(c, id);
        });
  }

  private static Optional<StationView> one(Connection c, int id) throws SQLException {
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
