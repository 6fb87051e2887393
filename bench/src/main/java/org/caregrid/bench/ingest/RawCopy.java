package org.caregrid.bench.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * COPY of the same rows into the same table from a plain client, no platform in between: the
 * ceiling the writer is measured against. Text and binary, because the writer could use either.
 */
final class RawCopy {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  /** PostgreSQL's binary timestamps count microseconds from 2000-01-01. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private RawCopy() {}

  /** Rows per second over {@code seconds}, in batches of {@code batch} rows, one commit each. */
  static double rowsPerSecond(DataSource db, int devices, int batch, int seconds, boolean binary)
      throws SQLException, IOException {
    long rows = 0;
    long t0 = System.currentTimeMillis() - 3_600_000L;
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    long n = binary ? 1_000_000_000L : 0;
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
      while (System.nanoTime() < end) {
        byte[] data = binary ? binaryRows(t0, n, batch, devices) : textRows(t0, n, batch, devices);
        copy.copyIn(
            "COPY reading (time, device_id, metric, value) FROM STDIN"
                + (binary ? " (FORMAT binary)" : ""),
            new ByteArrayInputStream(data));
        c.commit();
        n += batch;
        rows += batch;
      }
    }
    return rows / ((System.nanoTime() - start) / 1e9);
  }

  private static byte[] textRows(long t0, long from, int count, int devices) {
    StringBuilder out = new StringBuilder(count * 48);
    for (long i = from; i < from + count; i++) {
      long msg = i / 4;
      out.append(TIME.format(Instant.ofEpochMilli(t0 + msg / devices)))
          .append('\t')
          .append(1 + msg % devices)
          .append('\t')
          .append(1 + i % 4)
          .append('\t')
          .append(60 + i % 30)
          .append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] binaryRows(long t0, long from, int count, int devices) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(count * 40 + 32);
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeBytes("PGCOPY\n\377\r\n\0");
    out.writeInt(0);
    out.writeInt(0);
    for (long i = from; i < from + count; i++) {
      long msg = i / 4;
      out.writeShort(4);
      out.writeInt(8);
      out.writeLong((t0 + msg / devices) * 1000 - PG_EPOCH_MICROS);
      out.writeInt(4);
      out.writeInt((int) (1 + msg % devices));
      out.writeInt(2);
      out.writeShort((short) (1 + i % 4));
      out.writeInt(8);
      out.writeDouble(60 + i % 30);
    }
    out.writeShort(-1);
    return bytes.toByteArray();
  }
}
