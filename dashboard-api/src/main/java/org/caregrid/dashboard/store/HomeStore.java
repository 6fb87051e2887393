package org.caregrid.dashboard.store;

import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.HomeQueries;
import org.caregrid.dashboard.query.HomeView;

/** Enrols homes. Blocking: runs on the database workers. */
public final class HomeStore {
  private static final String INSERT =
      "INSERT INTO home (address, community, lat, lon, time_zone) VALUES (?, ?, ?, ?, ?)"
          + " RETURNING "
          + HomeQueries.COLUMNS;

  private final DataSource dataSource;

  public HomeStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Enrols a home, audited.
   *
   * @param home address, community, lat, lon and timeZone, already checked
   */
  public HomeView create(Principal who, JsonObject home) throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          HomeView created;
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, home.getString("address"));
            ps.setString(2, home.getString("community"));
            ps.setDouble(3, home.getDouble("lat"));
            ps.setDouble(4, home.getDouble("lon"));
            ps.setString(5, home.getString("timeZone"));
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              created = HomeQueries.read(rs);
            }
          }
          StaffAudit.record(c, who, "home.enrol", "home/" + created.id(), home);
          return created;
        });
  }
}
