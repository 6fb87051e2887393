package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.NodeProcess;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.SteadyLoad;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Ingest is killed (SIGKILL) under load: after a restart every reading is stored exactly once. */
@Timeout(240)
class IngestCrashIT {
  private static final Path JAR = Path.of("target", "caregrid.jar");
  private static final int MESSAGES = 5_000;
  private static final long EVERY_MICROS = 4_000; // 250 messages, 1,000 readings a second

  @TempDir Path dir;
  private NodeProcess ingest;

  @AfterEach
  void kill() throws InterruptedException {
    if (ingest != null) {
      ingest.close();
    }
  }

  @Test
  void everyReadingSurvivesAKilledIngestProcess() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    try (TestMosquitto broker = TestMosquitto.start(dir);
        HikariDataSource db = DataSources.create(database, "it-check")) {
      Migrations.migrate(db, database.storage());
      RegistryFixture registry = new RegistryFixture(db);
      registry.device("bed-k", DeviceKind.CARE_BED, registry.resident("Guo Shulan"));
      Map<String, String> env =
          Map.of(
              "CAREGRID_DATABASE_URL", database.url(),
              "CAREGRID_MQTT_URL", broker.url(),
              "CAREGRID_NODE_NAME", "crash",
              "CAREGRID_INGEST_MQTT_SHARE_GROUP", "crash",
              "CAREGRID_INGEST_COAP_ENABLED", "false");
      ingest = startIngest(env, dir.resolve("first.log"));

      try (TestDevices devices = new TestDevices(broker.url());
          SteadyLoad load =
              new SteadyLoad(
                  devices, "bed-k", MESSAGES, EVERY_MICROS, System.currentTimeMillis() - 60_000)) {
        // when: a quarter in, with readings in flight, the process is killed without warning
        await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= MESSAGES / 4);
        assertThat(Sql.count(db, "SELECT count(*) FROM reading")).isPositive();
        ingest.kill();
        long storedAtKill = Sql.count(db, "SELECT count(*) FROM reading");
        ingest = startIngest(env, dir.resolve("second.log"));

        // then: the broker redelivers what was not acknowledged; nothing is lost or doubled
        await().atMost(Duration.ofSeconds(60)).until(() -> load.sent() == MESSAGES);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> Sql.count(db, "SELECT count(*) FROM reading") == 4L * MESSAGES);
        assertThat(storedAtKill).isLessThan(4L * MESSAGES);
      }
    }
  }

  private static NodeProcess startIngest(Map<String, String> env, Path log) throws IOException {
    return NodeProcess.start(JAR, "ingest", env, log).awaitLine("Ingest consuming");
  }
}
