package org.caregrid.bench.ha;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * One MQTT 5 connection that publishes as the device contract asks (README "Deployment and
 * failover"): a persistent session with automatic reconnect, so that what was in flight at a broker
 * restart is sent again, and every QoS 1 message answered with PUBACK 0x10 (no subscriber matched:
 * ingest had not subscribed again yet) kept and sent again after 100 ms. A message counts as taken
 * only on a plain PUBACK. Messages wait in a queue of this publisher's own while the connection is
 * down or its in-flight window is full; one thread drains it.
 */
final class ResumingPublisher implements AutoCloseable {
  /** MQTT 5 PUBACK reason: the broker accepted the message but no subscription matched it. */
  private static final int NO_MATCHING_SUBSCRIBERS = 0x10;

  private static final long UNTAKEN_BACKOFF_MILLIS = 100;
  private static final int MAX_INFLIGHT = 1000;

  /** Told once a message has been taken, on Paho's callback thread. */
  interface Taken {
    void taken();
  }

  /** One message; Paho may report it both failed and, after a resend, acknowledged. */
  private record Pending(String topic, byte[] payload, Taken taken, AtomicBoolean done) {
    void acknowledged() {
      if (done.compareAndSet(false, true)) {
        taken.taken();
      }
    }
  }

  private final MqttAsyncClient client;
  private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
  private final Queue<Pending> queue = new ArrayDeque<>(); // only on the sender thread
  private final AtomicLong untaken = new AtomicLong();
  private final AtomicLong inflight = new AtomicLong();

  ResumingPublisher(String brokerUrl, String clientPrefix) throws MqttException {
    client =
        new MqttAsyncClient(
            brokerUrl, clientPrefix + "-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(3600L);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 2);
    options.setReceiveMaximum(MAX_INFLIGHT);
    client.connect(options).waitForCompletion(10_000);
    sender.scheduleWithFixedDelay(this::drain, 1, 1, TimeUnit.MILLISECONDS);
  }

  /** Queues a QoS 1 message; {@code taken} runs once a plain PUBACK came for it. */
  void publish(String topic, String payload, Taken taken) {
    Pending p =
        new Pending(topic, payload.getBytes(StandardCharsets.UTF_8), taken, new AtomicBoolean());
    sender.execute(() -> queue.add(p));
  }

  /** PUBACKs with 0x10: each message was kept and sent again. */
  long untaken() {
    return untaken.get();
  }

  private void drain() {
    while (!queue.isEmpty() && client.isConnected() && inflight.get() < MAX_INFLIGHT) {
      Pending p = queue.peek();
      MqttMessage message = new MqttMessage(p.payload());
      message.setQos(1);
      try {
        client.publish(p.topic(), message, null, listener(p));
        inflight.incrementAndGet();
        queue.poll();
      } catch (MqttException e) {
        return; // the window is full or the connection went: try again next tick
      }
    }
  }

  private MqttActionListener listener(Pending p) {
    return new MqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        inflight.decrementAndGet();
        int[] codes = token.getReasonCodes();
        if (codes != null && codes.length > 0 && codes[0] == NO_MATCHING_SUBSCRIBERS) {
          untaken.incrementAndGet();
          sender.schedule(() -> queue.add(p), UNTAKEN_BACKOFF_MILLIS, TimeUnit.MILLISECONDS);
        } else {
          p.acknowledged();
        }
      }

      @Override
      public void onFailure(IMqttToken token, Throwable e) {
        // Paho keeps a persistent session's in-flight messages and sends them again on
        // reconnect; a message it gave up on is queued again here.
        inflight.decrementAndGet();
        if (!p.done().get()) {
          sender.execute(() -> queue.add(p));
        }
      }
    };
  }

  @Override
  public void close() throws MqttException {
    sender.shutdownNow();
    try {
      client.disconnect().waitForCompletion(5_000);
    } catch (MqttException e) {
      // closing anyway
    }
    client.close(true);
  }
}
