package org.caregrid.alerting.notify;

import io.vertx.core.Future;
import org.caregrid.alerting.routing.HelpRequest;

/** One way of telling a station. */
public interface Notifier {

  /**
   * Tells the request's station. The future completes once the channel has taken the request for
   * delivery (a broker's PUBACK, an HTTP 2xx) and fails with an {@link
   * org.caregrid.core.error.UnavailableException} when it could not; it never throws.
   */
  Future<Void> notify(HelpRequest request);
}
