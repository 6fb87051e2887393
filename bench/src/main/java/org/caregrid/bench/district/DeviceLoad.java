package org.caregrid.bench.district;

import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load generator: {@code connections} MQTT clients publishing compact-JSON telemetry of 4
 * readings per message (as a care bed sends it) for a pool of devices, at a paced total rate, QoS
 * 1. It runs on one event loop (Vert.x MQTT client), so it takes at most one core from the broker,
 * database and platform it shares the machine with. Each message carries its publish time, so
 * ingest measures publish-to-commit.
 */
public final class DeviceLoad implements AutoCloseable {
  private static final int MAX_INFLIGHT = 1000;

  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final List<MqttClient> clients = new ArrayList<>();
  private final int[] inflight;
  private final List<String> devices;
  private final Message message;
  private final long[] lastTs;
  private final long[] seq;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong acked = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /** What a device of the load publishes: its channel and the payload of its next message. */
  public enum Message {
    /** Care-bed telemetry ({@link BedTelemetry}). */
    TELEMETRY("telemetry") {
      @Override
      String payload(long ts, long seq) {
        return BedTelemetry.json(ts, seq);
      }
    },
    /** {@code online}, as a device says on connecting or as a pendant's check-in. */
    ONLINE("status") {
      @Override
      String payload(long ts, long seq) {
        return "online";
      }
    };

    private final String channel;

    Message(String channel) {
      this.channel = channel;
    }

    abstract String payload(long ts, long seq);
  }

  public DeviceLoad(String brokerUrl, int connections, List<String> devices) throws Exception {
    this(brokerUrl, connections, devices, Message.TELEMETRY);
  }

  public DeviceLoad(String brokerUrl, int connections, List<String> devices, Message message)
      throws Exception {
    this.devices = devices;
    this.message = message;
    this.lastTs = new long[devices.size()];
    this.seq = new long[devices.size()];
    this.inflight = new int[connections];
    URI broker = URI.create(brokerUrl);
    for (int i = 0; i < connections; i++) {
      int index = i;
      MqttClient c =
          MqttClient.create(
              vertx,
              new MqttClientOptions()
                  .setClientId("bench-load-" + i + "-" + UUID.randomUUID())
                  .setCleanSession(true)
                  .setMaxInflightQueue(MAX_INFLIGHT));
      c.publishCompletionHandler(
          id -> {
            inflight[index]--;
            acked.incrementAndGet();
          });
      c.connect(broker.getPort(), broker.getHost())
          .toCompletionStage()
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      clients.add(c);
    }
  }

  public long acked() {
    return acked.get();
  }

  public long failed() {
    return failed.get();
  }

  /**
   * Publishes for {@code seconds} at {@code perSecond} messages in total (0: as fast as the broker
   * takes them), then waits for the last acknowledgements. Returns messages acknowledged.
   */
  public long run(double perSecond, int seconds) throws Exception {
    return run(perSecond, seconds, Long.MAX_VALUE);
  }

  /** Publishes one message from each device, as fast as the broker takes them. */
  public long sendEach() throws Exception {
    return run(0, 3600, devices.size());
  }

  private long run(double perSecond, int seconds, long limit) throws Exception {
    long before = acked.get();
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> pace(perSecond, seconds, limit, done));
    done.future().toCompletionStage().toCompletableFuture().get(seconds + 60L, TimeUnit.SECONDS);
    await("last acknowledgements")
        .atMost(Duration.ofSeconds(60))
        .until(() -> acked.get() + failed.get() >= published.get());
    return acked.get() - before;
  }

  /** Every millisecond, sends what is due by now, round-robin over the connections. */
  private void pace(double perSecond, int seconds, long limit, Promise<Void> done) {
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    long[] sent = {0};
    int[] device = {0};
    vertx.setPeriodic(
        1,
        timer -> {
          long now = System.nanoTime();
          if (now >= end || sent[0] >= limit) {
            vertx.cancelTimer(timer);
            done.complete();
            return;
          }
          long due = perSecond <= 0 ? Long.MAX_VALUE : (long) ((now - start) / 1e9 * perSecond);
          while (sent[0] < Math.min(due, limit)) {
            int client = freeClient(device[0]);
            if (client < 0) {
              return; // the broker has not caught up: try again next tick
            }
            publish(client, device[0]);
            sent[0]++;
            device[0] = (device[0] + 1) % devices.size();
          }
        });
  }

  /**
   * The device's connection if it has room, else the next that has, or -1: every device takes its
   * turn, so one send to each reaches every device.
   */
  private int freeClient(int device) {
    for (int i = 0; i < clients.size(); i++) {
      int client = (device + i) % clients.size();
      if (inflight[client] < MAX_INFLIGHT) {
        return client;
      }
    }
    return -1;
  }

  private void publish(int client, int device) {
    long ts = Math.max(System.currentTimeMillis(), lastTs[device] + 1);
    lastTs[device] = ts;
    long s = seq[device]++;
    String payload = message.payload(ts, s);
    inflight[client]++;
    published.incrementAndGet();
    clients
        .get(client)
        .publish(
            "care/" + devices.get(device) + "/" + message.channel,
            Buffer.buffer(payload),
            MqttQoS.AT_LEAST_ONCE,
            false,
            false)
        .onFailure(
            e -> {
              inflight[client]--;
              failed.incrementAndGet();
            });
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
