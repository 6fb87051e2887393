package org.caregrid.ingest.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;

/** Rows of {@code reading} in the binary COPY format. */
final class BinaryRows {
  /** PostgreSQL's binary timestamps count microseconds from 2000-01-01. */
  private static final long PG_EPOCH_MILLIS = 946_684_800_000L;

  private BinaryRows() {}

  /** A header, then per row a field count and length-prefixed fields, then a trailer. */
  static byte[] encode(List<ReadingBatch> batches) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(CopyFormat.rows(batches) * 38 + 21);
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
