package org.caregrid.ingest.store;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventBatch;
import org.caregrid.ingest.event.EventSink;

/**
 * Device events into {@code device_event}, each on its own: events are rare, and an SOS must not
 * wait for a batch to fill. A redelivered event is skipped. An event is proof of life as telemetry
 * is: a pendant that only speaks when pressed is seen, and online, when it does (issue 14).
 */
public final class JdbcEventSink implements EventSink {
  private static final String INSERT =
      "WITH stored AS (INSERT INTO device_event (time, device_id, type, seq, data)"
          + " VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING RETURNING device_id, time)"
          + " INSERT INTO device_status (device_id, online, last_seen)"
          + " SELECT device_id, true, time FROM stored ON CONFLICT (device_id) DO UPDATE"
          + " SET online = true, last_seen = greatest(device_status.last_seen, excluded.last_seen)";

  private final DataSource dataSource;
  private final WorkerExecutor db;

  public JdbcEventSink(DataSource dataSource, WorkerExecutor db) {
    this.dataSource = dataSource;
    this.db = db;
  }

  @Override
  public Future<Void> send(EventBatch event) {
    return db.executeBlocking(() -> insert(event), false).mapEmpty();
  }

  private int insert(EventBatch accepted) throws SQLException {
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
