package org.caregrid.ingest.pipeline;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.codec.PayloadCodec;
import org.caregrid.core.device.Device;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;
import org.caregrid.core.reading.Telemetry;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.registry.DeviceRegistry;
import org.caregrid.ingest.store.WriteQueue;

/**
 * Where a telemetry message goes: decode, authorise, range-check, then hand to alerting (at once)
 * and to the writer (the returned future completes after COMMIT). Fails with {@link
 * RejectedException} for bad input; the transport decides how to answer.
 */
public final class ReadingPipeline {
  private final PayloadCodec codec;
  private final DeviceRegistry registry;
  private final WriteQueue writeQueue;
  private final EventBus bus;
  private final IngestMetrics metrics;

  public ReadingPipeline(
      PayloadCodec codec,
      DeviceRegistry registry,
      WriteQueue writeQueue,
      EventBus bus,
      IngestMetrics metrics) {
    this.codec = codec;
    this.registry = registry;
    this.writeQueue = writeQueue;
    this.bus = bus;
    this.metrics = metrics;
  }

  public Future<Void> accept(Inbound msg) {
    metrics.received(msg.transport());
    ReadingBatch batch;
    try {
      batch = toBatch(msg);
    } catch (RejectedException e) {
      metrics.rejected(msg.transport(), e.reason());
      return Future.failedFuture(e);
    }
    bus.publish(Addresses.READINGS, batch);
    return writeQueue.offer(batch);
  }

  private ReadingBatch toBatch(Inbound msg) {
    Telemetry telemetry = codec.decode(msg.payload());
    Device device =
        registry
            .find(msg.sender())
            .orElseThrow(
                () ->
                    new RejectedException(Reason.UNKNOWN_DEVICE, "unknown device " + msg.sender()));
    for (Reading r : telemetry.readings()) {
      if (!r.metric().isPlausible(r.value())) {
        throw new RejectedException(
            Reason.OUT_OF_RANGE,
            "%s=%s is outside [%s, %s]"
                .formatted(r.metric().code(), r.value(), r.metric().min(), r.metric().max()));
      }
    }
    return new ReadingBatch(device, telemetry.seq(), telemetry.readings(), msg.receivedAt());
  }
}
