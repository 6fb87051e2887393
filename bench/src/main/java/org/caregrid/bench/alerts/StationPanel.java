package org.caregrid.bench.alerts;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.bench.district.BenchDistrict;
import org.caregrid.bench.rig.WallClock;

/**
 * A station panel listening for help requests on every station's topic, {@code
 * care/stations/+/alerts}, at QoS 1: it notes the arrival time first, then reads the alert, the
 * resident and the routing step from the JSON and hands them to the ledger. One MQTT client on an
 * event loop of its own. It also hears the pendants' own messages ({@code care/+/event}) straight
 * from the broker: the machine's floor for a press to reach a subscriber, measured alongside.
 */
public final class StationPanel implements AutoCloseable {
  static final String TOPIC = "care/stations/+/alerts";
  private static final String PRESSES = "care/+/event";

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();

  private final MqttClient client;
  private final URI broker;
  private volatile boolean closing;

  /**
   * Connects with a persistent session: through a broker restart (persistence on) the subscription
   * and the help requests queued for it are kept, and the panel connects again on its own.
   */
  public StationPanel(String brokerUrl, SosLedger ledger) throws Exception {
    broker = URI.create(brokerUrl);
    client =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId("bench-station-" + UUID.randomUUID())
                .setCleanSession(false));
    client.publishHandler(
        m -> {
          long nanos = System.nanoTime();
          long epochMicros = WallClock.micros();
          if (!m.topicName().startsWith("care/stations/")) {
            ledger.passedThrough(BenchDistrict.residentOfPendant(m.topicName()), nanos);
            return;
          }
          received.incrementAndGet();
          try {
            JsonObject r = m.payload().toJsonObject();
            ledger.received(
                r.getJsonObject("resident").getInteger("id"),
                r.getLong("alert_id"),
                r.getInteger("step"),
                nanos,
                epochMicros);
          } catch (RuntimeException e) {
            unreadable.incrementAndGet();
          }
        });
    Promise<Void> subscribed = Promise.promise();
    client.subscribeCompletionHandler(ack -> subscribed.tryComplete());
    client
        .connect(broker.getPort(), broker.getHost())
        .compose(
            ack ->
                client.subscribe(
                    Map.of(
                        TOPIC, MqttQoS.AT_LEAST_ONCE.value(),
                        PRESSES, MqttQoS.AT_LEAST_ONCE.value())))
        .compose(id -> subscribed.future())
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    client.closeHandler(v -> reconnect());
  }

  /** Tries again every 500 ms until the broker is back; its session holds the subscription. */
  private void reconnect() {
    if (closing) {
      return;
    }
    client
        .connect(broker.getPort(), broker.getHost())
        .onFailure(e -> vertx.setTimer(500, t -> reconnect()));
  }

  /** Help requests received, of every step. */
  public long received() {
    return received.get();
  }

  /** Messages on the topic that were not a help request as the README describes it. */
  public long unreadable() {
    return unreadable.get();
  }

  @Override
  public void close() {
    closing = true;
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
