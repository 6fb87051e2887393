package org.caregrid.testing;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A device as firmware behaves through a broker restart: a persistent session, automatic reconnect,
 * and each QoS 1 message sent again until the broker acknowledges it as taken. A PUBACK with reason
 * 0x10 (no matching subscribers) is not taken: no ingest session held the subscription, and the
 * broker dropped the message, so the device keeps it and sends it again (README "Deployment and
 * failover").
 */
public final class ResumingDevice implements AutoCloseable {
  /** MQTT 5 PUBACK reason: the broker accepted the message but no subscription matched it. */
  public static final int NO_MATCHING_SUBSCRIBERS = 0x10;

  /** How long firmware waits before sending a message nobody took: a broker's reconnect time. */
  private static final long UNTAKEN_BACKOFF_MILLIS = 100;

  private final MqttAsyncClient client;
  private final AtomicInteger resends = new AtomicInteger();
  private final AtomicInteger untaken = new AtomicInteger();

  public ResumingDevice(String brokerUrl) throws MqttException {
    client = new MqttAsyncClient(brokerUrl, "it-dev-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(600L);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 2);
    client.connect(options).waitForCompletion(10_000);
  }

  /**
   * Publishes at QoS 1 and returns once a subscriber took it, sending again after a lost connection
   * or a PUBACK that says no subscription matched.
   */
  public void publish(String topic, String payload) throws MqttException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        if (!client.isConnected()) {
          await().atMost(Duration.ofSeconds(30)).until(client::isConnected);
        }
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        IMqttToken token = client.publish(topic, message);
        token.waitForCompletion(5_000);
        if (!untaken(token)) {
          return;
        }
        untaken.incrementAndGet();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no subscriber took a message on " + topic + " in 60 s");
        }
        // Firmware's back-off before sending it again, not a test waiting for a condition.
        TimeUnit.MILLISECONDS.sleep(UNTAKEN_BACKOFF_MILLIS);
      } catch (MqttException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        resends.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while holding a message for " + topic, e);
      }
    }
  }

  private static boolean untaken(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    return codes != null && codes.length > 0 && codes[0] == NO_MATCHING_SUBSCRIBERS;
  }

  /** Messages sent again because no acknowledgement came: the restart hit them in flight. */
  public int resends() {
    return resends.get();
  }

  /** PUBACKs that said no subscription matched: each message was kept and sent again. */
  public int untaken() {
    return untaken.get();
  }

  @Override
  public void close() throws MqttException {
    client.disconnect().waitForCompletion(5_000);
    client.close();
  }
}
