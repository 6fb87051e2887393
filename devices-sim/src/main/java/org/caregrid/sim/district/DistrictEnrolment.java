package org.caregrid.sim.district;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;
import javax.sql.DataSource;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.PskCipher;

/**
 * Writes a simulated district into the platform's registry, once, in one transaction: a database
 * that already has stations is left as it is, so a demo's data persists across restarts. Directly
 * through JDBC rather than an API: ingest loads devices and their keys from these tables when it
 * starts, and the registry API is not written yet (docs/decisions/0006). The devices' DTLS keys are
 * not part of the district: {@link #storeKeys} writes them sealed.
 */
public final class DistrictEnrolment {
  private DistrictEnrolment() {}

  /** Returns whether the district was enrolled now (false: the registry already had stations). */
  public static boolean enrolOnce(DataSource dataSource, District district) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM station")) {
        rs.next();
        if (rs.getLong(1) > 0) {
          c.rollback();
          return false;
        }
      }
      stations(c, district);
      homes(c, district);
      c.commit();
      return true;
    }
  }

  private static void stations(Connection c, District district) throws SQLException {
    String sql =
        "INSERT INTO station (code, name, tier, parent_id, lat, lon, capacity)"
            + " VALUES (?, ?, ?, (SELECT id FROM station WHERE code = ?), ?, ?, ?)";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (District.Station st : district.stations()) {
        ps.setString(1, st.code());
        ps.setString(2, st.name());
        ps.setString(3, st.tier());
        if (st.parentCode() == null) {
          ps.setNull(4, Types.VARCHAR);
        } else {
          ps.setString(4, st.parentCode());
        }
        ps.setDouble(5, st.lat());
        ps.setDouble(6, st.lon());
        ps.setInt(7, st.capacity());
        ps.executeUpdate();
      }
    }
  }

  private static void homes(Connection c, District district) throws SQLException {
    try (PreparedStatement home =
            c.prepareStatement(
                "INSERT INTO home (address, community, lat, lon) VALUES (?, ?, ?, ?) RETURNING id");
        PreparedStatement resident =
            c.prepareStatement(
                "INSERT INTO resident (home_id, name, birth_year, lives_alone, dementia,"
                    + " copd_scale2) VALUES (?, ?, ?, ?, ?, ?) RETURNING id");
        PreparedStatement device =
            c.prepareStatement(
                "INSERT INTO device (uid, kind, home_id, resident_id, expected_interval_s)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      for (District.Home h : district.homes()) {
        home.setString(1, h.address());
        home.setString(2, h.community());
        home.setDouble(3, h.lat());
        home.setDouble(4, h.lon());
        int homeId = returnedId(home);
        District.Resident r = h.resident();
        resident.setInt(1, homeId);
        resident.setString(2, r.name());
        resident.setInt(3, r.birthYear());
        resident.setBoolean(4, r.livesAlone());
        resident.setBoolean(5, r.dementia());
        resident.setBoolean(6, r.copd());
        int residentId = returnedId(resident);
        for (District.DeviceSpec d : h.devices()) {
          device.setString(1, d.uid());
          device.setString(2, d.kind().code());
          device.setInt(3, homeId);
          device.setInt(4, residentId);
          device.setInt(5, d.intervalSeconds());
          device.addBatch();
        }
        device.executeBatch();
      }
    }
  }

  /**
   * Gives the enrolled devices {@code keys}, sealed under {@code cipher}, replacing what they had:
   * the demo draws new keys at every start and keeps them nowhere but here and in memory.
   *
   * @throws IllegalStateException when {@code cipher} has no key ({@code database.psk-key-file})
   */
  public static void storeKeys(DataSource dataSource, DeviceKeys keys, PskCipher cipher)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE device SET psk_sealed = ?, psk = NULL WHERE uid = ?")) {
      c.setAutoCommit(false);
      for (Map.Entry<String, byte[]> key : keys.byDevice().entrySet()) {
        ps.setBytes(1, cipher.seal(new DeviceId(key.getKey()), key.getValue()));
        ps.setString(2, key.getKey());
        ps.addBatch();
      }
      ps.executeBatch();
      c.commit();
    }
  }

  private static int returnedId(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
