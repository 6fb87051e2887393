package org.caregrid.testing;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A device as firmware behaves through a broker restart: a persistent session, automatic reconnect,
 * and each QoS 1 message sent again until the broker acknowledges it.
 */
public final class ResumingDevice implements AutoCloseable {
  private final MqttAsyncClient client;
  private final AtomicInteger resends = new AtomicInteger();

  public ResumingDevice(String brokerUrl) throws MqttException {
    client = new MqttAsyncClient(brokerUrl, "it-dev-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(false);
    options.setSessionExpiryInterval(600L);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 2);
    client.connect(options).waitForCompletion(10_000);
  }

  /** Publishes at QoS 1 and returns once acknowledged, sending again after a lost connection. */
  public void publish(String topic, String payload) throws MqttException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (true) {
      try {
        if (!client.isConnected()) {
          await().atMost(Duration.ofSeconds(30)).until(client::isConnected);
        }
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message).waitForCompletion(5_000);
        return;
      } catch (MqttException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        resends.incrementAndGet();
      }
    }
  }

  /** Messages sent again because no acknowledgement came: the restart hit them in flight. */
  public int resends() {
    return resends.get();
  }

  @Override
  public void close() throws MqttException {
    client.disconnect().waitForCompletion(5_000);
    client.close();
  }
}
