package org.caregrid.dashboard.bigscreen;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import javax.sql.DataSource;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.tier.TierFigures;
import org.caregrid.dashboard.tier.TierJson;
import org.caregrid.dashboard.tier.TierQueries;
import org.caregrid.dashboard.tier.TierReport;
import org.caregrid.dashboard.tier.TierScope;
import org.caregrid.dashboard.tier.TierTree;
import org.caregrid.dashboard.tier.TierUnit;
import org.caregrid.dashboard.tier.VisitCoverage;

/**
 * What the command centre's big screen shows, in one read: the map (stations, and homes as dots
 * with their worst open alert), the open alerts with names masked, counts by severity and tier, and
 * today's figures (since midnight where the homes are). Scoped like the tier views. Blocking.
 */
public final class BigScreenQueries {
  private static final int ALERTS_SHOWN = 40;
  private static final String STATIONS =
      "SELECT id, code, name, tier, parent_id, lat, lon FROM station ORDER BY id";
  private static final String ZONE =
      "SELECT time_zone FROM home GROUP BY time_zone ORDER BY count(*) DESC, time_zone LIMIT 1";
  private static final String RANK =
      "CASE a.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END";
  private static final String HOMES =
      "SELECT h.id, h.lat, h.lon, h.station_id, (SELECT a.severity FROM alert a JOIN resident r"
          + " ON r.id = a.resident_id WHERE r.home_id = h.id"
          + " AND a.state NOT IN ('resolved', 'cancelled') ORDER BY "
          + RANK
          + " LIMIT 1) AS worst FROM home h WHERE h.station_id = ANY (?) ORDER BY h.id";
  private static final String OPEN =
      "SELECT a.id, a.kind, a.severity, a.state, a.raised_at, a.accepted_at, a.step, r.name,"
          + " h.station_id AS community, s.code AS station, (SELECT st.tier FROM alert_route ar"
          + " JOIN station st ON st.id = ar.station_id WHERE ar.alert_id = a.id"
          + " AND ar.step = a.step ORDER BY ar.routed_at, st.id LIMIT 1) AS tier"
          + " FROM alert a JOIN resident r ON r.id = a.resident_id JOIN home h ON h.id = r.home_id"
          + " LEFT JOIN station s ON s.id = a.station_id"
          + " WHERE a.state NOT IN ('resolved', 'cancelled') AND h.station_id = ANY (?)"
          + " ORDER BY "
          + RANK
          + ", a.raised_at, a.id";

  /**
   * Visit coverage looks back this far: a visit has grace days, so today's due days are seldom
   * decided yet, and today's figure would stay empty.
   */
  static final int VISIT_DAYS = 30;

  private final DataSource dataSource;
  private final TierQueries tiers;
  private final VisitCoverage visits;
  private final Clock clock;

  public BigScreenQueries(
      DataSource dataSource, TierQueries tiers, VisitCoverage visits, Clock clock) {
    this.dataSource = dataSource;
    this.tiers = tiers;
    this.visits = visits;
    this.clock = clock;
  }

  /** The screen's data for {@code who}; null when they see no unit. */
  public JsonObject snapshot(Principal who) throws SQLException {
    Instant now = clock.instant();
    try (Connection c = dataSource.getConnection()) {
      ZoneId zone = zone(c);
      Instant midnight =
          ZonedDateTime.ofInstant(now, zone).toLocalDate().atStartOfDay(zone).toInstant();
      LocalDate today = LocalDate.ofInstant(now, zone);
      TierReport report = tiers.report(today, today, midnight, now.plusMillis(1));
      TierTree tree = report.tree();
      TierScope scope = TierScope.of(who, tree);
      if (scope == null) {
        return null;
      }
      Integer[] units = scope.units().toArray(Integer[]::new);
      JsonArray stations = stations(c, tree, scope);
      JsonArray homes = homes(c, tree, units);
      JsonObject bySeverity = zeros("critical", "high", "medium", "low");
      JsonObject byTier = zeros("community", "street", "district", "unrouted");
      JsonArray alerts = open(c, tree, units, bySeverity, byTier);
      TierFigures today0 = report.figures().get(scope.top().id());
      JsonObject figures = TierJson.figures(TierJson.unit(scope.top()), today0);
      Double coverage =
          visits
              .byUnit(c, midnight.minus(Duration.ofDays(VISIT_DAYS - 1)), now.plusMillis(1))
              .get(scope.top().id());
      return new JsonObject()
          .put("at", now.toString())
          .put("timeZone", zone.getId())
          .put("unit", TierJson.unit(scope.top()))
          .put("stations", stations)
          .put("homes", homes)
          .put(
              "open",
              new JsonObject()
                  .put("total", sum(bySeverity))
                  .put("bySeverity", bySeverity)
                  .put("byTier", byTier)
                  .put("alerts", alerts))
          .put("today", figures)
          .put(
              "visitCoverage",
              new JsonObject()
                  .put("days", VISIT_DAYS)
                  .put("pct", coverage == null ? null : Math.round(coverage * 10) / 10.0));
    }
  }

  private static ZoneId zone(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ZONE);
        ResultSet rs = ps.executeQuery()) {
      try {
        return rs.next() ? ZoneId.of(rs.getString(1)) : ZoneId.of("UTC");
      } catch (java.time.DateTimeException e) {
        return ZoneId.of("UTC");
      }
    }
  }

  private static JsonArray stations(Connection c, TierTree tree, TierScope scope)
      throws SQLException {
    JsonArray stations = new JsonArray();
    try (PreparedStatement ps = c.prepareStatement(STATIONS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        int id = rs.getInt("id");
        if (!scope.sees(id)) {
          continue;
        }
        Integer parent = rs.getObject("parent_id", Integer.class);
        stations.add(
            new JsonObject()
                .put("code", rs.getString("code"))
                .put("name", rs.getString("name"))
                .put("tier", rs.getString("tier"))
                .put(
                    "parent",
                    parent == null ? null : tree.unit(parent).map(TierUnit::code).orElse(null))
                .put("lat", rs.getDouble("lat"))
                .put("lon", rs.getDouble("lon")));
      }
    }
    return stations;
  }

  private static JsonArray homes(Connection c, TierTree tree, Integer[] units) throws SQLException {
    JsonArray homes = new JsonArray();
    try (PreparedStatement ps = c.prepareStatement(HOMES)) {
      ps.setArray(1, c.createArrayOf("integer", units));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          homes.add(
              new JsonObject()
                  .put("lat", rs.getDouble("lat"))
                  .put("lon", rs.getDouble("lon"))
                  .put("community", code(tree, rs.getInt("station_id")))
                  .put("worst", rs.getString("worst")));
        }
      }
    }
    return homes;
  }

  private static JsonArray open(
      Connection c, TierTree tree, Integer[] units, JsonObject bySeverity, JsonObject byTier)
      throws SQLException {
    JsonArray alerts = new JsonArray();
    try (PreparedStatement ps = c.prepareStatement(OPEN)) {
      ps.setArray(1, c.createArrayOf("integer", units));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String severity = rs.getString("severity");
          String tier = rs.getString("tier");
          bySeverity.put(severity, bySeverity.getLong(severity, 0L) + 1);
          String t = tier == null || !byTier.containsKey(tier) ? "unrouted" : tier;
          byTier.put(t, byTier.getLong(t) + 1);
          if (alerts.size() < ALERTS_SHOWN) {
            java.sql.Timestamp accepted = rs.getTimestamp("accepted_at");
            alerts.add(
                new JsonObject()
                    .put("id", rs.getLong("id"))
                    .put("kind", rs.getString("kind"))
                    .put("severity", severity)
                    .put("state", rs.getString("state"))
                    .put("raisedAt", rs.getTimestamp("raised_at").toInstant().toString())
                    .put("acceptedAt", accepted == null ? null : accepted.toInstant().toString())
                    .put("step", rs.getInt("step"))
                    .put("tier", tier)
                    .put("station", rs.getString("station"))
                    .put("community", code(tree, rs.getInt("community")))
                    .put("resident", NameMask.mask(rs.getString("name"))));
          }
        }
      }
    }
    return alerts;
  }

  private static String code(TierTree tree, int id) {
    return tree.unit(id).map(TierUnit::code).orElse(null);
  }

  private static JsonObject zeros(String... keys) {
    JsonObject o = new JsonObject();
    for (String k : keys) {
      o.put(k, 0L);
    }
    return o;
  }

  private static long sum(JsonObject counts) {
    long n = 0;
    for (String k : counts.fieldNames()) {
      n += counts.getLong(k);
    }
    return n;
  }
}
