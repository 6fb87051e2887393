package org.caregrid.ingest.rejection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** The {@code rejected_message} table. Blocking: runs on the database worker pool only. */
public final class JdbcRejectionStore {
  private static final String INSERT =
      "INSERT INTO rejected_message (at, transport, device_uid, reason, detail, payload_size,"
          + " payload_excerpt) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String TRIM =
      "DELETE FROM rejected_message WHERE id <= (SELECT max(id) FROM rejected_message) - ?";

  private final DataSource dataSource;

  public JdbcRejectionStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void insert(List<RejectedMessage> messages) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      for (RejectedMessage m : messages) {
        ps.setTimestamp(1, Timestamp.from(Instant.ofEpochMilli(m.at())));
        ps.setString(2, m.transport().name().toLowerCase(java.util.Locale.ROOT));
        ps.setString(3, m.deviceUid());
        ps.setString(4, m.reason().label());
        ps.setString(5, truncate(m.detail(), 500));
        ps.setInt(6, m.payloadSize());
        ps.setString(7, m.excerpt());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Deletes all but the newest {@code kept} rows; returns how many went. */
  public int trimTo(int kept) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(TRIM)) {
      ps.setInt(1, kept);
      return ps.executeUpdate();
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
