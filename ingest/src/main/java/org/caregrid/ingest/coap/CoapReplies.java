package org.caregrid.ingest.coap;

import org.caregrid.core.error.RejectedException;
import org.caregrid.core.error.UnavailableException;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps the outcome of a request to its CoAP response, once, for every resource (DESIGN §4). */
final class CoapReplies {
  private static final Logger LOG = LoggerFactory.getLogger(CoapReplies.class);

  private CoapReplies() {}

  static Response changed() {
    return new Response(ResponseCode.CHANGED);
  }

  /**
   * 4.00 with a diagnostic for bad input, 4.01 for an unknown device, 4.13 when too large, 5.03
   * with Max-Age when overloaded, 5.00 for anything else (a bug, logged).
   */
  static Response failure(Throwable failure, long retryAfterSeconds) {
    if (failure instanceof RejectedException rejected) {
      ResponseCode code =
          switch (rejected.reason()) {
            case UNKNOWN_DEVICE -> ResponseCode.UNAUTHORIZED;
            case TOO_LARGE -> ResponseCode.REQUEST_ENTITY_TOO_LARGE;
            default -> ResponseCode.BAD_REQUEST;
          };
      return diagnostic(code, rejected.reason().label() + ": " + rejected.getMessage());
    }
    if (failure instanceof UnavailableException) {
      Response busy = diagnostic(ResponseCode.SERVICE_UNAVAILABLE, "busy, retry later");
      busy.getOptions().setMaxAge(retryAfterSeconds);
      return busy;
    }
    LOG.error("CoAP request failed", failure);
    return diagnostic(ResponseCode.INTERNAL_SERVER_ERROR, "internal error");
  }

  private static Response diagnostic(ResponseCode code, String text) {
    Response r = new Response(code);
    r.setPayload(text);
    r.getOptions().setContentFormat(MediaTypeRegistry.TEXT_PLAIN);
    return r;
  }
}
