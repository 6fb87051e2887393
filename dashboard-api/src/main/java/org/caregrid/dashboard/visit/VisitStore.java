package org.caregrid.dashboard.visit;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.query.StationScope;

/**
 * Writes needs assessments and visits, each with its plan and its audit row in one transaction.
 * Station staff reach only residents whose home (for an assessment) or plan (for a visit) belongs
 * to their station. Blocking: runs on the database worker pool.
 */
public final class VisitStore {
  private static final String HOME_TODAY = "(?::timestamptz AT TIME ZONE h.time_zone)::date";

  private static final String RESIDENT =
      "SELECT h.station_id, "
          + HOME_TODAY
          + " AS today, (SELECT max(v.visited_on) FROM visit v WHERE v.resident_id = r.id) AS last,"
          + " p.next_due FROM resident r JOIN home h ON h.id = r.home_id"
          + " LEFT JOIN visit_plan p ON p.resident_id = r.id"
          + " WHERE r.id = ? AND (?::int IS NULL OR h.station_id = ?) FOR UPDATE OF r";
  private static final String UPSERT_ASSESSMENT =
      "INSERT INTO needs_assessment (resident_id, category, risk_level, assessed_at, assessed_by)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (resident_id) DO UPDATE SET"
          + " category = excluded.category, risk_level = excluded.risk_level,"
          + " assessed_at = excluded.assessed_at, assessed_by = excluded.assessed_by";
  // the flag the alert rules read follows the assessment, so that the two never disagree
  private static final String LIVES_ALONE = "UPDATE resident SET lives_alone = ? WHERE id = ?";
  private static final String UPSERT_PLAN =
      "INSERT INTO visit_plan (resident_id, station_id, next_due) VALUES (?, ?, ?)"
          + " ON CONFLICT (resident_id) DO UPDATE SET next_due = excluded.next_due";
  private static final String DROP_PLAN = "DELETE FROM visit_plan WHERE resident_id = ?";

  private static final String PLAN =
      "SELECT p.next_due, p.station_id, a.risk_level, "
          + HOME_TODAY
          + " AS today, "
          + Quiet.CONDITION
          + " AS quiet FROM visit_plan p JOIN needs_assessment a ON a.resident_id = p.resident_id"
          + " JOIN resident r ON r.id = p.resident_id JOIN home h ON h.id = r.home_id"
          + " WHERE p.resident_id = ? AND (?::int IS NULL OR p.station_id = ?) FOR UPDATE OF p";
  private static final String INSERT_VISIT =
      "INSERT INTO visit (resident_id, station_id, visited_on, due_on, on_time, visitor, type,"
          + " findings, follow_up, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)"
          + " RETURNING id";
  private static final String MOVE_PLAN =
      "UPDATE visit_plan SET next_due = ? WHERE resident_id = ?";

  private final DataSource dataSource;
  private final VisitSchedule schedule;
  private final Clock clock;

  public VisitStore(DataSource dataSource, VisitSchedule schedule, Clock clock) {
    this.dataSource = dataSource;
    this.schedule = schedule;
    this.clock = clock;
  }

  /**
   * Records a resident's needs assessment and makes, moves or drops their visit plan to match,
   * audited; empty if there is no such resident in {@code scope}.
   */
  public Optional<Assessment> assess(
      Principal who, StationScope scope, int residentId, Category category, RiskLevel level)
      throws SQLException {
    Instant now = clock.instant();
    return Transactions.run(
        dataSource,
        c -> {
          Integer station;
          LocalDate today;
          LocalDate last;
          LocalDate planned;
          try (PreparedStatement ps = c.prepareStatement(RESIDENT)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setInt(2, residentId);
            setScope(ps, 3, scope);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              station = rs.getObject(1, Integer.class);
              today = rs.getObject(2, LocalDate.class);
              last = rs.getObject(3, LocalDate.class);
              planned = rs.getObject(4, LocalDate.class);
            }
          }
          try (PreparedStatement ps = c.prepareStatement(UPSERT_ASSESSMENT)) {
            ps.setInt(1, residentId);
            ps.setString(2, category.code());
            ps.setString(3, level.code());
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setInt(5, who.userId());
            ps.executeUpdate();
          }
          update(c, LIVES_ALONE, category == Category.LIVING_ALONE, residentId);
          LocalDate nextDue = null;
          if (category.visited() && station != null) {
            nextDue = schedule.assessed(planned, last, today, level);
            try (PreparedStatement ps = c.prepareStatement(UPSERT_PLAN)) {
              ps.setInt(1, residentId);
              ps.setInt(2, station);
              ps.setObject(3, nextDue);
              ps.executeUpdate();
            }
          } else {
            try (PreparedStatement ps = c.prepareStatement(DROP_PLAN)) {
              ps.setInt(1, residentId);
              ps.executeUpdate();
            }
          }
          Integer planStation = nextDue == null ? null : station;
          StaffAudit.record(
              c,
              who,
              "visit.assess",
              "resident/" + residentId,
              new JsonObject()
                  .put("category", category.code())
                  .put("riskLevel", level.code())
                  .put("nextDue", nextDue == null ? null : nextDue.toString()));
          return Optional.of(new Assessment(residentId, category, level, planStation, nextDue));
        });
  }

  /**
   * Records a visit against the resident's plan and moves the plan on, audited.
   *
   * @throws Recorded.Refused without a plan in {@code scope}, or for a day after today
   */
  public Recorded record(Principal who, StationScope scope, NewVisit v)
      throws SQLException, Recorded.Refused {
    Instant now = clock.instant();
    Recorded.Refusal[] refusal = new Recorded.Refusal[1];
    Recorded done =
        Transactions.run(
            dataSource,
            c -> {
              LocalDate planned;
              int station;
              RiskLevel level;
              LocalDate today;
              boolean quiet;
              try (PreparedStatement ps = c.prepareStatement(PLAN)) {
                ps.setTimestamp(1, Timestamp.from(now));
                int next = Quiet.bind(ps, 2, now.minus(schedule.config().noActivity()));
                ps.setInt(next, v.residentId());
                setScope(ps, next + 1, scope);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    refusal[0] = Recorded.Refusal.NO_PLAN;
                    return null;
                  }
                  planned = rs.getObject(1, LocalDate.class);
                  station = rs.getInt(2);
                  level = RiskLevel.fromCode(rs.getString(3));
                  today = rs.getObject(4, LocalDate.class);
                  quiet = rs.getBoolean(5);
                }
              }
              if (v.visitedOn().isAfter(today)) {
                refusal[0] = Recorded.Refusal.IN_FUTURE;
                return null;
              }
              LocalDate due = schedule.due(planned, today, quiet);
              boolean onTime = schedule.onTime(v.visitedOn(), due);
              LocalDate nextDue = schedule.nextDue(v.visitedOn(), level);
              long id;
              try (PreparedStatement ps = c.prepareStatement(INSERT_VISIT)) {
                ps.setInt(1, v.residentId());
                ps.setInt(2, station);
                ps.setObject(3, v.visitedOn());
                ps.setObject(4, due);
                ps.setBoolean(5, onTime);
                ps.setString(6, v.visitor());
                ps.setString(7, v.type().code());
                ps.setString(8, v.findings().encode());
                ps.setString(9, v.followUp());
                ps.setInt(10, who.userId());
                try (ResultSet rs = ps.executeQuery()) {
                  rs.next();
                  id = rs.getLong(1);
                }
              }
              try (PreparedStatement ps = c.prepareStatement(MOVE_PLAN)) {
                ps.setObject(1, nextDue);
                ps.setInt(2, v.residentId());
                ps.executeUpdate();
              }
              // the findings and follow-up are health data: the audit says that a visit was made
              StaffAudit.record(
                  c,
                  who,
                  "visit.record",
                  "resident/" + v.residentId(),
                  new JsonObject()
                      .put("visitId", id)
                      .put("visitedOn", v.visitedOn().toString())
                      .put("type", v.type().code())
                      .put("onTime", onTime));
              return new Recorded(id, v.residentId(), v.visitedOn(), due, onTime, nextDue);
            });
    if (done == null) {
      throw new Recorded.Refused(refusal[0]);
    }
    return done;
  }

  private static void update(Connection c, String sql, boolean flag, int id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setBoolean(1, flag);
      ps.setInt(2, id);
      ps.executeUpdate();
    }
  }

  /** Sets {@code (?::int IS NULL OR station = ?)} at {@code index} and the one after. */
  static void setScope(PreparedStatement ps, int index, StationScope scope) throws SQLException {
    Integer station = scope.stationId().orElse(null);
    if (station == null) {
      ps.setNull(index, Types.INTEGER);
      ps.setNull(index + 1, Types.INTEGER);
    } else {
      ps.setInt(index, station);
      ps.setInt(index + 1, station);
    }
  }
}
