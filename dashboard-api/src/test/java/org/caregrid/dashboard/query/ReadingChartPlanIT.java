package org.caregrid.dashboard.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Random;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.reading.Metric;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A 24 h chart from a rollup the size of a district's: 1,000 devices, a row per device and minute,
 * written in time order as the rollup job writes them, so that one device's day is spread over a
 * page per minute as in production. Two days of minutes are enough for that layout (the query reads
 * one device's 1,440 rows through the primary key whatever the table's length); the full 30-day
 * table was measured by hand, see the README. Speed itself is the dashboard benchmark's job; this
 * test holds the plan that makes it: an index-only scan of a few dozen pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingChartPlanIT {
  private static final int DEVICES = 1000;

  private HikariDataSource db;
  private Instant now;

  @BeforeAll
  void fill() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    db = DataSources.create(database, "chart-speed-it");
    Migrations.migrate(db, database.storage());
    now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Sql.execute(
        db,
        "INSERT INTO reading_1m (bucket, device_id, metric, n, sum, min, max)"
            + " SELECT b, d, %d, 12, 12 * (60 + d %% 30), 55, 95".formatted(Metric.HR.dbCode())
            + " FROM generate_series(timestamptz '%s' - interval '2 days', timestamptz '%s',"
                .formatted(now, now)
            + " interval '1 minute') b CROSS JOIN generate_series(1, %d) d".formatted(DEVICES));
    Sql.execute(db, "VACUUM ANALYZE reading_1m");
  }

  @AfterAll
  void close() {
    db.close();
  }

  @Test
  void theChartIsAnIndexOnlyScanOfAFewDozenPages() throws Exception {
    JsonObject plan;
    try (Connection c = db.getConnection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT bucket, sum(sum) / sum(n),"
                    + " min(min), max(max), sum(n) FROM reading_1m WHERE device_id = 42"
                    + " AND metric = 1 AND bucket >= now() - interval '1 day' AND bucket < now()"
                    + " GROUP BY bucket ORDER BY bucket")) {
      rs.next();
      plan = new JsonArray(rs.getString(1)).getJsonObject(0).getJsonObject("Plan");
    }

    String text = plan.encode();
    assertThat(text).contains("Index Only Scan").contains("reading_1m_pkey");
    // one device's day spread over a heap page per minute would be some 1,440 pages
    assertThat(plan.getLong("Shared Hit Blocks") + plan.getLong("Shared Read Blocks"))
        .isLessThan(60);
  }
}
