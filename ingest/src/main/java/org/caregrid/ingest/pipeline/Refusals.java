package org.caregrid.ingest.pipeline;

import io.vertx.core.Future;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.rejection.RejectedMessage;
import org.caregrid.ingest.rejection.RejectionLog;

/** What every pipeline does with bad input: refuse it unread when too large, count it, keep it. */
public final class Refusals {
  private final int maxPayloadBytes;
  private final RejectionLog log;
  private final IngestMetrics metrics;

  public Refusals(int maxPayloadBytes, RejectionLog log, IngestMetrics metrics) {
    this.maxPayloadBytes = maxPayloadBytes;
    this.log = log;
    this.metrics = metrics;
  }

  /**
   * Refuses a payload over the size cap before it is parsed.
   *
   * @throws RejectedException TOO_LARGE
   */
  public void checkSize(Inbound msg) {
    if (msg.payload().length > maxPayloadBytes) {
      throw new RejectedException(
          Reason.TOO_LARGE,
          "payload of %d bytes exceeds %d".formatted(msg.payload().length, maxPayloadBytes));
    }
  }

  /** Counts and keeps the refusal; returns it as a failed future for the transport to answer. */
  public <T> Future<T> refuse(Inbound msg, RejectedException e) {
    metrics.rejected(msg.transport(), e.reason());
    log.record(
        RejectedMessage.of(
            msg.receivedAt(),
            msg.transport(),
            msg.sender().value(),
            e.reason(),
            e.getMessage(),
            msg.payload()));
    return Future.failedFuture(e);
  }
}
