package org.caregrid.bench.alerts;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.bench.district.BenchDistrict;
import org.caregrid.bench.rig.WallClock;

/**
 * Residents pressing their SOS pendants: {@code {"ts":...,"seq":0,"type":"sos"}} on {@code
 * care/{pendant}/event} at QoS 1, one press per resident, paced at a steady rate. One MQTT client
 * on an event loop of its own, apart from the background load, so a press is never queued behind
 * telemetry on the way out. Each press is written to the ledger just before it is published.
 */
final class SosPendants implements AutoCloseable {
  private static final int MAX_INFLIGHT = 1000;
  private static final int ACK_TIMEOUT_S = 30;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final MqttClient client;
  private final SosLedger ledger;
  private final Map<Integer, Integer> awaitingAck = new HashMap<>(); // packet id -> resident
  private final AtomicLong acked = new AtomicLong();

  SosPendants(String brokerUrl, SosLedger ledger) throws Exception {
    this.ledger = ledger;
    URI broker = URI.create(brokerUrl);
    client =
        MqttClient.create(
            vertx,
            new MqttClientOptions()
                .setClientId("bench-sos-" + UUID.randomUUID())
                .setCleanSession(true)
                .setMaxInflightQueue(MAX_INFLIGHT)
                .setAckTimeout(ACK_TIMEOUT_S));
    client.publishCompletionHandler(
        id -> {
          awaitingAck.remove(id);
          acked.incrementAndGet();
        });
    client.publishCompletionExpirationHandler(
        id -> {
          Integer resident = awaitingAck.remove(id);
          if (resident != null) {
            ledger.publishFailed(resident);
          }
        });
    client
        .connect(broker.getPort(), broker.getHost())
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  long acked() {
    return acked.get();
  }

  /**
   * Presses each resident's pendant once, in order, {@code perSecond} presses a second in all;
   * returns when the last one is published.
   *
   * @param measured whether these presses count for latency (false while warming up)
   */
  void press(List<Integer> residents, double perSecond, boolean measured) throws Exception {
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> pace(residents, perSecond, measured, done));
    done.future()
        .toCompletionStage()
        .toCompletableFuture()
        .get((long) (residents.size() / perSecond) + 60, TimeUnit.SECONDS);
  }

  /** Every millisecond, presses what is due by now. */
  private void pace(
      List<Integer> residents, double perSecond, boolean measured, Promise<Void> done) {
    long start = System.nanoTime();
    int[] next = {0};
    vertx.setPeriodic(
        1,
        timer -> {
          long due =
              Math.min(
                  residents.size(), 1 + (long) ((System.nanoTime() - start) / 1e9 * perSecond));
          while (next[0] < due) {
            publish(residents.get(next[0]++), measured);
          }
          if (next[0] == residents.size()) {
            vertx.cancelTimer(timer);
            done.complete();
          }
        });
  }

  private void publish(int resident, boolean measured) {
    long epochMicros = WallClock.micros();
    String payload = "{\"ts\":" + epochMicros / 1000 + ",\"seq\":0,\"type\":\"sos\"}";
    ledger.pressed(resident, System.nanoTime(), epochMicros, measured);
    client
        .publish(
            "care/" + BenchDistrict.pendant(resident) + "/event",
            Buffer.buffer(payload),
            MqttQoS.AT_LEAST_ONCE,
            false,
            false)
        .onSuccess(id -> awaitingAck.put(id, resident))
        .onFailure(e -> ledger.publishFailed(resident));
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
