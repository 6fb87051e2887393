package org.caregrid.dashboard.tier;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.dashboard.report.Targets;

/**
 * The programme's figures per unit of the tiers, each rolled up by the database in one pass over
 * community, street and district ({@code GROUPING SETS}), so a street's percentiles are its own and
 * not an average of its communities'. Alerts, beds and devices count where the resident lives: the
 * community station of their home, and the units above it. Days are UTC days, as in the programme
 * report. Blocking: runs on the database workers.
 */
public final class TierQueries {
  private static final String STATIONS =
      "SELECT id, code, name, tier, parent_id, beds_target FROM station ORDER BY id";

  /** Rows of ({@code community}, value columns) for the homes of each alert, bed or device. */
  private static final String ALERT_HOME =
      " FROM alert a JOIN resident r ON r.id = a.resident_id JOIN home h ON h.id = r.home_id";

  private static final String TO_ACCEPT =
      "SELECT h.station_id AS community, extract(epoch FROM coalesce(a.accepted_at, ?)"
          + " - a.raised_at) AS s"
          + ALERT_HOME
          + " WHERE a.raised_at >= ? AND a.raised_at < ?"
          + " AND (a.accepted_at IS NOT NULL OR a.state IN ('raised', 'notified'))";
  private static final String TO_ON_SITE =
      "SELECT h.station_id AS community, extract(epoch FROM a.on_site_at - a.raised_at) AS s"
          + ALERT_HOME
          + " WHERE a.raised_at >= ? AND a.raised_at < ? AND a.on_site_at IS NOT NULL";
  private static final String BY_KIND =
      "SELECT h.station_id AS community, a.kind AS k"
          + ALERT_HOME
          + " WHERE a.raised_at >= ? AND a.raised_at < ?";
  private static final String BEDS =
      "SELECT h.station_id AS community, 1 AS k FROM device d JOIN home h ON h.id = d.home_id"
          + " WHERE d.kind = '"
          + DeviceKind.CARE_BED.code()
          + "' AND d.enrolled_at >= ? AND d.enrolled_at < ?";
  private static final String DEVICES =
      "SELECT h.station_id AS community, CASE WHEN s.online THEN 'online' ELSE 'offline' END AS k"
          + " FROM device d JOIN home h ON h.id = d.home_id"
          + " LEFT JOIN device_status s ON s.device_id = d.id WHERE d.active";

  private final DataSource dataSource;
  private final Clock clock;
  private final VisitCoverage visits;

  public TierQueries(DataSource dataSource, Clock clock, VisitCoverage visits) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.visits = visits;
  }

  /** The district's stations as a tree. */
  public TierTree tree() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return tree(c);
    }
  }

  static TierTree tree(Connection c) throws SQLException {
    List<TierUnit> units = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(STATIONS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        units.add(
            new TierUnit(
                rs.getInt("id"),
                rs.getString("code"),
                rs.getString("name"),
                rs.getString("tier"),
                rs.getObject("parent_id", Integer.class),
                rs.getObject("beds_target", Integer.class)));
      }
    }
    return new TierTree(units);
  }

  /** The figures of every unit for the days {@code from} to {@code to}, both included. */
  public TierReport report(LocalDate from, LocalDate to) throws SQLException {
    return report(
        from,
        to,
        from.atStartOfDay(ZoneOffset.UTC).toInstant(),
        to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /**
   * The figures of every unit for what happened in [startAt, endAt); the bed target is pro-rated to
   * the days {@code from} to {@code to}.
   */
  public TierReport report(LocalDate from, LocalDate to, Instant startAt, Instant endAt)
      throws SQLException {
    Instant now = clock.instant();
    Timestamp start = Timestamp.from(startAt);
    Timestamp end = Timestamp.from(endAt);
    try (Connection c = dataSource.getConnection()) {
      TierTree tree = tree(c);
      if (tree.root().isEmpty()) {
        return new TierReport(from, to, tree, Map.of());
      }
      Rollup rollup = new Rollup(tree);
      Map<Integer, Answer> accept =
          rollup.answers(
              c,
              TO_ACCEPT,
              List.of(Timestamp.from(now), start, end),
              Targets.ACCEPT_FAST.toSeconds(),
              Targets.ACCEPT_SLOW.toSeconds());
      Map<Integer, Answer> onSite =
          rollup.answers(c, TO_ON_SITE, List.of(start, end), Targets.ON_SITE.toSeconds());
      Map<Integer, Map<String, Long>> kinds = rollup.counts(c, BY_KIND, List.of(start, end));
      Map<Integer, Map<String, Long>> beds = rollup.counts(c, BEDS, List.of(start, end));
      Map<Integer, Map<String, Long>> devices = rollup.counts(c, DEVICES, List.of());
      Map<Integer, Double> coverage = visits.byUnit(c, startAt, endAt);
      double years = Targets.bedsFor(from, to) / Targets.BEDS_PER_YEAR;
      Map<Integer, TierFigures> figures = new HashMap<>();
      for (int unit : tree.subtree(tree.root().orElseThrow().id())) {
        TierTree.Target target = tree.yearlyBedTarget(unit, Targets.BEDS_PER_YEAR);
        Map<String, Long> d = devices.getOrDefault(unit, Map.of());
        long online = d.getOrDefault("online", 0L);
        figures.put(
            unit,
            new TierFigures(
                beds.getOrDefault(unit, Map.of()).getOrDefault("1", 0L),
                target.beds() * years,
                target.own(),
                online,
                online + d.getOrDefault("offline", 0L),
                kinds.getOrDefault(unit, Map.of()),
                accept.getOrDefault(unit, Answer.NONE),
                onSite.getOrDefault(unit, Answer.NONE),
                coverage.get(unit)));
      }
      return new TierReport(from, to, tree, figures);
    }
  }

  /**
   * Groups rows of a select that yields {@code community} per home into community, street and
   * district rows, and names the unit each result row belongs to.
   */
  static final class Rollup {
    private final TierTree tree;

    Rollup(TierTree tree) {
      this.tree = tree;
    }

    /**
     * Count, median, 90th percentile and the share within each limit of the durations {@code s}.
     */
    Map<Integer, Answer> answers(
        Connection c, String durations, List<Timestamp> params, long... limits)
        throws SQLException {
      StringBuilder agg =
          new StringBuilder(
              "count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY t.s),"
                  + " percentile_cont(0.9) WITHIN GROUP (ORDER BY t.s)");
      for (long limit : limits) {
        agg.append(", 100.0 * count(*) FILTER (WHERE t.s <= ")
            .append(limit)
            .append(") / nullif(count(*), 0)");
      }
      Map<Integer, Answer> answers = new HashMap<>();
      query(
          c,
          durations,
          agg.toString(),
          "",
          params,
          (unit, rs) -> {
            Map<Long, Double> within = new LinkedHashMap<>();
            for (int i = 0; i < limits.length; i++) {
              within.put(limits[i], nullable(rs, 7 + i));
            }
            answers.put(unit, new Answer(rs.getLong(4), nullable(rs, 5), nullable(rs, 6), within));
          });
      return answers;
    }

    /** Counts of each value of the select's column {@code k} per unit. */
    Map<Integer, Map<String, Long>> counts(Connection c, String rows, List<Timestamp> params)
        throws SQLException {
      Map<Integer, Map<String, Long>> counts = new HashMap<>();
      query(
          c,
          rows,
          "t.k::text, count(*)",
          ", t.k",
          params,
          (unit, rs) ->
              counts
                  .computeIfAbsent(unit, u -> new java.util.TreeMap<>())
                  .put(rs.getString(4), rs.getLong(5)));
      return counts;
    }

    private interface RowSink {
      void accept(int unit, ResultSet rs) throws SQLException;
    }

    /**
     * Columns 1-3 are grouping(), street and community; the aggregates follow from column 4.
     *
     * @param also further grouping columns, each set gets them
     */
    private void query(
        Connection c,
        String rows,
        String aggregates,
        String also,
        List<Timestamp> params,
        RowSink sink)
        throws SQLException {
      String sql =
          "SELECT grouping(cs.parent_id, t.community), cs.parent_id, t.community, "
              + aggregates
              + " FROM ("
              + rows
              + ") t LEFT JOIN station cs ON cs.id = t.community"
              + " GROUP BY GROUPING SETS ((cs.parent_id, t.community"
              + also
              + "), (cs.parent_id"
              + also
              + "), ("
              + (also.isEmpty() ? "" : also.substring(2))
              + "))";
      int root = tree.root().orElseThrow().id();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < params.size(); i++) {
          ps.setTimestamp(i + 1, params.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int grouped = rs.getInt(1);
            Integer unit =
                switch (grouped) {
                  case 0 -> rs.getObject(3, Integer.class);
                  case 1 -> rs.getObject(2, Integer.class);
                  default -> root;
                };
            // A community directly under the district is counted by the district's own row.
            boolean street = grouped == 1;
            if (unit != null && !(street && unit == root)) {
              sink.accept(unit, rs);
            }
          }
        }
      }
    }
  }

  private static Double nullable(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
