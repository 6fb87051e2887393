package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.db.StoragePreference;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.NodeProcess;
import org.caregrid.testing.PatroniPair;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.SteadyLoad;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestMosquitto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole highly available deployment on loopback: two clustered nodes on one broker and a
 * Patroni pair. Under readings and SOS presses, one node is killed (SIGKILL), then the database
 * primary's machine. Counted from the database at the end: every reading the broker acknowledged is
 * stored once, and every press raised exactly one alert, sent to a station.
 */
@Timeout(240)
class ClusterFailoverIT {
  private static final Path JAR = Path.of("target", "caregrid.jar");
  private static final Path FIGURES = Path.of("target", "cluster-failover.txt");
  // Kept after the run: the nodes' logs are what explains a failure.
  private static final Path LOGS = Path.of("target", "cluster-failover");
  private static final int MESSAGES = 6_000;
  private static final long EVERY_MICROS = 4_000; // 250 messages, 1,000 readings a second
  private static final int PRESSES_PER_STAGE = 4;

  @TempDir Path dir;
  private final List<NodeProcess> nodes = new ArrayList<>();

  @AfterEach
  void kill() throws InterruptedException {
    for (NodeProcess node : nodes) {
      node.close();
    }
  }

  @Test
  void aKilledNodeThenAKilledPrimaryLoseNoReadingAndNoPress() throws Exception {
    try (PatroniPair pg = PatroniPair.start(dir.resolve("patroni.log"));
        TestMosquitto broker = TestMosquitto.start(dir);
        HikariDataSource db =
            DataSources.create(
                new DatabaseConfig(pg.url(), "postgres", "", 2, StoragePreference.AUTO, ""),
                "it-check")) {
      Migrations.migrate(db, StoragePreference.AUTO);
      RegistryFixture registry = new RegistryFixture(db);
      int district = registry.station("D", "district", 0, 40.65, 109.85, 50);
      registry.station("near", "community", district, 40.601, 109.9, 50);
      registry.device("bed-h", DeviceKind.CARE_BED, registry.resident("Guo Shulan"));
      List<String> pendants = new ArrayList<>();
      for (int i = 0; i < 3 * PRESSES_PER_STAGE; i++) {
        String uid = "pendant-" + i;
        registry.device(uid, DeviceKind.SOS_PENDANT, registry.resident("Resident " + i));
        pendants.add(uid);
      }
      List<Integer> members = List.of(FreePorts.tcp(), FreePorts.tcp());
      Files.createDirectories(LOGS);
      NodeProcess a = startNode("a", members, 0, pg, broker, LOGS.resolve("a.log"));
      NodeProcess b = startNode("b", members, 1, pg, broker, LOGS.resolve("b.log"));
      for (NodeProcess node : List.of(a, b)) {
        node.awaitLine("among 2 node(s)").awaitLine("' running: ");
      }

      try (TestDevices devices = new TestDevices(broker.url());
          SteadyLoad load =
              new SteadyLoad(
                  devices, "bed-h", MESSAGES, EVERY_MICROS, System.currentTimeMillis() - 60_000)) {
        // given readings flowing, and presses answered while both nodes run
        await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= MESSAGES / 5);
        press(devices, pendants.subList(0, PRESSES_PER_STAGE));
        awaitHelpRequested(db, pendants.subList(0, PRESSES_PER_STAGE));

        // when node a dies, with presses at that moment
        long nodeKilled = System.nanoTime();
        a.kill();
        press(devices, pendants.subList(PRESSES_PER_STAGE, 2 * PRESSES_PER_STAGE));
        b.awaitLine("among 1 node(s)");
        long tookOver = System.nanoTime();

        // and then the database primary's machine dies, with presses at that moment
        await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= MESSAGES / 2);
        int primary = pg.primary();
        assertThat(primary).isNotNegative();
        long storedAtKill = Sql.count(db, "SELECT count(*) FROM reading");
        long primaryKilled = System.nanoTime();
        pg.killMember(primary);
        press(devices, pendants.subList(2 * PRESSES_PER_STAGE, 3 * PRESSES_PER_STAGE));
        await("Patroni promotes the standby")
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> pg.primary() == 1 - primary);
        long promoted = System.nanoTime();

        // then the survivor goes on storing readings, on the new primary
        await("readings stored on the new primary")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> Sql.count(db, "SELECT count(*) FROM reading") > storedAtKill);
        long storingAgain = System.nanoTime();

        // a stays dead: what the broker had shared out to its sessions is adopted by b (decision
        // 0030), so the counts below are the survivor's alone
        // and every press raised exactly one alert, sent to a station
        awaitHelpRequested(db, pendants);
        for (String pendant : pendants) {
          assertThat(sosAlerts(db, pendant)).as(pendant).isEqualTo(1);
        }
        assertThat(Sql.count(db, "SELECT count(*) FROM alert WHERE kind = 'sos'"))
            .isEqualTo(pendants.size());

        // and every acknowledged reading is stored once
        await().atMost(Duration.ofSeconds(60)).until(() -> load.sent() == MESSAGES);
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreExceptions()
            .until(() -> Sql.count(db, "SELECT count(*) FROM reading") == 4L * MESSAGES);
        assertThat(
                Sql.count(
                    db,
                    "SELECT count(*) FROM (SELECT DISTINCT device_id, metric, time FROM reading) d"))
            .isEqualTo(4L * MESSAGES);
        Files.write(
            FIGURES,
            List.of(
                "kill -9 of node a to b's shards rebuilt: %d ms"
                    .formatted(millis(nodeKilled, tookOver)),
                "kill -9 of the primary to the standby's promotion: %d ms"
                    .formatted(millis(primaryKilled, promoted)),
                "kill -9 of the primary to readings stored on the new primary: %d ms"
                    .formatted(millis(primaryKilled, storingAgain)),
                "SOS presses %d, alerts %d; readings acknowledged %d, stored %d, lost 0, doubled 0"
                    .formatted(pendants.size(), pendants.size(), 4L * MESSAGES, 4L * MESSAGES)));
      }
    }
  }

  private NodeProcess startNode(
      String name,
      List<Integer> members,
      int member,
      PatroniPair pg,
      TestMosquitto broker,
      Path log)
      throws IOException {
    Map<String, String> env = new HashMap<>(NodeProcess.clusterEnv(members.get(member), members));
    env.put("CAREGRID_DATABASE_URL", pg.url());
    env.put("CAREGRID_MQTT_URL", broker.url());
    env.put("CAREGRID_NODE_NAME", name);
    env.put("CAREGRID_INGEST_MQTT_SHARE_GROUP", "failover");
    env.put("CAREGRID_INGEST_COAP_ENABLED", "false");
    NodeProcess node = NodeProcess.start(JAR, "ingest,alerting", env, log);
    nodes.add(node);
    return node;
  }

  private static void press(TestDevices devices, List<String> pendants) throws Exception {
    for (String pendant : pendants) {
      devices.publish(
          "care/" + pendant + "/event",
          "{\"ts\":%d,\"seq\":1,\"type\":\"sos\"}".formatted(System.currentTimeMillis()));
    }
  }

  /** Waits for each pendant's SOS alert to be sent to a station (state notified). */
  private static void awaitHelpRequested(HikariDataSource db, List<String> pendants) {
    for (String pendant : pendants) {
      await("help requested for " + pendant)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> helpRequested(db, pendant));
    }
  }

  private static boolean helpRequested(HikariDataSource db, String pendant) {
    return Sql.count(
            db,
            "SELECT count(*) FROM alert a JOIN device d ON d.id = a.device_id"
                + " WHERE a.kind = 'sos' AND a.notified_at IS NOT NULL AND d.uid = '"
                + pendant
                + "'")
        > 0;
  }

  private static long sosAlerts(HikariDataSource db, String pendant) {
    return Sql.count(
        db,
        "SELECT count(*) FROM alert a JOIN device d ON d.id = a.device_id"
            + " WHERE a.kind = 'sos' AND d.uid = '"
            + pendant
            + "'");
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }
}
