package org.caregrid.ingest.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.util.PSQLState;

/**
 * Writes batches with binary COPY straight into {@code reading}: the fastest way into PostgreSQL
 * (bench/README.md has the figures beside text COPY). COPY cannot skip rows already stored, so a
 * batch holding a redelivered reading fails on the unique index; that batch, and only that one, is
 * written again through a session temp table and one INSERT that skips duplicates. Blocking: runs
 * on the database worker pool only.
 */
public final class CopyWriter {
  private static final String COPY_DIRECT =
      "COPY reading (time, device_id, metric, value) FROM STDIN (FORMAT binary)";
  private static final String CREATE_STAGING =
      "CREATE TEMP TABLE IF NOT EXISTS reading_in"
          + " (time timestamptz, device_id int, metric smallint, value double precision)"
          + " ON COMMIT DELETE ROWS";
  private static final String COPY_STAGING =
      "COPY reading_in (time, device_id, metric, value) FROM STDIN (FORMAT binary)";
  private static final String MERGE =
      "INSERT INTO reading (time, device_id, metric, value)"
          + " SELECT time, device_id, metric, value FROM reading_in ON CONFLICT DO NOTHING";

  /** Telemetry is proof of life: the fleet view's "last seen" follows every commit. */
  private static final String LAST_SEEN =
      "INSERT INTO device_status (device_id, online, last_seen)"
          + " SELECT d, true, to_timestamp(t / 1000.0) FROM unnest(?::int[], ?::bigint[]) AS u(d, t)"
          + " ON CONFLICT (device_id) DO UPDATE"
          + " SET last_seen = greatest(device_status.last_seen, excluded.last_seen)";

  /** PostgreSQL's binary timestamps count microseconds from 2000-01-01. */
  private static final long PG_EPOCH_MILLIS = 946_684_800_000L;

  private final DataSource dataSource;

  public CopyWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Writes and commits all readings of {@code batches}, skipping any already stored; returns how
   * many rows were new.
   */
  public long write(List<ReadingBatch> batches) throws SQLException {
    byte[] rows = encode(batches);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      try {
        long inserted;
        try {
          inserted = copy.copyIn(COPY_DIRECT, new ByteArrayInputStream(rows));
        } catch (SQLException e) {
          if (!PSQLState.UNIQUE_VIOLATION.getState().equals(e.getSQLState())) {
            throw e;
          }
          c.rollback();
          inserted = merge(c, copy, rows);
        }
        lastSeen(c, batches);
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

  private static long merge(Connection c, CopyManager copy, byte[] rows)
      throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      s.execute(CREATE_STAGING);
      copy.copyIn(COPY_STAGING, new ByteArrayInputStream(rows));
      return s.executeUpdate(MERGE);
    }
  }

  private static void lastSeen(Connection c, List<ReadingBatch> batches) throws SQLException {
    Map<Integer, Long> latest = new HashMap<>();
    for (ReadingBatch b : batches) {
      for (Reading r : b.readings()) {
        latest.merge(b.device().key(), r.time(), Math::max);
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

  /** The binary COPY format: a header, then per row a field count and length-prefixed fields. */
  static byte[] encode(List<ReadingBatch> batches) {
    int rows = 0;
    for (ReadingBatch b : batches) {
      rows += b.size();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows * 38 + 21);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeBytes("PGCOPY\n\377\r\n\0");
      out.writeInt(0); // flags
      out.writeInt(0); // header extension length
      for (ReadingBatch batch : batches) {
        int device = batch.device().key();
        for (Reading r : batch.readings()) {
          out.writeShort(4);
          out.writeInt(8);
          out.writeLong((r.time() - PG_EPOCH_MILLIS) * 1000);
          out.writeInt(4);
          out.writeInt(device);
          out.writeInt(2);
          out.writeShort(r.metric().dbCode());
          out.writeInt(8);
          out.writeDouble(r.value());
        }
      }
      out.writeShort(-1); // trailer
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return bytes.toByteArray();
  }
}
