package org.caregrid.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;

/** Enrols a home, a resident and devices directly in the database, for tests. */
public final class RegistryFixture {
  private final DataSource dataSource;

  public RegistryFixture(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A home near the district centre with one resident; returns the resident's key. */
  public int resident(String name) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      int home =
          insertReturningId(
              c,
              "INSERT INTO home (address, community, lat, lon) VALUES (?, 'Test community', 40.6, 109.9)"
                  + " RETURNING id",
              name + "'s home");
      return insertReturningId(
          c, "INSERT INTO resident (home_id, name) VALUES (" + home + ", ?) RETURNING id", name);
    }
  }

  public Device device(String uid, DeviceKind kind, int residentKey) throws SQLException {
    return device(uid, kind, residentKey, null);
  }

  /** A device with a broker password, stored as its hash (null for none). */
  public Device device(String uid, DeviceKind kind, int residentKey, String credentialHash)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO device (uid, kind, home_id, resident_id, expected_interval_s,"
                    + " credential_hash)"
                    + " SELECT ?, ?, home_id, id, 10, ? FROM resident WHERE id = ? RETURNING id")) {
      ps.setString(1, uid);
      ps.setString(2, kind.code());
      ps.setString(3, credentialHash);
      ps.setInt(4, residentKey);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Device(
            rs.getInt(1), new DeviceId(uid), kind, residentKey, Duration.ofSeconds(10));
      }
    }
  }

  private static int insertReturningId(Connection c, String sql, String text) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, text);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
