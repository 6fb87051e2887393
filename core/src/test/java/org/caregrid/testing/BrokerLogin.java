package org.caregrid.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One account logged in to a test broker with Paho v5: what it receives, and how it is answered.
 */
public final class BrokerLogin implements AutoCloseable, MqttCallback {
  public static final int NOT_AUTHORIZED = 0x87;
  private static final long WAIT_MS = 10_000;

  /** Below Mosquitto's max_inflight_messages (100), the Receive Maximum it announces. */
  private static final int WINDOW = 80;

  private final MqttAsyncClient client;
  private final List<String> received = new CopyOnWriteArrayList<>();

  /**
   * Connects, or throws the broker's refusal.
   *
   * @param user null to connect anonymously
   * @param password null to send none
   */
  public BrokerLogin(String url, String user, String password) throws MqttException {
    client = new MqttAsyncClient(url, user + "-" + UUID.randomUUID(), new MemoryPersistence());
    client.setCallback(this);
    MqttConnectionOptions options = new MqttConnectionOptions();
    options.setCleanStart(true);
    if (user != null) {
      options.setUserName(user);
    }
    if (password != null) {
      options.setPassword(password.getBytes(UTF_8));
    }
    client.connect(options).waitForCompletion(WAIT_MS);
  }

  /** What the broker received, as "topic payload", in arrival order. */
  public List<String> received() {
    return received;
  }

  /** The broker's answer to one SUBSCRIBE: the granted QoS, or a reason code from 0x80 up. */
  public int subscribe(String filter) {
    try {
      IMqttToken token = client.subscribe(filter, 1);
      token.waitForCompletion(WAIT_MS);
      return token.getReasonCodes()[0];
    } catch (MqttException e) {
      return e.getReasonCode();
    }
  }

  /** The broker's answer to one QoS 1 PUBLISH: 0, or a reason code from 0x80 up. */
  public int publish(String topic, String payload) throws MqttException {
    IMqttToken token = client.publish(topic, message(payload));
    token.waitForCompletion(WAIT_MS);
    return token.getReasonCodes()[0];
  }

  /** Publishes each payload at QoS 1 on {@code topic}, keeping the broker's window full. */
  public void publishAll(String topic, List<String> payloads) throws MqttException {
    Deque<IMqttToken> pending = new ArrayDeque<>();
    for (String payload : payloads) {
      if (pending.size() >= WINDOW) {
        pending.removeFirst().waitForCompletion(WAIT_MS);
      }
      pending.addLast(publishWhenRoom(topic, payload, pending));
    }
    for (IMqttToken token : pending) {
      token.waitForCompletion(WAIT_MS);
    }
  }

  /**
   * Paho refuses a publish while its window is full, and for a moment after a PUBACK completed a
   * token: wait for the oldest, or spin briefly, within 10 s.
   */
  private IMqttToken publishWhenRoom(String topic, String payload, Deque<IMqttToken> pending)
      throws MqttException {
    long deadline = System.nanoTime() + WAIT_MS * 1_000_000;
    while (true) {
      try {
        return client.publish(topic, message(payload));
      } catch (MqttException e) {
        if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
            || System.nanoTime() > deadline) {
          throw e;
        }
        if (pending.isEmpty()) {
          Thread.onSpinWait();
        } else {
          pending.removeFirst().waitForCompletion(WAIT_MS);
        }
      }
    }
  }

  private static MqttMessage message(String payload) {
    MqttMessage message = new MqttMessage(payload.getBytes(UTF_8));
    message.setQos(1);
    return message;
  }

  @Override
  public void messageArrived(String topic, MqttMessage message) {
    received.add(topic + " " + new String(message.getPayload(), UTF_8));
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

  @Override
  public void close() throws MqttException {
    if (client.isConnected()) {
      client.disconnect().waitForCompletion(5_000);
    }
    client.close();
  }
}
