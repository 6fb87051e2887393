package org.caregrid.alerting.notify;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import javax.sql.DataSource;

/** Keeps failed webhook deliveries in {@code webhook_delivery}, on the database worker pool. */
public final class JdbcWebhookDeliveries {
  private static final String INSERT =
      "INSERT INTO webhook_delivery"
          + " (alert_id, url, payload, attempts, last_error, last_status, failed_at)"
          + " VALUES (?, ?, ?::jsonb, ?, ?, ?, ?)";

  private final DataSource dataSource;
  private final WorkerExecutor db;

  public JdbcWebhookDeliveries(DataSource dataSource, WorkerExecutor db) {
    this.dataSource = dataSource;
    this.db = db;
  }

  public Future<Void> keepFailed(FailedDelivery delivery) {
    return db.executeBlocking(
        () -> {
          insert(delivery);
          return null;
        },
        false);
  }

  private void insert(FailedDelivery d) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setLong(1, d.alertId());
      ps.setString(2, d.url());
      ps.setString(3, d.payload());
      ps.setInt(4, d.attempts());
      ps.setString(5, d.lastError());
      if (d.lastStatus() == null) {
        ps.setNull(6, Types.INTEGER);
      } else {
        ps.setInt(6, d.lastStatus());
      }
      ps.setTimestamp(7, Timestamp.from(d.failedAt()));
      ps.executeUpdate();
    }
  }
}
