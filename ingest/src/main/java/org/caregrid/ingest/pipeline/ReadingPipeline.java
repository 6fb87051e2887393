package org.caregrid.ingest.pipeline;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.codec.Codecs;
import org.caregrid.core.codec.PayloadCodec;
import org.caregrid.core.device.Device;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.reading.ReadingBatch;
import org.caregrid.core.reading.Telemetry;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.metrics.MessageKind;
import org.caregrid.ingest.registry.DeviceRegistry;

/**
 * Where a telemetry message goes: size cap, decode, authorise, range and time check, then hand to
 * the sink (the returned future completes after COMMIT) and, once the sink took it, to alerting.
 * Fails with {@link RejectedException} for bad input, counted and kept; the transport decides how
 * to answer.
 */
public final class ReadingPipeline implements Pipeline {
  private final Codecs codecs;
  private final DeviceRegistry registry;
  private final RangeCheck rangeCheck;
  private final Refusals refusals;
  private final SeqTracker seqTracker = new SeqTracker();
  private final ReadingSink sink;
  private final EventBus bus;
  private final IngestMetrics metrics;

  public ReadingPipeline(
      Codecs codecs,
      DeviceRegistry registry,
      RangeCheck rangeCheck,
      Refusals refusals,
      ReadingSink sink,
      EventBus bus,
      IngestMetrics metrics) {
    this.codecs = codecs;
    this.registry = registry;
    this.rangeCheck = rangeCheck;
    this.refusals = refusals;
    this.sink = sink;
    this.bus = bus;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> accept(Inbound msg) {
    metrics.received(msg.transport(), MessageKind.TELEMETRY);
    Telemetry telemetry;
    try {
      refusals.checkSize(msg);
      telemetry = codecFor(msg).decode(msg.payload());
    } catch (RejectedException e) {
      return refusals.refuse(msg, e);
    }
    return registry
        .require(msg.sender())
        .map(device -> toBatch(msg, telemetry, device))
        .recover(e -> refusals.refuseIfRejected(msg, e))
        .compose(batch -> store(msg, batch));
  }

  private Future<Void> store(Inbound msg, ReadingBatch batch) {
    long missing = seqTracker.gapBefore(batch.device().key(), batch.seq());
    if (missing > 0) {
      metrics.seqGap(missing);
    }
    // A batch the sink refused at once is not passed on: the device sends it again later, and
    // alerting must not see it twice.
    Future<Void> stored = sink.send(batch, msg.admission());
    if (!stored.failed()) {
      bus.publish(Addresses.READINGS, batch);
    }
    return stored;
  }

  private ReadingBatch toBatch(Inbound msg, Telemetry telemetry, Device device) {
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
