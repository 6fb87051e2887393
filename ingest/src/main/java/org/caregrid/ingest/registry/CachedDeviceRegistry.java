package org.caregrid.ingest.registry;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.device.PskCipher;
import org.caregrid.core.device.SealedPskException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry held in memory and reloaded whole from the database: a district has thousands of
 * devices, so a full reload is cheap and needs no invalidation protocol. Keyed by the id's string:
 * every message is looked up, and a string's hash and equality are cheaper than a record's.
 */
public final class CachedDeviceRegistry implements DeviceRegistry {
  private static final String LOAD =
      "SELECT id, uid, kind, resident_id, expected_interval_s, psk, psk_sealed FROM device"
          + " WHERE active";

  private static final Logger LOG = LoggerFactory.getLogger(CachedDeviceRegistry.class);

  private final DataSource dataSource;
  private final WorkerExecutor db;
  private final PskCipher cipher;
  private volatile Map<String, Device> devices = Map.of();
  private volatile Map<String, byte[]> psks = Map.of();
  private volatile int unreadableKeys;
  private volatile int plaintextKeys;

  /**
   * @param cipher opens the sealed PSKs; a device whose key does not open keeps its MQTT access but
   *     fails every DTLS handshake, and is counted in {@link #unreadableKeys}
   */
  public CachedDeviceRegistry(DataSource dataSource, WorkerExecutor db, PskCipher cipher) {
    this.dataSource = dataSource;
    this.db = db;
    this.cipher = cipher;
  }

  /** Devices whose sealed PSK did not open at the last reload (wrong key, altered row). */
  public int unreadableKeys() {
    return unreadableKeys;
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
          List<SealedPskException> unreadable = new ArrayList<>();
          int[] plaintext = new int[1];
          Map<String, Device> loaded = load(keys, unreadable, plaintext);
          devices = loaded;
          psks = Map.copyOf(keys);
          report(unreadable, plaintext[0]);
          return loaded.size();
        },
        false);
  }

  /** Logged when the numbers change, not at every reload. */
  private void report(List<SealedPskException> unreadable, int plaintext) {
    if (unreadable.size() != unreadableKeys) {
      unreadable.stream().limit(5).forEach(e -> LOG.error("{}", e.getMessage()));
      if (!unreadable.isEmpty()) {
        LOG.error("{} device(s) refused over DTLS: their keys do not open", unreadable.size());
      }
    }
    if (plaintext != plaintextKeys && plaintext > 0) {
      LOG.warn(
          "{} device(s) keep their DTLS keys in plaintext in the database; run `caregrid"
              + " seal-psks`",
          plaintext);
    }
    unreadableKeys = unreadable.size();
    plaintextKeys = plaintext;
  }

  private Map<String, Device> load(
      Map<String, byte[]> keys, List<SealedPskException> unreadable, int[] plaintext)
      throws SQLException {
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
        byte[] sealed = rs.getBytes("psk_sealed");
        byte[] psk = rs.getBytes("psk");
        if (sealed != null) {
          try {
            keys.put(id.value(), cipher.open(id, sealed));
          } catch (SealedPskException e) {
            unreadable.add(e);
          }
        } else if (psk != null) {
          plaintext[0]++;
          keys.put(id.value(), psk);
        }
      }
    }
    return Map.copyOf(loaded);
  }
}
