package org.caregrid.alerting.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.caregrid.alerting.audit.Audit;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertRows;
import org.caregrid.core.db.Transactions;

/**
 * Routes in PostgreSQL: every step is an {@code alert_route} row per station, the alert's {@code
 * accept_deadline} is the escalation timer, and each step is audited. The stations' duty and load
 * are read in the same transaction as the step, so {@link Router} sees what the other alerts
 * already took. Blocking: worker threads only.
 */
public final class JdbcRouteStore implements RouteStore {
  private static final String STATIONS =
      "SELECT s.id, s.code, s.name, s.tier, coalesce(s.parent_id, 0) AS parent_id, s.lat, s.lon,"
          + " s.on_duty, s.capacity, coalesce(o.open, 0) AS open FROM station s LEFT JOIN"
          + " (SELECT station_id, count(*) AS open FROM alert WHERE station_id IS NOT NULL"
          + " AND state NOT IN ('resolved', 'cancelled') GROUP BY station_id) o"
          + " ON o.station_id = s.id";
  private static final String HOME =
      "SELECT r.id, r.name, h.id AS home_id, h.address, h.community, h.lat, h.lon"
          + " FROM resident r JOIN home h ON h.id = r.home_id WHERE r.id = ?";
  private static final String TOLD = "SELECT station_id FROM alert_route WHERE alert_id = ?";
  // The step's routes, the alert's new deadline and the audit row in one statement.
  private static final String ROUTE =
      "WITH routed AS (INSERT INTO alert_route (alert_id, station_id, step, routed_at, accept_by)"
          + " SELECT ?, s, ?, ?, ? FROM unnest(?::int[]) AS s ON CONFLICT DO NOTHING),"
          + " assigned AS (UPDATE alert SET station_id = coalesce(station_id, ?), step = ?,"
          + " accept_deadline = ?, advise_emergency_call = ? WHERE id = ?)"
          + " INSERT INTO alert_event (alert_id, at, actor, action, note, params)"
          + " VALUES (?, ?, 'system', ?, ?, ?::jsonb)";
  private static final String DUE =
      "SELECT "
          + AlertRows.COLUMNS
          + ", step, accept_deadline, unanswered_since FROM alert WHERE id = ? AND state IN ('raised', 'notified')"
          + " AND accept_deadline <= ? FOR UPDATE";
  // After the last step: the stations asked again (the district centre's route added if missing),
  // the next deadline, since when unanswered, and the audit row.
  private static final String AGAIN =
      "WITH routed AS (INSERT INTO alert_route (alert_id, station_id, step, routed_at, accept_by)"
          + " SELECT ?, s, ?, ?, ? FROM unnest(?::int[]) AS s ON CONFLICT DO NOTHING),"
          + " asked AS (UPDATE alert SET accept_deadline = ?, advise_emergency_call = ?,"
          + " unanswered_since = coalesce(unanswered_since, ?) WHERE id = ?)"
          + " INSERT INTO alert_event (alert_id, at, actor, action, note)"
          + " VALUES (?, ?, 'system', ?, ?)";
  private static final String AWAITING =
      "SELECT id, accept_deadline FROM alert WHERE state IN ('raised', 'notified')"
          + " AND accept_deadline IS NOT NULL ORDER BY accept_deadline";

  private final DataSource dataSource;
  private final Router router;
  private final HelpRequestBuilder requests;

  public JdbcRouteStore(DataSource dataSource, Router router, HelpRequestBuilder requests) {
    this.dataSource = dataSource;
    this.router = router;
    this.requests = requests;
  }

  /**
   * Sends a newly raised alert to its first station, inside the caller's transaction (the one that
   * stored the alert).
   *
   * @return the step, whose help requests are to be sent once the transaction committed; without
   *     requests when the district has no station at all (the alert stays raised, for the console)
   */
  public RouteStep first(Connection c, AlertChange alert, Instant now) throws SQLException {
    Home home = home(c, alert.residentKey());
    Optional<Pick> pick = router.first(home.lat(), home.lon(), stations(c));
    if (pick.isEmpty()) {
      Audit.record(c, alert.alertId(), now, Audit.SYSTEM, "unrouted", "no station to route to");
      return RouteStep.none(0);
    }
    return record(c, alert, home, pick.get(), 0, now);
  }

  @Override
  public Optional<Escalation> escalateIfDue(long alertId, Instant now) throws SQLException {
    return Transactions.run(dataSource, c -> escalate(c, alertId, now));
  }

  @Override
  public List<Deadline> awaiting() throws SQLException {
    List<Deadline> due = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(AWAITING);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        due.add(new Deadline(rs.getLong(1), rs.getTimestamp(2).toInstant()));
      }
    }
    return due;
  }

  private Optional<Escalation> escalate(Connection c, long alertId, Instant now)
      throws SQLException {
    AlertChange alert;
    int step;
    boolean unanswered;
    try (PreparedStatement ps = c.prepareStatement(DUE)) {
      ps.setLong(1, alertId);
      ps.setTimestamp(2, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        alert = AlertRows.change(rs, now);
        step = rs.getInt("step");
        unanswered = rs.getTimestamp("unanswered_since") != null;
      }
    }
    Home home = home(c, alert.residentKey());
    Optional<Pick> next = router.next(home.lat(), home.lon(), stations(c), told(c, alertId));
    if (next.isEmpty()) {
      return Optional.of(new Escalation(alert, again(c, alert, home, step, unanswered, now), true));
    }
    return Optional.of(
        new Escalation(alert, record(c, alert, home, next.get(), step + 1, now), false));
  }

  /** No step left: the alert is never dropped, but asked again until someone accepts it. */
  private RouteStep again(
      Connection c, AlertChange alert, Home home, int step, boolean unanswered, Instant now)
      throws SQLException {
    long alertId = alert.alertId();
    Pick pick =
        router
            .again(stations(c), told(c, alertId))
            .orElseThrow(() -> new SQLException("alert " + alertId + " has no station to ask"));
    RouteStep again = requests.again(alert, home, pick, step, now);
    Timestamp at = Timestamp.from(now);
    Timestamp deadline = Timestamp.from(again.acceptBy().orElseThrow());
    Integer[] keys = pick.stations().stream().map(Station::key).toArray(Integer[]::new);
    try (PreparedStatement ps = c.prepareStatement(AGAIN)) {
      ps.setLong(1, alertId);
      ps.setInt(2, step);
      ps.setTimestamp(3, at);
      ps.setTimestamp(4, deadline);
      ps.setArray(5, c.createArrayOf("integer", keys));
      ps.setTimestamp(6, deadline);
      ps.setBoolean(7, again.requests().get(0).adviseEmergencyCall());
      ps.setTimestamp(8, at);
      ps.setLong(9, alertId);
      ps.setLong(10, alertId);
      ps.setTimestamp(11, at);
      // the first time says the route ran out; each later one that it was asked again
      ps.setString(12, unanswered ? "resent" : "unanswered");
      ps.setString(13, requests.againNote(alert, pick));
      ps.executeUpdate();
    }
    return again;
  }

  private RouteStep record(
      Connection c, AlertChange alert, Home home, Pick pick, int number, Instant now)
      throws SQLException {
    RouteStep step = requests.step(alert, home, pick, number, now);
    Timestamp routedAt = Timestamp.from(now);
    Timestamp deadline = Timestamp.from(step.acceptBy().orElseThrow());
    Integer[] keys = pick.stations().stream().map(Station::key).toArray(Integer[]::new);
    try (PreparedStatement ps = c.prepareStatement(ROUTE)) {
      ps.setLong(1, alert.alertId());
      ps.setInt(2, number);
      ps.setTimestamp(3, routedAt);
      ps.setTimestamp(4, deadline);
      ps.setArray(5, c.createArrayOf("integer", keys));
      ps.setInt(6, keys[0]);
      ps.setInt(7, number);
      ps.setTimestamp(8, deadline);
      ps.setBoolean(9, step.requests().get(0).adviseEmergencyCall());
      ps.setLong(10, alert.alertId());
      ps.setLong(11, alert.alertId());
      ps.setTimestamp(12, routedAt);
      ps.setString(13, number == 0 ? "routed" : "escalated");
      ps.setString(14, requests.note(alert, pick));
      ps.setString(15, requests.noteParams(alert, pick).encode());
      ps.executeUpdate();
    }
    return step;
  }

  private static List<Station> stations(Connection c) throws SQLException {
    List<Station> stations = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(STATIONS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        stations.add(
            new Station(
                rs.getInt("id"),
                rs.getString("code"),
                rs.getString("name"),
                Tier.fromCode(rs.getString("tier")),
                rs.getInt("parent_id"),
                rs.getDouble("lat"),
                rs.getDouble("lon"),
                rs.getBoolean("on_duty"),
                rs.getInt("capacity"),
                rs.getInt("open")));
      }
    }
    return stations;
  }

  private static Set<Integer> told(Connection c, long alertId) throws SQLException {
    Set<Integer> told = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(TOLD)) {
      ps.setLong(1, alertId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          told.add(rs.getInt(1));
        }
      }
    }
    return told;
  }

  static Home home(Connection c, int residentKey) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(HOME)) {
      ps.setInt(1, residentKey);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("no resident " + residentKey);
        }
        return new Home(
            new HelpRequest.ResidentInfo(rs.getInt("id"), rs.getString("name")),
            new HelpRequest.HomeInfo(
                rs.getInt("home_id"),
                rs.getString("address"),
                rs.getString("community"),
                rs.getDouble("lat"),
                rs.getDouble("lon")));
      }
    }
  }
}
