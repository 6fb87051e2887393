package org.caregrid.bench.dashboard;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One batch of rows in PostgreSQL's binary COPY format, built in memory: the header, then rows of
 * fixed-width fields (timestamps, integers, doubles), then the trailer.
 */
final class BinaryCopy {
  /** PostgreSQL's binary timestamps count microseconds from 2000-01-01. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private final ByteArrayOutputStream bytes;
  private final DataOutputStream out;
  private int rows;

  BinaryCopy(int expectedRows, int bytesPerRow) {
    bytes = new ByteArrayOutputStream(expectedRows * bytesPerRow + 32);
    out = new DataOutputStream(bytes);
    write(
        () -> {
          out.writeBytes("PGCOPY\n\377\r\n\0");
          out.writeInt(0);
          out.writeInt(0);
        });
  }

  BinaryCopy row(int fields) {
    rows++;
    return write(() -> out.writeShort(fields));
  }

  BinaryCopy timestamp(long epochMillis) {
    return write(
        () -> {
          out.writeInt(8);
          out.writeLong(epochMillis * 1000 - PG_EPOCH_MICROS);
        });
  }

  BinaryCopy int4(int v) {
    return write(
        () -> {
          out.writeInt(4);
          out.writeInt(v);
        });
  }

  BinaryCopy int2(short v) {
    return write(
        () -> {
          out.writeInt(2);
          out.writeShort(v);
        });
  }

  BinaryCopy float8(double v) {
    return write(
        () -> {
          out.writeInt(8);
          out.writeDouble(v);
        });
  }

  int rows() {
    return rows;
  }

  /** The batch, ready for {@code COPY ... FROM STDIN (FORMAT binary)}. */
  byte[] finish() {
    write(() -> out.writeShort(-1));
    return bytes.toByteArray();
  }

  private interface Write {
    void run() throws IOException;
  }

  private BinaryCopy write(Write w) {
    try {
      w.run();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen: writing to memory", e);
    }
    return this;
  }
}
