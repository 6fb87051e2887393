package org.caregrid.sim.transport;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.codec.Codecs;
import org.caregrid.core.codec.CompactJsonCodec;
import org.caregrid.core.codec.PayloadCodec;
import org.caregrid.core.codec.SenmlJsonCodec;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.event.DeviceEvent;
import org.caregrid.core.event.EventJsonCodec;
import org.caregrid.core.reading.Telemetry;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One device's MQTT 5 connection (Paho), as real firmware has: its id as client id and username, a
 * retained {@code online} status, {@code offline} as its Last Will on {@code care/{id}/status}, and
 * QoS 1 for everything. Telemetry is compact JSON or SenML JSON, labelled with the MQTT 5 content
 * type; events are event JSON (DESIGN §4).
 *
 * <p>A message the broker answers with PUBACK 0x10 (no matching subscribers) was dropped, not
 * taken: for a moment after a broker restart ingest is outside its share group. The device keeps it
 * and sends it again, as the device contract asks (decision 0021).
 */
public final class MqttSender implements DeviceLink {
  private static final long WAIT_MS = 10_000;
  private static final EventJsonCodec EVENTS = new EventJsonCodec();

  /** MQTT 5 PUBACK reason: the broker accepted the message but no subscription matched it. */
  static final int NO_MATCHING_SUBSCRIBERS = 0x10;

  /** Ingest is back in its share group within about 2 s of a broker restart. */
  private static final long UNTAKEN_BACKOFF_MS = 100;

  private static final long UNTAKEN_GIVE_UP_MS = 60_000;

  private static final ScheduledExecutorService RESENDS =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "sim-mqtt-resend");
            t.setDaemon(true);
            return t;
          });

  private final MqttAsyncClient client;
  private final String deviceId;
  private final PayloadCodec codec;
  private final String contentType;
  private final Traffic traffic;
  private volatile IMqttToken last;

  private MqttSender(MqttAsyncClient client, String deviceId, boolean senml, Traffic traffic) {
    this.client = client;
    this.deviceId = deviceId;
    // SenML JSON written by a device carries absolute times: the resolver's clock is not used.
    this.codec = senml ? new SenmlJsonCodec(Clock.systemUTC()) : new CompactJsonCodec();
    this.contentType = senml ? Codecs.SENML_JSON : Codecs.JSON;
    this.traffic = traffic;
  }

  /**
   * Connects and says {@code online}.
   *
   * @param password the device's broker password, or null where the broker lets devices in without
   * @param senml whether telemetry goes as SenML JSON rather than compact JSON
   */
  public static MqttSender connect(
      String brokerUrl, String deviceId, String password, boolean senml, Traffic traffic)
      throws MqttException {
    List<String> urls = MqttConfig.urls(brokerUrl);
    MqttAsyncClient client = new MqttAsyncClient(urls.get(0), deviceId, new MemoryPersistence());
    MqttConnectionOptions options = new MqttConnectionOptions();
    // A list of the broker's addresses, tried in turn on connect and on every reconnect.
    options.setServerURIs(urls.toArray(String[]::new));
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
    options.setWill(topic(deviceId, "status"), will);
    client.connect(options).waitForCompletion(WAIT_MS);
    MqttSender sender = new MqttSender(client, deviceId, senml, traffic);
    sender.publish("status", "online".getBytes(StandardCharsets.UTF_8), null, true);
    return sender;
  }

  /** Connects as a scenario's device: compact JSON telemetry, its traffic counted on its own. */
  public static MqttSender connect(String brokerUrl, String deviceId, String password)
      throws MqttException {
    return connect(brokerUrl, deviceId, password, false, new Traffic());
  }

  /**
   * Publishes {@code payload} as it is on {@code care/{id}/{channel}}, QoS 1, and fails loudly:
   * scenarios send malformed payloads and redeliveries this way. The token completes on the
   * broker's acknowledgement.
   */
  public IMqttToken publish(String channel, byte[] payload) throws MqttException {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    return client.publish(topic(deviceId, channel), message);
  }

  @Override
  public void telemetry(Telemetry telemetry) {
    publish("telemetry", codec.encode(telemetry), contentType, false);
  }

  @Override
  public void event(DeviceEvent event) {
    publish("event", EVENTS.encode(event), Codecs.JSON, false);
  }

  private IMqttToken publish(String channel, byte[] payload, String type, boolean retained) {
    MqttMessage message = new MqttMessage(payload);
    message.setQos(1);
    message.setRetained(retained);
    if (type != null) {
      MqttProperties properties = new MqttProperties();
      properties.setContentType(type);
      message.setProperties(properties);
    }
    traffic.sent.incrementAndGet();
    return new Delivery(topic(deviceId, channel), message).send();
  }

  /**
   * One message until the broker acknowledges it as taken, or it is given up and counted failed.
   */
  private final class Delivery implements MqttActionListener {
    private final String topic;
    private final MqttMessage message;
    private final long giveUpAt = System.nanoTime() + UNTAKEN_GIVE_UP_MS * 1_000_000;

    Delivery(String topic, MqttMessage message) {
      this.topic = topic;
      this.message = message;
    }

    IMqttToken send() {
      try {
        try {
          last = client.publish(topic, message, null, this);
        } catch (MqttException e) {
          if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || last == null) {
            throw e;
          }
          // The broker's receive maximum is reached: wait for the acks, as firmware would.
          last.waitForCompletion(WAIT_MS);
          last = client.publish(topic, message, null, this);
        }
        return last;
      } catch (MqttException e) {
        // Disconnected: the device's message is lost, as on real hardware.
        traffic.failed.incrementAndGet();
        return null;
      }
    }

    @Override
    public void onSuccess(IMqttToken token) {
      // A retained status is kept by the broker even when nobody is subscribed.
      if (message.isRetained() || !untaken(token)) {
        traffic.acknowledged.incrementAndGet();
      } else if (System.nanoTime() - giveUpAt < 0) {
        traffic.resent.incrementAndGet();
        RESENDS.schedule(this::send, UNTAKEN_BACKOFF_MS, TimeUnit.MILLISECONDS);
      } else {
        traffic.failed.incrementAndGet();
      }
    }

    @Override
    public void onFailure(IMqttToken token, Throwable e) {
      traffic.failed.incrementAndGet();
    }
  }

  private static boolean untaken(IMqttToken token) {
    int[] codes = token.getReasonCodes();
    return codes != null && codes.length > 0 && codes[0] == NO_MATCHING_SUBSCRIBERS;
  }

  private static String topic(String deviceId, String channel) {
    return "care/" + deviceId + "/" + channel;
  }

  @Override
  public void close() {
    try {
      if (client.isConnected()) {
        IMqttToken offline =
            publish("status", "offline".getBytes(StandardCharsets.UTF_8), null, true);
        if (offline != null) {
          offline.waitForCompletion(WAIT_MS);
        }
        client.disconnect().waitForCompletion(WAIT_MS);
      }
      client.close();
    } catch (MqttException e) {
      traffic.failed.incrementAndGet();
    }
  }
}
