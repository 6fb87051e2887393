package org.caregrid.bench.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The care operations of a district that has run its visit programme for weeks, written straight
 * into the database after the alerts: each resident's phone, emergency contacts (one to three),
 * family doctor (three in four signed, two doctors per community station) and, for most, a medical
 * summary; a needs assessment for nineteen in twenty residents; a visit plan for each one assessed
 * living alone, empty-nest or left-behind, with the visits of {@code days} days behind it at the
 * default intervals (high risk weekly, medium fortnightly, low monthly), most on time, some late,
 * and the latest due day missed for about one plan in seven, so every station has overdue visits;
 * and a few call attempts (with their {@code call:} line in the alert's history) on the open alerts
 * and on closed SOS and fall alerts. The research gives no share of each category, so the mix is
 * ours: about a third living alone, a third empty-nest, one in twenty left-behind, the rest other.
 * Repeatable: the random numbers come from a fixed seed.
 */
public final class CareHistory {
  private static final String DOCTORS =
      "INSERT INTO family_doctor (name, clinic, phone)"
          + " SELECT 'Bench doctor ' || s.code || '-' || g, 'Bench clinic ' || s.code,"
          + " '0472-555' || lpad((s.id * 2 + g)::text, 4, '0')"
          + " FROM station s, generate_series(1, 2) g WHERE s.tier = 'community' ORDER BY s.id, g";

  private static final String RESIDENTS =
      "UPDATE resident r SET phone = '138' || lpad(r.id::text, 8, '0'),"
          + " birth_year = 1930 + r.id % 30,"
          + " family_doctor_id = CASE WHEN random() < .75 THEN d.id END"
          + " FROM home h, station s, family_doctor d"
          + " WHERE h.id = r.home_id AND s.id = h.station_id"
          + " AND d.name = 'Bench doctor ' || s.code || '-' || (1 + r.id % 2)";

  private static final String CONTACTS =
      "INSERT INTO resident_contact (resident_id, call_order, name, relationship, phone, holds_key)"
          + " SELECT r.id, g, 'Bench contact ' || r.id || '-' || g,"
          + " CASE g WHEN 1 THEN 'daughter' WHEN 2 THEN 'son' ELSE 'neighbour' END,"
          + " '139' || lpad((r.id * 10 + g)::text, 8, '0'), g = 1"
          + " FROM resident r, generate_series(1, 1 + r.id % 3) g";

  private static final String MEDICAL =
      "INSERT INTO medical_summary (resident_id, conditions, medicines, allergies, mobility,"
          + " preferred_hospital, key_holders, key_safe_code)"
          + " SELECT r.id, CASE WHEN r.id % 3 = 0 THEN 'hypertension, type 2 diabetes'"
          + " ELSE 'hypertension' END, 'amlodipine 5 mg daily',"
          + " CASE WHEN r.id % 7 = 0 THEN 'penicillin' ELSE '' END,"
          + " CASE WHEN r.id % 4 = 0 THEN 'walks with a frame' ELSE 'walks unaided' END,"
          + " 'Bench district hospital', 'first contact',"
          + " CASE WHEN r.id % 5 < 2 THEN lpad((r.id * 7919 % 10000)::text, 4, '0') END"
          + " FROM resident r WHERE random() < .85";

  private static final String ASSESSMENTS =
      "INSERT INTO needs_assessment (resident_id, category, risk_level, assessed_at, assessed_by)"
          + " SELECT id, CASE WHEN r2 < .35 THEN 'living_alone' WHEN r2 < .65 THEN 'empty_nest'"
          + " WHEN r2 < .70 THEN 'left_behind' ELSE 'other' END,"
          + " CASE WHEN r3 < .25 THEN 'high' WHEN r3 < .70 THEN 'medium' ELSE 'low' END,"
          + " ?::timestamptz - r3 * interval '180 days',"
          + " (SELECT id FROM staff_user WHERE login = '"
          + BenchStaff.ADMIN
          + "')"
          + " FROM (SELECT id, random() AS r1, random() AS r2, random() AS r3 FROM resident) x"
          + " WHERE r1 < .95";

  /** The assessment sets the flag the alert rules read, as the API does. */
  private static final String LIVES_ALONE =
      "UPDATE resident r SET lives_alone = a.category = 'living_alone' FROM needs_assessment a"
          + " WHERE a.resident_id = r.id";

  /**
   * Each eligible resident's plan at their home's station, its interval by risk, today and its
   * latest due day (up to an interval before today, in the home's time zone), and whether that one
   * was missed.
   */
  private static final String PLAN_TABLE =
      "CREATE TEMPORARY TABLE bench_plan (resident_id int, station_id int, every int, today date,"
          + " latest date, missed boolean) ON COMMIT DROP";

  private static final String PLANS =
      "INSERT INTO bench_plan SELECT a.resident_id, h.station_id, x.every, x.today,"
          + " x.today - (random() * (x.every - 1))::int, random() < .15 FROM needs_assessment a"
          + " JOIN resident r ON r.id = a.resident_id JOIN home h ON h.id = r.home_id,"
          + " LATERAL (SELECT CASE a.risk_level WHEN 'high' THEN 7 WHEN 'medium' THEN 14 ELSE 30"
          + " END AS every, (?::timestamptz AT TIME ZONE h.time_zone)::date AS today) x"
          + " WHERE a.category <> 'other' AND h.station_id IS NOT NULL";

  /**
   * The due days of the history: a visit for each, on the day (three in four), one or two days
   * after (on time within the grace days) or three to five days after (late), none after today; the
   * latest one not at all when it was missed.
   */
  private static final String VISITS =
      "INSERT INTO visit (resident_id, station_id, visited_on, due_on, on_time, visitor, type,"
          + " findings, follow_up, recorded_by, recorded_at)"
          + " SELECT resident_id, station_id, due + late, due, late <= 2, 'Bench visitor',"
          + " CASE WHEN resident_id % 3 = 0 THEN 'phone_call' ELSE 'home_visit' END,"
          + " CASE WHEN resident_id % 11 = 0"
          + " THEN '{\"health\": \"concern\", \"safety\": \"ok\", \"home\": \"ok\", \"needs\": \"ok\"}'"
          + " ELSE '{\"health\": \"ok\", \"safety\": \"ok\", \"home\": \"ok\", \"needs\": \"ok\"}'"
          + " END::jsonb, '', (SELECT id FROM staff_user WHERE login = '"
          + BenchStaff.STAFF
          + "'), (due + late)::timestamp + interval '10 hours'"
          + " FROM (SELECT *, CASE WHEN r < .75 THEN 0 WHEN r < .90 THEN 1 + (r * 100)::int % 2"
          + " ELSE 3 + (r * 100)::int % 3 END AS late"
          + " FROM (SELECT p.*, p.latest - k * p.every AS due, k, random() AS r"
          + " FROM bench_plan p, generate_series(0, ?::int / p.every) k"
          + " WHERE p.latest - k * p.every >= p.today - ?::int) n) d"
          + " WHERE NOT (k = 0 AND missed) AND due + late <= today"
          + " ORDER BY due + late, resident_id";

  /** The next due day: an interval after the latest visit, or the latest due day if unvisited. */
  private static final String NEXT_DUE =
      "INSERT INTO visit_plan (resident_id, station_id, next_due, created_at)"
          + " SELECT p.resident_id, p.station_id,"
          + " coalesce((SELECT max(v.visited_on) FROM visit v WHERE v.resident_id = p.resident_id"
          + " AND v.due_on = p.latest) + p.every, p.latest), ?::timestamptz - interval '180 days'"
          + " FROM bench_plan p";

  /**
   * Calls on the open alerts (none to three each) and on every other closed SOS or fall alert (one
   * to three), by the station's staff, the first minutes after the alert was raised.
   */
  private static final String CALLS =
      "CREATE TEMPORARY TABLE bench_call ON COMMIT DROP AS"
          + " SELECT a.id AS alert_id, a.raised_at + g * interval '40 seconds' AS at,"
          + " 'bench-staff-' || s.code AS login,"
          + " CASE WHEN g = 1 THEN 'resident' ELSE 'contact' END AS callee,"
          + " CASE WHEN g = 1 THEN r.phone ELSE '139' || lpad((r.id * 10 + g - 1)::text, 8, '0')"
          + " END AS phone,"
          + " CASE WHEN g = n THEN 'answered' WHEN g % 2 = 0 THEN 'busy' ELSE 'no_answer' END"
          + " AS outcome"
          + " FROM alert a JOIN station s ON s.id = a.station_id JOIN resident r ON r.id ="
          + " a.resident_id,"
          + " LATERAL (SELECT CASE WHEN a.state IN ('resolved', 'cancelled') THEN 1 + a.id % 3"
          + " ELSE a.id % 4 END AS n) c, generate_series(1, c.n) g"
          + " WHERE a.state NOT IN ('resolved', 'cancelled')"
          + " OR (a.kind IN ('sos', 'fall') AND a.id % 2 = 0)";

  private static final String CALL_ROWS =
      "INSERT INTO call_attempt (alert_id, at, login, callee, phone, outcome)"
          + " SELECT alert_id, at, login, callee, phone, outcome FROM bench_call ORDER BY at";

  /** As the platform logs them: the outcome and who, never the number. */
  private static final String CALL_EVENTS =
      "INSERT INTO alert_event (alert_id, at, actor, action, params)"
          + " SELECT c.alert_id, c.at, c.login, 'call:' || c.outcome,"
          + " jsonb_build_object('call', c.id, 'callee', c.callee, 'outcome', c.outcome)"
          + " FROM call_attempt c ORDER BY c.at";

  private CareHistory() {}

  /** What was written. */
  public record Written(
      long doctors,
      long contacts,
      long summaries,
      long assessments,
      long plans,
      long visits,
      long overduePlans,
      long calls) {}

  /**
   * @param now the history ends here
   * @param days of visits behind each plan
   */
  public static Written write(DataSource db, Instant now, int days) throws SQLException {
    Timestamp end = Timestamp.from(now);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      Written w;
      try (Statement s = c.createStatement()) {
        s.execute("SELECT setseed(0.5)");
        long doctors = s.executeUpdate(DOCTORS);
        s.executeUpdate(RESIDENTS);
        long contacts = s.executeUpdate(CONTACTS);
        long summaries = s.executeUpdate(MEDICAL);
        long assessments = update(c, ASSESSMENTS, end);
        s.executeUpdate(LIVES_ALONE);
        s.execute(PLAN_TABLE);
        update(c, PLANS, end);
        long visits;
        try (PreparedStatement ps = c.prepareStatement(VISITS)) {
          ps.setInt(1, days);
          ps.setInt(2, days);
          visits = ps.executeUpdate();
        }
        long plans = update(c, NEXT_DUE, end);
        s.executeUpdate(CALLS);
        long calls = s.executeUpdate(CALL_ROWS);
        s.executeUpdate(CALL_EVENTS);
        w =
            new Written(
                doctors, contacts, summaries, assessments, plans, visits, overdue(c, end), calls);
      }
      c.commit();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        for (String table :
            new String[] {
              "resident", "resident_contact", "medical_summary", "needs_assessment",
              "visit_plan", "visit", "call_attempt", "alert_event"
            }) {
          s.execute("VACUUM ANALYZE " + table);
        }
      }
      return w;
    }
  }

  private static long update(Connection c, String sql, Timestamp end) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, end);
      return ps.executeUpdate();
    }
  }

  /** Plans whose due day has passed, in the home's time zone. */
  private static long overdue(Connection c, Timestamp end) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM visit_plan p JOIN resident r ON r.id = p.resident_id"
                + " JOIN home h ON h.id = r.home_id"
                + " WHERE p.next_due < (?::timestamptz AT TIME ZONE h.time_zone)::date")) {
      ps.setTimestamp(1, end);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
