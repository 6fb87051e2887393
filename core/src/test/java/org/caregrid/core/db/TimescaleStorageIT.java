package org.caregrid.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;

/** The contract on TimescaleDB: {@code reading} is a hypertable with 1-day chunks. */
class TimescaleStorageIT extends StorageContractIT {

  @Override
  DatabaseConfig database() {
    return TestServices.freshTimescaleDatabase();
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
