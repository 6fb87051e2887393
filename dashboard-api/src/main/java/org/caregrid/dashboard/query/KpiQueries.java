package org.caregrid.dashboard.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;
import org.caregrid.dashboard.report.ProgrammeReport;
import org.caregrid.dashboard.report.Targets;

/**
 * The programme report's numbers, each computed by the database (percentiles with {@code
 * percentile_cont}). Days are UTC days. Blocking: runs on the database workers.
 */
public final class KpiQueries {
  private static final String BEDS =
      "SELECT count(*) FROM device WHERE kind = '"
          + DeviceKind.CARE_BED.code()
          + "' AND enrolled_at >= ? AND enrolled_at < ?";
  private static final String ONLINE =
      "SELECT 100.0 * count(*) FILTER (WHERE s.online) / nullif(count(*), 0) FROM device d"
          + " LEFT JOIN device_status s ON s.device_id = d.id WHERE d.active";
  private static final String BY_KIND =
      "SELECT kind, count(*) FROM alert WHERE raised_at >= ? AND raised_at < ?"
          + " GROUP BY kind ORDER BY kind";

  /**
   * Seconds from raising to acceptance. Alerts still waiting count with the time waited so far;
   * those closed without anyone accepting (a device back online, a cancelled fall) are not calls
   * that waited for an answer.
   */
  private static final String TO_ACCEPT =
      "SELECT extract(epoch FROM coalesce(accepted_at, ?) - raised_at) AS s FROM alert"
          + " WHERE raised_at >= ? AND raised_at < ?"
          + " AND (accepted_at IS NOT NULL OR state IN ('raised', 'notified'))";

  /** Seconds from raising to staff reporting on site, for alerts that had a visit. */
  private static final String TO_ON_SITE =
      "SELECT extract(epoch FROM on_site_at - raised_at) AS s FROM alert"
          + " WHERE raised_at >= ? AND raised_at < ? AND on_site_at IS NOT NULL";

  private static final String ACTIVITY_EVENTS =
      "'"
          + String.join(
              "','",
              EventType.BED_ENTER.code(),
              EventType.BED_EXIT.code(),
              EventType.DOOR_OPEN.code(),
              EventType.SOS.code(),
              EventType.FALL.code(),
              EventType.TEST_CALL.code())
          + "'";

  /**
   * How far back a quiet resident's last activity is looked for: the search walks their motion
   * readings backwards, and a quiet resident has nothing to stop it early.
   */
  static final Duration ACTIVITY_LOOKBACK = Duration.ofDays(90);

  /**
   * Residents living alone with no activity (a bed, door, button or fall event, or motion seen) and
   * no visit since the cutoff, each with their last activity in the lookback before the end.
   */
  private static final String QUIET =
      "SELECT r.id, r.name, greatest(ev.last, mo.last) AS last_activity FROM resident r"
          + " LEFT JOIN LATERAL (SELECT max(e.time) AS last FROM device_event e"
          + "   JOIN device d ON d.id = e.device_id WHERE d.resident_id = r.id"
          + "   AND e.type IN ("
          + ACTIVITY_EVENTS
          + ") AND e.time >= ? AND e.time < ?) ev ON true"
          + " LEFT JOIN LATERAL (SELECT max(x.time) AS last FROM device d CROSS JOIN LATERAL"
          + "   (SELECT time FROM reading WHERE device_id = d.id AND metric = "
          + Metric.MOTION.dbCode()
          + "     AND value > 0 AND time >= ? AND time < ? ORDER BY time DESC LIMIT 1) x"
          + "   WHERE d.resident_id = r.id) mo ON true"
          + " WHERE r.lives_alone"
          + " AND coalesce(greatest(ev.last, mo.last), '-infinity') < ?"
          + " AND NOT EXISTS (SELECT 1 FROM alert a WHERE a.resident_id = r.id"
          + "   AND a.on_site_at >= ? AND a.on_site_at < ?)"
          + " ORDER BY last_activity NULLS FIRST, r.id";

  private final DataSource dataSource;
  private final Clock clock;

  public KpiQueries(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * The report for the days {@code from} to {@code to}, both included.
   *
   * @param aloneDays the quiet residents' window, ending with the range (or now, if sooner)
   */
  public ProgrammeReport programme(LocalDate from, LocalDate to, int aloneDays)
      throws SQLException {
    Instant now = clock.instant();
    Timestamp start = Timestamp.from(from.atStartOfDay(ZoneOffset.UTC).toInstant());
    Instant endOfRange = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Timestamp end = Timestamp.from(endOfRange);
    try (Connection c = dataSource.getConnection()) {
      long beds = count(c, BEDS, start, end);
      Double online = onlinePct(c);
      Map<String, Long> byKind = byKind(c, start, end);
      ProgrammeReport.Response accept =
          response(
              c,
              TO_ACCEPT,
              List.of(Timestamp.from(now), start, end),
              Targets.ACCEPT_FAST.toSeconds(),
              Targets.ACCEPT_SLOW.toSeconds());
      ProgrammeReport.Response onSite =
          response(c, TO_ON_SITE, List.of(start, end), Targets.ON_SITE.toSeconds());
      Instant quietEnd = endOfRange.isBefore(now) ? endOfRange : now;
      List<ProgrammeReport.Quiet> quiet =
          quiet(c, quietEnd, quietEnd.minus(Duration.ofDays(aloneDays)));
      return new ProgrammeReport(from, to, beds, online, byKind, accept, onSite, aloneDays, quiet);
    }
  }

  private static long count(Connection c, String sql, Timestamp start, Timestamp end)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, start);
      ps.setTimestamp(2, end);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Double onlinePct(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(ONLINE);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      double pct = rs.getDouble(1);
      return rs.wasNull() ? null : pct;
    }
  }

  private static Map<String, Long> byKind(Connection c, Timestamp start, Timestamp end)
      throws SQLException {
    Map<String, Long> kinds = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(BY_KIND)) {
      ps.setTimestamp(1, start);
      ps.setTimestamp(2, end);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          kinds.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return kinds;
  }

  /**
   * Count, median, 90th percentile and the share within each limit (seconds) of the durations
   * {@code s} that {@code durations} selects with {@code params}.
   */
  private static ProgrammeReport.Response response(
      Connection c, String durations, List<Timestamp> params, long... limits) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY s),"
                + " percentile_cont(0.9) WITHIN GROUP (ORDER BY s)");
    for (long limit : limits) {
      sql.append(", 100.0 * count(*) FILTER (WHERE s <= ")
          .append(limit)
          .append(") / nullif(count(*), 0)");
    }
    sql.append(" FROM (").append(durations).append(") t");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setTimestamp(i + 1, params.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long n = rs.getLong(1);
        Map<Long, Double> within = new LinkedHashMap<>();
        for (int i = 0; i < limits.length; i++) {
          within.put(limits[i], nullable(rs, 4 + i));
        }
        return new ProgrammeReport.Response(n, nullable(rs, 2), nullable(rs, 3), within);
      }
    }
  }

  private List<ProgrammeReport.Quiet> quiet(Connection c, Instant end, Instant cutoff)
      throws SQLException {
    List<ProgrammeReport.Quiet> quiet = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(QUIET)) {
      Timestamp lookback = Timestamp.from(end.minus(ACTIVITY_LOOKBACK));
      ps.setTimestamp(1, lookback);
      ps.setTimestamp(2, Timestamp.from(end));
      ps.setTimestamp(3, lookback);
      ps.setTimestamp(4, Timestamp.from(end));
      ps.setTimestamp(5, Timestamp.from(cutoff));
      ps.setTimestamp(6, Timestamp.from(cutoff));
      ps.setTimestamp(7, Timestamp.from(end));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp last = rs.getTimestamp(3);
          quiet.add(
              new ProgrammeReport.Quiet(
                  rs.getInt(1), rs.getString(2), last == null ? null : last.toInstant()));
        }
      }
    }
    return quiet;
  }

  private static Double nullable(ResultSet rs, int column) throws SQLException {
    double v = rs.getDouble(column);
    return rs.wasNull() ? null : v;
  }
}
