package org.caregrid.ingest.store;

import java.util.List;
import org.caregrid.core.reading.ReadingBatch;

/** Writes batches of readings in one transaction. Blocking: worker threads only. */
public interface BatchWriter {

  /**
   * @return the rows inserted (a redelivered reading is skipped, not inserted twice)
   * @throws Exception when nothing was committed; the caller tries the same batches again
   */
  long write(List<ReadingBatch> batches) throws Exception;
}
