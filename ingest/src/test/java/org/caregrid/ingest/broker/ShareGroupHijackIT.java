package org.caregrid.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.device.DeviceCredentials;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.IngestRole;
import org.caregrid.testing.BrokerLogin;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production broker (deploy/mosquitto with the file of {@code caregrid broker-auth}) lets no
 * enrolled device take part in a subscription it may not read: a hostile device asks for every
 * share group and wildcard there is while others publish through ingest, and every message reaches
 * the database while the hostile device receives nothing. On Mosquitto 2.0's acl_file a device in
 * ingest's share group took its turn of the messages, which the broker then dropped.
 */
@ExtendWith(VertxExtension.class)
@Timeout(180)
class ShareGroupHijackIT {
  private static final String PLATFORM = "caregrid";
  private static final String PLATFORM_PASSWORD = "platform-secret";
  private static final String HOSTILE = "bed-hostile";
  private static final int BEDS = 10;
  private static final int READINGS_PER_BED = 1_000;
  private static final int PENDANTS = 10;
  private static final int EVENTS_PER_PENDANT = 100;

  /** Every filter that could reach another's messages: share groups, wildcards, others' topics. */
  private static final List<String> HOSTILE_FILTERS =
      List.of(
          "$share/ingest/care/+/telemetry",
          "$share/ingest/care/+/event",
          "$share/ingest/care/+/status",
          "$share/ingest/care/#",
          "$share/ingest/#",
          "$share/ingest/+/+/+",
          "$share/ingest/care/bed-0/telemetry",
          "$share/ingest/care/" + HOSTILE + "/telemetry",
          "$share/ingest/care/" + HOSTILE + "/cmd",
          "$share/other/care/+/telemetry",
          "$share/other/care/+/event",
          "$share/other/#",
          "care/#",
          "#",
          "+/+/+",
          "care/+/telemetry",
          "care/+/event",
          "care/+/status",
          "care/+/cmd",
          "care/+/+",
          "care/bed-0/telemetry",
          "care/pendant-0/event",
          "care/bed-0/#",
          "care/bed-0/cmd",
          "care/" + HOSTILE + "/telemetry",
          "care/" + HOSTILE + "/#",
          "care/stations/#",
          "care/stations/+/alerts",
          "$SYS/#",
          "$CONTROL/#");

  @TempDir Path dir;

  @Test
  void noDeviceTakesPartInASubscriptionItMayNotRead(Vertx vertx) throws Exception {
    try (TestNode node = TestNode.start(vertx, TestServices.freshDatabase())) {
      // given: devices enrolled with passwords, the broker started on the exported file
      RegistryFixture registry = new RegistryFixture(node.dataSource());
      int resident = registry.resident("Sun Li");
      Map<String, String> secrets = new LinkedHashMap<>();
      for (String uid : deviceIds()) {
        DeviceCredentials credentials = DeviceCredentials.issue(new DeviceId(uid));
        DeviceKind kind = uid.startsWith("pendant") ? DeviceKind.SOS_PENDANT : DeviceKind.CARE_BED;
        registry.device(uid, kind, resident, credentials.hash());
        secrets.put(uid, credentials.secret());
      }
      new BrokerAuthExport(node.dataSource(), PLATFORM, PLATFORM_PASSWORD)
          .writeTo(dir.resolve("auth"));
      try (TestMosquitto broker = TestMosquitto.startDeployed(dir, dir.resolve("auth"));
          BrokerLogin hostile = new BrokerLogin(broker.url(), HOSTILE, secrets.get(HOSTILE));
          BrokerLogin platform = new BrokerLogin(broker.url(), PLATFORM, PLATFORM_PASSWORD)) {
        IngestRole ingest = ingest(node, broker);
        try {
          // when the hostile device asks for everything, then the others publish
          Map<String, Integer> answers = new LinkedHashMap<>();
          HOSTILE_FILTERS.forEach(filter -> answers.put(filter, hostile.subscribe(filter)));
          assertThat(hostile.subscribe("care/" + HOSTILE + "/cmd")).isEqualTo(1);
          publishEverything(broker.url(), secrets);

          // then every message is stored...
          await()
              .atMost(Duration.ofSeconds(90))
              .untilAsserted(
                  () ->
                      assertThat(
                              List.of(
                                  Sql.count(node.dataSource(), "SELECT count(*) FROM reading"),
                                  Sql.count(
                                      node.dataSource(), "SELECT count(*) FROM device_event")))
                          .containsExactly(
                              (long) BEDS * READINGS_PER_BED,
                              (long) PENDANTS * EVENTS_PER_PENDANT));
          // ...and the hostile device received only its own command, sent after all of them
          assertThat(platform.publish("care/" + HOSTILE + "/cmd", "marker")).isZero();
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> hostile.received().contains("care/" + HOSTILE + "/cmd marker"));
          assertThat(hostile.received()).containsExactly("care/" + HOSTILE + "/cmd marker");
          // and it was told so at SUBSCRIBE, so it never joined a group
          assertThat(answers).allSatisfy((f, code) -> assertThat(code).as(f).isEqualTo(0x87));
        } finally {
          ingest.stop().toCompletionStage().toCompletableFuture().get();
        }
      }
    }
  }

  private static List<String> deviceIds() {
    List<String> ids = new ArrayList<>();
    IntStream.range(0, BEDS).forEach(i -> ids.add("bed-" + i));
    IntStream.range(0, PENDANTS).forEach(i -> ids.add("pendant-" + i));
    ids.add(HOSTILE);
    return ids;
  }

  private static IngestRole ingest(TestNode node, TestMosquitto broker) throws Exception {
    IngestRole ingest =
        new IngestRole(
            node.node(),
            new MqttConfig(broker.url(), PLATFORM, PLATFORM_PASSWORD),
            IngestConfig.defaults().withCoap(IngestConfig.defaults().coap().disabled()));
    ingest.start().toCompletionStage().toCompletableFuture().get();
    return ingest;
  }

  /** Each bed and pendant on its own connection, all at once. */
  private static void publishEverything(String url, Map<String, String> secrets) throws Exception {
    long t0 = System.currentTimeMillis() - Duration.ofMinutes(30).toMillis();
    ExecutorService pool = Executors.newFixedThreadPool(BEDS + PENDANTS);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int b = 0; b < BEDS; b++) {
        String uid = "bed-" + b;
        List<String> payloads =
            IntStream.range(0, READINGS_PER_BED)
                .mapToObj(
                    i -> "{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":72}}".formatted(t0 + i * 100L, i))
                .toList();
        done.add(pool.submit(() -> publish(url, uid, secrets.get(uid), "telemetry", payloads)));
      }
      for (int p = 0; p < PENDANTS; p++) {
        String uid = "pendant-" + p;
        List<String> payloads =
            IntStream.range(0, EVENTS_PER_PENDANT)
                .mapToObj(
                    i -> "{\"ts\":%d,\"seq\":%d,\"type\":\"sos\"}".formatted(t0 + i * 1000L, i))
                .toList();
        done.add(pool.submit(() -> publish(url, uid, secrets.get(uid), "event", payloads)));
      }
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static Void publish(
      String url, String uid, String secret, String channel, List<String> payloads)
      throws Exception {
    try (BrokerLogin device = new BrokerLogin(url, uid, secret)) {
      device.publishAll("care/" + uid + "/" + channel, payloads);
    }
    return null;
  }
}
