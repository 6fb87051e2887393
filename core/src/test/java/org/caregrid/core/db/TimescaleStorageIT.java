package org.caregrid.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The contract on TimescaleDB: {@code reading} is a hypertable with 1-day chunks. */
class TimescaleStorageIT extends StorageContractIT {

  private static Boolean serverHasTimescale;

  /**
   * Skips each test, visibly, where the server cannot load TimescaleDB and CI did not ask for it.
   */
  @Override
  DatabaseConfig database() {
    Assumptions.assumeTrue(
        TestServices.timescaleRequired() || serverHasTimescale(),
        "the test server has no TimescaleDB; set CAREGRID_TEST_DB_URL (scripts/timescaledb.sh)");
    return TestServices.freshTimescaleDatabase();
  }

  private static synchronized boolean serverHasTimescale() {
    if (serverHasTimescale == null) {
      DatabaseConfig probe = TestServices.freshDatabase();
      try (Connection c = DriverManager.getConnection(probe.url());
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT current_setting('shared_preload_libraries') LIKE '%timescaledb%'")) {
        rs.next();
        serverHasTimescale = rs.getBoolean(1);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot probe the test server", e);
      }
    }
    return serverHasTimescale;
  }

  @Override
  StorageKind expectedKind() {
    return StorageKind.TIMESCALEDB;
  }

  @Test
  void readingIsAHypertableWithDailyChunks() {
    assertThat(
            Sql.text(
                db,
                "SELECT time_interval::text FROM timescaledb_information.dimensions"
                    + " WHERE hypertable_name = 'reading'"))
        .isEqualTo("1 day");
  }
}
