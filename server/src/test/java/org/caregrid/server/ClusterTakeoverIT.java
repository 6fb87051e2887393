package org.caregrid.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregrid.alerting.owner.OwnerTable;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.db.DataSources;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.dashboard.testing.ApiClient;
import org.caregrid.dashboard.testing.SseRecorder;
import org.caregrid.dashboard.testing.StaffFixture;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.SteadyLoad;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestServices;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two clustered nodes share the database and the broker; one is killed (SIGKILL) under load and is
 * not restarted. The survivor takes over the dead node's residents and its broker sessions: presses
 * at the kill, over MQTT and CoAP, each raise one alert and are sent to a station, and every
 * acknowledged reading, including those the broker had queued for the dead node, is stored once,
 * with only the survivor running. A session opened on one node streams, on the other, the alerts
 * the first one raised.
 */
@Timeout(300)
class ClusterTakeoverIT {
  private static final Path JAR = Path.of("target", "caregrid.jar");
  private static final Path FIGURES = Path.of("target", "cluster-takeover.txt");
  private static final int MESSAGES = 6_000;
  private static final long EVERY_MICROS = 4_000; // 250 messages, 1,000 readings a second
  // Kept after the run: the nodes' logs are what explains a failure.
  private static final Path LOGS = Path.of("target", "cluster-takeover");
  private static final Pattern MEMBER = Pattern.compile("as member ([0-9a-f-]{36})");

  @TempDir Path dir;
  private final List<Process> nodes = new ArrayList<>();

  @AfterEach
  void kill() {
    nodes.forEach(Process::destroyForcibly);
  }

  @Test
  void theSurvivorTakesOverAKilledNodesResidentsAndRaisesEachPressOnce() throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    try (TestMosquitto broker = TestMosquitto.start(dir);
        HikariDataSource db = DataSources.create(database, "it-check")) {
      Migrations.migrate(db, database.storage());
      RegistryFixture registry = new RegistryFixture(db);
      int district = registry.station("D", "district", 0, 40.65, 109.85, 50);
      registry.station("near", "community", district, 40.601, 109.9, 50);
      registry.device("bed-c", DeviceKind.CARE_BED, registry.resident("Guo Shulan"));
      int portA = freePort();
      int portB = freePort();
      int coapB = freeUdpPort();
      List<Integer> members = List.of(portA, portB);
      Files.createDirectories(LOGS);
      Path logA = LOGS.resolve("a.log");
      Path logB = LOGS.resolve("b.log");
      int httpA = freePort();
      int httpB = freePort();
      Process a = startNode("a", portA, members, 0, httpA, database, broker, logA);
      startNode("b", portB, members, coapB, httpB, database, broker, logB);
      awaitLine(logA, "among 2 node(s)", 1);
      awaitLine(logB, "among 2 node(s)", 1);
      awaitLine(logA, "' running: ", 1);
      awaitLine(logB, "' running: ", 1);
      String idA = memberId(logA);
      OwnerTable owners = OwnerTable.of(List.of(idA, memberId(logB)));

      // given three residents owned by each node, each with an SOS pendant
      Map<Boolean, List<String>> pendants =
          Map.of(true, new ArrayList<>(), false, new ArrayList<>());
      for (int i = 0; pendants.get(true).size() < 3 || pendants.get(false).size() < 3; i++) {
        int resident = registry.resident("Resident " + i);
        List<String> side = pendants.get(owners.ownerOf(resident).equals(idA));
        if (side.size() < 3) {
          String uid = "pendant-" + i;
          registry.device(uid, DeviceKind.SOS_PENDANT, resident);
          side.add(uid);
        }
      }
      List<String> ofA = pendants.get(true);
      List<String> ofB = pendants.get(false);
      // Presses through b's CoAP port reach b's ingest, whichever node owns the resident.
      CoapConfig.register();
      UdpConfig.register();
      CoapEndpoint endpoint =
          CoapEndpoint.builder()
              .setConfiguration(Configuration.createStandardWithoutFile())
              .build();
      CoapClient coap = new CoapClient();
      coap.setEndpoint(endpoint);
      coap.setTimeout(10_000L);

      // and a district admin signed in on a, watching the live alerts on b with that session
      StaffFixture.User admin = new StaffFixture(db).districtAdmin();
      ApiClient onA = new ApiClient(httpA);
      assertThat(onA.login(admin.login(), admin.password()).status()).isEqualTo(200);
      Vertx vertx = Vertx.vertx();

      try (TestDevices devices = new TestDevices(broker.url());
          SseRecorder liveOnB =
              SseRecorder.open(vertx, httpB, onA.sessionCookie(), "/alerts/stream", null);
          SteadyLoad load =
              new SteadyLoad(
                  devices, "bed-c", MESSAGES, EVERY_MICROS, System.currentTimeMillis() - 60_000)) {
        // and readings flowing, and presses raised while both run: over MQTT through either
        // node's ingest, and through b's ingest for a resident that a owns
        assertThat(liveOnB.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= MESSAGES / 4);
        pressMqtt(devices, ofA.get(0));
        pressMqtt(devices, ofB.get(0));
        pressCoap(coap, coapB, ofA.get(1));
        awaitHelpRequested(db, ofA.get(0));
        awaitHelpRequested(db, ofB.get(0));
        awaitHelpRequested(db, ofA.get(1));
        // and b's live stream shows the alerts a raised for its residents
        long raisedOnA = sosAlertId(db, ofA.get(1));
        await("b's stream shows alert " + raisedOnA)
            .atMost(Duration.ofSeconds(10))
            .until(
                () -> liveOnB.events().stream().anyMatch(e -> e.json().getLong("id") == raisedOnA));

        // when node a dies for good, and residents of each node press SOS at that moment: over
        // MQTT, which the broker may share out to a's session, now offline, and through b's CoAP
        long killed = System.nanoTime();
        LocalTime killedAt = LocalTime.now();
        a.destroyForcibly().waitFor();
        pressMqtt(devices, ofA.get(2));
        pressMqtt(devices, ofB.get(1));
        pressCoap(coap, coapB, ofB.get(2));

        // then b takes over a's residents, and the presses at the kill are sent to a station
        awaitLine(logB, "among 1 node(s)", 1);
        long rebuilt = System.nanoTime();
        awaitHelpRequested(db, ofB.get(2));
        awaitHelpRequested(db, ofA.get(2));
        awaitHelpRequested(db, ofB.get(1));
        long helped = System.nanoTime();

        // and b adopts a's broker sessions: what the broker queued there is stored by b, and the
        // sessions are ended, so no reading waits for a's return
        await().atMost(Duration.ofSeconds(60)).until(() -> load.sent() == MESSAGES);
        await("every acknowledged reading stored, with a gone")
            .atMost(Duration.ofSeconds(60))
            .until(() -> Sql.count(db, "SELECT count(*) FROM reading") == 4L * MESSAGES);
        awaitLine(logB, "Adopted the broker sessions of node a", 1);
        String adoption = adoptionLine(logB);

        // and every acknowledged reading is there once
        assertThat(
                Sql.count(
                    db,
                    "SELECT count(*) FROM (SELECT DISTINCT device_id, metric, time FROM reading) d"))
            .isEqualTo(4L * MESSAGES);
        // and each press raised exactly one alert: none twice, none for a pendant not pressed
        List<String> pressed =
            List.of(ofA.get(0), ofA.get(1), ofA.get(2), ofB.get(0), ofB.get(1), ofB.get(2));
        for (String pendant : pressed) {
          assertThat(sosAlerts(db, pendant)).as(pendant).isEqualTo(1);
        }
        assertThat(Sql.count(db, "SELECT count(*) FROM alert WHERE kind = 'sos'"))
            .isEqualTo(pressed.size());
        Files.write(
            FIGURES,
            List.of(
                "kill -9 of a node to the survivor's shards rebuilt: %d ms"
                    .formatted(millis(killed, rebuilt)),
                "kill -9 to the help requests for the SOS presses at the kill: %d ms"
                    .formatted(millis(killed, helped)),
                "kill -9 to the dead node's broker sessions drained and ended by the survivor: %d ms"
                    .formatted(millisOfDay(killedAt, LocalTime.parse(adoption.substring(0, 12)))),
                "the survivor's log: " + adoption.substring(adoption.indexOf("Adopted")),
                "SOS presses %d, alerts %d; readings acknowledged %d, stored %d, lost 0, doubled 0"
                    .formatted(pressed.size(), pressed.size(), 4L * MESSAGES, 4L * MESSAGES)));
      } finally {
        coap.shutdown();
        endpoint.destroy();
        vertx.close();
      }
    }
  }

  private static void pressMqtt(TestDevices devices, String pendant) throws Exception {
    devices.publish("care/" + pendant + "/event", sos());
  }

  /** Presses through b's plain CoAP port; returns once b has stored the event (2.04). */
  private static void pressCoap(CoapClient coap, int port, String pendant) throws Exception {
    coap.setURI("coap://127.0.0.1:" + port + "/event?d=" + pendant);
    CoapResponse response = coap.post(sos(), MediaTypeRegistry.APPLICATION_JSON);
    assertThat(response).as("CoAP response for " + pendant).isNotNull();
    assertThat(response.getCode()).isEqualTo(ResponseCode.CHANGED);
  }

  private static String sos() {
    return "{\"ts\":%d,\"seq\":1,\"type\":\"sos\"}".formatted(System.currentTimeMillis());
  }

  /** Waits for the pendant's SOS alert to be sent to a station (state notified). */
  private static void awaitHelpRequested(HikariDataSource db, String pendant) {
    await("help requested for " + pendant)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                Sql.count(
                        db,
                        "SELECT count(*) FROM alert a JOIN device d ON d.id = a.device_id"
                            + " WHERE a.kind = 'sos' AND a.notified_at IS NOT NULL AND d.uid = '"
                            + pendant
                            + "'")
                    > 0);
  }

  private static long sosAlerts(HikariDataSource db, String pendant) {
    return Sql.count(
        db,
        "SELECT count(*) FROM alert a JOIN device d ON d.id = a.device_id"
            + " WHERE a.kind = 'sos' AND d.uid = '"
            + pendant
            + "'");
  }

  private static long sosAlertId(HikariDataSource db, String pendant) {
    return Sql.count(
        db,
        "SELECT a.id FROM alert a JOIN device d ON d.id = a.device_id"
            + " WHERE a.kind = 'sos' AND d.uid = '"
            + pendant
            + "'");
  }

  /** The survivor's own account of the adoption: when, sessions, messages and time taken. */
  private static String adoptionLine(Path log) throws IOException {
    return Files.readString(log)
        .lines()
        .filter(l -> l.contains("Adopted the broker sessions of node a"))
        .findFirst()
        .orElseThrow();
  }

  /** From one time of day to a later one, in ms: the nodes' log lines carry only the time. */
  private static long millisOfDay(LocalTime from, LocalTime to) {
    return Math.floorMod(Duration.between(from, to).toMillis(), Duration.ofDays(1).toMillis());
  }

  private static long millis(long from, long to) {
    return (to - from) / 1_000_000;
  }

  private static String memberId(Path log) throws IOException {
    Matcher m = MEMBER.matcher(Files.readString(log));
    assertThat(m.find()).as("member id in " + log).isTrue();
    return m.group(1);
  }

  /** Waits for the {@code nth} line with {@code text} in a node's log. */
  private static void awaitLine(Path log, String text, int nth) {
    // Generous: on a loaded machine a node JVM has taken over a minute to start its roles.
    await(text + " (" + nth + ") in " + log.getFileName())
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                Files.exists(log)
                    && Files.readString(log).lines().filter(l -> l.contains(text)).count() >= nth);
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private Process startNode(
      String name,
      int port,
      List<Integer> ports,
      int coapPort,
      int httpPort,
      DatabaseConfig database,
      TestMosquitto broker,
      Path log)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("CAREGRID_DATABASE_URL", database.url());
    env.put("CAREGRID_MQTT_URL", broker.url());
    env.put("CAREGRID_NODE_NAME", name);
    env.put("CAREGRID_INGEST_MQTT_SHARE_GROUP", "cluster");
    if (coapPort == 0) {
      env.put("CAREGRID_INGEST_COAP_ENABLED", "false");
    } else {
      env.put("CAREGRID_INGEST_COAP_HOST", "127.0.0.1");
      env.put("CAREGRID_INGEST_COAP_PORT", Integer.toString(coapPort));
      env.put("CAREGRID_INGEST_COAP_SECURE_PORT", "0");
      env.put("CAREGRID_INGEST_COAP_INSECURE", "true");
    }
    env.put("CAREGRID_HTTP_HOST", "127.0.0.1");
    env.put("CAREGRID_HTTP_PORT", Integer.toString(httpPort));
    env.put("CAREGRID_CLUSTER_ENABLED", "true");
    env.put("CAREGRID_CLUSTER_PORT", Integer.toString(port));
    env.put(
        "CAREGRID_CLUSTER_MEMBERS",
        String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList()));
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    JAR.toAbsolutePath().toString(),
                    "run",
                    "--roles",
                    "ingest,alerting,dashboard",
                    "--config",
                    dir.resolve("none.yaml").toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    nodes.add(p);
    return p;
  }
}
