package org.caregrid.ingest.store;

import java.util.List;
import org.caregrid.core.reading.ReadingBatch;

/** How {@link CopyWriter} encodes rows for COPY ({@code ingest.writer.format}). */
public enum CopyFormat {
  /** PostgreSQL's binary COPY format: no number or time is formatted or parsed. */
  BINARY(" (FORMAT binary)") {
    @Override
    byte[] encode(List<ReadingBatch> batches) {
      return BinaryRows.encode(batches);
    }
  },
  /** Tab-separated text, one line a row. */
  TEXT("") {
    @Override
    byte[] encode(List<ReadingBatch> batches) {
      return TextRows.encode(batches);
    }
  };

  private final String option;

  CopyFormat(String option) {
    this.option = option;
  }

  /** {@code COPY table (columns) FROM STDIN} in this format. */
  String copyFrom(String tableAndColumns) {
    return "COPY " + tableAndColumns + " FROM STDIN" + option;
  }

  abstract byte[] encode(List<ReadingBatch> batches);

  static int rows(List<ReadingBatch> batches) {
    int rows = 0;
    for (ReadingBatch b : batches) {
      rows += b.size();
    }
    return rows;
  }
}
