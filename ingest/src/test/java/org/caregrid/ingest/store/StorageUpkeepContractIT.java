package org.caregrid.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Writer (in each COPY format), rollups and retention on one storage layout; the subclasses choose
 * which.
 */
abstract class StorageUpkeepContractIT {
  private static final Set<String> SCANS =
      Set.of("Seq Scan", "Index Scan", "Index Only Scan", "Bitmap Heap Scan");
  private static final Set<String> ROLLUP_TABLES =
      Set.of("reading_1m", "reading_1h", "rollup_dirty");

  private HikariDataSource db;
  private StorageKind storage;
  private Rollups rollups;
  private Device bed;

  /** An hour that has closed, so its minutes are due for rollup. */
  private final Instant hourStart =
      Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);

  abstract DatabaseConfig database();

  @BeforeEach
  void setUp() throws Exception {
    DatabaseConfig config = database();
    db = DataSources.create(config, "it");
    storage = Migrations.migrate(db, config.storage());
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

  private long write(CopyFormat format, Instant at, double... pulses) throws Exception {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < pulses.length; i++) {
      readings.add(new Reading(Metric.HR, at.plusSeconds(i).toEpochMilli(), pulses[i]));
    }
    return new CopyWriter(db, format).write(List.of(new ReadingBatch(bed, 1, readings, 0)));
  }

  private long write(Instant at, double... pulses) throws Exception {
    return write(CopyFormat.BINARY, at, pulses);
  }

  private String minute(Instant bucket) {
    return Sql.text(
        db,
        "SELECT n || ' ' || sum || ' ' || min || ' ' || max FROM reading_1m WHERE bucket = '"
            + bucket
            + "'");
  }

  private String hour() {
    return Sql.text(db, "SELECT n || ' ' || sum || ' ' || min || ' ' || max FROM reading_1h");
  }

  @ParameterizedTest
  @EnumSource(CopyFormat.class)
  void copyWriterSkipsRowsAlreadyStored(CopyFormat format) throws Exception {
    long first = write(format, hourStart, 60, 70);
    long second = write(format, hourStart, 60, 70, 80);

    assertThat(first).isEqualTo(2);
    assertThat(second).isEqualTo(1);
    assertThat(Sql.count(db, "SELECT count(*) FROM reading")).isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(CopyFormat.class)
  void copyWriterStoresTimeToTheMillisecondAndValueExactly(CopyFormat format) throws Exception {
    Instant at = hourStart.plusMillis(59_007);
    new CopyWriter(db, format)
        .write(
            List.of(
                new ReadingBatch(
                    bed, 1, List.of(new Reading(Metric.TEMP, at.toEpochMilli(), 36.65)), 0)));

    assertThat(
            Sql.text(
                db,
                "SELECT (extract(epoch FROM time) * 1000)::bigint || ' ' || value || ' ' || metric"
                    + " FROM reading"))
        .isEqualTo(at.toEpochMilli() + " 36.65 " + Metric.TEMP.dbCode());
  }

  @ParameterizedTest
  @EnumSource(CopyFormat.class)
  void rollupsHoldCountSumMinAndMaxOfWholeBuckets(CopyFormat format) throws Exception {
    write(format, hourStart, 60, 70, 80);
    write(format, hourStart.plusSeconds(60), 90, 110);

    rollups.run();

    assertThat(minute(hourStart)).isEqualTo("3 210 60 80");
    assertThat(minute(hourStart.plusSeconds(60))).isEqualTo("2 200 90 110");
    assertThat(hour()).isEqualTo("5 410 60 110");
  }

  @ParameterizedTest
  @EnumSource(CopyFormat.class)
  void redeliveredReadingsAreCountedOnce(CopyFormat format) throws Exception {
    write(format, hourStart, 60, 70);
    rollups.run();

    write(format, hourStart, 60, 70, 50); // a redelivery holding one new reading
    write(format, hourStart, 60, 70, 50); // and the same again
    rollups.run();

    assertThat(minute(hourStart)).isEqualTo("3 180 50 70");
    assertThat(hour()).isEqualTo("3 180 50 70");
  }

  @Test
  void lateReadingsUpdateBucketsAlreadyRolledUp() throws Exception {
    Instant earlier = hourStart.minus(Duration.ofMinutes(30));
    write(hourStart, 70);
    rollups.run();

    write(earlier, 50, 54);
    rollups.run();

    assertThat(minute(earlier)).isEqualTo("2 104 50 54");
    assertThat(Sql.text(db, "SELECT n FROM reading_1h WHERE bucket = '" + hourStart + "'"))
        .isEqualTo("1");
  }

  @Test
  void aMinuteIsRolledUpOnlyOnceItHasClosed() throws Exception {
    Instant now = Instant.now();
    write(now, 70);

    int early = rollups.run();
    Clock later = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1).plus(Rollups.SETTLE));
    int due = new Rollups(db, later, Duration.ofDays(365)).run();

    assertThat(early).isZero();
    assertThat(due).isEqualTo(1);
    assertThat(minute(now.truncatedTo(ChronoUnit.MINUTES))).isEqualTo("1 70 70 70");
  }

  @Test
  void runningAgainChangesNothing() throws Exception {
    write(hourStart, 60, 70, 80);
    rollups.run();
    String before = minute(hourStart);

    int again = rollups.run();

    assertThat(again).isZero();
    assertThat(minute(hourStart)).isEqualTo(before);
    assertThat(Sql.count(db, "SELECT count(*) FROM reading_1m")).isEqualTo(1);
    assertThat(Sql.count(db, "SELECT count(*) FROM rollup_dirty")).isZero();
  }

  /**
   * Rollups read one minute at a time all day long, so that minute must come from an index: a
   * minute read by scanning the day grows with the day.
   */
  @Test
  void aMinutesRollupReadsThatMinuteAndNotTheRest() throws Exception {
    // 20 minutes in time order, as ingest writes them: 40 device-metric pairs, 20,000 rows a minute
    Sql.execute(
        db,
        "INSERT INTO reading (time, device_id, metric, value) SELECT '"
            + hourStart
            + "'::timestamptz + s * interval '120 milliseconds', d, m, 60"
            + " FROM generate_series(0, 9999) s, generate_series(1, 10) d,"
            + " generate_series(1, 4) m ORDER BY s");
    Sql.execute(db, "ANALYZE reading");
    long pages =
        Sql.count(
            db,
            "SELECT sum(pg_relation_size(inhrelid)) / 8192 FROM pg_inherits"
                + " WHERE inhparent = 'reading'::regclass");
    Instant minute = hourStart.plus(Duration.ofMinutes(10));

    long read = pagesOfReading(explain(Rollups.ROLL_UP_MINUTE, minute, minute.plusSeconds(60)));

    assertThat(pages).isGreaterThan(2000);
    assertThat(read).isPositive().isLessThan(pages / 4);
    assertThat(minute(minute)).isEqualTo("500 30000 60 60");
  }

  private JsonObject explain(String sql, Instant from, Instant to) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)) {
      ps.setTimestamp(1, Timestamp.from(from));
      ps.setTimestamp(2, Timestamp.from(to));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new JsonArray(rs.getString(1)).getJsonObject(0).getJsonObject("Plan");
      }
    }
  }

  /** Pages the plan's scans of {@code reading}'s partitions or chunks touched. */
  private static long pagesOfReading(JsonObject node) {
    long pages = 0;
    if (SCANS.contains(node.getString("Node Type"))
        && !ROLLUP_TABLES.contains(node.getString("Relation Name", ""))) {
      pages += node.getLong("Shared Hit Blocks") + node.getLong("Shared Read Blocks");
    }
    for (Object child : node.getJsonArray("Plans", new JsonArray())) {
      pages += pagesOfReading((JsonObject) child);
    }
    return pages;
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
