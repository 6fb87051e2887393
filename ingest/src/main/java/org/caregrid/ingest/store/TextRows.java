package org.caregrid.ingest.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;

/**
 * Rows of {@code reading} in the text COPY format: tab-separated, times in UTC to the millisecond.
 * The readings of a batch share a few minutes, so each minute's prefix is formatted once.
 */
final class TextRows {
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:").withZone(ZoneOffset.UTC);

  private TextRows() {}

  static byte[] encode(List<ReadingBatch> batches) {
    StringBuilder out = new StringBuilder(CopyFormat.rows(batches) * 48);
    long minute = Long.MIN_VALUE;
    String prefix = "";
    for (ReadingBatch batch : batches) {
      int device = batch.device().key();
      for (Reading r : batch.readings()) {
        long m = Math.floorDiv(r.time(), 60_000L);
        if (m != minute) {
          minute = m;
          prefix = MINUTE.format(Instant.ofEpochMilli(m * 60_000L));
        }
        int millis = (int) Math.floorMod(r.time(), 60_000L);
        out.append(prefix);
        twoDigits(out, millis / 1000);
        out.append('.');
        int ms = millis % 1000;
        out.append((char) ('0' + ms / 100));
        twoDigits(out, ms % 100);
        out.append("+00\t")
            .append(device)
            .append('\t')
            .append(r.metric().dbCode())
            .append('\t')
            .append(r.value())
            .append('\n');
      }
    }
    return out.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private static void twoDigits(StringBuilder out, int n) {
    out.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }
}
