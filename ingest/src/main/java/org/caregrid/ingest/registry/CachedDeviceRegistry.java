package org.caregrid.ingest.registry;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;

/**
 * The registry held in memory and reloaded whole from the database: a district has thousands of
 * devices, so a full reload is cheap and needs no invalidation protocol. Keyed by the id's string:
 * every message is looked up, and a string's hash and equality are cheaper than a record's.
 */
public final class CachedDeviceRegistry implements DeviceRegistry {
  private static final String LOAD =
      "SELECT id, uid, kind, resident_id, expected_interval_s, psk FROM device WHERE active";

  private final DataSource dataSource;
  private final WorkerExecutor db;
  private volatile Map<String, Device> devices = Map.of();
  private volatile Map<String, byte[]> psks = Map.of();

  public CachedDeviceRegistry(DataSource dataSource, WorkerExecutor db) {
    this.dataSource = dataSource;
    this.db = db;
  }

  @Override
  public Optional<Device> find(DeviceId id) {
    return Optional.ofNullable(devices.get(id.value()));
  }

  @Override
  public Optional<byte[]> psk(DeviceId id) {
    byte[] key = psks.get(id.value());
    return key == null ? Optional.empty() : Optional.of(key.clone());
  }

  /** Reloads on a worker thread; the new contents replace the old at once when loaded. */
  public Future<Integer> reload() {
    return db.executeBlocking(
        () -> {
          Map<String, byte[]> keys = new HashMap<>();
          Map<String, Device> loaded = load(keys);
          devices = loaded;
          psks = Map.copyOf(keys);
          return loaded.size();
        },
        false);
  }

  private Map<String, Device> load(Map<String, byte[]> keys) throws SQLException {
    Map<String, Device> loaded = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(LOAD)) {
      while (rs.next()) {
        DeviceId id = new DeviceId(rs.getString("uid"));
        loaded.put(
            id.value(),
            new Device(
                rs.getInt("id"),
                id,
                DeviceKind.fromCode(rs.getString("kind")),
                rs.getInt("resident_id"),
                Duration.ofSeconds(rs.getInt("expected_interval_s"))));
        byte[] psk = rs.getBytes("psk");
        if (psk != null) {
          keys.put(id.value(), psk);
        }
      }
    }
    return Map.copyOf(loaded);
  }
}
