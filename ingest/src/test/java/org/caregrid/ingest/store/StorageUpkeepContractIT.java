package org.caregrid.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.db.StorageKind;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writer, rollups and retention on one storage layout; the subclasses choose which. */
abstract class StorageUpkeepContractIT {
  private HikariDataSource db;
  private StorageKind storage;
  private CopyWriter writer;
  private Rollups rollups;
  private Device bed;
  private final Instant hourStart = Instant.now().truncatedTo(ChronoUnit.HOURS);

  abstract DatabaseConfig database();

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig config = database();
    db = DataSources.create(config, "it");
    storage = Migrations.migrate(db, config.storage());
    writer = new CopyWriter(db);
    rollups = new Rollups(db, Clock.systemUTC(), Duration.ofDays(365));
    RegistryFixture registry = new RegistryFixture(db);
    bed = registry.device("bed-u", DeviceKind.CARE_BED, registry.resident("Ma Jun"));
  }

  @AfterEach
  void tearDown() {
    if (db != null) { // null when the subclass skipped (no TimescaleDB here)
      db.close();
    }
  }

  private void write(Instant at, double... pulses) throws Exception {
    List<Reading> readings = new java.util.ArrayList<>();
    for (int i = 0; i < pulses.length; i++) {
      readings.add(new Reading(Metric.HR, at.plusSeconds(i).toEpochMilli(), pulses[i]));
    }
    writer.write(List.of(new ReadingBatch(bed, 1, readings, 0)));
    rollups.written(at.toEpochMilli());
  }

  private String minute(Instant bucket) {
    return Sql.text(
        db,
        "SELECT n || ' ' || mean || ' ' || min || ' ' || max FROM reading_1m WHERE bucket = '"
            + bucket
            + "'");
  }

  @Test
  void copyWriterSkipsRowsAlreadyStored() throws Exception {
    write(hourStart, 60, 70);
    write(hourStart, 60, 70, 80);

    assertThat(Sql.count(db, "SELECT count(*) FROM reading")).isEqualTo(3);
  }

  @Test
  void rollupsHoldCountMeanMinAndMaxOfWholeBuckets() throws Exception {
    write(hourStart, 60, 70, 80);
    write(hourStart.plusSeconds(60), 90, 110);

    rollups.run();

    assertThat(minute(hourStart)).isEqualTo("3 70 60 80");
    assertThat(minute(hourStart.plusSeconds(60))).isEqualTo("2 100 90 110");
    assertThat(Sql.text(db, "SELECT n || ' ' || mean || ' ' || min || ' ' || max FROM reading_1h"))
        .isEqualTo("5 82 60 110");
  }

  @Test
  void lateReadingsUpdateBucketsAlreadyRolledUp() throws Exception {
    Instant earlier = hourStart.minus(Duration.ofMinutes(30));
    write(hourStart, 70);
    rollups.run();

    write(earlier, 50, 54);
    rollups.run();

    assertThat(minute(earlier)).isEqualTo("2 52 50 54");
  }

  @Test
  void runningAgainChangesNothing() throws Exception {
    write(hourStart, 60, 70, 80);
    rollups.run();
    String before = minute(hourStart);

    rollups.run();

    assertThat(minute(hourStart)).isEqualTo(before);
    assertThat(Sql.count(db, "SELECT count(*) FROM reading_1m")).isEqualTo(1);
  }

  @Test
  void retentionDropsWholeOldDaysAndKeepsRecentOnes() throws Exception {
    Instant old = Instant.now().minus(Duration.ofDays(400)).truncatedTo(ChronoUnit.DAYS);
    Sql.count(
        db, "SELECT caregrid_prepare_reading_days('" + old.toString().substring(0, 10) + "', 1)");
    write(old.plusSeconds(3600), 61, 62);
    write(hourStart, 70);
    rollups.run();

    int dropped = new Retention(db, storage, Clock.systemUTC(), Duration.ofDays(365)).run();

    assertThat(dropped).isPositive();
    assertThat(Sql.count(db, "SELECT count(*) FROM reading")).isEqualTo(1);
    assertThat(
            Sql.count(
                db, "SELECT count(*) FROM reading_1m WHERE bucket < now() - interval '365 days'"))
        .isZero();
  }
}
