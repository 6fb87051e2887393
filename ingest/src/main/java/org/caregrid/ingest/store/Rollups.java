package org.caregrid.ingest.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Keeps the chart rollups ({@code reading_1m}, {@code reading_1h}: count, sum, min, max) current on
 * TimescaleDB's Apache edition and plain PostgreSQL alike. Each commit of {@link CopyWriter} marks
 * the minutes it wrote to; a run recomputes each marked minute once it has closed, from the raw
 * rows, in its own short transaction, so a minute bucket is always the aggregate of exactly the
 * rows stored for it. An hour bucket takes each minute's change (rows are only ever added, so count
 * and sum grow by the difference and min and max can only widen). Why this and not per-batch
 * increments: docs/decisions/0003-incremental-rollups.md. Blocking: runs on the database worker
 * pool.
 */
public final class Rollups {
  /** A minute is rolled up once it ended this long ago: the last commits holding it are in. */
  static final Duration SETTLE = Duration.ofSeconds(10);

  private static final String LOCK =
      "SELECT pg_try_advisory_xact_lock(hashtext('caregrid.rollups'))";

  /** The oldest marked minute that is due, with the marks committed so far. */
  private static final String NEXT =
      "SELECT bucket, array_agg(id) FROM rollup_dirty WHERE bucket <= ?"
          + " GROUP BY bucket ORDER BY bucket LIMIT 1";

  /**
   * One statement, one snapshot: the minute from raw rows; the buckets whose count changed are
   * overwritten, and their hour takes the difference from the old minute row.
   */
  static final String ROLL_UP_MINUTE =
      "WITH fresh AS ("
          + "SELECT date_bin('1 minute', time, TIMESTAMPTZ '2000-01-01') AS bucket,"
          + " device_id, metric, count(*)::int AS n, sum(value) AS sum,"
          + " min(value) AS min, max(value) AS max"
          + " FROM reading WHERE time >= ? AND time < ? GROUP BY 1, 2, 3),"
          + " changed AS ("
          + "SELECT f.*, coalesce(o.n, 0) AS old_n, coalesce(o.sum, 0) AS old_sum FROM fresh f"
          + " LEFT JOIN reading_1m o"
          + " ON o.device_id = f.device_id AND o.metric = f.metric AND o.bucket = f.bucket"
          + " WHERE o.n IS DISTINCT FROM f.n),"
          + " minutes AS ("
          + "INSERT INTO reading_1m (bucket, device_id, metric, n, sum, min, max)"
          + " SELECT bucket, device_id, metric, n, sum, min, max FROM changed"
          + " ON CONFLICT (device_id, metric, bucket) DO UPDATE"
          + " SET n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max)"
          + " INSERT INTO reading_1h AS h (bucket, device_id, metric, n, sum, min, max)"
          + " SELECT date_bin('1 hour', bucket, TIMESTAMPTZ '2000-01-01'), device_id, metric,"
          + " n - old_n, sum - old_sum, min, max FROM changed"
          + " ON CONFLICT (device_id, metric, bucket) DO UPDATE"
          + " SET n = h.n + excluded.n, sum = h.sum + excluded.sum,"
          + " min = least(h.min, excluded.min), max = greatest(h.max, excluded.max)";

  private static final String FORGET = "DELETE FROM rollup_dirty WHERE id = ANY(?)";

  private final DataSource dataSource;
  private final Clock clock;
  private final Duration horizon;

  /**
   * @param horizon marks older than this are dropped unrolled (retention drops their rows anyway)
   */
  public Rollups(DataSource dataSource, Clock clock, Duration horizon) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.horizon = horizon;
  }

  /**
   * Rolls up every marked minute that has closed, oldest first. Only one node runs at a time (an
   * advisory lock); the others return at once.
   *
   * @return how many minutes were rolled up
   */
  public int run() throws SQLException {
    Instant now = clock.instant();
    Instant due = now.minus(Duration.ofMinutes(1)).minus(SETTLE);
    Instant floor = now.minus(horizon);
    int done = 0;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      while (true) {
        try {
          if (!queryBoolean(c, LOCK) || !next(c, due, floor)) {
            c.rollback();
            return done;
          }
          c.commit();
          done++;
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        }
      }
    }
  }

  /**
   * Takes the oldest due minute: rolls it up (unless older than the horizon) and drops the marks
   * read with it. A mark committed after they were read stays for the next run, so no commit is
   * missed: the rows of every mark read are visible to the roll-up statement that follows.
   */
  private boolean next(Connection c, Instant due, Instant floor) throws SQLException {
    Instant minute;
    Object[] ids;
    try (PreparedStatement ps = c.prepareStatement(NEXT)) {
      ps.setTimestamp(1, Timestamp.from(due));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return false;
        }
        minute = rs.getTimestamp(1).toInstant();
        ids = (Object[]) rs.getArray(2).getArray();
      }
    }
    Array marks = c.createArrayOf("int8", ids);
    try {
      if (!minute.isBefore(floor)) {
        try (PreparedStatement ps = c.prepareStatement(ROLL_UP_MINUTE)) {
          ps.setTimestamp(1, Timestamp.from(minute));
          ps.setTimestamp(2, Timestamp.from(minute.plus(Duration.ofMinutes(1))));
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement(FORGET)) {
        ps.setArray(1, marks);
        ps.executeUpdate();
      }
      return true;
    } finally {
      marks.free();
    }
  }

  private static boolean queryBoolean(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getBoolean(1);
    }
  }
}
