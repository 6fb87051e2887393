package org.caregrid.server.demo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;

/**
 * The demo's visits (README "Visits (探访)"): needs assessments for most residents, visit plans due
 * from six days ago to two weeks ahead, so that each station has overdue and due visits at once,
 * and one earlier visit for every other plan, a few of them late, so that coverage is not a round
 * 100 %. Residents living alone in every seventh home are left unassessed, so 建档率 is short of 100
 * %. Made once, like the district, so the visits recorded later are kept.
 */
final class DemoVisits {
  private static final String[] SEED = {
    // category from the lives-alone flag and the home; risk from the care flags
    "INSERT INTO needs_assessment (resident_id, category, risk_level, assessed_by)"
        + " SELECT r.id, CASE WHEN r.lives_alone THEN 'living_alone'"
        + "   WHEN r.id % 5 = 1 THEN 'other' WHEN r.id % 5 = 2 THEN 'left_behind'"
        + "   ELSE 'empty_nest' END,"
        + " CASE WHEN r.dementia OR r.copd_scale2 THEN 'high' WHEN r.id % 3 = 0 THEN 'low'"
        + "   ELSE 'medium' END,"
        + " (SELECT min(u.id) FROM staff_user u WHERE u.station_id = h.station_id)"
        + " FROM resident r JOIN home h ON h.id = r.home_id"
        + " WHERE NOT (r.lives_alone AND r.id % 7 = 0)",
    "UPDATE resident SET lives_alone = true WHERE id IN"
        + " (SELECT resident_id FROM needs_assessment WHERE category = 'living_alone')",
    // each station's first plan is overdue; the others spread from six days ago to 13 ahead
    "INSERT INTO visit_plan (resident_id, station_id, next_due)"
        + " SELECT p.resident_id, p.station_id, p.today + CASE WHEN p.n = 1"
        + "   THEN -1 - p.resident_id % 5 ELSE p.resident_id * 5 % 20 - 6 END"
        + " FROM (SELECT a.resident_id, h.station_id,"
        + "   (now() AT TIME ZONE h.time_zone)::date AS today,"
        + "   row_number() OVER (PARTITION BY h.station_id ORDER BY a.resident_id) AS n"
        + "   FROM needs_assessment a JOIN resident r ON r.id = a.resident_id"
        + "   JOIN home h ON h.id = r.home_id"
        + "   WHERE a.category <> 'other' AND h.station_id IS NOT NULL) p",
    // an earlier visit; visited 0-3 days after its due day, so one in four was late
    "INSERT INTO visit (resident_id, station_id, visited_on, due_on, on_time, visitor, type,"
        + " findings, follow_up, recorded_by)"
        + " SELECT p.resident_id, p.station_id, d.due + p.resident_id % 4, d.due,"
        + "   p.resident_id % 4 <= 2, '社区网格员',"
        + "   CASE WHEN p.resident_id % 3 = 0 THEN 'phone_call' ELSE 'home_visit' END,"
        + "   '{\"health\": \"ok\", \"safety\": \"ok\", \"home\": \"ok\", \"needs\": \"ok\"}',"
        + "   '', u.id"
        + " FROM visit_plan p"
        + " CROSS JOIN LATERAL (SELECT current_date - 8 - p.resident_id % 10 AS due) d"
        + " JOIN LATERAL (SELECT min(id) AS id FROM staff_user WHERE station_id = p.station_id) u"
        + "   ON u.id IS NOT NULL"
        + " WHERE p.resident_id % 2 = 0",
  };

  private DemoVisits() {}

  /** Returns whether the visits were made now (false: there are assessments already). */
  static boolean seedOnce(DataSource dataSource) throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT EXISTS (SELECT 1 FROM needs_assessment)")) {
              rs.next();
              if (rs.getBoolean(1)) {
                return false;
              }
            }
            for (String sql : SEED) {
              s.executeUpdate(sql);
            }
          }
          return true;
        });
  }
}
