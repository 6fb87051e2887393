package org.caregrid.ingest.status;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.StatusChange;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.metrics.MessageKind;
import org.caregrid.ingest.pipeline.Inbound;
import org.caregrid.ingest.pipeline.Pipeline;
import org.caregrid.ingest.pipeline.Refusals;
import org.caregrid.ingest.registry.DeviceRegistry;

/**
 * Where a {@code care/{id}/status} message goes: {@code online} when a device connects, {@code
 * offline} as its Last Will or on a clean disconnect. Stored through the sink, counted in {@code
 * caregrid_ingest_devices_online}, and announced to alerting (device offline rule).
 */
public final class StatusPipeline implements Pipeline {
  private final DeviceRegistry registry;
  private final StatusSink sink;
  private final EventBus bus;
  private final IngestMetrics metrics;
  private final Refusals refusals;
  private final Set<Integer> online = ConcurrentHashMap.newKeySet();

  public StatusPipeline(
      DeviceRegistry registry,
      StatusSink sink,
      EventBus bus,
      IngestMetrics metrics,
      Refusals refusals) {
    this.registry = registry;
    this.sink = sink;
    this.bus = bus;
    this.metrics = metrics;
    this.refusals = refusals;
    metrics.onlineGauge(online::size);
  }

  @Override
  public Future<Void> accept(Inbound msg) {
    metrics.received(msg.transport(), MessageKind.STATUS);
    boolean isOnline;
    try {
      isOnline = parse(msg.payload());
    } catch (RejectedException e) {
      return refusals.refuse(msg, e);
    }
    return registry
        .require(msg.sender())
        .recover(e -> refusals.refuseIfRejected(msg, e))
        .compose(device -> store(msg, device, isOnline));
  }

  private Future<Void> store(Inbound msg, Device device, boolean isOnline) {
    if (isOnline) {
      online.add(device.key());
    } else {
      online.remove(device.key());
    }
    StatusChange change = new StatusChange(device, isOnline, msg.receivedAt());
    bus.publish(Addresses.DEVICE_STATUS, change);
    return sink.send(change);
  }

  private static boolean parse(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "online" -> true;
      case "offline" -> false;
      default -> throw new RejectedException(Reason.DECODE, "status must be online or offline");
    };
  }
}
