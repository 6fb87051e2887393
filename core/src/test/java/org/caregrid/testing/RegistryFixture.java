package org.caregrid.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
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
    return resident(name, 40.6, 109.9);
  }

  /** A home at the given coordinates with one resident; returns the resident's key. */
  public int resident(String name, double lat, double lon) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      int home =
          insertReturningId(
              c,
              "INSERT INTO home (address, community, lat, lon) VALUES (?, 'Test community', "
                  + lat
                  + ", "
                  + lon
                  + ") RETURNING id",
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

  /**
   * A station on duty; {@code parentKey} 0 for none. Returns its key.
   *
   * @param tier community, street, district or city
   */
  public int station(String code, String tier, int parentKey, double lat, double lon, int capacity)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO station (code, name, tier, parent_id, lat, lon, capacity)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
      ps.setString(1, code);
      ps.setString(2, "Station " + code);
      ps.setString(3, tier);
      if (parentKey == 0) {
        ps.setNull(4, Types.INTEGER);
      } else {
        ps.setInt(4, parentKey);
      }
      ps.setDouble(5, lat);
      ps.setDouble(6, lon);
      ps.setInt(7, capacity);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
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
