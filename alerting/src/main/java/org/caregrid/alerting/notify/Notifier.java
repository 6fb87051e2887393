package org.caregrid.alerting.notify;

import io.vertx.core.Future;

/** One way of telling a station. */
public interface Notifier {
  Future<Void> notify(HelpRequest request);
}
