package org.caregrid.ingest.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.caregrid.core.reading.Metric;
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

  /**
   * Telemetry is proof of life: the fleet view's "last seen" follows every commit, and so does a
   * device's battery level when the batch reports one (the newest wins, whatever order they came
   * in), which the fleet's low-battery filter reads instead of searching the readings.
   */
  private static final String STATUS =
      "INSERT INTO device_status (device_id, online, last_seen, battery, battery_at)"
          + " SELECT d, true, to_timestamp(t / 1000.0), b, to_timestamp(bt / 1000.0)"
          + " FROM unnest(?::int[], ?::bigint[], ?::float8[], ?::bigint[]) AS u(d, t, b, bt)"
          + " ON CONFLICT (device_id) DO UPDATE"
          + " SET last_seen = greatest(device_status.last_seen, excluded.last_seen),"
          + " battery = CASE WHEN excluded.battery_at"
          + " >= coalesce(device_status.battery_at, '-infinity')"
          + " THEN excluded.battery ELSE device_status.battery END,"
          + " battery_at = greatest(device_status.battery_at, excluded.battery_at)";

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
        status(c, batches);
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

  private static void status(Connection c, List<ReadingBatch> batches) throws SQLException {
    // In device order: two nodes' writers upserting the same devices in different orders deadlock.
    Map<Integer, DeviceNews> news = new TreeMap<>();
    for (ReadingBatch b : batches) {
      for (Reading r : b.readings()) {
        news.computeIfAbsent(b.device().key(), k -> new DeviceNews()).add(r);
      }
    }
    int size = news.size();
    Integer[] devices = new Integer[size];
    Long[] seen = new Long[size];
    Double[] battery = new Double[size];
    Long[] batteryAt = new Long[size];
    int i = 0;
    for (Map.Entry<Integer, DeviceNews> e : news.entrySet()) {
      devices[i] = e.getKey();
      seen[i] = e.getValue().newest;
      battery[i] = e.getValue().battery;
      batteryAt[i] = e.getValue().batteryAt;
      i++;
    }
    Array d = c.createArrayOf("int4", devices);
    Array t = c.createArrayOf("int8", seen);
    Array b = c.createArrayOf("float8", battery);
    Array bt = c.createArrayOf("int8", batteryAt);
    try (PreparedStatement ps = c.prepareStatement(STATUS)) {
      ps.setArray(1, d);
      ps.setArray(2, t);
      ps.setArray(3, b);
      ps.setArray(4, bt);
      ps.executeUpdate();
    } finally {
      d.free();
      t.free();
      b.free();
      bt.free();
    }
  }

  /** What one device's readings in a commit say of it: when it last spoke, its newest battery. */
  private static final class DeviceNews {
    Long newest;
    Double battery;
    Long batteryAt;

    void add(Reading r) {
      newest = newest == null ? r.time() : Math.max(newest, r.time());
      if (r.metric() == Metric.BATTERY && (batteryAt == null || r.time() >= batteryAt)) {
        battery = r.value();
        batteryAt = r.time();
      }
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
