package org.caregrid.testing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A plain Paho client publishing as devices do, one message at a time, for integration tests. */
public final class TestDevices implements AutoCloseable {
  private final MqttAsyncClient client;

  public TestDevices(String brokerUrl) throws MqttException {
    client = new MqttAsyncClient(brokerUrl, "it-pub-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setReceiveMaximum(65535);
    client.connect(options).waitForCompletion(10_000);
  }

  public IMqttToken publish(String topic, String payload) throws MqttException {
    return publish(topic, payload.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Publishes at QoS 1 and returns once the broker has acknowledged (PUBACK). Paho can report its
   * in-flight window full for a moment after the previous PUBACK; that is retried, within 10 s.
   */
  public IMqttToken publish(String topic, byte[] payload) throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    return publishAcknowledged(topic, message);
  }

  private IMqttToken publishAcknowledged(String topic, MqttMessage message) throws MqttException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        IMqttToken token = client.publish(topic, message);
        token.waitForCompletion(10_000);
        return token;
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
            || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }

  /**
   * Removes what is retained on {@code topic}, as a test that let devices publish retained status
   * to a shared broker must: Mosquitto 2.0 hands retained messages to shared subscriptions too, so
   * the next test's ingest would receive them.
   */
  public void clearRetained(String topic) throws MqttException {
    MqttMessage empty = new MqttMessage(new byte[0]);
    empty.setQos(1);
    empty.setRetained(true);
    publishAcknowledged(topic, empty);
  }

  @Override
  public void close() throws MqttException {
    client.disconnect().waitForCompletion(5_000);
    client.close();
  }
}
