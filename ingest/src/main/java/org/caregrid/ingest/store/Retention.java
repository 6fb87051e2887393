package org.caregrid.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.core.db.StorageKind;

/**
 * Drops readings older than retention by whole chunks (TimescaleDB) or whole daily partitions
 * (plain PostgreSQL): cheap, and no bloat from row deletes. Rows that landed in the default
 * partition, and rollup rows, are deleted by time. Blocking: runs on the database worker pool.
 */
public final class Retention {
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final String PARTITIONS =
      "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
          + " WHERE i.inhparent = 'reading'::regclass AND c.relname ~ '^reading_[0-9]{8}$'";

  private final DataSource dataSource;
  private final StorageKind storage;
  private final Clock clock;
  private final Duration retention;

  public Retention(DataSource dataSource, StorageKind storage, Clock clock, Duration retention) {
    this.dataSource = dataSource;
    this.storage = storage;
    this.clock = clock;
    this.retention = retention;
  }

  /** Returns how many chunks or partitions were dropped. */
  public int run() throws SQLException {
    Instant cutoff = clock.instant().minus(retention);
    try (Connection c = dataSource.getConnection()) {
      int dropped =
          storage == StorageKind.TIMESCALEDB ? dropChunks(c, cutoff) : dropPartitions(c, cutoff);
      deleteOlder(c, "DELETE FROM reading_1m WHERE bucket < ?", cutoff);
      deleteOlder(c, "DELETE FROM reading_1h WHERE bucket < ?", cutoff);
      return dropped;
    }
  }

  private static int dropChunks(Connection c, Instant cutoff) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM drop_chunks('reading', older_than => ?::timestamptz)")) {
      ps.setTimestamp(1, Timestamp.from(cutoff));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** A day's partition goes once the whole day is older than the cutoff. */
  private static int dropPartitions(Connection c, Instant cutoff) throws SQLException {
    LocalDate lastDropped = cutoff.atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    List<String> old = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(PARTITIONS)) {
      while (rs.next()) {
        String name = rs.getString(1);
        LocalDate day = LocalDate.parse(name.substring("reading_".length()), DAY);
        if (!day.isAfter(lastDropped)) {
          old.add(name);
        }
      }
    }
    try (Statement s = c.createStatement()) {
      for (String name : old) {
        // The name matched ^reading_[0-9]{8}$ above: safe to put in the statement.
        s.execute("DROP TABLE " + name);
      }
    }
    deleteOlder(c, "DELETE FROM reading_default WHERE time < ?", cutoff);
    return old.size();
  }

  private static void deleteOlder(Connection c, String sql, Instant cutoff) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(cutoff));
      ps.executeUpdate();
    }
  }
}
