package org.caregrid.alerting.notify;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.error.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT connection that publishes at QoS 1 and tells when the broker has acknowledged each
 * message.
 *
 * <p>Built on the Vert.x MQTT client rather than Paho (which ingest uses for MQTT 5 manual acks and
 * shared subscriptions, neither needed to publish): it runs on an event loop, so a help request
 * goes from the alert path to the socket without a hand-off to Paho's threads and back, and a
 * PUBACK completes its future on the same loop. It speaks MQTT 3.1.1, which is all QoS 1 publishing
 * needs. It has no reconnect of its own: a dropped connection fails what is in flight, and a fresh
 * client connects again with growing delays. A publish while disconnected fails at once, so the
 * caller retries or records instead of waiting.
 *
 * <p>Everything runs on one context, taken when this is created: create it inside the verticle that
 * publishes, so that publishing from that verticle needs no hop between threads.
 */
public final class MqttPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(MqttPublisher.class);

  private final Vertx vertx;
  private final Context context;
  private final MqttConfig broker;
  private final NotifyConfig.Mqtt config;
  private final String clientId;
  private final List<URI> addresses;
  private final Map<Integer, Promise<Void>> awaitingAck = new HashMap<>();
  private MqttClient client;
  private volatile boolean connected;
  private boolean stopped;
  private int reconnects;
  private long reconnectTimer = -1;

  public MqttPublisher(Vertx vertx, MqttConfig broker, NotifyConfig.Mqtt config, String nodeName) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.broker = broker;
    this.config = config;
    this.clientId = config.clientIdPrefix() + "-" + nodeName;
    this.addresses = broker.urls().stream().map(URI::create).toList();
  }

  /** Connects; fails, naming the setting, when the broker cannot be reached or refuses us. */
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    context.runOnContext(
        v ->
            connect()
                .recover(
                    e ->
                        Future.failedFuture(
                            new IllegalStateException(
                                "cannot connect to the MQTT broker at "
                                    + broker.url()
                                    + " to notify stations (set mqtt.url / CAREGRID_MQTT_URL): "
                                    + e.getMessage(),
                                e)))
                .onComplete(started));
    return started.future();
  }

  /** Whether the connection is up; read from any thread, for health checks. */
  public boolean isConnected() {
    return connected;
  }

  /**
   * Publishes at QoS 1; completes on the broker's PUBACK. Fails with {@link UnavailableException}
   * at once when disconnected or when {@code max-in-flight} messages await their PUBACK, and later
   * when the connection drops or the PUBACK takes longer than {@code ack-timeout}.
   */
  public Future<Void> publish(String topic, Buffer payload) {
    if (Vertx.currentContext() == context) {
      return publishOnContext(topic, payload);
    }
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> publishOnContext(topic, payload).onComplete(done));
    return done.future();
  }

  /** Disconnects and stops reconnecting; whatever awaits a PUBACK fails. */
  public Future<Void> stop() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(
        v -> {
          stopped = true;
          vertx.cancelTimer(reconnectTimer);
          MqttClient current = client;
          if (current == null || !current.isConnected()) {
            done.complete();
            return;
          }
          current.disconnect().onComplete(r -> done.complete());
        });
    return done.future();
  }

  private Future<Void> publishOnContext(String topic, Buffer payload) {
    MqttClient current = client;
    if (current == null || !current.isConnected()) {
      return Future.failedFuture(new UnavailableException("not connected to the MQTT broker"));
    }
    if (awaitingAck.size() >= config.maxInFlight()) {
      return Future.failedFuture(
          new UnavailableException(awaitingAck.size() + " publishes await the broker's PUBACK"));
    }
    // The packet id is known only once the client has written the PUBLISH. Its PUBACK is read on
    // this same event loop, after this write completes, so the promise is in place before it.
    return current
        .publish(topic, payload, MqttQoS.AT_LEAST_ONCE, false, false)
        .recover(e -> Future.failedFuture(new UnavailableException("publish failed", e)))
        .compose(
            packetId -> {
              Promise<Void> acked = Promise.promise();
              awaitingAck.put(packetId, acked);
              return acked.future();
            });
  }

  /** Connects to the broker's first address that answers, in the configured order. */
  private Future<Void> connect() {
    return connect(0);
  }

  private Future<Void> connect(int index) {
    Future<Void> attempt = connect(addresses.get(index));
    return index + 1 < addresses.size() && !stopped
        ? attempt.recover(e -> connect(index + 1))
        : attempt;
  }

  private Future<Void> connect(URI address) {
    MqttClient fresh = MqttClient.create(vertx, options(address));
    // Packet ids start again with each client: a late timer of a dropped one must not settle ours.
    fresh.publishCompletionHandler(id -> settle(fresh, id, null));
    fresh.publishCompletionExpirationHandler(
        id ->
            settle(
                fresh,
                id,
                new UnavailableException(
                    "no PUBACK within " + config.ackTimeout().toSeconds() + " s")));
    fresh.closeHandler(v -> onClosed(fresh));
    fresh.exceptionHandler(e -> LOG.debug("{}: {}", clientId, e.getMessage()));
    client = fresh;
    int port =
        address.getPort() > 0
            ? address.getPort()
            : ("ssl".equals(address.getScheme()) ? 8883 : 1883);
    return fresh
        .connect(port, address.getHost())
        .<Void>mapEmpty()
        .onSuccess(
            v -> {
              connected = true;
              reconnects = 0;
              if (stopped) {
                fresh.disconnect();
              }
            });
  }

  private MqttClientOptions options(URI address) {
    MqttClientOptions options =
        new MqttClientOptions()
            .setClientId(clientId)
            .setCleanSession(true)
            .setAckTimeout((int) config.ackTimeout().toSeconds())
            .setMaxInflightQueue(config.maxInFlight())
            .setKeepAliveInterval(30)
            .setAutoKeepAlive(true);
    options.setSsl("ssl".equals(address.getScheme()));
    if (!broker.username().isEmpty()) {
      options.setUsername(broker.username()).setPassword(broker.password());
    }
    return options;
  }

  private void settle(MqttClient from, int packetId, RuntimeException failure) {
    if (from != client) {
      return;
    }
    Promise<Void> acked = awaitingAck.remove(packetId);
    if (acked == null) {
      return;
    }
    if (failure == null) {
      acked.complete();
    } else {
      acked.fail(failure);
    }
  }

  private void onClosed(MqttClient closed) {
    if (closed != client) {
      return;
    }
    connected = false;
    client = null;
    List<Promise<Void>> lost = new ArrayList<>(awaitingAck.values());
    awaitingAck.clear();
    lost.forEach(
        p -> p.tryFail(new UnavailableException("connection to the broker lost before PUBACK")));
    if (stopped) {
      return;
    }
    LOG.warn("{} lost the MQTT broker; reconnecting", clientId);
    scheduleReconnect();
  }

  private void scheduleReconnect() {
    Duration delay = config.reconnectBackoff().delay(reconnects++);
    reconnectTimer =
        vertx.setTimer(
            delay.toMillis(),
            t -> {
              if (stopped) {
                return;
              }
              connect()
                  .onSuccess(v -> LOG.info("{} reconnected to {}", clientId, broker.url()))
                  .onFailure(
                      e -> {
                        client = null;
                        LOG.debug("{} could not reconnect: {}", clientId, e.getMessage());
                        scheduleReconnect();
                      });
            });
  }
}
