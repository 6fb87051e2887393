package org.caregrid.dashboard.query;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.caregrid.core.reading.Metric;

/**
 * Readings for charts and the latest vitals. Charts read the rollups (mean = sum / n) except for
 * short ranges; every query walks one of the indexes that lead with (device, metric, time).
 * Blocking: runs on the database workers.
 */
public final class ReadingQueries {
  /** The readings of one resident: every device that serves them. */
  private static final String OF_RESIDENT =
      "device_id IN (SELECT id FROM device WHERE resident_id = ?)";

  private static final String OF_DEVICE = "device_id = ?";

  /** Above this many raw points a chart is cut: the range should have asked for a rollup. */
  private static final int MAX_RAW_POINTS = 20_000;

  /** Metrics with a LOINC code: the clinical ones a person looks at. */
  private static final Metric[] VITALS =
      Arrays.stream(Metric.values()).filter(m -> m.loinc().isPresent()).toArray(Metric[]::new);

  /**
   * How old a reading may be and still show as the latest: the search for a metric a device never
   * reports touches every stored day otherwise.
   */
  private static final int LATEST_WITHIN_DAYS = 30;

  private static final String LATEST =
      "SELECT m.metric, v.time, v.value, d.expected_interval_s FROM device d CROSS JOIN unnest(?::smallint[]) AS m(metric)"
          + " CROSS JOIN LATERAL (SELECT time, value FROM reading"
          + "   WHERE device_id = d.id AND metric = m.metric AND time > now() - interval '"
          + LATEST_WITHIN_DAYS
          + " days' ORDER BY time DESC LIMIT 1) v"
          + " WHERE d.resident_id = ?";

  private final DataSource dataSource;

  public ReadingQueries(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Who a chart is for: one resident (all their devices) or one device. */
  public record Source(boolean resident, int id) {}

  /** The chart of {@code metric} over [from, to), its points in time order. */
  public Chart chart(Source source, Metric metric, Instant from, Instant to, Bucket bucket)
      throws SQLException {
    String devices = source.resident() ? OF_RESIDENT : OF_DEVICE;
    String sql =
        bucket == Bucket.RAW
            ? "SELECT time AS t, value AS mean, value AS min, value AS max, 1 AS n FROM reading"
                + " WHERE "
                + devices
                + " AND metric = ? AND time >= ? AND time < ? ORDER BY time LIMIT "
                + MAX_RAW_POINTS
            : "SELECT bucket AS t, sum(sum) / sum(n) AS mean, min(min) AS min, max(max) AS max,"
                + " sum(n) AS n FROM "
                + bucket.table()
                + " WHERE "
                + devices
                + " AND metric = ? AND bucket >= ? AND bucket < ? GROUP BY bucket ORDER BY bucket";
    List<Chart.Point> points = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, source.id());
      ps.setShort(2, metric.dbCode());
      ps.setTimestamp(3, Timestamp.from(bucket.floor(from)));
      ps.setTimestamp(4, Timestamp.from(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          points.add(
              new Chart.Point(
                  rs.getTimestamp("t").toInstant(),
                  rs.getDouble("mean"),
                  rs.getDouble("min"),
                  rs.getDouble("max"),
                  rs.getLong("n")));
        }
      }
    }
    return new Chart(metric, bucket, points);
  }

  /**
   * Each vital sign's newest reading from any of the resident's devices in the last 30 days, in
   * catalogue order.
   */
  List<AlertDetail.Vital> latestVitals(int residentId) throws SQLException {
    Map<Metric, AlertDetail.Vital> latest = new EnumMap<>(Metric.class);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(LATEST)) {
      Array codes =
          c.createArrayOf("smallint", Arrays.stream(VITALS).map(Metric::dbCode).toArray());
      ps.setArray(1, codes);
      ps.setInt(2, residentId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Metric m = Metric.fromDbCode(rs.getShort("metric"));
          Instant at = rs.getTimestamp("time").toInstant();
          AlertDetail.Vital seen = latest.get(m);
          if (seen == null || seen.at().isBefore(at)) {
            latest.put(
                m,
                new AlertDetail.Vital(
                    m.code(),
                    rs.getDouble("value"),
                    m.ucum(),
                    at,
                    Duration.ofSeconds(rs.getInt("expected_interval_s"))));
          }
        }
      }
    }
    return List.copyOf(latest.values());
  }
}
