package org.caregrid.sim.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A station panel's view: subscribes to {@code care/stations/+/alerts} and times each injected
 * press to its first help request. The pendant's resident is named after the pendant (see {@link
 * LoadEnrolment}), which is how a help request finds its press.
 */
final class StationWatch implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final MqttAsyncClient client;
  private final Map<String, Long> pressed = new ConcurrentHashMap<>();
  private final AtomicLong received = new AtomicLong();
  private final LatencyRecorder latency = new LatencyRecorder();

  private StationWatch(MqttAsyncClient client) {
    this.client = client;
  }

  static StationWatch connect(String broker) throws MqttException {
    MqttAsyncClient client =
        new MqttAsyncClient(
            broker, "sim-load-station-" + UUID.randomUUID(), new MemoryPersistence());
    StationWatch watch = new StationWatch(client);
    client.setCallback(watch.new Arrivals());
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    client.connect(o).waitForCompletion(10_000);
    client.subscribe("care/stations/+/alerts", 1).waitForCompletion(10_000);
    return watch;
  }

  void pressed(String pendant) {
    pressed.put(pendant, System.nanoTime());
  }

  /** A press that could not be published: no help request will come for it. */
  void lost(String pendant) {
    pressed.remove(pendant);
  }

  long received() {
    return received.get();
  }

  LatencyRecorder latency() {
    return latency;
  }

  private void arrived(byte[] payload) {
    long at = System.nanoTime();
    try {
      JsonNode request = JSON.readTree(payload);
      if (request.path("step").asInt(-1) != 0) {
        return; // an escalation of an earlier request
      }
      Long press = pressed.remove(request.path("resident").path("name").asText());
      if (press != null) {
        latency.record(at - press);
        received.incrementAndGet();
      }
    } catch (IOException e) {
      // not a help request this run sent for; the platform's contract is tested elsewhere
    }
  }

  @Override
  public void close() {
    try {
      client.disconnect().waitForCompletion(5_000);
      client.close();
    } catch (MqttException e) {
      // closing at the end of a run
    }
  }

  private final class Arrivals implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      arrived(message.getPayload());
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
