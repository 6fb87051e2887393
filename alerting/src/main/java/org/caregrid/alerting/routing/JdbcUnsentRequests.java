package org.caregrid.alerting.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
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

  /**
   * What one sweep got from the database.
   *
   * @param at when the database gave the sweep a connection
   * @param late whether that took longer than the sweep allowed: the database was unreachable until
   *     a moment ago, and a claim then could take requests whose receipt is still on its way
   * @param claimed the requests claimed; none when late or when only asked to answer
   */
  public record Answer(Instant at, boolean late, List<HelpRequest> claimed) {}

  /** Asks the database for nothing but an answer: whether, and how soon, it is reachable. */
  public Answer ping(Clock clock, Duration answerWithin) throws SQLException {
    return ask(clock, answerWithin, false);
  }

  /**
   * Claims the unsent requests no other desk holds, and returns them to be published, unless the
   * database answers late.
   */
  public Answer claim(Clock clock, Duration answerWithin) throws SQLException {
    return ask(clock, answerWithin, true);
  }

  // The claim runs on the connection whose wait was timed: a connection lost after that fails the
  // claim rather than letting it run once the database is back.
  private Answer ask(Clock clock, Duration answerWithin, boolean claim) throws SQLException {
    Instant asked = clock.instant();
    return Transactions.run(
        dataSource,
        c -> {
          Instant at = clock.instant();
          boolean late = Duration.between(asked, at).compareTo(answerWithin) > 0;
          if (claim && !late) {
            return new Answer(at, false, claim(c, at));
          }
          try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
          }
          return new Answer(at, late, List.of());
        });
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
