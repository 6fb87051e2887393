package org.caregrid.dashboard.store;

import io.vertx.core.json.JsonObject;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.AlertQueries;
import org.caregrid.dashboard.query.AlertView;
import org.caregrid.dashboard.query.StationScope;

/**
 * The dashboard's record of staff actions on alerts. Alerting has already carried each out and
 * written its own audit trail. Blocking: runs on the database worker pool only.
 */
public final class AlertActionStore {
  private final DataSource dataSource;

  public AlertActionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Records the action and reads the alert back as it is now, in one transaction. */
  public AlertView recordAction(Principal who, long id, String action, JsonObject detail)
      throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          StaffAudit.record(c, who, action, "alert/" + id, detail);
          return AlertQueries.one(c, id, StationScope.ALL)
              .orElseThrow(() -> new SQLException("alert " + id + " vanished after " + action));
        });
  }
}
