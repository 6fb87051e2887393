package org.caregrid.ingest.pipeline;

import io.vertx.core.Future;

/**
 * Where a transport hands each message it received: telemetry, events and status each have one. The
 * future completes once what the message carries is committed, so the transport may then
 * acknowledge it; it fails with a {@link org.caregrid.core.error.RejectedException} for bad input
 * (counted and kept) or an {@link org.caregrid.core.error.UnavailableException} when it could not
 * be taken now.
 */
@FunctionalInterface
public interface Pipeline {
  Future<Void> accept(Inbound msg);
}
