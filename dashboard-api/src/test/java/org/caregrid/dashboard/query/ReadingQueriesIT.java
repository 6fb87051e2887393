package org.caregrid.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.reading.Metric;
import org.caregrid.dashboard.api.RegistryJson;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Chart series from the readings and the rollups, on a real database. */
class ReadingQueriesIT {
  private HikariDataSource db;
  private ReadingQueries readings;
  private int wang;
  private Device bed;
  private Device monitor;
  private Device otherBed;

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    db = DataSources.create(database, "reading-queries-it");
    Migrations.migrate(db, database.storage());
    RegistryFixture registry = new RegistryFixture(db);
    readings = new ReadingQueries(db);
    wang = registry.resident("Wang Fang");
    bed = registry.device("bed-1", DeviceKind.CARE_BED, wang);
    monitor = registry.device("vitals-1", DeviceKind.VITALS_MONITOR, wang);
    otherBed = registry.device("bed-2", DeviceKind.CARE_BED, registry.resident("Li Na"));
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void minuteBucketsOfAResidentMergeTheirDevicesMeanIsSumOverN() throws Exception {
    rollup("reading_1m", bed, Metric.HR, "2025-12-01T08:00:00Z", 4, 280, 65, 75);
    rollup("reading_1m", monitor, Metric.HR, "2025-12-01T08:00:00Z", 1, 90, 90, 90);
    rollup("reading_1m", bed, Metric.HR, "2025-12-01T08:01:00Z", 2, 150, 74, 76);
    rollup("reading_1m", otherBed, Metric.HR, "2025-12-01T08:01:00Z", 1, 200, 200, 200);
    rollup("reading_1m", bed, Metric.RR, "2025-12-01T08:01:00Z", 1, 12, 12, 12);
    rollup("reading_1m", bed, Metric.HR, "2025-12-01T08:02:00Z", 1, 60, 60, 60);

    JsonObject chart =
        chart(
            new ReadingQueries.Source(true, wang),
            Metric.HR,
            Instant.parse("2025-12-01T08:00:30Z"),
            Instant.parse("2025-12-01T08:02:00Z"),
            Bucket.MINUTE);

    assertThat(chart.getString("metric")).isEqualTo("hr");
    assertThat(chart.getString("unit")).isEqualTo("/min");
    assertThat(chart.getString("bucket")).isEqualTo("1m");
    // the first bucket holds the range's start; the bucket at the range's end is outside it
    assertThat(chart.getJsonArray("points"))
        .containsExactly(
            point("2025-12-01T08:00:00Z", 74.0, 65, 90, 5),
            point("2025-12-01T08:01:00Z", 75.0, 74, 76, 2));
  }

  @Test
  void aDevicesHourBucketsAreItsOwn() throws Exception {
    rollup("reading_1h", bed, Metric.HR, "2025-12-01T08:00:00Z", 3600, 252000, 60, 90);
    rollup("reading_1h", monitor, Metric.HR, "2025-12-01T08:00:00Z", 2, 180, 90, 90);
    rollup("reading_1h", bed, Metric.HR, "2025-12-01T09:00:00Z", 10, 650, 60, 70);

    JsonObject chart =
        chart(
            new ReadingQueries.Source(false, bed.key()),
            Metric.HR,
            Instant.parse("2025-12-01T08:00:00Z"),
            Instant.parse("2025-12-05T00:00:00Z"),
            Bucket.HOUR);

    assertThat(chart.getJsonArray("points"))
        .containsExactly(
            point("2025-12-01T08:00:00Z", 70.0, 60, 90, 3600),
            point("2025-12-01T09:00:00Z", 65.0, 60, 70, 10));
  }

  @Test
  void rawPointsAreEachReadingInTimeOrder() throws Exception {
    reading(monitor, Metric.SPO2, "2025-12-01T08:00:10Z", 95);
    reading(bed, Metric.SPO2, "2025-12-01T08:00:05Z", 97);
    reading(bed, Metric.HR, "2025-12-01T08:00:07Z", 70);
    reading(bed, Metric.SPO2, "2025-12-01T07:59:59Z", 90);

    JsonObject chart =
        chart(
            new ReadingQueries.Source(true, wang),
            Metric.SPO2,
            Instant.parse("2025-12-01T08:00:00Z"),
            Instant.parse("2025-12-01T09:00:00Z"),
            Bucket.RAW);

    assertThat(chart.getString("unit")).isEqualTo("%");
    assertThat(chart.getJsonArray("points"))
        .containsExactly(
            point("2025-12-01T08:00:05Z", 97.0, 97, 97, 1),
            point("2025-12-01T08:00:10Z", 95.0, 95, 95, 1));
  }

  private void rollup(
      String table, Device d, Metric m, String bucket, int n, double sum, double min, double max)
      throws Exception {
    Sql.execute(
        db,
        "INSERT INTO "
            + table
            + " (bucket, device_id, metric, n, sum, min, max) VALUES ('%s', %d, %d, %d, %s, %s, %s)"
                .formatted(bucket, d.key(), m.dbCode(), n, sum, min, max));
  }

  private void reading(Device d, Metric m, String at, double value) throws Exception {
    Sql.execute(
        db,
        "INSERT INTO reading (time, device_id, metric, value) VALUES ('%s', %d, %d, %s)"
            .formatted(at, d.key(), m.dbCode(), value));
  }

  private static JsonObject point(String t, double mean, double min, double max, long n) {
    return new JsonObject()
        .put("t", t)
        .put("mean", mean)
        .put("min", min)
        .put("max", max)
        .put("n", n);
  }

  /** The chart as the API shows it. */
  private JsonObject chart(
      ReadingQueries.Source source, Metric metric, Instant from, Instant to, Bucket bucket)
      throws Exception {
    return RegistryJson.chart(readings.chart(source, metric, from, to, bucket));
  }
}
