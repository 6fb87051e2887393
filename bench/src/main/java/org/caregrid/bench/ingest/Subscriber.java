package org.caregrid.bench.ingest;

import java.util.UUID;
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

/** A plain QoS 1 subscriber doing nothing but count: the broker's own passthrough rate. */
final class Subscriber implements AutoCloseable {
  private final MqttAsyncClient client;
  private final AtomicLong received = new AtomicLong();

  Subscriber(String brokerUrl) throws MqttException {
    client =
        new MqttAsyncClient(brokerUrl, "bench-sub-" + UUID.randomUUID(), new MemoryPersistence());
    client.setCallback(
        new MqttCallback() {
          @Override
          public void messageArrived(String topic, MqttMessage message) {
            received.incrementAndGet();
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
        });
    MqttConnectionOptions o = new MqttConnectionOptions();
    o.setCleanStart(true);
    o.setReceiveMaximum(65535);
    client.connect(o).waitForCompletion(10_000);
    client.subscribe("care/+/telemetry", 1).waitForCompletion(10_000);
  }

  long received() {
    return received.get();
  }

  @Override
  public void close() throws MqttException {
    client.disconnectForcibly(0, 1_000, false);
    client.close(true);
  }
}
