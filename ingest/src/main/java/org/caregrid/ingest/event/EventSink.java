package org.caregrid.ingest.event;

import io.vertx.core.Future;
import org.caregrid.core.event.EventBatch;

/** Where accepted device events go to be stored; the future completes after the commit. */
public interface EventSink {
  Future<Void> send(EventBatch event);
}
