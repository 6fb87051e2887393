package org.caregrid.dashboard.visit;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.dashboard.query.StationScope;

/**
 * Reads visit tasks and the visit figures. Days are each home's calendar days. Blocking: runs on
 * the database worker pool.
 */
public final class VisitQueries {
  private static final String PLANS =
      "SELECT p.resident_id, r.name, h.address, p.station_id, a.category, a.risk_level,"
          + " p.next_due, (?::timestamptz AT TIME ZONE h.time_zone)::date AS today, "
          + Quiet.CONDITION
          + " AS quiet, (SELECT max(v.visited_on) FROM visit v WHERE v.resident_id = r.id) AS last"
          + " FROM visit_plan p JOIN needs_assessment a ON a.resident_id = p.resident_id"
          + " JOIN resident r ON r.id = p.resident_id JOIN home h ON h.id = r.home_id"
          + " WHERE (?::int IS NULL OR p.station_id = ?)";

  private static final String STATIONS =
      "SELECT id, code, name FROM station WHERE tier = 'community'"
          + " AND (?::int IS NULL OR id = ?) ORDER BY code";

  /** Residents per station of their home: eligible, with a plan, not assessed. */
  private static final String REGISTERED =
      "SELECT h.station_id, count(*) FILTER (WHERE e.eligible),"
          + " count(*) FILTER (WHERE e.eligible AND p.resident_id IS NOT NULL),"
          + " count(*) FILTER (WHERE a.resident_id IS NULL)"
          + " FROM resident r JOIN home h ON h.id = r.home_id"
          + " LEFT JOIN needs_assessment a ON a.resident_id = r.id"
          + " LEFT JOIN visit_plan p ON p.resident_id = r.id"
          + " CROSS JOIN LATERAL (SELECT coalesce(a.category <> 'other', r.lives_alone) AS eligible) e"
          + " WHERE h.station_id IS NOT NULL GROUP BY h.station_id";

  /**
   * Due days in the range per plan station: each visit answers one (on time or not), and a plan
   * whose due day passed beyond the grace days without a visit counts one missed.
   */
  private static final String DUE =
      "SELECT t.station_id, count(*), count(*) FILTER (WHERE t.ok) FROM ("
          + " SELECT v.station_id, v.on_time AS ok FROM visit v"
          + "   WHERE v.due_on >= ? AND v.due_on <= ?"
          + " UNION ALL SELECT p.station_id, false FROM visit_plan p"
          + "   JOIN resident r ON r.id = p.resident_id JOIN home h ON h.id = r.home_id"
          + "   WHERE p.next_due >= ? AND p.next_due <= ?"
          + "   AND p.next_due + ? < (?::timestamptz AT TIME ZONE h.time_zone)::date"
          + ") t GROUP BY t.station_id";

  private static final String RESIDENT =
      "SELECT a.category, a.risk_level, p.next_due FROM resident r JOIN home h ON h.id = r.home_id"
          + " LEFT JOIN needs_assessment a ON a.resident_id = r.id"
          + " LEFT JOIN visit_plan p ON p.resident_id = r.id"
          + " WHERE r.id = ? AND (?::int IS NULL OR h.station_id = ?)";
  private static final String VISITS =
      "SELECT id, visited_on, due_on, on_time, visitor, type, findings::text, follow_up FROM visit"
          + " WHERE resident_id = ? ORDER BY visited_on DESC, id DESC LIMIT ?";

  private final DataSource dataSource;
  private final VisitSchedule schedule;
  private final Clock clock;

  public VisitQueries(DataSource dataSource, VisitSchedule schedule, Clock clock) {
    this.dataSource = dataSource;
    this.schedule = schedule;
    this.clock = clock;
  }

  /** The visits due or overdue in {@code scope}, the most overdue first. */
  public List<Task> tasks(StationScope scope) throws SQLException {
    Instant now = clock.instant();
    List<Task> tasks = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(PLANS)) {
      ps.setTimestamp(1, Timestamp.from(now));
      int next = Quiet.bind(ps, 2, now.minus(schedule.config().noActivity()));
      VisitStore.setScope(ps, next, scope);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          LocalDate planned = rs.getObject("next_due", LocalDate.class);
          LocalDate today = rs.getObject("today", LocalDate.class);
          LocalDate due = schedule.due(planned, today, rs.getBoolean("quiet"));
          TaskStatus status = schedule.status(due, today);
          if (status != TaskStatus.UPCOMING) {
            tasks.add(
                new Task(
                    rs.getInt("resident_id"),
                    rs.getString("name"),
                    rs.getString("address"),
                    rs.getInt("station_id"),
                    Category.fromCode(rs.getString("category")),
                    RiskLevel.fromCode(rs.getString("risk_level")),
                    due,
                    status,
                    due.isBefore(planned),
                    rs.getObject("last", LocalDate.class)));
          }
        }
      }
    }
    tasks.sort(Comparator.comparing(Task::dueOn).thenComparing(Task::residentId));
    return tasks;
  }

  /**
   * A resident's assessment, plan and {@code limit} latest visits; empty if there is no such
   * resident at a station in {@code scope} (by their home, as for an assessment).
   */
  public Optional<ResidentVisits> resident(StationScope scope, int residentId, int limit)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Category category;
      RiskLevel level;
      LocalDate nextDue;
      try (PreparedStatement ps = c.prepareStatement(RESIDENT)) {
        ps.setInt(1, residentId);
        VisitStore.setScope(ps, 2, scope);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          category = Category.fromCode(rs.getString(1));
          level = RiskLevel.fromCode(rs.getString(2));
          nextDue = rs.getObject(3, LocalDate.class);
        }
      }
      List<ResidentVisits.Past> visits = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(VISITS)) {
        ps.setInt(1, residentId);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            visits.add(
                new ResidentVisits.Past(
                    rs.getLong(1),
                    rs.getObject(2, LocalDate.class),
                    rs.getObject(3, LocalDate.class),
                    rs.getBoolean(4),
                    rs.getString(5),
                    VisitType.fromCode(rs.getString(6)),
                    new JsonObject(rs.getString(7)),
                    rs.getString(8)));
          }
        }
      }
      return Optional.of(new ResidentVisits(category, level, nextDue, visits));
    }
  }

  /** 建档率 and coverage of the due days {@code from} to {@code to} in {@code scope}. */
  public VisitReport report(StationScope scope, LocalDate from, LocalDate to) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      Map<Integer, Coverage> figures = byStation(c, from, to, clock.instant());
      List<VisitReport.StationFigures> stations = new ArrayList<>();
      Coverage district = Coverage.NONE;
      try (PreparedStatement ps = c.prepareStatement(STATIONS)) {
        VisitStore.setScope(ps, 1, scope);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Coverage f = figures.getOrDefault(rs.getInt(1), Coverage.NONE);
            stations.add(
                new VisitReport.StationFigures(rs.getInt(1), rs.getString(2), rs.getString(3), f));
          }
        }
      }
      for (Coverage f : figures.values()) {
        district = district.plus(f);
      }
      return new VisitReport(from, to, stations, scope.isAll() ? district : null);
    }
  }

  /** Each community station's figures, by the station of the home and of the plan. */
  Map<Integer, Coverage> byStation(Connection c, LocalDate from, LocalDate to, Instant now)
      throws SQLException {
    Map<Integer, Coverage> figures = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(REGISTERED);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        figures.merge(
            rs.getInt(1),
            new Coverage(rs.getLong(2), rs.getLong(3), rs.getLong(4), 0, 0),
            Coverage::plus);
      }
    }
    try (PreparedStatement ps = c.prepareStatement(DUE)) {
      ps.setObject(1, from);
      ps.setObject(2, to);
      ps.setObject(3, from);
      ps.setObject(4, to);
      ps.setInt(5, (int) schedule.config().grace().toDays());
      ps.setTimestamp(6, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          figures.merge(
              rs.getInt(1), new Coverage(0, 0, 0, rs.getLong(2), rs.getLong(3)), Coverage::plus);
        }
      }
    }
    return figures;
  }
}
