package org.caregrid.alerting.resident;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.caregrid.alerting.rule.Resident;
import org.caregrid.alerting.rule.RuleConfig;
import org.caregrid.alerting.rule.Thresholds;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The residents the rules watch, with their effective thresholds (platform defaults overridden by
 * the care plan) and active devices, held in memory. Loaded whole at start and one resident at a
 * time when the database announces a change. Reads are lock-free and safe from any thread; loads
 * block, so they run on worker threads.
 */
public final class ResidentDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ResidentDirectory.class);
  private static final String RESIDENTS =
      "SELECT r.id, h.time_zone, r.lives_alone, r.dementia, r.copd_scale2, r.care_plan::text"
          + " FROM resident r JOIN home h ON h.id = r.home_id";
  private static final String DEVICES =
      "SELECT id, uid, kind, resident_id, expected_interval_s FROM device WHERE active";

  private final DataSource dataSource;
  private final RuleConfig defaults;
  private final Map<Integer, Resident> residents = new ConcurrentHashMap<>();

  public ResidentDirectory(DataSource dataSource, RuleConfig defaults) {
    this.dataSource = dataSource;
    this.defaults = defaults;
  }

  public Optional<Resident> get(int key) {
    return Optional.ofNullable(residents.get(key));
  }

  public Collection<Resident> all() {
    return residents.values();
  }

  /** Loads every resident; those no longer in the database are forgotten. */
  public void loadAll() throws SQLException {
    Map<Integer, Resident> loaded = load(RESIDENTS, DEVICES, null);
    residents.keySet().retainAll(loaded.keySet());
    residents.putAll(loaded);
  }

  /** Loads one resident again, after an enrolment or a care-plan edit. */
  public Optional<Resident> reload(int key) throws SQLException {
    Map<Integer, Resident> loaded =
        load(RESIDENTS + " WHERE r.id = ?", DEVICES + " AND resident_id = ?", key);
    Resident r = loaded.get(key);
    if (r == null) {
      residents.remove(key);
    } else {
      residents.put(key, r);
    }
    return Optional.ofNullable(r);
  }

  /** A care plan that does not parse must not blind the rules: the defaults apply, loudly. */
  private Thresholds thresholds(int residentKey, String carePlan) {
    try {
      return Thresholds.of(defaults, new JsonObject(carePlan));
    } catch (IllegalArgumentException | DecodeException e) {
      LOG.error(
          "care plan of resident {} not usable, platform defaults apply: {}",
          residentKey,
          e.getMessage());
      return Thresholds.defaults(defaults);
    }
  }

  private Map<Integer, Resident> load(String residentSql, String deviceSql, Integer key)
      throws SQLException {
    Map<Integer, List<Device>> devices = new HashMap<>();
    Map<Integer, Resident> loaded = new HashMap<>();
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(deviceSql)) {
        if (key != null) {
          ps.setInt(1, key);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Device d =
                new Device(
                    rs.getInt("id"),
                    new DeviceId(rs.getString("uid")),
                    DeviceKind.fromCode(rs.getString("kind")),
                    rs.getInt("resident_id"),
                    Duration.ofSeconds(rs.getInt("expected_interval_s")));
            devices.computeIfAbsent(d.residentKey(), k -> new ArrayList<>()).add(d);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(residentSql)) {
        if (key != null) {
          ps.setInt(1, key);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            int id = rs.getInt(1);
            loaded.put(
                id,
                new Resident(
                    id,
                    ZoneId.of(rs.getString(2)),
                    rs.getBoolean(3),
                    rs.getBoolean(4),
                    rs.getBoolean(5),
                    thresholds(id, rs.getString(6)),
                    List.copyOf(devices.getOrDefault(id, List.of()))));
          }
        }
      }
    }
    return loaded;
  }
}
