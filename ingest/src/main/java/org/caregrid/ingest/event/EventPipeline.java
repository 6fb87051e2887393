package org.caregrid.ingest.event;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.device.Device;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventJsonCodec;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.metrics.MessageKind;
import org.caregrid.ingest.pipeline.Inbound;
import org.caregrid.ingest.pipeline.RangeCheck;
import org.caregrid.ingest.pipeline.Refusals;
import org.caregrid.ingest.registry.DeviceRegistry;

/**
 * Where a device event (sos, fall, door_open...) goes: decode, authorise, time check, then to
 * alerting at once (an SOS must not wait for a disk) and into {@code device_event}; the returned
 * future completes after the commit, so the device's acknowledgement still means "stored". Events
 * are rare, so each is written on its own rather than batched.
 */
public final class EventPipeline {
  private static final String INSERT =
      "INSERT INTO device_event (time, device_id, type, seq, data) VALUES (?, ?, ?, ?, ?::jsonb)"
          + " ON CONFLICT DO NOTHING";

  private final EventJsonCodec codec = new EventJsonCodec();
  private final DeviceRegistry registry;
  private final RangeCheck rangeCheck;
  private final Refusals refusals;
  private final DataSource dataSource;
  private final WorkerExecutor db;
  private final EventBus bus;
  private final IngestMetrics metrics;

  public EventPipeline(
      DeviceRegistry registry,
      RangeCheck rangeCheck,
      Refusals refusals,
      DataSource dataSource,
      WorkerExecutor db,
      EventBus bus,
      IngestMetrics metrics) {
    this.registry = registry;
    this.rangeCheck = rangeCheck;
    this.refusals = refusals;
    this.dataSource = dataSource;
    this.db = db;
    this.bus = bus;
    this.metrics = metrics;
  }

  public Future<Void> accept(Inbound msg) {
    metrics.received(msg.transport(), MessageKind.EVENT);
    EventBatch accepted;
    try {
      accepted = toBatch(msg);
    } catch (RejectedException e) {
      return refusals.refuse(msg, e);
    }
    bus.publish(Addresses.EVENTS, accepted);
    return db.executeBlocking(() -> store(accepted), false).mapEmpty();
  }

  private EventBatch toBatch(Inbound msg) {
    refusals.checkSize(msg);
    DeviceEvent event = codec.decode(msg.payload());
    Device device = registry.require(msg.sender());
    rangeCheck.checkTime(event.type().code(), event.time());
    return new EventBatch(device, event, msg.receivedAt());
  }

  private int store(EventBatch accepted) throws SQLException {
    DeviceEvent e = accepted.event();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setTimestamp(1, Timestamp.from(Instant.ofEpochMilli(e.time())));
      ps.setInt(2, accepted.device().key());
      ps.setString(3, e.type().code());
      ps.setLong(4, e.seq());
      ps.setString(5, e.data());
      return ps.executeUpdate();
    }
  }
}
