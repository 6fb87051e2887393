package org.caregrid.ingest.pipeline;

import io.vertx.core.Future;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.metrics.Transport;
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
    refuse(msg.transport(), msg.sender().value(), msg.receivedAt(), e, msg.payload());
    return Future.failedFuture(e);
  }

  /**
   * Counts and keeps {@code failure} when it is a refusal; passes any other failure on (the
   * registry could not ask the database: retry later).
   */
  public <T> Future<T> refuseIfRejected(Inbound msg, Throwable failure) {
    return failure instanceof RejectedException rejected
        ? refuse(msg, rejected)
        : Future.failedFuture(failure);
  }

  /**
   * Counts and keeps a refusal made before there was an {@link Inbound}: a topic naming no valid
   * device, a body the CoAP stack refused while it was still arriving.
   *
   * @param deviceUid the sender, when the transport could name one; else null
   * @param payload what arrived of the message; empty when nothing did
   */
  public void refuse(
      Transport transport, String deviceUid, long receivedAt, RejectedException e, byte[] payload) {
    metrics.rejected(transport, e.reason());
    log.record(
        RejectedMessage.of(receivedAt, transport, deviceUid, e.reason(), e.getMessage(), payload));
  }
}
