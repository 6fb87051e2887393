package org.caregrid.sim.transport;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * One device's MQTT connection, as real firmware has: its id as client id and username, a retained
 * {@code online} status, and {@code offline} as its Last Will.
 */
public final class MqttSender implements AutoCloseable {
  private final MqttAsyncClient client;
  private final String deviceId;

  private MqttSender(MqttAsyncClient client, String deviceId) {
    this.client = client;
    this.deviceId = deviceId;
  }

  public static MqttSender connect(String brokerUrl, String deviceId, String password)
      throws MqttException {
    MqttAsyncClient client = new MqttAsyncClient(brokerUrl, deviceId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    options.setAutomaticReconnect(true);
    options.setAutomaticReconnectDelay(1, 30);
    options.setUserName(deviceId);
    if (password != null) {
      options.setPassword(password.getBytes(StandardCharsets.UTF_8));
    }
    MqttMessage will = new MqttMessage("offline".getBytes(StandardCharsets.UTF_8));
    will.setQos(1);
    will.setRetained(true);
    options.setWill(statusTopic(deviceId), will);
    client.connect(options).waitForCompletion(10_000);
    MqttSender sender = new MqttSender(client, deviceId);
    sender.publish("status", "online".getBytes(StandardCharsets.UTF_8), true);
    return sender;
  }

  /** Publishes QoS 1 telemetry; the token completes when the broker acknowledges. */
  public IMqttToken telemetry(byte[] payload) throws MqttException {
    return publish("telemetry", payload, false);
  }

  /** Publishes QoS 1 on {@code care/{id}/{channel}}: telemetry, event or status. */
  public IMqttToken publish(String channel, byte[] payload) throws MqttException {
    return publish(channel, payload, false);
  }

  private IMqttToken publish(String channel, byte[] payload, boolean retained)
      throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    message.setRetained(retained);
    return client.publish("care/" + deviceId + "/" + channel, message);
  }

  private static String statusTopic(String deviceId) {
    return "care/" + deviceId + "/status";
  }

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      publish("status", "offline".getBytes(StandardCharsets.UTF_8), true).waitForCompletion(5_000);
      client.disconnect().waitForCompletion(5_000);
    }
    client.close();
  }
}
