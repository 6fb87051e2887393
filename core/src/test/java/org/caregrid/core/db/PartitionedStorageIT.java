package org.caregrid.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;

/** The contract on plain PostgreSQL: {@code reading} is partitioned by day. */
class PartitionedStorageIT extends StorageContractIT {

  @Override
  DatabaseConfig database() {
    return TestServices.freshPlainDatabase();
  }

  @Override
  StorageKind expectedKind() {
    return StorageKind.PARTITIONED;
  }

  @Test
  void todaysReadingsLandInTodaysPartitionAndOldOnesInTheDefault() throws SQLException {
    Sql.execute(db, "INSERT INTO home (address, community, lat, lon) VALUES ('x', 'c', 40, 110)");
    Sql.execute(db, "INSERT INTO resident (home_id, name) SELECT id, 'r' FROM home");
    Sql.execute(
        db,
        "INSERT INTO device (uid, kind, home_id, resident_id) SELECT 'd', 'care_bed', home_id, id"
            + " FROM resident");
    Sql.execute(
        db,
        "INSERT INTO reading SELECT now(), id, 1, 70 FROM device UNION ALL"
            + " SELECT now() - interval '400 days', id, 1, 71 FROM device");

    String today =
        "reading_" + Sql.text(db, "SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDD')");
    assertThat(Sql.count(db, "SELECT count(*) FROM " + today)).isEqualTo(1);
    assertThat(Sql.count(db, "SELECT count(*) FROM reading_default")).isEqualTo(1);
  }

  @Test
  void preparingDaysIsIdempotent() throws SQLException {
    assertThat(ReadingDays.prepare(db)).isZero();
  }
}
