package org.caregrid.ingest.pipeline;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.codec.Codecs;
import org.caregrid.core.codec.PayloadCodec;
import org.caregrid.core.device.Device;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.metrics.Transport;
import org.caregrid.core.reading.ReadingBatch;
import org.caregrid.core.reading.Telemetry;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.metrics.MessageKind;
import org.caregrid.ingest.registry.DeviceRegistry;
import org.caregrid.ingest.store.WriteQueue;

/**
 * Where a telemetry message goes: size cap, decode, authorise, range and time check, then hand to
 * alerting (at once) and to the writer (the returned future completes after COMMIT). Fails with
 * {@link RejectedException} for bad input, counted and kept; the transport decides how to answer.
 */
public final class ReadingPipeline {
  private final Codecs codecs;
  private final DeviceRegistry registry;
  private final RangeCheck rangeCheck;
  private final Refusals refusals;
  private final SeqTracker seqTracker = new SeqTracker();
  private final WriteQueue writeQueue;
  private final EventBus bus;
  private final IngestMetrics metrics;

  public ReadingPipeline(
      Codecs codecs,
      DeviceRegistry registry,
      RangeCheck rangeCheck,
      Refusals refusals,
      WriteQueue writeQueue,
      EventBus bus,
      IngestMetrics metrics) {
    this.codecs = codecs;
    this.registry = registry;
    this.rangeCheck = rangeCheck;
    this.refusals = refusals;
    this.writeQueue = writeQueue;
    this.bus = bus;
    this.metrics = metrics;
  }

  public Future<Void> accept(Inbound msg) {
    metrics.received(msg.transport(), MessageKind.TELEMETRY);
    ReadingBatch batch;
    try {
      batch = toBatch(msg);
    } catch (RejectedException e) {
      return refusals.refuse(msg, e);
    }
    long missing = seqTracker.gapBefore(batch.device().key(), batch.seq());
    if (missing > 0) {
      metrics.seqGap(missing);
    }
    // MQTT may always queue: the broker holds what is not acknowledged. CoAP has nothing behind
    // it, so a full queue answers "retry later" at once, and alerting is not told twice.
    Future<Void> stored =
        msg.transport() == Transport.MQTT ? writeQueue.offer(batch) : writeQueue.tryOffer(batch);
    if (!stored.failed()) {
      bus.publish(Addresses.READINGS, batch);
    }
    return stored;
  }

  private ReadingBatch toBatch(Inbound msg) {
    refusals.checkSize(msg);
    Telemetry telemetry = codecFor(msg).decode(msg.payload());
    Device device = registry.require(msg.sender());
    telemetry
        .namedDevice()
        .filter(named -> !named.equals(msg.sender()))
        .ifPresent(
            named -> {
              throw new RejectedException(
                  Reason.DEVICE_MISMATCH, "payload names " + named + ", sent by " + msg.sender());
            });
    rangeCheck.check(telemetry);
    return new ReadingBatch(device, telemetry.seq(), telemetry.readings(), msg.receivedAt());
  }

  private PayloadCodec codecFor(Inbound msg) {
    return msg.contentFormat() >= 0
        ? codecs.forContentFormat(msg.contentFormat(), msg.payload())
        : codecs.forContentType(msg.contentType(), msg.payload());
  }
}
