package org.caregrid.ingest.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLState;

/**
 * Writes batches with COPY (binary or text) straight into {@code reading}: the fastest way into
 * PostgreSQL (bench/README.md has the figures). COPY cannot skip rows already stored, so a batch
 * holding a redelivered reading fails on the unique index; that batch, and only that one, is
 * written again through a session temp table and one INSERT that skips duplicates. Each commit also
 * marks the minutes it wrote to, for {@link Rollups}. Blocking: runs on the database worker pool
 * only.
 */
public final class CopyWriter implements BatchWriter {
  private static final String READING = "reading (time, device_id, metric, value)";
  private static final String STAGING = "reading_in (time, device_id, metric, value)";
  private static final String CREATE_STAGING =
      "CREATE TEMP TABLE IF NOT EXISTS reading_in"
          + " (time timestamptz, device_id int, metric smallint, value double precision)"
          + " ON COMMIT DELETE ROWS";
  private static final String MERGE =
      "INSERT INTO reading (time, device_id, metric, value)"
          + " SELECT time, device_id, metric, value FROM reading_in ON CONFLICT DO NOTHING";

  /** Telemetry is proof of life: the fleet view's "last seen" follows every commit. */
  private static final String LAST_SEEN =
      "INSERT INTO device_status (device_id, online, last_seen)"
          + " SELECT d, true, to_timestamp(t / 1000.0) FROM unnest(?::int[], ?::bigint[]) AS u(d, t)"
          + " ON CONFLICT (device_id) DO UPDATE"
          + " SET last_seen = greatest(device_status.last_seen, excluded.last_seen)";

  /** One new row per minute and commit: never a conflict, so concurrent writers never wait. */
  private static final String MARK_MINUTES =
      "INSERT INTO rollup_dirty (bucket) SELECT to_timestamp(m * 60) FROM unnest(?::bigint[]) m";

  private final DataSource dataSource;
  private final CopyFormat format;

  public CopyWriter(DataSource dataSource, CopyFormat format) {
    this.dataSource = dataSource;
    this.format = format;
  }

  /**
   * Writes and commits all readings of {@code batches}, skipping any already stored; returns how
   * many rows were new.
   */
  @Override
  public long write(List<ReadingBatch> batches) throws SQLException {
    byte[] rows = format.encode(batches);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      try {
        long inserted;
        try {
          inserted = copy.copyIn(format.copyFrom(READING), new ByteArrayInputStream(rows));
        } catch (SQLException e) {
          if (!PSQLState.UNIQUE_VIOLATION.getState().equals(e.getSQLState())) {
            throw e;
          }
          c.rollback();
          inserted = merge(c, copy, rows);
        }
        lastSeen(c, batches);
        markMinutes(c, batches);
        c.commit();
        return inserted;
      } catch (IOException e) {
        c.rollback();
        throw new SQLException("COPY failed", e);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private long merge(Connection c, CopyManager copy, byte[] rows) throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      s.execute(CREATE_STAGING);
      copy.copyIn(format.copyFrom(STAGING), new ByteArrayInputStream(rows));
      return s.executeUpdate(MERGE);
    }
  }

  private static void lastSeen(Connection c, List<ReadingBatch> batches) throws SQLException {
    Map<Integer, Long> latest = new HashMap<>();
    for (ReadingBatch b : batches) {
      long newest = Long.MIN_VALUE;
      for (Reading r : b.readings()) {
        newest = Math.max(newest, r.time());
      }
      if (newest != Long.MIN_VALUE) {
        latest.merge(b.device().key(), newest, Math::max);
      }
    }
    Integer[] devices = latest.keySet().toArray(new Integer[0]);
    Long[] times = new Long[devices.length];
    for (int i = 0; i < devices.length; i++) {
      times[i] = latest.get(devices[i]);
    }
    Array d = c.createArrayOf("int4", devices);
    Array t = c.createArrayOf("int8", times);
    try (PreparedStatement ps = c.prepareStatement(LAST_SEEN)) {
      ps.setArray(1, d);
      ps.setArray(2, t);
      ps.executeUpdate();
    } finally {
      d.free();
      t.free();
    }
  }

  /**
   * Every minute the batch holds, whether or not its rows were new (a redelivered row marks a
   * minute that is then rolled up again to the same figures).
   */
  private static void markMinutes(Connection c, List<ReadingBatch> batches) throws SQLException {
    Set<Long> minutes = new TreeSet<>();
    for (ReadingBatch b : batches) {
      long previous = Long.MIN_VALUE; // a message's readings mostly share one time
      for (Reading r : b.readings()) {
        long minute = Math.floorDiv(r.time(), 60_000L);
        if (minute != previous) {
          minutes.add(minute);
          previous = minute;
        }
      }
    }
    Array m = c.createArrayOf("int8", minutes.toArray(new Long[0]));
    try (PreparedStatement ps = c.prepareStatement(MARK_MINUTES)) {
      ps.setArray(1, m);
      ps.executeUpdate();
    } finally {
      m.free();
    }
  }
}
