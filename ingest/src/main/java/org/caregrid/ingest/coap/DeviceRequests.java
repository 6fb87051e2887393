package org.caregrid.ingest.coap;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.security.Principal;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.metrics.Transport;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.pipeline.Inbound;
import org.caregrid.ingest.pipeline.Pipeline;
import org.caregrid.ingest.pipeline.Refusals;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * The one path from a device's POST to its response: who sent it (the DTLS identity, or {@code ?d=}
 * on plain CoAP in insecure mode), into the pipeline, and the answer once the readings are
 * committed. A confirmable request whose commit takes longer than {@code separate-after} gets an
 * empty ACK first and the response separately, so the device does not retransmit.
 */
final class DeviceRequests {
  private final Context context;
  private final IngestConfig.Coap config;
  private final Refusals refusals;

  DeviceRequests(Context context, IngestConfig.Coap config, Refusals refusals) {
    this.context = context;
    this.config = config;
    this.refusals = refusals;
  }

  /** A resource for one path whose exchanges run on the CoAP verticle's context. */
  CoapResource resource(String name, Pipeline target) {
    return new CoapResource(name) {
      @Override
      public void handlePOST(CoapExchange exchange) {
        handle(exchange, target);
      }

      @Override
      public java.util.concurrent.Executor getExecutor() {
        return task -> context.runOnContext(v -> task.run());
      }
    };
  }

  private void handle(CoapExchange exchange, Pipeline target) {
    Future<Void> outcome = accept(exchange, target);
    long timer = -1;
    if (!outcome.isComplete() && exchange.advanced().getRequest().isConfirmable()) {
      timer = context.owner().setTimer(config.separateAfter().toMillis(), id -> exchange.accept());
    }
    long separateTimer = timer;
    outcome.onComplete(
        ar ->
            context.runOnContext(
                v -> {
                  if (separateTimer >= 0) {
                    context.owner().cancelTimer(separateTimer);
                  }
                  exchange.respond(
                      ar.succeeded()
                          ? CoapReplies.changed()
                          : CoapReplies.failure(ar.cause(), config.retryAfter().toSeconds()));
                }));
  }

  private Future<Void> accept(CoapExchange exchange, Pipeline target) {
    long receivedAt = System.currentTimeMillis();
    DeviceId sender;
    try {
      sender = sender(exchange);
    } catch (RejectedException e) {
      // No device to hand it to a pipeline as: counted and kept here, like every refusal.
      refusals.refuse(Transport.COAP, null, receivedAt, e, exchange.getRequestPayload());
      return Future.failedFuture(e);
    }
    return target.accept(
        Inbound.coap(
            sender,
            exchange.getRequestPayload(),
            receivedAt,
            exchange.getRequestOptions().getContentFormat()));
  }

  private DeviceId sender(CoapExchange exchange) {
    Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
    String id = null;
    if (peer instanceof PreSharedKeyIdentity psk) {
      id = psk.getIdentity();
    } else if (peer == null && config.insecure()) {
      id = exchange.getQueryParameter("d");
    }
    if (!DeviceId.isValid(id)) {
      throw new RejectedException(
          Reason.UNKNOWN_DEVICE,
          config.insecure() ? "no device: use DTLS or ?d=<device id>" : "no device: use DTLS");
    }
    return new DeviceId(id);
  }
}
