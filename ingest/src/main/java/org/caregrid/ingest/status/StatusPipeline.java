package org.caregrid.ingest.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.StatusChange;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.metrics.MessageKind;
import org.caregrid.ingest.pipeline.Inbound;
import org.caregrid.ingest.pipeline.Refusals;
import org.caregrid.ingest.registry.DeviceRegistry;

/**
 * Where a {@code care/{id}/status} message goes: {@code online} when a device connects, {@code
 * offline} as its Last Will or on a clean disconnect. Stored in {@code device_status}, counted in
 * {@code caregrid_ingest_devices_online}, and announced to alerting (device offline rule).
 */
public final class StatusPipeline {
  private static final String UPSERT =
      "INSERT INTO device_status (device_id, online, last_seen) VALUES (?, ?, ?)"
          + " ON CONFLICT (device_id) DO UPDATE SET online = excluded.online,"
          + " last_seen = greatest(device_status.last_seen, excluded.last_seen)";

  private final DeviceRegistry registry;
  private final DataSource dataSource;
  private final WorkerExecutor db;
  private final EventBus bus;
  private final IngestMetrics metrics;
  private final Refusals refusals;
  private final Set<Integer> online = ConcurrentHashMap.newKeySet();

  public StatusPipeline(
      DeviceRegistry registry,
      DataSource dataSource,
      WorkerExecutor db,
      EventBus bus,
      IngestMetrics metrics,
      Refusals refusals,
      MeterRegistry meters) {
    this.registry = registry;
    this.dataSource = dataSource;
    this.db = db;
    this.bus = bus;
    this.metrics = metrics;
    this.refusals = refusals;
    Gauge.builder("caregrid.ingest.devices.online", online::size).register(meters);
  }

  public Future<Void> accept(Inbound msg) {
    metrics.received(msg.transport(), MessageKind.STATUS);
    boolean isOnline;
    Device device;
    try {
      isOnline = parse(msg.payload());
      device = registry.require(msg.sender());
    } catch (RejectedException e) {
      return refusals.refuse(msg, e);
    }
    if (isOnline) {
      online.add(device.key());
    } else {
      online.remove(device.key());
    }
    bus.publish(Addresses.DEVICE_STATUS, new StatusChange(device, isOnline, msg.receivedAt()));
    return db.executeBlocking(() -> store(device.key(), isOnline, msg.receivedAt()), false)
        .mapEmpty();
  }

  private static boolean parse(byte[] payload) {
    String text = new String(payload, StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "online" -> true;
      case "offline" -> false;
      default -> throw new RejectedException(Reason.DECODE, "status must be online or offline");
    };
  }

  private int store(int deviceKey, boolean isOnline, long at) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setInt(1, deviceKey);
      ps.setBoolean(2, isOnline);
      ps.setTimestamp(3, Timestamp.from(Instant.ofEpochMilli(at)));
      return ps.executeUpdate();
    }
  }
}
