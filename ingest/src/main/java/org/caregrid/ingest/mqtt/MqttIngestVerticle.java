package org.caregrid.ingest.mqtt;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.pipeline.Pipeline;
import org.caregrid.ingest.pipeline.Refusals;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Paho v5 connection in the ingest share group, for some of the channels. Messages are
 * acknowledged by hand, only after the batch holding them is committed (or they are rejected for
 * good), so the broker keeps whatever ingest has not stored. The session persists (clean start off)
 * so messages queue at the broker while ingest is down.
 */
public final class MqttIngestVerticle extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(MqttIngestVerticle.class);

  private final MqttConfig broker;
  private final IngestConfig.Mqtt config;
  private final String clientId;
  private final EnumSet<CareTopic.Channel> channels;
  private final Map<CareTopic.Channel, Pipeline> routes;
  private final AtomicInteger unacked;
  private final Refusals refusals;

  /**
   * The receive window, kept here because brokers do not all honour the Receive Maximum we send
   * (Mosquitto 2.0.11 kept sending far past it and ingest ran out of heap under 2x load). A permit
   * per unacknowledged message; when none is left, Paho's callback thread waits for one, Paho stops
   * reading the socket, and the broker keeps the rest queued, as it does when ingest is down.
   */
  private final Semaphore window;

  private MqttAsyncClient client;
  private Deliveries deliveries;

  /**
   * @param channels the channels this connection subscribes to
   * @param routes where each channel's messages go, for every channel: a session an earlier version
   *     subscribed to other channels may still deliver a few of those
   * @param unacked shared by the connections of one node: messages received and not yet acked
   * @param refusals counts and keeps a message on a topic that names no device
   */
  public MqttIngestVerticle(
      MqttConfig broker,
      IngestConfig.Mqtt config,
      String clientId,
      Set<CareTopic.Channel> channels,
      Map<CareTopic.Channel, Pipeline> routes,
      AtomicInteger unacked,
      Refusals refusals) {
    this.broker = broker;
    this.config = config;
    this.clientId = clientId;
    this.channels = EnumSet.copyOf(channels);
    this.routes = Map.copyOf(routes);
    this.unacked = unacked;
    this.refusals = refusals;
    this.window = new Semaphore(config.receiveMaximum());
  }

  @Override
  public Future<?> start() throws MqttException {
    client = new MqttAsyncClient(broker.urls().get(0), clientId, new MemoryPersistence());
    client.setManualAcks(true);
    deliveries = new Deliveries(context, routes, this::ack, this::resumeSession, refusals);
    client.setCallback(new Callback());
    MqttConnectionOptions options = connectionOptions();
    return PahoFutures.on(context, l -> client.connect(options, null, l))
        .compose(v -> subscribe())
        .recover(
            e ->
                Future.failedFuture(
                    new IllegalStateException(
                        "cannot consume from the MQTT broker at "
                            + broker.url()
                            + " (set mqtt.url / CAREGRID_MQTT_URL): "
                            + e.getMessage(),
                        e)));
  }

  private MqttConnectionOptions connectionOptions() {
    MqttConnectionOptions o = SessionOptions.of(broker, config);
    o.setAutomaticReconnect(true);
    // Every 2 s at most, not Paho's back-off to 30 s: Mosquitto 2.0 does not save the shared
    // subscription, so after a broker restart devices' messages go nowhere until this connection
    // subscribes again (docs/decisions/0021); a few connections per node cost the broker nothing.
    o.setAutomaticReconnectDelay(1, 2);
    return o;
  }

  /**
   * Subscribes to this connection's channels, then drops any other channel the persisted session
   * still holds (from a version that took every channel on every connection), so that messages of
   * those channels go to the connection meant for them. Unsubscribing what was never subscribed is
   * harmless.
   */
  private Future<Void> subscribe() {
    Set<CareTopic.Channel> others = EnumSet.complementOf(channels);
    return PahoFutures.on(
            context, l -> client.subscribe(filters(channels), qos1(channels), null, l))
        .compose(
            v ->
                others.isEmpty()
                    ? Future.succeededFuture()
                    : PahoFutures.on(
                        context,
                        l -> client.unsubscribe(filters(others), null, l, new MqttProperties())));
  }

  private String[] filters(Set<CareTopic.Channel> of) {
    return of.stream()
        .map(channel -> CareTopic.sharedFilter(config.shareGroup(), channel))
        .toArray(String[]::new);
  }

  private static int[] qos1(Set<CareTopic.Channel> of) {
    int[] qos = new int[of.size()];
    Arrays.fill(qos, 1);
    return qos;
  }

  /** Whether this connection is up; read from any thread, for health checks. */
  public boolean isConnected() {
    return client != null && client.isConnected();
  }

  @Override
  public Future<?> stop() {
    // From here on the broker owns every unacknowledged message: it redelivers them elsewhere.
    if (deliveries != null) {
      deliveries.stop();
    }
    window.release(config.receiveMaximum()); // a Paho thread waiting for room must not stall close
    if (client == null || !client.isConnected()) {
      return Future.succeededFuture();
    }
    return PahoFutures.on(context, l -> client.disconnect(null, l))
        .eventually(
            () -> {
              try {
                client.close();
              } catch (MqttException e) {
                LOG.debug("closing the MQTT client: {}", e.getMessage());
              }
              return Future.succeededFuture();
            });
  }

  /** Runs on the verticle's context: Paho's thread only hands the message over. */
  private void onMessage(String topic, MqttMessage message) {
    unacked.incrementAndGet();
    String contentType =
        message.getProperties() == null ? null : message.getProperties().getContentType();
    deliveries.arrived(topic, message.getId(), message.getQos(), message.getPayload(), contentType);
  }

  private void resumeSession() {
    PahoFutures.on(context, l -> client.disconnect(null, l))
        .onComplete(v -> connectionLost())
        .compose(v -> PahoFutures.on(context, l -> client.connect(connectionOptions(), null, l)))
        .compose(v -> subscribe())
        .onFailure(e -> LOG.warn("{} could not resume its session: {}", clientId, e.getMessage()));
  }

  private void ack(int messageId, int qos) {
    unacked.decrementAndGet();
    window.release();
    try {
      client.messageArrivedComplete(messageId, qos);
    } catch (MqttException e) {
      // The connection went away; the broker redelivers on the resumed session.
      LOG.debug("PUBACK for {} not sent: {}", messageId, e.getMessage());
    }
  }

  private void connectionLost() {
    int lost = deliveries.connectionLost();
    unacked.addAndGet(-lost);
    window.release(lost);
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      // Returns at once unless the window is full: then this is the backpressure (see window).
      window.acquireUninterruptibly();
      context.runOnContext(v -> onMessage(topic, message));
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      context.runOnContext(
          v -> {
            LOG.warn("{} lost the broker, reconnecting: {}", clientId, response.getReasonString());
            connectionLost();
          });
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (reconnect) {
        // Subscribes again even when the broker kept the session: Mosquitto 2.0 restores a session
        // from its persistence file without its shared subscriptions (docs/decisions/0021).
        context.runOnContext(
            v -> {
              LOG.info("{} reconnected to {}", clientId, serverUri);
              subscribe()
                  .onFailure(
                      e -> LOG.warn("{} could not subscribe again: {}", clientId, e.getMessage()));
            });
      }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
      LOG.warn("{}: MQTT error {}", clientId, exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
  }
}
