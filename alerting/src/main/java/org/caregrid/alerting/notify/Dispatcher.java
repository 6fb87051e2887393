package org.caregrid.alerting.notify;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.caregrid.alerting.alert.AlertListener;
import org.caregrid.alerting.alert.Alerts;
import org.caregrid.alerting.alert.Change;
import org.caregrid.alerting.alert.Responder;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.alerting.routing.RouteStep;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells everyone outside alerting what happened to an alert: help requests to stations (MQTT, and
 * the webhook when one is set), "help is coming" to the resident's pendants on accept, and each
 * change to live consoles on {@code care.alerts.changed}.
 *
 * <p>The station's MQTT topic is the channel of record: its broker acknowledgement marks the route
 * notified (and the alert, on the first one); a failed publish is tried again until the request's
 * accept deadline, after which escalation takes over. Other channels (the webhook) keep their own
 * retries and failure records.
 */
public final class Dispatcher implements AlertListener {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Vertx vertx;
  private final Alerts alerts;
  private final Notifier station;
  private final List<Notifier> others;
  private final PendantCommands pendants;
  private final Clock clock;
  private final Duration retryEvery;

  /**
   * @param alerts records each station's receipt of its help request
   * @param retryEvery how soon a help request the broker did not take is published again
   */
  public Dispatcher(
      Vertx vertx,
      Alerts alerts,
      Notifier station,
      List<Notifier> others,
      PendantCommands pendants,
      Clock clock,
      Duration retryEvery) {
    this.vertx = vertx;
    this.alerts = alerts;
    this.station = station;
    this.others = List.copyOf(others);
    this.pendants = pendants;
    this.clock = clock;
    this.retryEvery = retryEvery;
  }

  @Override
  public void raised(AlertChange alert, RouteStep step) {
    send(step.requests());
    announce(alert);
  }

  @Override
  public void repeated(AlertChange alert) {
    announce(alert);
  }

  @Override
  public void escalated(AlertChange alert, RouteStep step) {
    announce(alert);
    send(step.requests());
  }

  @Override
  public void accepted(AlertChange alert, Change change, Responder responder) {
    if (!responder.pendants().isEmpty()) {
      pendants.helpComing(alert.alertId(), responder.stationName(), responder.pendants());
    }
    announce(alert);
  }

  @Override
  public void changed(AlertChange alert, Change change) {
    // A note of the platform's own (a fall cancelled, a vital sign back in range) leaves what
    // consoles show as it was; staff notes are announced, so the other consoles see them.
    if (change.action() == Change.Action.NOTED && change.isBySystem()) {
      return;
    }
    announce(alert);
  }

  private void announce(AlertChange alert) {
    vertx.eventBus().publish(Addresses.ALERTS_CHANGED, alert);
  }

  private void send(List<HelpRequest> requests) {
    for (HelpRequest r : requests) {
      toStation(r);
      others.forEach(n -> n.notify(r));
    }
  }

  private void toStation(HelpRequest r) {
    station
        .notify(r)
        .onSuccess(v -> alerts.notified(r))
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
}
