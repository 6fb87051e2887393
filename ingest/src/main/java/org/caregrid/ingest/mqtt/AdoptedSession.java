package org.caregrid.ingest.mqtt;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.pipeline.Pipeline;
import org.caregrid.ingest.pipeline.Refusals;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over one persistent session of a dead node and ends it. Mosquitto 2.0 goes on sharing
 * {@code $share/ingest} messages out to an offline member's session, where they would wait for that
 * node's return, already acknowledged to the device. This connects with the session's client id
 * (clean start off), leaves the share group so no new turns go there, stores what the session held
 * through the normal pipelines, and once every message received is acknowledged (after its commit)
 * and the broker has sent nothing for a while, disconnects with session expiry 0: the broker ends
 * the session. No automatic reconnect: if the dead node comes back, the broker hands it the session
 * and this stops, with {@link Outcome#takenBack} where the broker says so (DISCONNECT 0x8E), or as
 * a lost connection (Mosquitto 2.0 just closes it).
 */
public final class AdoptedSession extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(AdoptedSession.class);
  private static final int SESSION_TAKEN_OVER = 0x8E;
  // The broker sends what it queued as fast as acknowledgements free its in-flight window, so a
  // second without a message and with nothing unacknowledged means the queue is empty.
  private static final long QUIET_NANOS = 1_000_000_000L;
  private static final long CHECK_MS = 100;

  /**
   * How the adoption of a session ended.
   *
   * @param messages messages received from the session and settled (stored or refused)
   * @param takenBack the session's node came back and the broker gave the session to it
   */
  public record Outcome(int messages, boolean takenBack) {}

  private final MqttConfig broker;
  private final IngestConfig.Mqtt config;
  private final String clientId;
  private final Map<CareTopic.Channel, Pipeline> routes;
  private final AtomicInteger unacked;
  private final Refusals refusals;
  private final Semaphore window;
  private final AtomicLong lastArrival = new AtomicLong(System.nanoTime());
  private final Promise<Outcome> ended = Promise.promise();
  private MqttAsyncClient client;
  private Deliveries deliveries;
  private int settled;
  private long checker = -1;

  /**
   * @param clientId the dead node's client id for one of its connections
   * @param unacked shared by this node's connections: messages received and not yet acked
   */
  public AdoptedSession(
      MqttConfig broker,
      IngestConfig.Mqtt config,
      String clientId,
      Map<CareTopic.Channel, Pipeline> routes,
      AtomicInteger unacked,
      Refusals refusals) {
    this.broker = broker;
    this.config = config;
    this.clientId = clientId;
    this.routes = Map.copyOf(routes);
    this.unacked = unacked;
    this.refusals = refusals;
    this.window = new Semaphore(config.receiveMaximum());
  }

  /** Completes when the session is ended or taken back; fails if the adoption broke off. */
  public Future<Outcome> ended() {
    return ended.future();
  }

  /** Connects and leaves the share group; the drain goes on until {@link #ended()}. */
  @Override
  public Future<?> start() throws MqttException {
    client = new MqttAsyncClient(broker.urls().get(0), clientId, new MemoryPersistence());
    client.setManualAcks(true);
    deliveries = new Deliveries(context, routes, this::ack, this::notStored, refusals);
    client.setCallback(new Callback());
    return PahoFutures.token(
            context, l -> client.connect(SessionOptions.of(broker, config), null, l))
        .compose(this::leaveGroup)
        .onSuccess(v -> checker = vertx.setPeriodic(CHECK_MS, id -> endIfDrained()))
        .onFailure(ended::tryFail);
  }

  /**
   * Unsubscribes every channel's shared filter (unsubscribing what the session does not hold is
   * harmless). A session the broker no longer had was made anew by this connect: end it at once.
   */
  private Future<Void> leaveGroup(IMqttToken connected) {
    if (!connected.getSessionPresent()) {
      return endSession();
    }
    String[] filters =
        EnumSet.allOf(CareTopic.Channel.class).stream()
            .map(channel -> CareTopic.sharedFilter(config.shareGroup(), channel))
            .toArray(String[]::new);
    return PahoFutures.on(context, l -> client.unsubscribe(filters, null, l, new MqttProperties()));
  }

  private void endIfDrained() {
    if (ended.future().isComplete()) {
      vertx.cancelTimer(checker);
    } else if (deliveries.unacked() == 0 && System.nanoTime() - lastArrival.get() >= QUIET_NANOS) {
      vertx.cancelTimer(checker);
      endSession();
    }
  }

  /** Disconnects with session expiry 0: the broker discards the session, now empty. */
  private Future<Void> endSession() {
    deliveries.stop();
    MqttProperties expireNow = new MqttProperties();
    expireNow.setSessionExpiryInterval(0L);
    return PahoFutures.on(context, l -> client.disconnect(5_000, null, l, 0, expireNow))
        .onSuccess(v -> ended.tryComplete(new Outcome(settled, false)))
        .onFailure(ended::tryFail);
  }

  private void ack(int messageId, int qos) {
    unacked.decrementAndGet();
    window.release();
    settled++;
    try {
      client.messageArrivedComplete(messageId, qos);
    } catch (MqttException e) {
      // The connection went away: the adoption fails and the broker keeps the message queued.
      LOG.debug("PUBACK for {} not sent: {}", messageId, e.getMessage());
    }
  }

  /**
   * A message could not be stored: leave it to the broker, which keeps the session and all that is
   * unacknowledged, and let the adoption be tried again.
   */
  private void notStored() {
    breakOff(new IllegalStateException("a message of " + clientId + " was not stored"));
  }

  private void breakOff(Throwable cause) {
    if (ended.tryFail(cause)) {
      forgetUnacked();
    }
  }

  private void forgetUnacked() {
    deliveries.stop();
    int lost = deliveries.connectionLost();
    unacked.addAndGet(-lost);
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(checker);
    breakOff(new IllegalStateException("adoption of " + clientId + " stopped"));
    window.release(config.receiveMaximum()); // a Paho thread waiting for room must not stall close
    Future<Void> disconnected =
        client != null && client.isConnected()
            // A plain disconnect: the broker keeps the session and its queue for the next try.
            ? PahoFutures.on(context, l -> client.disconnect(null, l))
            : Future.succeededFuture();
    return disconnected.eventually(
        () -> {
          try {
            client.close();
          } catch (MqttException e) {
            LOG.debug("closing the MQTT client: {}", e.getMessage());
          }
          return Future.succeededFuture();
        });
  }

  private final class Callback implements MqttCallback {
    @Override
    public void messageArrived(String topic, MqttMessage message) {
      lastArrival.set(System.nanoTime());
      window.acquireUninterruptibly();
      context.runOnContext(
          v -> {
            unacked.incrementAndGet();
            String contentType =
                message.getProperties() == null ? null : message.getProperties().getContentType();
            deliveries.arrived(
                topic, message.getId(), message.getQos(), message.getPayload(), contentType);
          });
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
      context.runOnContext(
          v -> {
            if (response.getReturnCode() == SESSION_TAKEN_OVER && !ended.future().isComplete()) {
              // Its node is back and took its session: what was not acked here goes to it.
              forgetUnacked();
              ended.tryComplete(new Outcome(settled, true));
            } else {
              breakOff(
                  new IllegalStateException(
                      clientId
                          + " lost the broker: "
                          + (response.getException() == null
                              ? response.getReasonString()
                              : response.getException().getMessage())));
            }
          });
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {}

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
