package org.caregrid.dashboard.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertRows;

/** Reads alerts for the API. Blocking: runs on the database worker pool only. */
public final class AlertQueries {
  private static final String RECENT =
      "SELECT "
          + AlertRows.COLUMNS
          + " FROM alert WHERE (? OR state NOT IN ('resolved', 'cancelled'))"
          + " ORDER BY raised_at DESC, id DESC LIMIT ?";

  private final DataSource dataSource;

  public AlertQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The newest alerts first; open ones only unless {@code includeClosed}. */
  public List<AlertChange> recent(boolean includeClosed, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(RECENT)) {
      ps.setBoolean(1, includeClosed);
      ps.setInt(2, limit);
      List<AlertChange> alerts = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          alerts.add(AlertRows.change(rs, null));
        }
      }
      return alerts;
    }
  }
}
