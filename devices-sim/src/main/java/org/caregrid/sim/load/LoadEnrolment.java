package org.caregrid.sim.load;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Enrols what a load run publishes as: its telemetry devices (care beds, all under one resident, as
 * the bench does), one SOS pendant per injected press, each with a resident of its own named after
 * it (so every press opens its own alert and the station watch can tell them apart), and a
 * community station with room for all of them. Devices already enrolled are left as they are.
 */
public final class LoadEnrolment {
  private static final double LAT = 40.6571;
  private static final double LON = 109.8402;

  private LoadEnrolment() {}

  /** Returns the number of devices added. */
  public static int enrol(DataSource db, LoadOptions options) throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      int added = beds(c, options) + pendants(c, options);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO station (code, name, tier, lat, lon, capacity)"
                  + " VALUES (?, 'Load station', 'community', ?, ?, 1000000)"
                  + " ON CONFLICT (code) DO NOTHING")) {
        ps.setString(1, options.prefix() + "station");
        ps.setDouble(2, LAT);
        ps.setDouble(3, LON + 0.01);
        ps.executeUpdate();
      }
      c.commit();
      return added;
    }
  }

  private static int beds(Connection c, LoadOptions options) throws SQLException {
    int resident = resident(c, options.prefix() + "beds");
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO device (uid, kind, home_id, resident_id, expected_interval_s)"
                + " SELECT ? || lpad(g::text, 6, '0'), 'care_bed', r.home_id, r.id, 3600"
                + " FROM resident r, generate_series(0, ?) g WHERE r.id = ?"
                + " ON CONFLICT (uid) DO NOTHING")) {
      ps.setString(1, options.prefix());
      ps.setInt(2, options.devices() - 1);
      ps.setInt(3, resident);
      return ps.executeUpdate();
    }
  }

  private static int pendants(Connection c, LoadOptions options) throws SQLException {
    int added = 0;
    for (int i = 0; i < options.pendants(); i++) {
      String uid = options.pendant(i);
      if (exists(c, uid)) {
        continue;
      }
      int resident = resident(c, uid);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO device (uid, kind, home_id, resident_id, expected_interval_s)"
                  + " SELECT ?, 'sos_pendant', home_id, id, 3600 FROM resident WHERE id = ?")) {
        ps.setString(1, uid);
        ps.setInt(2, resident);
        added += ps.executeUpdate();
      }
    }
    return added;
  }

  /** The resident named {@code name}, enrolled with a home of their own when missing. */
  private static int resident(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM resident WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          return rs.getInt(1);
        }
      }
    }
    int home;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "INSERT INTO home (address, community, lat, lon) VALUES ('load', 'load', "
                    + LAT
                    + ", "
                    + LON
                    + ") RETURNING id")) {
      rs.next();
      home = rs.getInt(1);
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO resident (home_id, name) VALUES (?, ?) RETURNING id")) {
      ps.setInt(1, home);
      ps.setString(2, name);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static boolean exists(Connection c, String uid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM device WHERE uid = ?")) {
      ps.setString(1, uid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
