package org.caregrid.testing;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A station panel or pendant stand-in: an independent Paho client that records what it gets. */
public final class TopicSubscriber implements AutoCloseable {
  /**
   * @param atMillis when it arrived, by this machine's clock (the same clock devices stamp with)
   */
  public record Received(String topic, int qos, JsonObject json, long atMillis) {}

  private final MqttAsyncClient client;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  public TopicSubscriber(String brokerUrl, String... filters) throws MqttException {
    client = new MqttAsyncClient(brokerUrl, "it-sub-" + UUID.randomUUID(), new MemoryPersistence());
    client.setCallback(new Recorder());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options).waitForCompletion(10_000);
    for (String filter : filters) {
      client.subscribe(filter, 1).waitForCompletion(10_000);
    }
  }

  /** Everything received so far, in arrival order. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** What arrived on exactly this topic. */
  public List<Received> on(String topic) {
    return received.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  @Override
  public void close() throws MqttException {
    client.disconnect().waitForCompletion(5_000);
    client.close();
  }

  private final class Recorder implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      String text = new String(message.getPayload(), StandardCharsets.UTF_8);
      received.add(
          new Received(topic, message.getQos(), new JsonObject(text), System.currentTimeMillis()));
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
