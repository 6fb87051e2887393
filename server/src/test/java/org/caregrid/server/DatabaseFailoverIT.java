package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.db.StoragePreference;
import org.caregrid.core.device.DeviceKind;
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
 * The database primary's machine dies (Patroni and the postmaster killed with SIGKILL) under load:
 * Patroni promotes the synchronous standby, CareGrid's multi-host URL finds it, every reading the
 * broker acknowledged is stored exactly once, and an SOS pressed afterwards raises its alert.
 */
@Timeout(170)
class DatabaseFailoverIT {
  private static final Path JAR = Path.of("target", "caregrid.jar");
  private static final Path FIGURES = Path.of("target", "database-failover.txt");
  private static final int MESSAGES = 6_000;
  private static final long EVERY_MICROS = 5_000; // 200 messages, 800 readings a second

  @TempDir Path dir;
  private NodeProcess node;

  @AfterEach
  void kill() throws InterruptedException {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aKilledPrimaryLosesNoAcknowledgedReadingAndAlertingCarriesOn() throws Exception {
    try (PatroniPair pg = PatroniPair.start(dir.resolve("patroni.log"));
        TestMosquitto broker = TestMosquitto.start(dir);
        HikariDataSource db =
            DataSources.create(
                new DatabaseConfig(pg.url(), "postgres", "", 2, StoragePreference.AUTO, ""),
                "it-check")) {
      Migrations.migrate(db, StoragePreference.AUTO);
      RegistryFixture registry = new RegistryFixture(db);
      int resident = registry.resident("Tang Xiuying");
      registry.device("bed-f", DeviceKind.CARE_BED, resident);
      registry.device("pendant-k", DeviceKind.SOS_PENDANT, registry.resident("Lu Guifen"));
      registry.device("pendant-f", DeviceKind.SOS_PENDANT, resident);
      node =
          NodeProcess.start(
              JAR,
              "ingest,alerting",
              Map.of(
                  "CAREGRID_DATABASE_URL", pg.url(),
                  "CAREGRID_MQTT_URL", broker.url(),
                  "CAREGRID_NODE_NAME", "failover",
                  "CAREGRID_INGEST_MQTT_SHARE_GROUP", "failover",
                  "CAREGRID_INGEST_COAP_ENABLED", "false"),
              dir.resolve("node.log"));
      node.awaitLine("Ingest consuming");

      try (TestDevices devices = new TestDevices(broker.url());
          SteadyLoad load =
              new SteadyLoad(
                  devices, "bed-f", MESSAGES, EVERY_MICROS, System.currentTimeMillis() - 60_000)) {
        // given readings flowing into the primary
        await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= MESSAGES / 4);
        int primary = pg.primary();
        assertThat(primary).isNotNegative();
        assertThat(serverPort(db)).isEqualTo(pg.pgPort(primary));
        assertThat(Sql.count(db, "SELECT count(*) FROM reading")).isPositive();

        // when the primary's machine dies, and a resident presses SOS at that moment
        long killed = System.nanoTime();
        pg.killMember(primary);
        devices.publish("care/pendant-k/event", sos());

        // then the standby is promoted and takes a commit through the multi-host URL
        int standby = 1 - primary;
        await("Patroni promotes the standby")
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> pg.primary() == standby);
        long promoted = System.nanoTime();
        await("a commit on the new primary")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> commitsOn(db) == pg.pgPort(standby));
        long committed = System.nanoTime();

        // and the SOS pressed at the kill raises its alert, within the 30 s issue 17 allows
        await("the SOS alert pressed at the kill")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> sosAlerts(db, "pendant-k") == 1);
        long alertedDuring = System.nanoTime();

        // and so does an SOS pressed after the failover
        long pressedAfter = System.nanoTime();
        devices.publish("care/pendant-f/event", sos());
        await("the SOS alert pressed after the failover")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> sosAlerts(db, "pendant-f") == 1);
        long alertedAfter = System.nanoTime();

        // and every acknowledged reading is there once
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
                "kill -9 to promotion: %d ms".formatted(millis(killed, promoted)),
                "kill -9 to first commit on the new primary: %d ms"
                    .formatted(millis(killed, committed)),
                "SOS pressed at the kill to its alert stored: %d ms"
                    .formatted(millis(killed, alertedDuring)),
                "SOS pressed after the failover to its alert stored: %d ms"
                    .formatted(millis(pressedAfter, alertedAfter)),
                "readings acknowledged %d, stored %d, lost 0, doubled 0"
                    .formatted(4L * MESSAGES, 4L * MESSAGES)));
      }
    }
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static String sos() {
    return "{\"ts\":%d,\"seq\":1,\"type\":\"sos\"}".formatted(System.currentTimeMillis());
  }

  private static long sosAlerts(HikariDataSource db, String device) {
    return Sql.count(
        db,
        "SELECT count(*) FROM alert a JOIN device d ON d.id = a.device_id"
            + " WHERE a.kind = 'sos' AND d.uid = '"
            + device
            + "'");
  }

  private static int serverPort(HikariDataSource db) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT inet_server_port()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /**
   * Commits a transaction that needs a transaction id (refused on a standby); its server's port.
   */
  private static int commitsOn(HikariDataSource db) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT inet_server_port(), txid_current()")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
