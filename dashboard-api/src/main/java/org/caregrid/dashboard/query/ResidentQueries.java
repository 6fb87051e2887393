package org.caregrid.dashboard.query;

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

/**
 * Residents for the API. Every read takes a scope: one station, whose staff see the residents of
 * their own community (the homes that belong to the station) and those with an alert routed to it,
 * or all. Blocking: runs on the database worker pool.
 */
public final class ResidentQueries {
  /** True when the resident {@code r} is visible in the scope bound to the next two parameters. */
  static final String VISIBLE =
      "(?::int IS NULL OR ? IN (SELECT hh.station_id FROM home hh WHERE hh.id = r.home_id"
          + " UNION ALL SELECT ar.station_id FROM alert a JOIN alert_route ar ON ar.alert_id = a.id"
          + " WHERE a.resident_id = r.id))";

  private static final String SUMMARY =
      "SELECT r.id, r.name, r.birth_year, r.lives_alone, r.dementia, r.copd_scale2, r.home_id,"
          + " r.care_plan::text AS care_plan, h.address, h.community, h.lat, h.lon, h.time_zone,"
          + " (SELECT count(*) FROM alert a WHERE a.resident_id = r.id"
          + "   AND a.state NOT IN ('resolved', 'cancelled')"
          // station staff count only what they may open, not other stations' alerts
          + "   AND (?::int IS NULL OR EXISTS (SELECT 1 FROM alert_route ar"
          + "     WHERE ar.alert_id = a.id AND ar.station_id = ?))) AS open_alerts"
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
  private static final String EVENTS =
      "SELECT e.time, e.device_id, e.type, e.data::text AS data FROM device_event e"
          + " WHERE e.device_id IN (SELECT id FROM device WHERE resident_id = ?)"
          + " AND e.time >= ? AND e.time < ? ORDER BY e.time DESC LIMIT ?";

  /** The resident's alerts in a scope: station staff see only those routed to their station. */
  private static final String ALERTS =
      "SELECT "
          + AlertView.COLUMNS
          + AlertView.FROM
          + " WHERE a.resident_id = ? AND (?::int IS NULL OR "
          + AlertQueries.ROUTED_TO
          + ") ORDER BY a.raised_at DESC, a.id DESC LIMIT ?";

  private final DataSource dataSource;
  private final DeviceQueries devices;
  private final ReadingQueries readings;

  public ResidentQueries(DataSource dataSource, DeviceQueries devices, ReadingQueries readings) {
    this.dataSource = dataSource;
    this.devices = devices;
    this.readings = readings;
  }

  /** One page of the residents in scope whose name, address or community contains {@code q}. */
  public Page<ResidentView> page(StationScope scope, String q, int limit, int offset)
      throws SQLException {
    String pattern = q == null || q.isBlank() ? null : "%" + likeEscaped(q.trim()) + "%";
    try (Connection c = dataSource.getConnection()) {
      List<ResidentView> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(PAGE)) {
        bindScope(ps, 1, scope);
        int i = bindMatches(ps, 3, pattern, scope);
        ps.setInt(i++, limit);
        ps.setInt(i, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            items.add(resident(rs, null));
          }
        }
      }
      long total;
      try (PreparedStatement ps = c.prepareStatement(COUNT)) {
        bindMatches(ps, 1, pattern, scope);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      return new Page<>(items, total);
    }
  }

  /** The resident with care plan, home, devices and latest vitals; empty if not in scope. */
  public Optional<ResidentDetail> detail(StationScope scope, int id) throws SQLException {
    ResidentView resident;
    HomeView home;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ONE)) {
      bindScope(ps, 1, scope);
      ps.setInt(3, id);
      bindScope(ps, 4, scope);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        resident = withCarePlan(rs);
        home = home(rs);
      }
    }
    return Optional.of(
        new ResidentDetail(resident, home, devices.ofResident(id), readings.latestVitals(id)));
  }

  /** Whether the resident exists and is in scope. */
  public boolean isVisible(StationScope scope, int id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(IS_VISIBLE)) {
      ps.setInt(1, id);
      bindScope(ps, 2, scope);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The resident's devices' events in [from, to), newest first. */
  public List<DeviceEventView> events(int id, Instant from, Instant to, int limit)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(EVENTS)) {
      ps.setInt(1, id);
      ps.setTimestamp(2, Timestamp.from(from));
      ps.setTimestamp(3, Timestamp.from(to));
      ps.setInt(4, limit);
      List<DeviceEventView> events = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          events.add(
              new DeviceEventView(
                  rs.getTimestamp("time").toInstant(),
                  rs.getInt("device_id"),
                  rs.getString("type"),
                  new JsonObject(rs.getString("data"))));
        }
      }
      return events;
    }
  }

  /** The resident's alerts that {@code scope} may see, newest first. */
  public List<AlertView> alerts(int id, StationScope scope, int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ALERTS)) {
      ps.setInt(1, id);
      bindScope(ps, 2, scope);
      ps.setInt(4, limit);
      List<AlertView> alerts = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          alerts.add(AlertView.read(rs));
        }
      }
      return alerts;
    }
  }

  /** The resident with their care plan, in every station's view: for what was just written. */
  public Optional<ResidentView> one(int id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(ONE)) {
      bindScope(ps, 1, StationScope.ALL);
      ps.setInt(3, id);
      bindScope(ps, 4, StationScope.ALL);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(withCarePlan(rs)) : Optional.empty();
      }
    }
  }

  /** Binds {@link #MATCHES}'s six parameters from {@code index} on; returns the next index. */
  private static int bindMatches(
      PreparedStatement ps, int index, String pattern, StationScope scope) throws SQLException {
    for (int k = 0; k < 4; k++) {
      ps.setString(index + k, pattern);
    }
    bindScope(ps, index + 4, scope);
    return index + 6;
  }

  /** Binds {@link #VISIBLE}'s two parameters from {@code index} on. */
  static void bindScope(PreparedStatement ps, int index, StationScope scope) throws SQLException {
    Optional<Integer> station = scope.stationId();
    if (station.isEmpty()) {
      ps.setNull(index, Types.INTEGER);
      ps.setNull(index + 1, Types.INTEGER);
    } else {
      ps.setInt(index, station.get());
      ps.setInt(index + 1, station.get());
    }
  }

  /** {@code q} with LIKE's wildcards taken literally. */
  static String likeEscaped(String q) {
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static ResidentView resident(ResultSet rs, JsonObject carePlan) throws SQLException {
    int birthYear = rs.getInt("birth_year");
    boolean knownBirth = !rs.wasNull();
    return new ResidentView(
        rs.getInt("id"),
        rs.getString("name"),
        knownBirth ? birthYear : null,
        knownBirth ? Year.now(ZoneOffset.UTC).getValue() - birthYear : null,
        rs.getBoolean("lives_alone"),
        rs.getBoolean("dementia"),
        rs.getBoolean("copd_scale2"),
        rs.getInt("home_id"),
        rs.getString("address"),
        rs.getString("community"),
        rs.getInt("open_alerts"),
        carePlan);
  }

  private static ResidentView withCarePlan(ResultSet rs) throws SQLException {
    return resident(rs, new JsonObject(rs.getString("care_plan")));
  }

  private static HomeView home(ResultSet rs) throws SQLException {
    return new HomeView(
        rs.getInt("home_id"),
        rs.getString("address"),
        rs.getString("community"),
        rs.getDouble("lat"),
        rs.getDouble("lon"),
        rs.getString("time_zone"));
  }
}
