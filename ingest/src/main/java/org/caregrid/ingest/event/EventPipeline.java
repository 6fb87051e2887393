package org.caregrid.ingest.event;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.device.Device;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventJsonCodec;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.metrics.MessageKind;
import org.caregrid.ingest.pipeline.Inbound;
import org.caregrid.ingest.pipeline.Pipeline;
import org.caregrid.ingest.pipeline.RangeCheck;
import org.caregrid.ingest.pipeline.Refusals;
import org.caregrid.ingest.registry.DeviceRegistry;

/**
 * Where a device event (sos, fall, door_open...) goes: decode, authorise, time check, then to
 * alerting at once (an SOS must not wait for a disk) and to the sink; the returned future completes
 * after the commit, so the device's acknowledgement still means "stored".
 */
public final class EventPipeline implements Pipeline {
  private final EventJsonCodec codec = new EventJsonCodec();
  private final DeviceRegistry registry;
  private final RangeCheck rangeCheck;
  private final Refusals refusals;
  private final EventSink sink;
  private final EventBus bus;
  private final IngestMetrics metrics;

  public EventPipeline(
      DeviceRegistry registry,
      RangeCheck rangeCheck,
      Refusals refusals,
      EventSink sink,
      EventBus bus,
      IngestMetrics metrics) {
    this.registry = registry;
    this.rangeCheck = rangeCheck;
    this.refusals = refusals;
    this.sink = sink;
    this.bus = bus;
    this.metrics = metrics;
  }

  @Override
  public Future<Void> accept(Inbound msg) {
    metrics.received(msg.transport(), MessageKind.EVENT);
    DeviceEvent event;
    try {
      refusals.checkSize(msg);
      event = codec.decode(msg.payload());
    } catch (RejectedException e) {
      return refusals.refuse(msg, e);
    }
    return registry
        .require(msg.sender())
        .map(device -> toBatch(msg, event, device))
        .recover(e -> refusals.refuseIfRejected(msg, e))
        .compose(
            accepted -> {
              bus.publish(Addresses.EVENTS, accepted);
              return sink.send(accepted);
            });
  }

  private EventBatch toBatch(Inbound msg, DeviceEvent event, Device device) {
    rangeCheck.checkTime(event.type().code(), event.time());
    return new EventBatch(device, event, msg.receivedAt());
  }
}
