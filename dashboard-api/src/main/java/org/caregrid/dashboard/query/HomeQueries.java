package org.caregrid.dashboard.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Homes for the API. Blocking: runs on the database workers. */
public final class HomeQueries {
  /** The columns {@link #read} reads, for SELECT and RETURNING lists. */
  public static final String COLUMNS = "id, address, community, lat, lon, time_zone";

  private static final String ALL =
      "SELECT " + COLUMNS + " FROM home ORDER BY community, address, id";

  private final DataSource dataSource;

  public HomeQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public List<HomeView> all() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ALL);
        ResultSet rs = ps.executeQuery()) {
      List<HomeView> homes = new ArrayList<>();
      while (rs.next()) {
        homes.add(read(rs));
      }
      return homes;
    }
  }

  /** A home selected with {@link #COLUMNS}. */
  public static HomeView read(ResultSet rs) throws SQLException {
    return new HomeView(
        rs.getInt("id"),
        rs.getString("address"),
        rs.getString("community"),
        rs.getDouble("lat"),
        rs.getDouble("lon"),
        rs.getString("time_zone"));
  }
}
