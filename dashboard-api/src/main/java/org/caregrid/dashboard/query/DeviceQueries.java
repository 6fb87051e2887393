package org.caregrid.dashboard.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** Devices for the API: the fleet and each resident's. Blocking: runs on the database workers. */
public final class DeviceQueries {
  /** Below this battery level (%) a device counts as low, as alerting's battery rule has it. */
  public static final double LOW_BATTERY_PCT = 15;

  // device_status keeps each device's newest battery level, written by ingest with the readings
  // that report it: a page and the low-battery filter read one row per device, never the readings.
  private static final String STATUS =
      " FROM device d LEFT JOIN device_status s ON s.device_id = d.id";
  private static final String COLUMNS =
      "SELECT d.id, d.uid, d.kind, d.home_id, d.resident_id, d.expected_interval_s, d.active,"
          + " d.enrolled_at, coalesce(s.online, false) AS online, s.last_seen, s.battery,"
          + " r.name AS resident_name, h.address, st.name AS station_name";
  private static final String NAMES =
      " LEFT JOIN resident r ON r.id = d.resident_id LEFT JOIN home h ON h.id = d.home_id"
          + " LEFT JOIN station st ON st.id = h.station_id";
  private static final String DEVICE = COLUMNS + STATUS + NAMES;
  private static final String FILTER =
      " WHERE (?::boolean IS NULL OR coalesce(s.online, false) = ?)"
          + " AND (?::text IS NULL OR d.kind = ?)";
  private static final String LOW = " AND s.battery < " + LOW_BATTERY_PCT;

  static final String PAGE = page(FILTER);
  static final String PAGE_LOW = page(FILTER + LOW);
  static final String COUNT = "SELECT count(*)" + STATUS + FILTER;
  static final String COUNT_LOW = COUNT + LOW;
  private static final String ONE = DEVICE + " WHERE d.id = ?";
  private static final String OF_RESIDENT = DEVICE + " WHERE d.resident_id = ? ORDER BY d.id";

  /** The page's ids first, then the names of those rows alone. */
  private static String page(String filter) {
    return COLUMNS
        + " FROM (SELECT d.id"
        + STATUS
        + filter
        + " ORDER BY d.id LIMIT ? OFFSET ?) p JOIN device d ON d.id = p.id"
        + " LEFT JOIN device_status s ON s.device_id = d.id"
        + NAMES
        + " ORDER BY d.id";
  }

  private final DataSource dataSource;

  public DeviceQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * One page of the fleet, by id.
   *
   * @param online null for both
   * @param kind null for every kind
   */
  public Page<DeviceView> page(
      Boolean online, String kind, boolean lowBattery, int limit, int offset) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      List<DeviceView> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(lowBattery ? PAGE_LOW : PAGE)) {
        int i = bindFilter(ps, online, kind);
        ps.setInt(i++, limit);
        ps.setInt(i, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(device(rs));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(lowBattery ? COUNT_LOW : COUNT)) {
        bindFilter(ps, online, kind);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new Page<>(items, rs.getLong(1));
        }
      }
    }
  }

  public Optional<DeviceView> one(int id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ONE)) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(device(rs)) : Optional.empty();
      }
    }
  }

  /** The resident the device serves, if it exists. */
  public Optional<Integer> residentOf(int id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT resident_id FROM device WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getInt(1)) : Optional.empty();
      }
    }
  }

  List<DeviceView> ofResident(int residentId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(OF_RESIDENT)) {
      ps.setInt(1, residentId);
      List<DeviceView> devices = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          devices.add(device(rs));
        }
      }
      return devices;
    }
  }

  private static int bindFilter(PreparedStatement ps, Boolean online, String kind)
      throws SQLException {
    ps.setObject(1, online, java.sql.Types.BOOLEAN);
    ps.setObject(2, online, java.sql.Types.BOOLEAN);
    ps.setString(3, kind);
    ps.setString(4, kind);
    return 5;
  }

  private static DeviceView device(ResultSet rs) throws SQLException {
    Timestamp lastSeen = rs.getTimestamp("last_seen");
    double battery = rs.getDouble("battery");
    boolean batteryKnown = !rs.wasNull();
    return new DeviceView(
        rs.getInt("id"),
        rs.getString("uid"),
        rs.getString("kind"),
        rs.getInt("home_id"),
        rs.getInt("resident_id"),
        rs.getInt("expected_interval_s"),
        rs.getBoolean("active"),
        rs.getBoolean("online"),
        lastSeen == null ? null : lastSeen.toInstant(),
        batteryKnown ? battery : null,
        rs.getTimestamp("enrolled_at").toInstant(),
        rs.getString("resident_name"),
        rs.getString("address"),
        rs.getString("station_name"));
  }
}
