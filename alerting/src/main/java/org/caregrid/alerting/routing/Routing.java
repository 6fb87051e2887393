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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.caregrid.alerting.audit.Audit;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertRows;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.db.Transactions;

/**
 * Routes alerts to stations and escalates them, in the database: every step is an {@code
 * alert_route} row per station, the alert's {@code accept_deadline} is the escalation timer, and
 * each step is audited. The stations' duty and load are read in the same transaction, so routing
 * sees what the other alerts already took. Blocking: worker threads only.
 */
public final class Routing {
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
          + " INSERT INTO alert_event (alert_id, at, actor, action, note)"
          + " VALUES (?, ?, 'system', ?, ?)";
  private static final String DUE =
      "SELECT "
          + AlertRows.COLUMNS
          + ", step, accept_deadline FROM alert WHERE id = ? AND state IN ('raised', 'notified')"
          + " AND accept_deadline <= ? FOR UPDATE";
  private static final String GIVE_UP = "UPDATE alert SET accept_deadline = NULL WHERE id = ?";
  private static final String AWAITING =
      "SELECT id, accept_deadline FROM alert WHERE state IN ('raised', 'notified')"
          + " AND accept_deadline IS NOT NULL ORDER BY accept_deadline";

  private final DataSource dataSource;
  private final Router router;
  private final RoutingConfig config;

  public Routing(DataSource dataSource, Router router, RoutingConfig config) {
    this.dataSource = dataSource;
    this.router = router;
    this.config = config;
  }

  /**
   * Sends a newly raised alert to its first station, inside the caller's transaction.
   *
   * @return the help requests to send once the transaction committed; empty when the district has
   *     no station at all (the alert stays raised, for the console)
   */
  public List<HelpRequest> first(Connection c, AlertChange alert, Instant now) throws SQLException {
    Home home = home(c, alert.residentKey());
    Optional<RoutingStep> step = router.first(home.lat(), home.lon(), stations(c));
    if (step.isEmpty()) {
      Audit.record(c, alert.alertId(), now, Audit.SYSTEM, "unrouted", "no station to route to");
      return List.of();
    }
    return record(c, alert, home, step.get(), 0, now);
  }

  /**
   * Escalates the alert if it is still waiting to be accepted and its deadline has passed; does
   * nothing otherwise (it was accepted, or another node escalated it first).
   */
  public Optional<Escalation> escalateIfDue(long alertId, Instant now) throws SQLException {
    return Transactions.run(dataSource, c -> escalate(c, alertId, now));
  }

  /** Every alert waiting for a station to accept it, soonest deadline first. */
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
    try (PreparedStatement ps = c.prepareStatement(DUE)) {
      ps.setLong(1, alertId);
      ps.setTimestamp(2, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        alert = AlertRows.change(rs, now);
        step = rs.getInt("step");
      }
    }
    Home home = home(c, alert.residentKey());
    Optional<RoutingStep> next = router.next(home.lat(), home.lon(), stations(c), told(c, alertId));
    if (next.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement(GIVE_UP)) {
        ps.setLong(1, alertId);
        ps.executeUpdate();
      }
      Audit.record(c, alertId, now, Audit.SYSTEM, "unanswered", "no station left to escalate to");
      return Optional.of(new Escalation(alert, List.of()));
    }
    return Optional.of(new Escalation(alert, record(c, alert, home, next.get(), step + 1, now)));
  }

  private List<HelpRequest> record(
      Connection c, AlertChange alert, Home home, RoutingStep step, int number, Instant now)
      throws SQLException {
    Instant acceptBy = now.plus(config.acceptWithin(alert.severity()));
    boolean advise = step.last() && alert.severity() == Severity.CRITICAL;
    String to = step.stations().stream().map(Station::code).collect(Collectors.joining(", "));
    String note =
        String.format(
            Locale.ROOT,
            "to %s (%s tier), accept within %d s%s",
            to,
            step.tier().code(),
            config.acceptWithin(alert.severity()).toSeconds(),
            advise ? "; advise calling 120" : "");
    Timestamp routedAt = Timestamp.from(now);
    Timestamp deadline = Timestamp.from(acceptBy);
    Integer[] keys = step.stations().stream().map(Station::key).toArray(Integer[]::new);
    try (PreparedStatement ps = c.prepareStatement(ROUTE)) {
      ps.setLong(1, alert.alertId());
      ps.setInt(2, number);
      ps.setTimestamp(3, routedAt);
      ps.setTimestamp(4, deadline);
      ps.setArray(5, c.createArrayOf("integer", keys));
      ps.setInt(6, keys[0]);
      ps.setInt(7, number);
      ps.setTimestamp(8, deadline);
      ps.setBoolean(9, advise);
      ps.setLong(10, alert.alertId());
      ps.setLong(11, alert.alertId());
      ps.setTimestamp(12, routedAt);
      ps.setString(13, number == 0 ? "routed" : "escalated");
      ps.setString(14, note);
      ps.executeUpdate();
    }
    List<HelpRequest> requests = new ArrayList<>();
    for (Station s : step.stations()) {
      requests.add(
          new HelpRequest(
              alert.alertId(),
              alert.kind(),
              alert.severity(),
              alert.state(),
              alert.detail(),
              alert.raisedAt(),
              acceptBy,
              number,
              advise,
              new HelpRequest.Station(s.key(), s.code(), s.name(), s.tier().code()),
              home.resident(),
              home.info()));
    }
    return requests;
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

  private static Home home(Connection c, int residentKey) throws SQLException {
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

  private record Home(HelpRequest.ResidentInfo resident, HelpRequest.HomeInfo info) {
    double lat() {
      return info.lat();
    }

    double lon() {
      return info.lon();
    }
  }
}
