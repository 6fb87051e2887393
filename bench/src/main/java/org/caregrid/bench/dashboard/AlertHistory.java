package org.caregrid.bench.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.caregrid.bench.district.BenchDistrict;

/**
 * Weeks of a district's alerts written straight into the database, shaped as alerting leaves them:
 * the alert rows, their routes ({@code alert_route}: step 0 to a community station, one in ten
 * escalated to its street centre at step 1) and their audit trails ({@code alert_event}: raised,
 * routed, notified, accepted, on site, closed). Closed alerts spread over the whole history; the
 * open queue is recent, as it is in a running district: alerts still waiting for a station were
 * raised in the last two minutes (their accept deadline is an hour ahead, so none escalates during
 * the run), accepted and on-site ones in the last three hours. Every fifth open alert is routed to
 * {@link #STAFF_STATION}, the bench's station staff's own, so its staff have a queue of their own.
 * Repeatable: the random numbers come from a fixed seed.
 */
final class AlertHistory {
  /** The community station whose staff the bench signs in as. */
  static final String STAFF_STATION = "cs-1";

  /** The kinds in the mix, with their share (cumulative) and severity. */
  private static final String KIND =
      "CASE WHEN r2 < .10 THEN 'sos' WHEN r2 < .18 THEN 'fall'"
          + " WHEN r2 < .30 THEN 'bed_exit_no_return' WHEN r2 < .35 THEN 'inactivity'"
          + " WHEN r2 < .50 THEN 'vital_limit' WHEN r2 < .55 THEN 'news2'"
          + " WHEN r2 < .56 THEN 'smoke' WHEN r2 < .565 THEN 'gas' WHEN r2 < .575 THEN 'water'"
          + " WHEN r2 < .60 THEN 'not_up_by' WHEN r2 < .85 THEN 'device_offline'"
          + " ELSE 'battery_low' END";

  private static final String SEVERITY =
      "CASE WHEN kind IN ('sos', 'fall', 'smoke', 'gas', 'water') THEN 'critical'"
          + " WHEN kind IN ('bed_exit_no_return', 'inactivity', 'vital_limit', 'not_up_by')"
          + " THEN 'high' WHEN kind = 'news2' THEN CASE WHEN r3 < .5 THEN 'high' ELSE 'medium' END"
          + " WHEN kind = 'device_offline' THEN 'medium' ELSE 'low' END";

  private static final String DEVICE =
      "(SELECT min(d.id) FROM device d WHERE d.resident_id = x.resident_id AND d.kind ="
          + " CASE WHEN x.kind IN ('sos', 'fall') THEN 'sos_pendant' ELSE 'care_bed' END)";

  /** Closed alerts: timings of a staffed response, then one of the outcomes. */
  private static final String CLOSED =
      "INSERT INTO alert (kind, severity, resident_id, device_id, station_id, state, occurrences,"
          + " detail, raised_at, last_seen_at, notified_at, accepted_at, on_site_at, closed_at,"
          + " outcome, step)"
          + " SELECT kind, severity, resident_id, "
          + DEVICE
          + ", station_id,"
          + " CASE WHEN cancelled THEN 'cancelled' ELSE 'resolved' END, 1 + (r5 * r5 * 4)::int,"
          + " 'bench history ' || kind, raised_at, raised_at, raised_at + interval '1 second',"
          + " CASE WHEN cancelled OR restored THEN NULL ELSE accepted_at END,"
          + " CASE WHEN cancelled OR restored THEN NULL ELSE on_site_at END,"
          + " CASE WHEN cancelled THEN raised_at + interval '3 minutes'"
          + " WHEN restored THEN raised_at + r4 * interval '2 hours'"
          + " ELSE on_site_at + interval '10 minutes' + r5 * interval '30 minutes' END,"
          + " CASE WHEN cancelled THEN NULL WHEN restored THEN 'restored'"
          + " WHEN r3 < .45 THEN 'false_alarm' WHEN r3 < .85 THEN 'assisted'"
          + " WHEN r3 < .90 THEN 'hospital_transfer' WHEN r3 < .94 THEN 'no_access'"
          + " ELSE 'other' END,"
          + " CASE WHEN escalated THEN 1 ELSE 0 END"
          + " FROM (SELECT *, "
          + SEVERITY
          + " AS severity,"
          + " kind = 'device_offline' AS restored,"
          + " raised_at + interval '15 seconds' + r4 * interval '165 seconds'"
          + " + CASE WHEN escalated THEN interval '60 seconds' ELSE interval '0' END AS accepted_at,"
          + " raised_at + interval '8 minutes' + r4 * interval '22 minutes' AS on_site_at"
          + " FROM (SELECT *, "
          + KIND
          + " AS kind, r1 < .08 AS cancelled, r1 > .90 AS escalated,"
          + " ?::timestamptz + r1 * (?::timestamptz - ?::timestamptz) AS raised_at,"
          + " (SELECT id FROM station WHERE code = 'cs-' || (1 + resident_id % ?)) AS station_id"
          + " FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4,"
          + " random() AS r5, ids[1 + (random() * (array_length(ids, 1) - 1))::int] AS resident_id"
          + " FROM generate_series(1, ?) g,"
          + " (SELECT array_agg(id ORDER BY id) AS ids FROM resident) r) n) k) x"
          + " ORDER BY raised_at";

  /** Open alerts: each of a different resident, so no two share a cause. */
  private static final String OPEN =
      "INSERT INTO alert (kind, severity, resident_id, device_id, station_id, state, detail,"
          + " raised_at, last_seen_at, notified_at, accept_deadline, accepted_at, on_site_at, step)"
          + " SELECT kind, severity, resident_id, "
          + DEVICE
          + ", station_id, state,"
          + " 'bench open ' || kind, raised_at, raised_at,"
          + " CASE WHEN state = 'raised' THEN NULL ELSE raised_at + interval '1 second' END,"
          + " CASE WHEN state IN ('raised', 'notified') THEN raised_at + interval '1 hour' END,"
          + " CASE WHEN state IN ('accepted', 'on_site')"
          + " THEN raised_at + interval '15 seconds' + r4 * interval '100 seconds' END,"
          + " CASE WHEN state = 'on_site' THEN raised_at + interval '20 minutes' END, 0"
          + " FROM (SELECT *, "
          + SEVERITY
          + " AS severity,"
          + " CASE WHEN state IN ('raised', 'notified') THEN ?::timestamptz - r1 * interval '2"
          + " minutes' ELSE ?::timestamptz - interval '25 minutes' - r1 * interval '155 minutes'"
          + " END AS raised_at"
          + " FROM (SELECT *, "
          + KIND
          + " AS kind,"
          + " CASE WHEN r3 < .1 THEN 'raised' WHEN r3 < .3 THEN 'notified'"
          + " WHEN r3 < .7 THEN 'accepted' ELSE 'on_site' END AS state,"
          + " (SELECT id FROM station WHERE code = CASE WHEN g % 5 = 1 THEN '"
          + STAFF_STATION
          + "' ELSE 'cs-' || (1 + resident_id % ?) END) AS station_id"
          + " FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4,"
          + " ids[1 + (g - 1) * array_length(ids, 1) / ?] AS resident_id"
          + " FROM generate_series(1, ?) g,"
          + " (SELECT array_agg(id ORDER BY id) AS ids FROM resident) r) n) k) x"
          + " ORDER BY raised_at";

  /** Step 0 to the alert's community station; escalated ones also to its street centre. */
  private static final String ROUTES =
      "INSERT INTO alert_route (alert_id, station_id, step, routed_at, accept_by, notified_at)"
          + " SELECT a.id, a.station_id, 0, a.raised_at, a.raised_at + interval '60 seconds',"
          + " a.notified_at FROM alert a"
          + " UNION ALL"
          + " SELECT a.id, s.parent_id, 1, a.raised_at + interval '60 seconds',"
          + " a.raised_at + interval '120 seconds', a.raised_at + interval '61 seconds'"
          + " FROM alert a JOIN station s ON s.id = a.station_id WHERE a.step = 1";

  /** The audit trail of each alert, as alerting and the staff commands write it. */
  private static final String EVENTS =
      "INSERT INTO alert_event (alert_id, at, actor, action, note)"
          + " SELECT a.id, e.at, e.actor, e.action, e.note FROM alert a"
          + " JOIN station s ON s.id = a.station_id,"
          + " LATERAL (VALUES"
          + " (a.raised_at, 'system', 'raised', a.detail),"
          + " (a.raised_at, 'system', 'routed', 'to ' || s.code || ' (community tier)'),"
          + " (a.notified_at, 'system', 'notified', s.code),"
          + " (CASE WHEN a.step = 1 THEN a.raised_at + interval '60 seconds' END, 'system',"
          + " 'escalated', 'to the street centre'),"
          + " (a.accepted_at, 'bench-staff-' || s.code, 'accepted', NULL),"
          + " (a.on_site_at, 'bench-staff-' || s.code, 'on_site', NULL),"
          + " (CASE WHEN a.state = 'resolved' AND a.outcome <> 'restored' THEN a.closed_at END,"
          + " 'bench-staff-' || s.code, 'resolved:' || a.outcome, 'bench history'),"
          + " (CASE WHEN a.outcome = 'restored' THEN a.closed_at END, 'system', 'restored', NULL),"
          + " (CASE WHEN a.state = 'cancelled' THEN a.closed_at END, 'bench-staff-' || s.code,"
          + " 'cancelled', NULL)) e (at, actor, action, note)"
          + " WHERE e.at IS NOT NULL ORDER BY e.at";

  private AlertHistory() {}

  /** What was written. */
  record Written(long closed, long open, long routes, long events) {}

  /**
   * @param end the history ends here; closed alerts were raised in the {@code days} before, up to
   *     an hour before the end
   */
  static Written write(DataSource db, Instant end, int days, int perDay, int open)
      throws SQLException {
    Instant start = end.minus(Duration.ofDays(days));
    Instant lastClosed = end.minus(Duration.ofHours(1));
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT setseed(0.25)");
      }
      long closed;
      try (PreparedStatement ps = c.prepareStatement(CLOSED)) {
        ps.setTimestamp(1, Timestamp.from(start));
        ps.setTimestamp(2, Timestamp.from(lastClosed));
        ps.setTimestamp(3, Timestamp.from(start));
        ps.setInt(4, BenchDistrict.COMMUNITY_STATIONS);
        ps.setInt(5, days * perDay);
        closed = ps.executeUpdate();
      }
      long opened;
      try (PreparedStatement ps = c.prepareStatement(OPEN)) {
        ps.setTimestamp(1, Timestamp.from(end));
        ps.setTimestamp(2, Timestamp.from(end));
        ps.setInt(3, BenchDistrict.COMMUNITY_STATIONS);
        ps.setInt(4, open);
        ps.setInt(5, open);
        opened = ps.executeUpdate();
      }
      long routes;
      long events;
      try (Statement s = c.createStatement()) {
        routes = s.executeUpdate(ROUTES);
        events = s.executeUpdate(EVENTS);
      }
      c.commit();
      try (Statement s = c.createStatement()) {
        c.setAutoCommit(true);
        s.execute("VACUUM ANALYZE alert");
        s.execute("VACUUM ANALYZE alert_route");
        s.execute("VACUUM ANALYZE alert_event");
      }
      return new Written(closed, opened, routes, events);
    }
  }
}
