package org.caregrid.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.search.Search;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.caregrid.core.bus.Addresses;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.event.EventBatch;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events have a broker connection of their own: an SOS reaches alerting while every telemetry
 * connection is full of readings waiting for the database, also when the telemetry connection's
 * persisted session still holds a subscription to events from an earlier version.
 */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class EventConnectionIT {
  private static final int WINDOW = 5;
  private static final int PRESSES = 10;

  @Test
  void anSosGetsThroughWhileTelemetryWaitsForTheDatabase(Vertx vertx) throws Exception {
    MqttConfig broker = TestServices.broker();
    String unique = UUID.randomUUID().toString().substring(0, 8);
    IngestConfig.Mqtt mqtt =
        new IngestConfig.Mqtt(1, "ev-" + unique, "ev" + unique, WINDOW, Duration.ofMinutes(2));
    // given a session left by a version that took events on its telemetry connection
    leaveSessionSubscribedToEvents(broker, mqtt, "ev-" + unique + "-test-0");

    try (TestNode node = TestNode.start(vertx, TestServices.freshDatabase());
        TestDevices devices = new TestDevices(broker.url())) {
      RegistryFixture registry = new RegistryFixture(node.dataSource());
      int resident = registry.resident("Zhao Min");
      registry.device("bed-ev", DeviceKind.CARE_BED, resident);
      for (int i = 0; i < PRESSES; i++) {
        registry.device("pendant-ev" + i, DeviceKind.SOS_PENDANT, resident);
      }
      Set<String> announced = ConcurrentHashMap.newKeySet();
      vertx
          .eventBus()
          .<EventBatch>localConsumer(
              Addresses.EVENTS, m -> announced.add(m.body().device().id().value()));
      IngestRole ingest =
          new IngestRole(
              node.node(),
              broker,
              IngestConfig.defaults()
                  .withMqtt(mqtt)
                  .withCoap(IngestConfig.defaults().coap().disabled()));
      ingest.start().toCompletionStage().toCompletableFuture().get();
      try {
        pressWhileTelemetryWaits(node, devices, announced);
      } finally {
        ingest.stop().toCompletionStage().toCompletableFuture().get();
      }
    }
  }

  private static void pressWhileTelemetryWaits(
      TestNode node, TestDevices devices, Set<String> announced) throws Exception {
    try (Connection holder = node.dataSource().getConnection();
        Statement s = holder.createStatement()) {
      // and telemetry that cannot commit, more of it than the telemetry window holds
      holder.setAutoCommit(false);
      s.execute("LOCK TABLE reading IN EXCLUSIVE MODE");
      long t0 = System.currentTimeMillis() - 60_000;
      for (int i = 0; i < 4 * WINDOW; i++) {
        devices.publish("care/bed-ev/telemetry", telemetry(t0 + i, i));
      }
      // the telemetry connection takes no more: its window is full, or (HiveMQ CE) the broker
      // holds the rest until it acknowledges (TestServices.inFlightWithoutAcks)
      int stuck = TestServices.inFlightWithoutAcks(WINDOW);
      await().atMost(Duration.ofSeconds(10)).until(() -> unacked(node) >= stuck);

      // when residents press their pendants
      for (int i = 0; i < PRESSES; i++) {
        devices.publish("care/pendant-ev" + i + "/event", sos(t0 + i));
      }

      // then every press reaches alerting and is stored while the readings still wait
      await().atMost(Duration.ofSeconds(10)).until(() -> announced.size() == PRESSES);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> Sql.count(node.dataSource(), "SELECT count(*) FROM device_event") == PRESSES);
      assertThat(Sql.count(node.dataSource(), "SELECT count(*) FROM reading")).isZero();
      holder.commit();
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM reading") == 16L * WINDOW);
  }

  /** Subscribes to events in the share group under the telemetry connection's id, and leaves. */
  private static void leaveSessionSubscribedToEvents(
      MqttConfig broker, IngestConfig.Mqtt mqtt, String clientId) throws Exception {
    MqttAsyncClient earlier = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(mqtt.sessionExpiry().toSeconds());
    earlier.connect(options).waitForCompletion(10_000);
    earlier.subscribe("$share/" + mqtt.shareGroup() + "/care/+/event", 1).waitForCompletion(10_000);
    earlier.disconnect().waitForCompletion(10_000);
    earlier.close();
  }

  private static double unacked(TestNode node) {
    return Search.in(node.meters()).name("caregrid.ingest.unacked.messages").gauge().value();
  }

  private static String telemetry(long ts, int seq) {
    return "{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":70,\"rr\":14,\"in_bed\":1,\"movement\":3}}"
        .formatted(ts, seq);
  }

  private static String sos(long ts) {
    return "{\"ts\":%d,\"seq\":1,\"type\":\"sos\"}".formatted(ts);
  }
}
