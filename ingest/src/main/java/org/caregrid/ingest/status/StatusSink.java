package org.caregrid.ingest.status;

import io.vertx.core.Future;
import org.caregrid.core.device.StatusChange;

/** Where a device's online or offline goes to be stored; the future completes after the commit. */
public interface StatusSink {
  Future<Void> send(StatusChange change);
}
