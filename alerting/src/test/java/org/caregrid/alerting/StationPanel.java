package org.caregrid.alerting;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A station panel and a pendant in one: a plain subscriber keeping what it receives. */
final class StationPanel implements AutoCloseable {
  record Received(String topic, JsonObject body, long atMillis) {}

  private final MqttClient client;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  StationPanel(String brokerUrl, String... filters) throws MqttException {
    client = new MqttClient(brokerUrl, "panel-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    client.connect(options);
    for (String filter : filters) {
      client.subscribe(
          new MqttSubscription[] {new MqttSubscription(filter, 1)},
          new IMqttMessageListener[] {
            (topic, message) ->
                received.add(
                    new Received(
                        topic,
                        new JsonObject(new String(message.getPayload(), UTF_8)),
                        System.currentTimeMillis()))
          });
    }
  }

  List<Received> on(String topic) {
    return received.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  List<Received> all() {
    return List.copyOf(received);
  }

  @Override
  public void close() throws MqttException {
    client.disconnect();
    client.close();
  }
}
