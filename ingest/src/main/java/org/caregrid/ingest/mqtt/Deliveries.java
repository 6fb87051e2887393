package org.caregrid.ingest.mqtt;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import java.util.Map;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.metrics.Transport;
import org.caregrid.ingest.pipeline.Inbound;
import org.caregrid.ingest.pipeline.Pipeline;
import org.caregrid.ingest.pipeline.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one connection does with each message delivered to it: hands it to its channel's pipeline
 * and acknowledges it, in arrival order, once the pipeline settled it (committed, or rejected for
 * good). A message that was neither is not acknowledged: the session starts over, and the broker
 * redelivers everything unacknowledged. Confined to the connection's Vert.x context.
 */
final class Deliveries {
  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  private final Context context;
  private final Map<CareTopic.Channel, Pipeline> routes;
  private final AckLedger ledger;
  private final Runnable resumeSession;
  private final Refusals refusals;
  private boolean stopping;

  /**
   * @param routes where each channel's messages go
   * @param acker sends one PUBACK
   * @param resumeSession starts the session over, for a message that could not be stored
   * @param refusals counts and keeps a message on a topic that names no device
   */
  Deliveries(
      Context context,
      Map<CareTopic.Channel, Pipeline> routes,
      AckLedger.Acker acker,
      Runnable resumeSession,
      Refusals refusals) {
    this.context = context;
    this.routes = Map.copyOf(routes);
    this.ledger = new AckLedger(acker);
    this.resumeSession = resumeSession;
    this.refusals = refusals;
  }

  /** One message from the broker, on the context. */
  void arrived(String topic, int messageId, int qos, byte[] payload, String contentType) {
    AckLedger.Entry entry = ledger.arrived(messageId, qos);
    CareTopic parsed = CareTopic.parse(topic).orElse(null);
    Pipeline route = parsed == null ? null : routes.get(parsed.channel());
    if (route == null) {
      // Acknowledged like every refusal, so that it is not redelivered for ever.
      refusals.refuse(
          Transport.MQTT,
          null,
          System.currentTimeMillis(),
          new RejectedException(
              Reason.BAD_TOPIC,
              "topic " + RejectedException.quote(topic) + " is not care/{deviceId}/{channel}"),
          payload);
      ledger.settled(entry);
      return;
    }
    Inbound inbound =
        Inbound.mqtt(parsed.device(), payload, System.currentTimeMillis(), contentType);
    route.accept(inbound).onComplete(ar -> context.runOnContext(v -> finished(entry, ar)));
  }

  /** From here on the broker owns every unacknowledged message: it redelivers them elsewhere. */
  void stop() {
    stopping = true;
  }

  /**
   * The connection was lost; its unacknowledged messages will come again.
   *
   * @return how many messages were waiting for their acknowledgement
   */
  int connectionLost() {
    int unacked = ledger.unacked();
    ledger.connectionLost();
    return unacked;
  }

  /** Messages received and not yet acknowledged. */
  int unacked() {
    return ledger.unacked();
  }

  private void finished(AckLedger.Entry entry, AsyncResult<Void> result) {
    if (stopping) {
      return;
    }
    if (result.failed() && !(result.cause() instanceof RejectedException)) {
      // Neither stored nor the sender's fault. Acking would lose it and waiting would stall every
      // later ack, so start the session over: the broker redelivers all that is unacknowledged.
      LOG.error("message not stored; resuming the session for redelivery", result.cause());
      resumeSession.run();
      return;
    }
    if (result.failed()) {
      RejectedException e = (RejectedException) result.cause();
      LOG.debug("rejected a message: {} ({})", e.reason(), e.getMessage());
    }
    ledger.settled(entry);
  }
}
