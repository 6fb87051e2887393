package org.caregrid.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Keeps the chart rollups ({@code reading_1m}, {@code reading_1h}: count, mean, min, max) current
 * on TimescaleDB's Apache edition and plain PostgreSQL alike. Each run recomputes whole buckets
 * from the last mark, or from the oldest reading written since the last run when late data came in,
 * so a bucket is always the aggregate of exactly the rows stored for it. Hours are recomputed from
 * minutes, never from raw rows. Blocking: runs on the database worker pool.
 */
public final class Rollups {
  private static final String LOCK =
      "SELECT pg_try_advisory_xact_lock(hashtext('caregrid.rollups'))";
  private static final String MARK = "SELECT done_to FROM rollup_mark WHERE rollup = 'reading'";
  private static final String FIRST = "SELECT min(time) FROM reading";
  private static final String MINUTES =
      "INSERT INTO reading_1m (bucket, device_id, metric, n, mean, min, max)"
          + " SELECT date_bin('1 minute', time, TIMESTAMPTZ '2000-01-01'), device_id, metric,"
          + " count(*), avg(value), min(value), max(value)"
          + " FROM reading WHERE time >= ? AND time < ? GROUP BY 1, 2, 3"
          + " ON CONFLICT (device_id, metric, bucket) DO UPDATE"
          + " SET n = excluded.n, mean = excluded.mean, min = excluded.min, max = excluded.max";
  private static final String HOURS =
      "INSERT INTO reading_1h (bucket, device_id, metric, n, mean, min, max)"
          + " SELECT date_bin('1 hour', bucket, TIMESTAMPTZ '2000-01-01'), device_id, metric,"
          + " sum(n), sum(mean * n) / sum(n), min(min), max(max)"
          + " FROM reading_1m WHERE bucket >= ? AND bucket < ? GROUP BY 1, 2, 3"
          + " ON CONFLICT (device_id, metric, bucket) DO UPDATE"
          + " SET n = excluded.n, mean = excluded.mean, min = excluded.min, max = excluded.max";
  private static final String SET_MARK =
      "INSERT INTO rollup_mark (rollup, done_to) VALUES ('reading', ?)"
          + " ON CONFLICT (rollup) DO UPDATE SET done_to = excluded.done_to";

  private final DataSource dataSource;
  private final Clock clock;
  private final Duration horizon;
  private final AtomicLong oldestWritten = new AtomicLong(Long.MAX_VALUE);

  /**
   * @param horizon how far back a first run looks (retention: older rows are dropped anyway)
   */
  public Rollups(DataSource dataSource, Clock clock, Duration horizon) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.horizon = horizon;
  }

  /** The writer reports the oldest reading of each commit, so late data is rolled up too. */
  public void written(long oldestMillis) {
    oldestWritten.accumulateAndGet(oldestMillis, Math::min);
  }

  /**
   * Brings both rollups up to now. Only one node runs at a time (an advisory lock); the others
   * return at once.
   *
   * @return the start of the range recomputed, or null when another node holds the lock
   */
  public Instant run() throws SQLException {
    Instant now = clock.instant();
    long late = oldestWritten.getAndSet(Long.MAX_VALUE);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (!queryBoolean(c, LOCK)) {
          c.rollback();
          written(late);
          return null;
        }
        Instant from = startOf(c, now, late);
        if (from == null) {
          c.commit();
          return now;
        }
        Instant minute = from.truncatedTo(ChronoUnit.MINUTES);
        Instant hour = from.truncatedTo(ChronoUnit.HOURS);
        update(c, MINUTES, minute, now);
        update(c, HOURS, hour, now);
        try (PreparedStatement ps = c.prepareStatement(SET_MARK)) {
          ps.setTimestamp(1, Timestamp.from(now.truncatedTo(ChronoUnit.MINUTES)));
          ps.executeUpdate();
        }
        c.commit();
        return minute;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        written(late);
        throw e;
      }
    }
  }

  /** From the mark, or earlier when late data came in; on a first run, the first stored reading. */
  private Instant startOf(Connection c, Instant now, long late) throws SQLException {
    Instant mark = queryInstant(c, MARK);
    if (mark == null) {
      mark = queryInstant(c, FIRST);
      if (mark == null) {
        return null;
      }
    }
    if (late != Long.MAX_VALUE && late < mark.toEpochMilli()) {
      mark = Instant.ofEpochMilli(late);
    }
    Instant floor = now.minus(horizon);
    return mark.isBefore(floor) ? floor : mark;
  }

  private static void update(Connection c, String sql, Instant from, Instant to)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(from));
      ps.setTimestamp(2, Timestamp.from(to));
      ps.executeUpdate();
    }
  }

  private static boolean queryBoolean(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static Instant queryInstant(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      Timestamp t = rs.getTimestamp(1);
      return t == null ? null : t.toInstant();
    }
  }
}
