package org.caregrid.dashboard.live;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.alert.AlertRows;
import org.caregrid.dashboard.auth.Principal;

/**
 * Reads alerts as the live stream sends them: the row, the id of its latest {@code alert_event} and
 * the stations it was routed to, all from one statement's snapshot, so that the id always matches
 * the state sent with it. Blocking: runs on the database worker pool only.
 */
final class AlertSnapshots {
  private static final String SELECT =
      "SELECT "
          + AlertRows.COLUMNS
          + ", e.event_id, (SELECT coalesce(array_agg(station_id), '{}') FROM alert_route"
          + " WHERE alert_id = a.id) AS stations FROM alert a JOIN ";

  private static final String LATEST =
      SELECT
          + "(SELECT alert_id, max(id) AS event_id FROM alert_event WHERE alert_id = ?"
          + " GROUP BY alert_id) e ON e.alert_id = a.id";

  // The primary key of alert_event finds the rows after the client's id without a scan.
  private static final String SINCE =
      "SELECT * FROM ("
          + SELECT
          + "(SELECT alert_id, max(id) AS event_id FROM alert_event WHERE id > ?"
          + " GROUP BY alert_id) e ON e.alert_id = a.id) s"
          + " WHERE ? OR ? = ANY (stations) ORDER BY event_id LIMIT ?";

  private final DataSource dataSource;

  AlertSnapshots(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The alert as it is now; empty when it has no audit row (cannot happen for a stored alert). */
  Optional<AlertSnapshot> latest(long alertId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(LATEST)) {
      ps.setLong(1, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(snapshot(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Every alert {@code who} may see that changed after {@code eventId}, each once as it is now,
   * oldest change first.
   */
  List<AlertSnapshot> since(long eventId, Principal who, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(SINCE)) {
      ps.setLong(1, eventId);
      ps.setBoolean(2, who.seesAllStations());
      ps.setInt(3, who.seesAllStations() ? 0 : who.stationId());
      ps.setInt(4, limit);
      List<AlertSnapshot> all = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          all.add(snapshot(rs));
        }
      }
      return all;
    }
  }

  private static AlertSnapshot snapshot(ResultSet rs) throws SQLException {
    Array array = rs.getArray("stations");
    Integer[] stations = (Integer[]) array.getArray();
    array.free();
    return new AlertSnapshot(rs.getLong("event_id"), AlertRows.change(rs, null), List.of(stations));
  }
}
