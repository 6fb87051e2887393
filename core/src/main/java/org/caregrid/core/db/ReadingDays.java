package org.caregrid.core.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Prepares the daily partitions of {@code reading} ahead of time on plain PostgreSQL; a no-op on
 * TimescaleDB, which creates its chunks itself. Blocking: call it from a worker thread.
 */
public final class ReadingDays {
  /** Yesterday (late readings), today, and a week ahead (clock skew, a long weekend). */
  private static final int DAYS = 9;

  private ReadingDays() {}

  /** Returns how many partitions were created. */
  public static int prepare(DataSource dataSource) throws SQLException {
    LocalDate first = LocalDate.now(ZoneOffset.UTC).minusDays(1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT caregrid_prepare_reading_days(?, ?)")) {
      ps.setObject(1, first);
      ps.setInt(2, DAYS);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }
}
