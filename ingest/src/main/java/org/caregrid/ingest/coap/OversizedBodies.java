package org.caregrid.ingest.coap;

import io.vertx.core.Context;
import java.security.Principal;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.metrics.Transport;
import org.caregrid.ingest.pipeline.Refusals;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptor;
import org.eclipse.californium.elements.EndpointContext;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * Counts and keeps the bodies that Californium's block-wise layer refuses (4.13) while they are
 * still arriving, because they declare (Size1) or reach more than the body limit: such a request
 * never reaches a resource, so the pipeline cannot see it. Californium marks the responses its
 * layers make themselves as internal; ours never are. Nothing of the body is kept: the layer has
 * dropped the blocks.
 */
final class OversizedBodies implements MessageInterceptor {
  private static final byte[] NOTHING = new byte[0];

  private final Context context;
  private final Refusals refusals;
  private final int maxPayloadBytes;

  OversizedBodies(Context context, Refusals refusals, int maxPayloadBytes) {
    this.context = context;
    this.refusals = refusals;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  @Override
  public void sendResponse(Response response) {
    if (response.getCode() != ResponseCode.REQUEST_ENTITY_TOO_LARGE || !response.isInternal()) {
      return;
    }
    String device = device(response.getDestinationContext());
    long at = System.currentTimeMillis();
    RejectedException refusal =
        new RejectedException(
            Reason.TOO_LARGE,
            "body over %d bytes, refused during its block-wise transfer"
                .formatted(maxPayloadBytes));
    // Californium's thread only hands over, as for every request.
    context.runOnContext(v -> refusals.refuse(Transport.COAP, device, at, refusal, NOTHING));
  }

  /** The DTLS identity of the peer, or null on plain CoAP. */
  private static String device(EndpointContext peer) {
    Principal identity = peer == null ? null : peer.getPeerIdentity();
    if (identity instanceof PreSharedKeyIdentity psk && DeviceId.isValid(psk.getIdentity())) {
      return psk.getIdentity();
    }
    return null;
  }

  @Override
  public void sendRequest(Request request) {}

  @Override
  public void sendEmptyMessage(EmptyMessage message) {}

  @Override
  public void receiveRequest(Request request) {}

  @Override
  public void receiveResponse(Response response) {}

  @Override
  public void receiveEmptyMessage(EmptyMessage message) {}
}
