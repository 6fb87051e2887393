package org.caregrid.dashboard.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;

/** Devices for the API: the fleet and each resident's. Blocking: runs on the database workers. */
public final class DeviceQueries {
  /** Below this battery level (%) a device counts as low, as alerting's battery rule has it. */
  public static final double LOW_BATTERY_PCT = 15;

  private static final String DEVICE =
      "SELECT d.id, d.uid, d.kind, d.home_id, d.resident_id, d.expected_interval_s, d.active,"
          + " d.enrolled_at, coalesce(s.online, false) AS online, s.last_seen, s.battery"
          + " FROM device d LEFT JOIN device_status s ON s.device_id = d.id";
  private static final String FILTER =
      " WHERE (?::boolean IS NULL OR coalesce(s.online, false) = ?)"
          + " AND (?::text IS NULL OR d.kind = ?)"
          + " AND (NOT ? OR s.battery < "
          + LOW_BATTERY_PCT
          + ")";
  private static final String PAGE = DEVICE + FILTER + " ORDER BY d.id LIMIT ? OFFSET ?";
  private static final String COUNT =
      "SELECT count(*) FROM device d LEFT JOIN device_status s ON s.device_id = d.id" + FILTER;
  private static final String ONE = DEVICE + " WHERE d.id = ?";
  private static final String OF_RESIDENT = DEVICE + " WHERE d.resident_id = ? ORDER BY d.id";
  private static final String INSERT =
      "INSERT INTO device (uid, kind, home_id, resident_id, expected_interval_s, credential_hash,"
          + " psk) SELECT ?, ?, home_id, id, ?, ?, ? FROM resident WHERE id = ? AND home_id = ?"
          + " ON CONFLICT (uid) DO NOTHING RETURNING id";
  private static final String UID_TAKEN = "SELECT 1 FROM device WHERE uid = ?";

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
  public JsonObject page(Boolean online, String kind, boolean lowBattery, int limit, int offset)
      throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      JsonArray items = new JsonArray();
      try (PreparedStatement ps = c.prepareStatement(PAGE)) {
        int i = bindFilter(ps, online, kind, lowBattery);
        ps.setInt(i++, limit);
        ps.setInt(i, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(device(rs));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(COUNT)) {
        bindFilter(ps, online, kind, lowBattery);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new JsonObject().put("items", items).put("total", rs.getLong(1));
        }
      }
    }
  }

  public Optional<JsonObject> one(int id) throws SQLException {
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

  JsonArray ofResident(int residentId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(OF_RESIDENT)) {
      ps.setInt(1, residentId);
      JsonArray devices = new JsonArray();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          devices.add(device(rs));
        }
      }
      return devices;
    }
  }

  /** What enrolling a device came to. */
  public sealed interface Enrolment {
    /** Enrolled; the device as the API shows it. */
    record Done(JsonObject device) implements Enrolment {}

    /** Another device has the uid. */
    record UidTaken() implements Enrolment {}

    /** No such resident in that home. */
    record NoResidentThere() implements Enrolment {}
  }

  /**
   * Enrols a device with its broker hash and DTLS key, audited (without either secret).
   *
   * @param credentialHash the broker password in Mosquitto's format
   * @param psk the DTLS pre-shared key
   */
  public Enrolment enrol(Principal who, NewDevice d, String credentialHash, byte[] psk)
      throws SQLException {
    Enrolment result =
        Transactions.run(
            dataSource,
            c -> {
              int key;
              try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, d.uid().value());
                ps.setString(2, d.kind().code());
                ps.setInt(3, d.expectedIntervalS());
                ps.setString(4, credentialHash);
                ps.setBytes(5, psk);
                ps.setInt(6, d.residentId());
                ps.setInt(7, d.homeId());
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return uidTaken(c, d.uid().value())
                        ? new Enrolment.UidTaken()
                        : new Enrolment.NoResidentThere();
                  }
                  key = rs.getInt(1);
                }
              }
              StaffAudit.record(c, who, "device.enrol", "device/" + key, d.toJson());
              return new Enrolment.Done(new JsonObject().put("id", key));
            });
    if (result instanceof Enrolment.Done done) {
      return new Enrolment.Done(one(done.device().getInteger("id")).orElseThrow());
    }
    return result;
  }

  private static boolean uidTaken(Connection c, String uid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(UID_TAKEN)) {
      ps.setString(1, uid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static int bindFilter(
      PreparedStatement ps, Boolean online, String kind, boolean lowBattery) throws SQLException {
    ps.setObject(1, online, java.sql.Types.BOOLEAN);
    ps.setObject(2, online, java.sql.Types.BOOLEAN);
    ps.setString(3, kind);
    ps.setString(4, kind);
    ps.setBoolean(5, lowBattery);
    return 6;
  }

  private static JsonObject device(ResultSet rs) throws SQLException {
    Timestamp lastSeen = rs.getTimestamp("last_seen");
    double battery = rs.getDouble("battery");
    boolean batteryKnown = !rs.wasNull();
    return new JsonObject()
        .put("id", rs.getInt("id"))
        .put("uid", rs.getString("uid"))
        .put("kind", rs.getString("kind"))
        .put("homeId", rs.getInt("home_id"))
        .put("residentId", rs.getInt("resident_id"))
        .put("expectedIntervalS", rs.getInt("expected_interval_s"))
        .put("active", rs.getBoolean("active"))
        .put("online", rs.getBoolean("online"))
        .put("lastSeen", lastSeen == null ? null : lastSeen.toInstant().toString())
        .put("battery", batteryKnown ? battery : null)
        .put("enrolledAt", rs.getTimestamp("enrolled_at").toInstant().toString());
  }
}
