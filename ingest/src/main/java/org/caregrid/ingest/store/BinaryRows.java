package org.caregrid.ingest.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;

/**
 * Rows of {@code reading} in the binary COPY format, written into one array of exactly the right
 * size (a growing stream cost a copy or two per batch).
 */
final class BinaryRows {
  private static final byte[] SIGNATURE =
      "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

  /** Signature, flags and header extension length before the rows; a trailer after them. */
  private static final int HEADER_BYTES = SIGNATURE.length + 4 + 4;

  private static final int TRAILER_BYTES = 2;

  /** Field count, then each field's length and value: time 8, device 4, metric 2, value 8. */
  private static final int ROW_BYTES = 2 + (4 + 8) + (4 + 4) + (4 + 2) + (4 + 8);

  /** PostgreSQL's binary timestamps count microseconds from 2000-01-01. */
  private static final long PG_EPOCH_MILLIS = 946_684_800_000L;

  private BinaryRows() {}

  static byte[] encode(List<ReadingBatch> batches) {
    ByteBuffer out =
        ByteBuffer.allocate(HEADER_BYTES + CopyFormat.rows(batches) * ROW_BYTES + TRAILER_BYTES);
    out.put(SIGNATURE).putInt(0).putInt(0); // no flags, no header extension
    for (ReadingBatch batch : batches) {
      int device = batch.device().key();
      for (Reading r : batch.readings()) {
        out.putShort((short) 4);
        out.putInt(8).putLong((r.time() - PG_EPOCH_MILLIS) * 1000);
        out.putInt(4).putInt(device);
        out.putInt(2).putShort(r.metric().dbCode());
        out.putInt(8).putDouble(r.value());
      }
    }
    out.putShort((short) -1);
    return out.array();
  }
}
