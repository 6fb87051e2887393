package org.caregrid.dashboard.store;

import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.StationQueries;
import org.caregrid.dashboard.query.StationView;

/** Sets stations' duty. Blocking: runs on the database worker pool only. */
public final class StationStore {
  private static final String DUTY = "UPDATE station SET on_duty = ? WHERE id = ?";

  private final DataSource dataSource;

  public StationStore(DataSource dataSource) {
    this.dataSource = dataSource;
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
          return StationQueries.one(c, id);
        });
  }
}
