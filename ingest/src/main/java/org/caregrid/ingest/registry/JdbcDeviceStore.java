package org.caregrid.ingest.registry;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.device.PskCipher;
import org.caregrid.core.device.SealedPskException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DeviceStore} on the {@code device} table. */
final class JdbcDeviceStore implements DeviceStore {
  private static final String COLUMNS =
      "SELECT id, uid, kind, resident_id, expected_interval_s, psk, psk_sealed FROM device"
          + " WHERE active";
  private static final String FIND = COLUMNS + " AND uid = ANY (?)";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcDeviceStore.class);

  private final DataSource dataSource;
  private final PskCipher cipher;

  JdbcDeviceStore(DataSource dataSource, PskCipher cipher) {
    this.dataSource = dataSource;
    this.cipher = cipher;
  }

  @Override
  public Map<String, Enrolled> loadActive() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(COLUMNS)) {
      return read(ps);
    }
  }

  @Override
  public Map<String, Enrolled> findActive(Collection<String> uids) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(FIND)) {
      Array array = c.createArrayOf("text", uids.toArray());
      ps.setArray(1, array);
      return read(ps);
    }
  }

  private Map<String, Enrolled> read(PreparedStatement ps) throws SQLException {
    Map<String, Enrolled> found = new HashMap<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        DeviceId id = new DeviceId(rs.getString("uid"));
        Device device =
            new Device(
                rs.getInt("id"),
                id,
                DeviceKind.fromCode(rs.getString("kind")),
                rs.getInt("resident_id"),
                Duration.ofSeconds(rs.getInt("expected_interval_s")));
        found.put(id.value(), enrolled(device, rs.getBytes("psk_sealed"), rs.getBytes("psk")));
      }
    }
    return found;
  }

  private Enrolled enrolled(Device device, byte[] sealed, byte[] plaintext) {
    if (sealed != null) {
      try {
        return new Enrolled(device, cipher.open(device.id(), sealed), KeyState.SEALED);
      } catch (SealedPskException e) {
        LOG.debug("{}", e.getMessage());
        return new Enrolled(device, null, KeyState.UNREADABLE);
      }
    }
    if (plaintext != null) {
      return new Enrolled(device, plaintext, KeyState.PLAINTEXT);
    }
    return new Enrolled(device, null, KeyState.NONE);
  }
}
