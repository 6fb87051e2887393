package org.caregrid.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.metrics.MicrometerIngestMetrics;
import org.caregrid.ingest.pipeline.Inbound;
import org.caregrid.ingest.pipeline.Pipeline;
import org.caregrid.ingest.pipeline.Refusals;
import org.caregrid.ingest.rejection.RejectionLog;
import org.caregrid.testing.TestMosquitto;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dead node's persistent session in Mosquitto's share group, adopted by a survivor: what it
 * queued is taken and the session ended, or, when the node comes back meanwhile, left to it.
 */
@Timeout(60)
class AdoptedSessionIT {
  private static final String DEAD = "caregrid-ingest-a-0";
  private static final String FILTER = "$share/ingest/care/+/telemetry";
  private static final IngestConfig.Mqtt CONFIG = IngestConfig.defaults().mqtt();

  @TempDir Path dir;
  private final Vertx vertx = Vertx.vertx();
  private final Set<String> stored = ConcurrentHashMap.newKeySet();
  private TestMosquitto broker;
  private MqttClient device;

  @BeforeEach
  void setUp() throws Exception {
    broker = TestMosquitto.start(dir);
    device = client("bed-1", true);
  }

  @AfterEach
  void tearDown() throws Exception {
    device.disconnect();
    device.close();
    vertx.close().await();
    broker.close();
  }

  @Test
  void theQueueOfADeadMembersSessionIsStoredAndTheSessionEndsSoNoTurnGoesThereAgain()
      throws Exception {
    // given a live member and a dead one in the share group, and readings published since
    Set<String> live = ConcurrentHashMap.newKeySet();
    MqttClient survivor = client("caregrid-ingest-b-0", false);
    survivor.setCallback(new Collect(live));
    survivor.subscribe(FILTER, 1);
    leaveOffline(DEAD);
    publish(0, 20);
    await().atMost(Duration.ofSeconds(10)).until(() -> live.size() > 0 && live.size() < 20);

    // when the survivor adopts the dead member's session
    AdoptedSession adopted = adopt(this::store);
    AdoptedSession.Outcome outcome = adopted.ended().await();

    // then it stored what waited there, every reading was taken once, and the session is gone
    assertThat(outcome.takenBack()).isFalse();
    assertThat(outcome.messages()).isEqualTo(20 - live.size());
    assertThat(stored).hasSize(outcome.messages()).doesNotContainAnyElementsOf(live);
    publish(20, 30);
    await().atMost(Duration.ofSeconds(10)).until(() -> live.size() + stored.size() == 30);
    assertThat(stored).hasSize(outcome.messages());
    MqttClient again = client(DEAD, false, false);
    assertThat(connect(again, false).getSessionPresent())
        .as("the dead member's session still there")
        .isFalse();
    again.disconnect();
    again.close();
    survivor.disconnect();
    survivor.close();
  }

  @Test
  void whenTheDeadNodeComesBackTheBrokerGivesItItsSessionAndTheAdopterStops() throws Exception {
    // given a dead member's session holding readings, adopted by a node whose commits are slow
    leaveOffline(DEAD);
    publish(0, 10);
    AtomicInteger handed = new AtomicInteger();
    AdoptedSession adopted =
        adopt(
            msg -> {
              handed.incrementAndGet();
              return Promise.<Void>promise().future();
            });
    await().atMost(Duration.ofSeconds(10)).until(() -> handed.get() > 0);

    // when the node comes back under its name
    Set<String> back = ConcurrentHashMap.newKeySet();
    MqttClient returned = client(DEAD, false, false);
    returned.setCallback(new Collect(back));
    connect(returned, false);

    // then the adopter stops, having acknowledged nothing (Mosquitto 2.0 closes its connection
    // without saying why, so its adoption ends as broken off), and the node gets every reading
    await().atMost(Duration.ofSeconds(10)).until(() -> adopted.ended().isComplete());
    assertThat(adopted.ended().failed() || adopted.ended().result().takenBack())
        .as("the adoption ended as taken back or broken off: " + adopted.ended())
        .isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> back.size() == 10);
    // and the adopter does not reconnect to take the session again
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(returned::isConnected);
    returned.disconnect();
    returned.close();
  }

  private AdoptedSession adopt(Pipeline telemetry) {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AdoptedSession session =
        new AdoptedSession(
            new MqttConfig(broker.url(), "", ""),
            CONFIG,
            DEAD,
            Map.of(CareTopic.Channel.TELEMETRY, telemetry),
            new AtomicInteger(),
            new Refusals(
                16 * 1024,
                new RejectionLog(vertx, null, null, 0),
                new MicrometerIngestMetrics(meters)));
    vertx.deployVerticle(session).await();
    return session;
  }

  private Future<Void> store(Inbound msg) {
    stored.add(text(msg.payload()));
    return Future.succeededFuture();
  }

  /** A member's session with the shared subscription, left offline as a killed node leaves it. */
  private void leaveOffline(String clientId) throws MqttException {
    MqttClient member = client(clientId, false);
    member.subscribe(FILTER, 1);
    member.disconnect();
    member.close();
  }

  private void publish(int from, int to) throws MqttException {
    for (int i = from; i < to; i++) {
      device.publish(
          "care/bed-1/telemetry",
          ("{\"ts\":" + (1_764_460_800_000L + i) + ",\"seq\":" + i + ",\"m\":{\"hr\":72}}")
              .getBytes(StandardCharsets.UTF_8),
          1,
          false);
    }
  }

  private MqttClient client(String clientId, boolean cleanStart) throws MqttException {
    return client(clientId, cleanStart, true);
  }

  private MqttClient client(String clientId, boolean cleanStart, boolean connect)
      throws MqttException {
    MqttClient c = new MqttClient(broker.url(), clientId, new MemoryPersistence());
    if (connect) {
      connect(c, cleanStart);
    }
    return c;
  }

  private static IMqttToken connect(MqttClient c, boolean cleanStart) throws MqttException {
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(cleanStart);
    o.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
    return c.connectWithResult(o);
  }

  private static String text(byte[] payload) {
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** Keeps each message's payload; Paho acknowledges it when this returns. */
  private static final class Collect implements MqttCallback {
    private final Set<String> into;

    Collect(Set<String> into) {
      this.into = into;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      into.add(text(message.getPayload()));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {}

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
