package org.caregrid.ingest.store;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;
import org.caregrid.core.device.StatusChange;
import org.caregrid.ingest.status.StatusSink;

/** A device's latest online or offline in {@code device_status}: a late message never wins. */
public final class JdbcStatusSink implements StatusSink {
  private static final String UPSERT =
      "INSERT INTO device_status (device_id, online, last_seen) VALUES (?, ?, ?)"
          + " ON CONFLICT (device_id) DO UPDATE SET online = excluded.online,"
          + " last_seen = greatest(device_status.last_seen, excluded.last_seen)";

  private final DataSource dataSource;
  private final WorkerExecutor db;

  public JdbcStatusSink(DataSource dataSource, WorkerExecutor db) {
    this.dataSource = dataSource;
    this.db = db;
  }

  @Override
  public Future<Void> send(StatusChange change) {
    return db.executeBlocking(() -> upsert(change), false).mapEmpty();
  }

  private int upsert(StatusChange change) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(UPSERT)) {
      ps.setInt(1, change.device().key());
      ps.setBoolean(2, change.online());
      ps.setTimestamp(3, Timestamp.from(Instant.ofEpochMilli(change.at())));
      return ps.executeUpdate();
    }
  }
}
