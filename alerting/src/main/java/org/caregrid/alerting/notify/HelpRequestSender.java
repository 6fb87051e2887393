package org.caregrid.alerting.notify;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.caregrid.alerting.alert.AlertStore;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.core.alert.AlertChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends committed help requests on every channel. The station's MQTT topic is the channel of
 * record: its broker acknowledgement marks the route notified (and the alert, on the first one); a
 * failed publish is tried again until the request's accept deadline, after which escalation takes
 * over. Other channels (the webhook) keep their own retries and failure records.
 */
public final class HelpRequestSender {
  private static final Logger LOG = LoggerFactory.getLogger(HelpRequestSender.class);

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final Notifier station;
  private final List<Notifier> others;
  private final AlertStore store;
  private final Clock clock;
  private final Duration retryEvery;
  private final Consumer<AlertChange> announce;

  public HelpRequestSender(
      Vertx vertx,
      WorkerExecutor db,
      Notifier station,
      List<Notifier> others,
      AlertStore store,
      Clock clock,
      Duration retryEvery,
      Consumer<AlertChange> announce) {
    this.vertx = vertx;
    this.db = db;
    this.station = station;
    this.others = List.copyOf(others);
    this.store = store;
    this.clock = clock;
    this.retryEvery = retryEvery;
    this.announce = announce;
  }

  public void send(List<HelpRequest> requests) {
    for (HelpRequest r : requests) {
      toStation(r);
      others.forEach(n -> n.notify(r));
    }
  }

  private void toStation(HelpRequest r) {
    station
        .notify(r)
        .onSuccess(v -> markNotified(r))
        .onFailure(
            e -> {
              if (clock.instant().plus(retryEvery).isBefore(r.acceptBy())) {
                LOG.warn(
                    "help request for alert {} to {} not sent, trying again: {}",
                    r.alertId(),
                    r.station().code(),
                    e.getMessage());
                vertx.setTimer(retryEvery.toMillis(), id -> toStation(r));
              } else {
                LOG.error(
                    "help request for alert {} to {} not sent before its deadline: {}",
                    r.alertId(),
                    r.station().code(),
                    e.getMessage());
              }
            });
  }

  private void markNotified(HelpRequest r) {
    db.executeBlocking(() -> store.notified(r.alertId(), r.station().key(), clock.instant()), false)
        .onSuccess(changed -> changed.ifPresent(announce))
        .onFailure(
            e ->
                LOG.warn("could not record alert {} as notified: {}", r.alertId(), e.getMessage()));
  }
}
