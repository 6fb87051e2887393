package org.caregrid.bench.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The staff the dashboard bench signs in as: a district administrator, who sees every alert, and
 * station staff of {@link AlertHistory#STAFF_STATION}, who see the alerts routed there. Passwords
 * are stored as bcrypt hashes (pgcrypto's {@code crypt} with a Blowfish salt writes the {@code
 * $2a$} form that bcrypt verifiers read), as the platform stores them.
 */
public final class BenchStaff {
  public static final String ADMIN = "bench-admin";
  public static final String STAFF = "bench-staff";
  public static final String PASSWORD = "bench-password-1";

  private BenchStaff() {}

  public static void enrol(DataSource db) throws SQLException {
    try (Connection c = db.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto");
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO staff_user (login, display_name, password_hash, role, station_id)"
                  + " SELECT ?, ?, crypt(?, gen_salt('bf', 10)), ?,"
                  + " (SELECT id FROM station WHERE code = ?)")) {
        add(ps, ADMIN, "Bench district admin", "district_admin", null);
        add(ps, STAFF, "Bench station staff", "station_staff", AlertHistory.STAFF_STATION);
      }
    }
  }

  private static void add(
      PreparedStatement ps, String login, String name, String role, String station)
      throws SQLException {
    ps.setString(1, login);
    ps.setString(2, name);
    ps.setString(3, PASSWORD);
    ps.setString(4, role);
    ps.setString(5, station);
    ps.executeUpdate();
  }
}
