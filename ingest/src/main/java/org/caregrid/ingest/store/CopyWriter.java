package org.caregrid.ingest.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Writes batches with COPY into a session temp table, then one INSERT that skips rows already
 * stored: COPY alone cannot skip duplicates, and redelivered messages must not fail a batch.
 * Blocking: runs on the database worker pool only.
 */
public final class CopyWriter {
  private static final String CREATE_STAGING =
      "CREATE TEMP TABLE IF NOT EXISTS reading_in"
          + " (time timestamptz, device_id int, metric smallint, value double precision)"
          + " ON COMMIT DELETE ROWS";
  private static final String COPY = "COPY reading_in (time, device_id, metric, value) FROM STDIN";
  private static final String MERGE =
      "INSERT INTO reading (time, device_id, metric, value)"
          + " SELECT time, device_id, metric, value FROM reading_in ON CONFLICT DO NOTHING";

  /** Telemetry is proof of life: the fleet view's "last seen" follows every commit. */
  private static final String LAST_SEEN =
      "INSERT INTO device_status (device_id, online, last_seen)"
          + " SELECT device_id, true, max(time) FROM reading_in GROUP BY device_id"
          + " ON CONFLICT (device_id) DO UPDATE"
          + " SET last_seen = greatest(device_status.last_seen, excluded.last_seen)";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  private final DataSource dataSource;

  public CopyWriter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Writes and commits all readings of {@code batches}; returns how many rows were new. */
  public long write(List<ReadingBatch> batches) throws SQLException, IOException {
    byte[] rows = encode(batches);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute(CREATE_STAGING);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn(COPY, new java.io.ByteArrayInputStream(rows));
        long inserted = s.executeUpdate(MERGE);
        s.executeUpdate(LAST_SEEN);
        c.commit();
        return inserted;
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** COPY text format: tab-separated, one row per line. */
  static byte[] encode(List<ReadingBatch> batches) {
    StringBuilder out = new StringBuilder(batches.size() * 4 * 48);
    for (ReadingBatch batch : batches) {
      int device = batch.device().key();
      for (Reading r : batch.readings()) {
        out.append(TIME.format(Instant.ofEpochMilli(r.time())))
            .append('\t')
            .append(device)
            .append('\t')
            .append(r.metric().dbCode())
            .append('\t')
            .append(r.value())
            .append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
