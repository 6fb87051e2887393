package org.caregrid.dashboard.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;

/** Homes for the API. Blocking: runs on the database workers. */
public final class HomeQueries {
  private static final String COLUMNS = "id, address, community, lat, lon, time_zone";
  private static final String ALL =
      "SELECT " + COLUMNS + " FROM home ORDER BY community, address, id";
  private static final String INSERT =
      "INSERT INTO home (address, community, lat, lon, time_zone) VALUES (?, ?, ?, ?, ?)"
          + " RETURNING "
          + COLUMNS;

  private final DataSource dataSource;

  public HomeQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public JsonArray all() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ALL);
        ResultSet rs = ps.executeQuery()) {
      JsonArray homes = new JsonArray();
      while (rs.next()) {
        homes.add(home(rs));
      }
      return homes;
    }
  }

  /**
   * Enrols a home, audited.
   *
   * @param home address, community, lat, lon and timeZone, already checked
   */
  public JsonObject create(Principal who, JsonObject home) throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          JsonObject created;
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, home.getString("address"));
            ps.setString(2, home.getString("community"));
            ps.setDouble(3, home.getDouble("lat"));
            ps.setDouble(4, home.getDouble("lon"));
            ps.setString(5, home.getString("timeZone"));
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              created = home(rs);
            }
          }
          StaffAudit.record(c, who, "home.enrol", "home/" + created.getInteger("id"), home);
          return created;
        });
  }

  private static JsonObject home(ResultSet rs) throws SQLException {
    return new JsonObject()
        .put("id", rs.getInt("id"))
        .put("address", rs.getString("address"))
        .put("community", rs.getString("community"))
        .put("lat", rs.getDouble("lat"))
        .put("lon", rs.getDouble("lon"))
        .put("timeZone", rs.getString("time_zone"));
  }
}
