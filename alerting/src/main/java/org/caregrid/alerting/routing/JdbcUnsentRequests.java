package org.caregrid.alerting.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertRows;
import org.caregrid.core.db.Transactions;

/**
 * Help requests whose route was committed but whose station never acknowledged them: the node that
 * routed the alert died before it published, or its broker did not take the request. A desk claims
 * such routes ({@code send_claimed_at}, rows locked with SKIP LOCKED while claiming), so that one
 * desk sends each; a claim lapses after {@code claimLasts}, so a desk that died after claiming does
 * not keep the request. Blocking: worker threads only.
 */
public final class JdbcUnsentRequests {
  // Only the alert's current step, still open and unaccepted, and not past its deadline (then
  // escalation takes the next step, and that step's own requests are watched here).
  private static final String CLAIM =
      "WITH due AS (SELECT ar.alert_id, ar.station_id FROM alert_route ar"
          + " JOIN alert a ON a.id = ar.alert_id"
          + " WHERE ar.notified_at IS NULL AND ar.routed_at <= ? AND ar.accept_by > ?"
          + " AND (ar.send_claimed_at IS NULL OR ar.send_claimed_at <= ?)"
          + " AND ar.step = a.step AND a.state IN ('raised', 'notified')"
          + " ORDER BY ar.routed_at LIMIT ? FOR UPDATE OF ar SKIP LOCKED)"
          + " UPDATE alert_route ar SET send_claimed_at = ? FROM due"
          + " WHERE ar.alert_id = due.alert_id AND ar.station_id = due.station_id"
          + " RETURNING ar.alert_id, ar.station_id, ar.step, ar.accept_by";
  private static final String ALERT =
      "SELECT " + AlertRows.COLUMNS + ", advise_emergency_call FROM alert WHERE id = ?";
  private static final String STATION = "SELECT code, name, tier FROM station WHERE id = ?";
  private static final int BATCH = 100;

  private final DataSource dataSource;
  private final Duration unsentAfter;
  private final Duration claimLasts;

  /**
   * @param unsentAfter how old an unacknowledged route must be to count as unsent: the routing
   *     node's own publish and its retries get this long first
   * @param claimLasts how long a claim keeps other desks off the route
   */
  public JdbcUnsentRequests(DataSource dataSource, Duration unsentAfter, Duration claimLasts) {
    this.dataSource = dataSource;
    this.unsentAfter = unsentAfter;
    this.claimLasts = claimLasts;
  }

  /** Asks the database for nothing but an answer: whether it is reachable again. */
  public void ping() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
    }
  }

  /** Claims the unsent requests no other desk holds, and returns them to be published. */
  public List<HelpRequest> claim(Instant now) throws SQLException {
    return Transactions.run(dataSource, c -> claim(c, now));
  }

  private List<HelpRequest> claim(Connection c, Instant now) throws SQLException {
    List<HelpRequest> requests = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setTimestamp(1, Timestamp.from(now.minus(unsentAfter)));
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setTimestamp(3, Timestamp.from(now.minus(claimLasts)));
      ps.setInt(4, BATCH);
      ps.setTimestamp(5, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          requests.add(
              request(
                  c,
                  rs.getLong("alert_id"),
                  rs.getInt("station_id"),
                  rs.getInt("step"),
                  rs.getTimestamp("accept_by").toInstant(),
                  now));
        }
      }
    }
    return requests;
  }

  private static HelpRequest request(
      Connection c, long alertId, int stationKey, int step, Instant acceptBy, Instant now)
      throws SQLException {
    AlertChange alert;
    boolean advise;
    try (PreparedStatement ps = c.prepareStatement(ALERT)) {
      ps.setLong(1, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        alert = AlertRows.change(rs, now);
        advise = rs.getBoolean("advise_emergency_call");
      }
    }
    HelpRequest.Station station;
    try (PreparedStatement ps = c.prepareStatement(STATION)) {
      ps.setInt(1, stationKey);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        station =
            new HelpRequest.Station(
                stationKey, rs.getString("code"), rs.getString("name"), rs.getString("tier"));
      }
    }
    Home home = JdbcRouteStore.home(c, alert.residentKey());
    return new HelpRequest(
        alertId,
        alert.kind(),
        alert.severity(),
        alert.state(),
        alert.detail(),
        alert.raisedAt(),
        acceptBy,
        step,
        advise,
        station,
        home.resident(),
        home.info());
  }
}
