package org.caregrid.dashboard.tier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The open alerts per unit of the tiers, by severity and by where they stand (waiting for someone
 * to accept, accepted, staff on site), and one community's open alerts. Counted where the resident
 * lives, as the tier report does. No names: a kiosk reads these too. Blocking: database workers.
 */
public final class QueueQueries {
  private static final String OPEN =
      " FROM alert a JOIN resident r ON r.id = a.resident_id JOIN home h ON h.id = r.home_id"
          + " WHERE a.state NOT IN ('resolved', 'cancelled')";
  private static final String BY_SEVERITY =
      "SELECT h.station_id AS community, a.severity AS k" + OPEN;
  private static final String BY_STANDING =
      "SELECT h.station_id AS community, CASE WHEN a.state IN ('raised', 'notified')"
          + " THEN 'waiting' ELSE a.state END AS k"
          + OPEN;
  private static final String IN_COMMUNITY =
      "SELECT a.id, a.kind, a.severity, a.state, a.raised_at, a.accepted_at, a.step,"
          + " s.code AS station, (SELECT st.tier FROM alert_route ar JOIN station st"
          + " ON st.id = ar.station_id WHERE ar.alert_id = a.id AND ar.step = a.step"
          + " ORDER BY ar.routed_at, st.id LIMIT 1) AS tier"
          + OPEN.replace(" WHERE ", " LEFT JOIN station s ON s.id = a.station_id WHERE ")
          + " AND h.station_id = ?"
          // unanswered after the last step first (decision 0015), then by severity and age
          + " ORDER BY (a.state IN ('raised', 'notified') AND a.unanswered_since IS NOT NULL) DESC,"
          + " CASE a.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1"
          + " WHEN 'medium' THEN 2 ELSE 3 END, a.raised_at, a.id LIMIT 200";

  private final DataSource dataSource;

  public QueueQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * One unit's open alert counts.
   *
   * @param bySeverity severity code → open alerts
   * @param byStanding {@code waiting}, {@code accepted} or {@code on_site} → open alerts
   */
  public record Counts(Map<String, Long> bySeverity, Map<String, Long> byStanding) {
    public static final Counts NONE = new Counts(Map.of(), Map.of());

    public long total() {
      return bySeverity.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * An open alert of a community, as the queue's drill-down lists it.
   *
   * @param station the station answering for it; null before it was routed
   * @param tier the tier of the station(s) asked at its current step; null before routing
   */
  public record OpenAlert(
      long id,
      String kind,
      String severity,
      String state,
      Instant raisedAt,
      Instant acceptedAt,
      int step,
      String station,
      String tier) {}

  /** Counts for every unit, and the tree they belong to. */
  public Queue counts() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      TierTree tree = TierQueries.tree(c);
      if (tree.root().isEmpty()) {
        return new Queue(tree, Map.of());
      }
      TierQueries.Rollup rollup = new TierQueries.Rollup(tree);
      Map<Integer, Map<String, Long>> severity = rollup.counts(c, BY_SEVERITY, List.of());
      Map<Integer, Map<String, Long>> standing = rollup.counts(c, BY_STANDING, List.of());
      Map<Integer, Counts> counts = new java.util.HashMap<>();
      for (int unit : tree.subtree(tree.root().orElseThrow().id())) {
        counts.put(
            unit,
            new Counts(
                severity.getOrDefault(unit, Map.of()), standing.getOrDefault(unit, Map.of())));
      }
      return new Queue(tree, counts);
    }
  }

  /**
   * The open alerts of the community station's homes: those nobody answered after their last
   * escalation step first, then most urgent and oldest first.
   */
  public List<OpenAlert> inCommunity(int communityId) throws SQLException {
    List<OpenAlert> alerts = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(IN_COMMUNITY)) {
      ps.setInt(1, communityId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          java.sql.Timestamp accepted = rs.getTimestamp("accepted_at");
          alerts.add(
              new OpenAlert(
                  rs.getLong("id"),
                  rs.getString("kind"),
                  rs.getString("severity"),
                  rs.getString("state"),
                  rs.getTimestamp("raised_at").toInstant(),
                  accepted == null ? null : accepted.toInstant(),
                  rs.getInt("step"),
                  rs.getString("station"),
                  rs.getString("tier")));
        }
      }
    }
    return alerts;
  }

  /** Every unit's counts. */
  public record Queue(TierTree tree, Map<Integer, Counts> counts) {
    public Counts of(int unit) {
      return counts.getOrDefault(unit, Counts.NONE);
    }
  }
}
