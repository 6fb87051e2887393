package org.caregrid.bench.scale;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A table's writes as the server counts them ({@code pg_stat_user_tables}) and its size: rows
 * inserted and updated, how many updates were HOT (no index touched, the page reused), dead rows
 * waiting for vacuum, autovacuum runs.
 */
record TableChurn(
    long inserted, long updated, long hotUpdated, long dead, long autovacuums, long bytes) {

  static TableChurn read(DataSource db, String table) throws SQLException {
    try (Connection c = db.getConnection()) {
      // the statistics collector publishes at most every stat interval; ask for fresh numbers
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_stat_clear_snapshot()")) {
        ps.execute();
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup, autovacuum_count,"
                  + " pg_total_relation_size(relid) FROM pg_stat_user_tables WHERE relname = ?")) {
        ps.setString(1, table);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new TableChurn(
              rs.getLong(1),
              rs.getLong(2),
              rs.getLong(3),
              rs.getLong(4),
              rs.getLong(5),
              rs.getLong(6));
        }
      }
    }
  }

  long writes() {
    return inserted + updated;
  }
}
