package org.caregrid.bench.district;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The alerting benchmark's district: one district centre, 5 street centres and 28 community
 * stations on a grid around it, and residents each in a home of their own with a care bed (the
 * background load) and an SOS pendant. Capacities are high enough that routing never runs out of
 * stations, and the pendants' expected interval is a day, so a pendant that only ever sends its SOS
 * is never taken for offline during a run.
 */
public final class BenchDistrict {
  public static final int STREET_CENTRES = 5;
  public static final int COMMUNITY_STATIONS = 28;
  private static final int CAPACITY = 10_000;
  private static final double LAT = 40.60;
  private static final double LON = 109.90;
  private static final String PENDANT_TOPIC_PREFIX = "care/bench-sos-";

  private final List<Integer> residents;

  private BenchDistrict(List<Integer> residents) {
    this.residents = List.copyOf(residents);
  }

  /** Enrols the stations and {@code residents} residents with their devices. */
  public static BenchDistrict enrol(DataSource db, int residents) throws SQLException {
    return enrol(db, residents, 60);
  }

  /** As above, with the care beds' expected interval between reports. */
  public static BenchDistrict enrol(DataSource db, int residents, int bedIntervalS)
      throws SQLException {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO station (code, name, tier, lat, lon, capacity) VALUES"
              + " ('dc-1', 'Bench district centre', 'district', "
              + LAT
              + ", "
              + LON
              + ", "
              + CAPACITY
              + ")");
      s.execute(
          "INSERT INTO station (code, name, tier, parent_id, lat, lon, capacity)"
              + " SELECT 'sc-' || g, 'Bench street centre ' || g, 'street', d.id,"
              + " d.lat + 0.04 * cos(g * 2 * pi() / 5), d.lon + 0.04 * sin(g * 2 * pi() / 5), "
              + CAPACITY
              + " FROM station d, generate_series(1, "
              + STREET_CENTRES
              + ") g WHERE d.code = 'dc-1'");
      // a 4 x 7 grid of community stations about 2 km apart, each under a street centre
      s.execute(
          "INSERT INTO station (code, name, tier, parent_id, lat, lon, capacity)"
              + " SELECT 'cs-' || g, 'Bench community station ' || g, 'community', sc.id,"
              + " 40.57 + 0.02 * ((g - 1) / 7), 109.84 + 0.02 * ((g - 1) % 7), "
              + CAPACITY
              + " FROM generate_series(1, "
              + COMMUNITY_STATIONS
              + ") g JOIN station sc ON sc.code = 'sc-' || (1 + (g - 1) % "
              + STREET_CENTRES
              + ")");
      // homes spread over the grid, deterministically
      s.execute(
          "INSERT INTO home (address, community, lat, lon)"
              + " SELECT 'Bench road ' || g, 'Bench', 40.56 + 0.08 * ((g::bigint * 7919) % 1000) / 1000.0,"
              + " 109.83 + 0.14 * ((g::bigint * 104729) % 1000) / 1000.0"
              + " FROM generate_series(1, "
              + residents
              + ") g");
      s.execute(
          "INSERT INTO resident (home_id, name) SELECT id, 'Bench resident ' || id FROM home");
      s.execute(
          "INSERT INTO device (uid, kind, home_id, resident_id, expected_interval_s)"
              + " SELECT 'bench-bed-' || lpad(id::text, 5, '0'), 'care_bed', home_id, id, "
              + bedIntervalS
              + " FROM resident");
      s.execute(
          "INSERT INTO device (uid, kind, home_id, resident_id, expected_interval_s)"
              + " SELECT 'bench-sos-' || lpad(id::text, 5, '0'), 'sos_pendant', home_id, id, 86400"
              + " FROM resident");
      List<Integer> keys = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("SELECT id FROM resident ORDER BY id")) {
        while (rs.next()) {
          keys.add(rs.getInt(1));
        }
      }
      return new BenchDistrict(keys);
    }
  }

  /** The residents' keys, in enrolment order. */
  public List<Integer> residents() {
    return residents;
  }

  /** The SOS pendants of every resident. */
  public List<String> pendants() {
    return residents.stream().map(BenchDistrict::pendant).toList();
  }

  /** The care beds of every resident: the background load's devices. */
  public List<String> beds() {
    return residents.stream().map(BenchDistrict::bed).toList();
  }

  public static String bed(int resident) {
    return String.format(Locale.ROOT, "bench-bed-%05d", resident);
  }

  public static String pendant(int resident) {
    return String.format(Locale.ROOT, "bench-sos-%05d", resident);
  }

  /** The resident whose pendant publishes on {@code care/bench-sos-NNNNN/event}. */
  public static int residentOfPendant(String topic) {
    return Integer.parseInt(topic.substring(PENDANT_TOPIC_PREFIX.length(), topic.lastIndexOf('/')));
  }
}
