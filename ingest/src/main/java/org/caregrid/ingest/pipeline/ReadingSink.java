package org.caregrid.ingest.pipeline;

import io.vertx.core.Future;
import org.caregrid.core.reading.ReadingBatch;

/**
 * Where accepted readings go to be stored, as a protocol adapter hands telemetry downstream: the
 * future completes once the batch is committed, and fails with an {@link
 * org.caregrid.core.error.UnavailableException} when {@code admission} does not let it wait.
 */
public interface ReadingSink {
  Future<Void> send(ReadingBatch batch, Admission admission);
}
