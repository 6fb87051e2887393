package org.caregrid.dashboard.city;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.caregrid.core.db.Transactions;

/**
 * The city feed in PostgreSQL ({@code city_record}, docs/decisions/0023). Alert changes are written
 * by the database itself, in each change's transaction; the daily indicators by {@link
 * DailyIndicators}. Blocking: runs on the database worker pool only.
 */
public final class CityFeed {
  /** Any fixed number: the advisory lock that lets one sequencer run at a time. */
  private static final long SEQUENCER_LOCK = 0x43697479_46656564L;

  /**
   * Gives the next numbers to records whose transactions are settled (none older is still running,
   * so no record can still appear before them), in id order, and only once every earlier change of
   * the same alert is settled too.
   */
  private static final String SEQUENCE =
      "WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),"
          + " ready AS (SELECT r.id FROM city_record r, horizon WHERE r.seq IS NULL"
          + " AND r.tx < horizon.xmin AND NOT EXISTS (SELECT 1 FROM city_record p"
          + " WHERE r.alert_id IS NOT NULL AND p.alert_id = r.alert_id AND p.change_no < r.change_no"
          + " AND p.seq IS NULL AND p.tx >= horizon.xmin) ORDER BY r.id LIMIT 5000),"
          + " base AS (SELECT coalesce(max(seq), 0) AS top FROM city_record),"
          + " numbered AS (SELECT id, base.top + row_number() OVER (ORDER BY id) AS seq"
          + " FROM ready, base)"
          + " UPDATE city_record c SET seq = n.seq FROM numbered n WHERE c.id = n.id";

  private static final String COLUMNS =
      "SELECT c.id, c.seq, c.type, c.key, u.code AS unit, c.created_at, c.alert_id, c.change_no,"
          + " c.action, c.at, c.resident_id, c.kind, c.severity, c.state, c.step, c.tier,"
          + " s.code AS station, c.outcome, c.raised_at, c.notified_at, c.accepted_at,"
          + " c.on_site_at, c.closed_at, c.day, c.payload::text AS payload FROM city_record c"
          + " LEFT JOIN station u ON u.id = c.unit_station_id"
          + " LEFT JOIN station s ON s.id = c.station_id";
  private static final String UNPUSHED =
      COLUMNS + " WHERE c.seq IS NOT NULL AND c.pushed_at IS NULL ORDER BY c.seq LIMIT ?";
  private static final String PAGE =
      COLUMNS
          + " WHERE c.seq > ? AND (?::int[] IS NULL OR c.unit_station_id = ANY (?))"
          + " AND (?::text IS NULL OR c.type = ?) ORDER BY c.seq LIMIT ?";
  private static final String PUSHED =
      "UPDATE city_record SET pushed_at = now(), push_attempts = push_attempts + 1,"
          + " push_error = NULL WHERE id = ?";
  private static final String FAILED =
      "UPDATE city_record SET push_attempts = push_attempts + 1, push_error = ? WHERE id = ?";
  private static final String PENDING = "SELECT count(*) FROM city_record WHERE pushed_at IS NULL";
  private static final String LEASE =
      "UPDATE city_push_lease SET holder = ?, until = now() + ? * interval '1 millisecond'"
          + " WHERE holder = ? OR until < now() RETURNING holder";
  private static final String DAILY =
      "INSERT INTO city_record (type, key, unit_station_id, day, payload)"
          + " VALUES ('daily_indicators', ?, ?, ?, ?::jsonb) ON CONFLICT (key) DO NOTHING";
  private static final String LAST_DAY = "SELECT max(day) FROM city_record WHERE day IS NOT NULL";
  private static final String KEY = "SELECT secret FROM city_pseudonym_key";

  private final DataSource dataSource;

  public CityFeed(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Numbers the settled records; returns how many. */
  public int sequence() throws SQLException {
    return Transactions.run(
        dataSource,
        c -> {
          try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, SEQUENCER_LOCK);
            lock.execute();
          }
          try (PreparedStatement ps = c.prepareStatement(SEQUENCE)) {
            return ps.executeUpdate();
          }
        });
  }

  /** The oldest records not yet pushed, in the feed's order. */
  public List<CityRecord> unpushed(int limit) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(UNPUSHED)) {
      ps.setInt(1, limit);
      return read(ps);
    }
  }

  /**
   * Records after {@code after} in the feed's order.
   *
   * @param units only records of these units (station ids); null for all
   * @param type only records of this type; null for both
   */
  public List<CityRecord> page(Collection<Integer> units, String type, long after, int limit)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(PAGE)) {
      java.sql.Array array =
          units == null ? null : c.createArrayOf("integer", units.toArray(Integer[]::new));
      ps.setLong(1, after);
      ps.setArray(2, array);
      ps.setArray(3, array);
      ps.setString(4, type);
      ps.setString(5, type);
      ps.setInt(6, limit);
      return read(ps);
    }
  }

  public void pushed(long id) throws SQLException {
    update(PUSHED, id, null);
  }

  public void failed(long id, String error) throws SQLException {
    update(FAILED, id, error.length() > 500 ? error.substring(0, 500) : error);
  }

  /** Records not yet pushed, sequenced or not. */
  public long pending() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(PENDING);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Takes or renews the lease to push, which one node holds at a time.
   *
   * @return whether {@code holder} holds it now, for {@code ttl}
   */
  public boolean lease(String holder, Duration ttl) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(LEASE)) {
      ps.setString(1, holder);
      ps.setLong(2, ttl.toMillis());
      ps.setString(3, holder);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Stores a day's indicators, one record per unit (station id → indicators); once per key. */
  public void daily(LocalDate day, Map<Integer, JsonObject> byUnit, Map<Integer, String> codes)
      throws SQLException {
    Transactions.run(
        dataSource,
        c -> {
          try (PreparedStatement ps = c.prepareStatement(DAILY)) {
            for (Map.Entry<Integer, JsonObject> e : byUnit.entrySet()) {
              ps.setString(1, "daily-" + day + "-" + codes.get(e.getKey()));
              ps.setInt(2, e.getKey());
              ps.setObject(3, day);
              ps.setString(4, e.getValue().encode());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  /** The last day whose indicators are stored. */
  public Optional<LocalDate> lastDay() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(LAST_DAY);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return Optional.ofNullable(rs.getObject(1, LocalDate.class));
    }
  }

  /** The pseudonym key the database made. */
  public String storedKey() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(KEY);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("city_pseudonym_key is empty");
      }
      return rs.getString(1);
    }
  }

  private void update(String sql, long id, String error) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (error == null) {
        ps.setLong(1, id);
      } else {
        ps.setString(1, error);
        ps.setLong(2, id);
      }
      ps.executeUpdate();
    }
  }

  private static List<CityRecord> read(PreparedStatement ps) throws SQLException {
    List<CityRecord> records = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String type = rs.getString("type");
        CityRecord.AlertChange alert = null;
        CityRecord.Daily daily = null;
        if (CityRecord.ALERT_CHANGE.equals(type)) {
          alert =
              new CityRecord.AlertChange(
                  rs.getLong("alert_id"),
                  rs.getInt("change_no"),
                  rs.getString("action"),
                  instant(rs, "at"),
                  rs.getInt("resident_id"),
                  rs.getString("kind"),
                  rs.getString("severity"),
                  rs.getString("state"),
                  rs.getInt("step"),
                  rs.getString("tier"),
                  rs.getString("station"),
                  rs.getString("outcome"),
                  instant(rs, "raised_at"),
                  instant(rs, "notified_at"),
                  instant(rs, "accepted_at"),
                  instant(rs, "on_site_at"),
                  instant(rs, "closed_at"));
        } else {
          daily =
              new CityRecord.Daily(
                  rs.getObject("day", LocalDate.class), new JsonObject(rs.getString("payload")));
        }
        records.add(
            new CityRecord(
                rs.getLong("id"),
                rs.getLong("seq"),
                type,
                rs.getString("key"),
                rs.getString("unit"),
                instant(rs, "created_at"),
                alert,
                daily));
      }
    }
    return records;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
