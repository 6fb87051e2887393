package org.caregrid.dashboard.query;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertRows;
import org.caregrid.core.db.Transactions;
import org.caregrid.dashboard.audit.StaffAudit;
import org.caregrid.dashboard.auth.Principal;

/**
 * Residents for the API. Every read takes a scope: the station whose residents the user may see
 * (those with an alert routed to it), or null for all. Blocking: runs on the database worker pool.
 */
public final class ResidentQueries {
  /** True when the resident {@code r} is visible in the scope bound to the next two parameters. */
  static final String VISIBLE =
      "(?::int IS NULL OR EXISTS (SELECT 1 FROM alert a JOIN alert_route ar ON ar.alert_id = a.id"
          + " WHERE a.resident_id = r.id AND ar.station_id = ?))";

  private static final String SUMMARY =
      "SELECT r.id, r.name, r.birth_year, r.lives_alone, r.dementia, r.copd_scale2, r.home_id,"
          + " r.care_plan::text AS care_plan, h.address, h.community, h.lat, h.lon, h.time_zone,"
          + " (SELECT count(*) FROM alert a WHERE a.resident_id = r.id"
          + "   AND a.state NOT IN ('resolved', 'cancelled')) AS open_alerts"
          + " FROM resident r JOIN home h ON h.id = r.home_id";
  private static final String MATCHES =
      " WHERE (?::text IS NULL OR r.name ILIKE ? OR h.address ILIKE ? OR h.community ILIKE ?)"
          + " AND "
          + VISIBLE;
  private static final String PAGE = SUMMARY + MATCHES + " ORDER BY r.name, r.id LIMIT ? OFFSET ?";
  private static final String COUNT =
      "SELECT count(*) FROM resident r JOIN home h ON h.id = r.home_id" + MATCHES;
  private static final String ONE = SUMMARY + " WHERE r.id = ? AND " + VISIBLE;
  private static final String IS_VISIBLE = "SELECT 1 FROM resident r WHERE r.id = ? AND " + VISIBLE;
  private static final String INSERT =
      "INSERT INTO resident (home_id, name, birth_year, lives_alone, dementia, copd_scale2,"
          + " care_plan) SELECT id, ?, ?, ?, ?, ?, ?::jsonb FROM home WHERE id = ? RETURNING id";
  private static final String UPDATE_PLAN =
      "UPDATE resident SET care_plan = ?::jsonb WHERE id = ? RETURNING id";
  private static final String EVENTS =
      "SELECT e.time, e.device_id, e.type, e.data::text AS data FROM device_event e"
          + " WHERE e.device_id IN (SELECT id FROM device WHERE resident_id = ?)"
          + " AND e.time >= ? AND e.time < ? ORDER BY e.time DESC LIMIT ?";
  private static final String ALERTS =
      "SELECT "
          + AlertRows.COLUMNS
          + " FROM alert WHERE resident_id = ? ORDER BY raised_at DESC, id DESC LIMIT ?";

  private final DataSource dataSource;
  private final DeviceQueries devices;
  private final ReadingQueries readings;

  public ResidentQueries(DataSource dataSource, DeviceQueries devices, ReadingQueries readings) {
    this.dataSource = dataSource;
    this.devices = devices;
    this.readings = readings;
  }

  /** One page of the residents in scope whose name, address or community contains {@code q}. */
  public JsonObject page(Integer scope, String q, int limit, int offset) throws SQLException {
    String pattern = q == null || q.isBlank() ? null : "%" + likeEscaped(q.trim()) + "%";
    try (Connection c = dataSource.getConnection()) {
      JsonArray items = new JsonArray();
      try (PreparedStatement ps = c.prepareStatement(PAGE)) {
        int i = bindMatches(ps, pattern, scope);
        ps.setInt(i++, limit);
        ps.setInt(i, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(summary(rs));
          }
        }
      }
      long total;
      try (PreparedStatement ps = c.prepareStatement(COUNT)) {
        bindMatches(ps, pattern, scope);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      return new JsonObject().put("items", items).put("total", total);
    }
  }

  /** The resident with care plan, home, devices and latest vitals; empty if not in scope. */
  public Optional<JsonObject> detail(Integer scope, int id) throws SQLException {
    JsonObject resident;
    JsonObject home;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ONE)) {
      ps.setInt(1, id);
      bindScope(ps, 2, scope);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        resident = withCarePlan(rs);
        home = home(rs);
      }
    }
    return Optional.of(
        new JsonObject()
            .put("resident", resident)
            .put("home", home)
            .put("devices", devices.ofResident(id))
            .put("latestVitals", readings.latestVitals(id)));
  }

  /** Whether the resident exists and is in scope. */
  public boolean isVisible(Integer scope, int id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(IS_VISIBLE)) {
      ps.setInt(1, id);
      bindScope(ps, 2, scope);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Enrols a resident in an existing home, audited; empty if there is no such home. */
  public Optional<JsonObject> enrol(Principal who, NewResident r) throws SQLException {
    Optional<Integer> id =
        Transactions.run(
            dataSource,
            c -> {
              int key;
              try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                ps.setString(1, r.name());
                if (r.birthYear() == null) {
                  ps.setNull(2, Types.INTEGER);
                } else {
                  ps.setInt(2, r.birthYear());
                }
                ps.setBoolean(3, r.livesAlone());
                ps.setBoolean(4, r.dementia());
                ps.setBoolean(5, r.copdScale2());
                ps.setString(6, r.carePlan().encode());
                ps.setInt(7, r.homeId());
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return Optional.empty();
                  }
                  key = rs.getInt(1);
                }
              }
              StaffAudit.record(c, who, "resident.enrol", "resident/" + key, r.toJson());
              return Optional.of(key);
            });
    return id.isEmpty() ? Optional.empty() : resident(id.get());
  }

  /** Replaces the care plan, audited; empty if there is no such resident. */
  public Optional<JsonObject> replaceCarePlan(Principal who, int id, JsonObject plan)
      throws SQLException {
    boolean found =
        Transactions.run(
            dataSource,
            c -> {
              try (PreparedStatement ps = c.prepareStatement(UPDATE_PLAN)) {
                ps.setString(1, plan.encode());
                ps.setInt(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                  if (!rs.next()) {
                    return false;
                  }
                }
              }
              StaffAudit.record(
                  c,
                  who,
                  "care_plan.update",
                  "resident/" + id,
                  new JsonObject().put("carePlan", plan));
              return true;
            });
    return found ? resident(id) : Optional.empty();
  }

  /** The resident's devices' events in [from, to), newest first. */
  public JsonArray events(int id, Instant from, Instant to, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(EVENTS)) {
      ps.setInt(1, id);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setTimestamp(3, Timestamp.from(to));
      ps.setInt(4, limit);
      JsonArray events = new JsonArray();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add(
              new JsonObject()
                  .put("at", rs.getTimestamp("time").toInstant().toString())
                  .put("deviceId", rs.getInt("device_id"))
                  .put("type", rs.getString("type"))
                  .put("data", new JsonObject(rs.getString("data"))));
        }
      }
      return events;
    }
  }

  /** The resident's alerts, newest first. */
  public List<AlertChange> alerts(int id, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ALERTS)) {
      ps.setInt(1, id);
      ps.setInt(2, limit);
      List<AlertChange> alerts = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          alerts.add(AlertRows.change(rs, null));
        }
      }
      return alerts;
    }
  }

  private Optional<JsonObject> resident(int id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ONE)) {
      ps.setInt(1, id);
      bindScope(ps, 2, null);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(withCarePlan(rs)) : Optional.empty();
      }
    }
  }

  private static int bindMatches(PreparedStatement ps, String pattern, Integer scope)
      throws SQLException {
    ps.setString(1, pattern);
    ps.setString(2, pattern);
    ps.setString(3, pattern);
    ps.setString(4, pattern);
    bindScope(ps, 5, scope);
    return 7;
  }

  /** Binds {@link #VISIBLE}'s two parameters from {@code index} on. */
  static void bindScope(PreparedStatement ps, int index, Integer scope) throws SQLException {
    if (scope == null) {
      ps.setNull(index, Types.INTEGER);
      ps.setNull(index + 1, Types.INTEGER);
    } else {
      ps.setInt(index, scope);
      ps.setInt(index + 1, scope);
    }
  }

  /** {@code q} with LIKE's wildcards taken literally. */
  static String likeEscaped(String q) {
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static JsonObject summary(ResultSet rs) throws SQLException {
    int birthYear = rs.getInt("birth_year");
    boolean knownBirth = !rs.wasNull();
    return new JsonObject()
        .put("id", rs.getInt("id"))
        .put("name", rs.getString("name"))
        .put("birthYear", knownBirth ? birthYear : null)
        .put("age", knownBirth ? Year.now(ZoneOffset.UTC).getValue() - birthYear : null)
        .put("livesAlone", rs.getBoolean("lives_alone"))
        .put("dementia", rs.getBoolean("dementia"))
        .put("copdScale2", rs.getBoolean("copd_scale2"))
        .put("homeId", rs.getInt("home_id"))
        .put("address", rs.getString("address"))
        .put("community", rs.getString("community"))
        .put("openAlerts", rs.getInt("open_alerts"));
  }

  private static JsonObject withCarePlan(ResultSet rs) throws SQLException {
    return summary(rs).put("carePlan", new JsonObject(rs.getString("care_plan")));
  }

  private static JsonObject home(ResultSet rs) throws SQLException {
    return new JsonObject()
        .put("id", rs.getInt("home_id"))
        .put("address", rs.getString("address"))
        .put("community", rs.getString("community"))
        .put("lat", rs.getDouble("lat"))
        .put("lon", rs.getDouble("lon"))
        .put("timeZone", rs.getString("time_zone"));
  }
}
