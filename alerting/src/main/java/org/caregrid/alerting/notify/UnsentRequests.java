package org.caregrid.alerting.notify;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.caregrid.alerting.alert.Alerts;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.alerting.routing.JdbcUnsentRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes help requests that were committed with their alert but never reached the broker, most
 * likely because the node that routed them died in between; the {@link Dispatcher}'s own retries
 * live in that node's memory and died with it. Runs on the alert desk of every node: each sweep
 * claims such requests in the database, so one desk sends each, and records the broker's
 * acknowledgement as the Dispatcher does. Without this the request would wait for the escalation
 * deadline's re-send (60 s for a critical alert).
 */
public final class UnsentRequests {
  private static final Logger LOG = LoggerFactory.getLogger(UnsentRequests.class);

  /**
   * After the database was unreachable, how long it must answer before a sweep claims anything.
   * Requests published during the outage reached their stations, but their receipt could not be
   * recorded; the desks that sent them retry it ({@link Alerts#notified}) through a pool that may
   * wait up to 5 s between its attempts to reconnect, and a sweep before that would send each a
   * second time.
   */
  private static final Duration HOLD_BACK = Duration.ofSeconds(10);

  /**
   * A database slower than this to give a sweep a connection was unreachable until a moment ago,
   * though the sweep itself did not fail: an outage shorter than the pool's connection timeout (5
   * s) only delays it. Shorter outages end before a receipt could be pending for the 3 s after
   * which a route counts as unsent.
   */
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final JdbcUnsentRequests store;
  private final Notifier station;
  private final Alerts alerts;
  private final Clock clock;
  private final Duration sweepEvery;
  private final AlertingMetrics metrics;
  private long sweeper = -1;
  private boolean sweeping;
  // null while the database fails; the desk starts on a database that just answered
  private Instant answeringSince = Instant.EPOCH;

  /**
   * @param station the channel of record, the station's MQTT topic
   * @param alerts records each station's receipt, as after the first publish
   */
  public UnsentRequests(
      Vertx vertx,
      WorkerExecutor db,
      JdbcUnsentRequests store,
      Notifier station,
      Alerts alerts,
      Clock clock,
      Duration sweepEvery,
      AlertingMetrics metrics) {
    this.vertx = vertx;
    this.db = db;
    this.store = store;
    this.station = station;
    this.alerts = alerts;
    this.clock = clock;
    this.sweepEvery = sweepEvery;
    this.metrics = metrics;
  }

  /** Starts sweeping; call on the desk's context, which the sweeps then run on. */
  public void start() {
    sweeper = vertx.setPeriodic(sweepEvery.toMillis(), id -> sweep());
  }

  public void stop() {
    vertx.cancelTimer(sweeper);
  }

  private void sweep() {
    if (sweeping) {
      return; // a slow database: the sweeps do not pile up
    }
    sweeping = true;
    boolean holdingBack =
        answeringSince == null || clock.instant().isBefore(answeringSince.plus(HOLD_BACK));
    db.executeBlocking(
            () ->
                holdingBack ? store.ping(clock, ANSWER_WITHIN) : store.claim(clock, ANSWER_WITHIN),
            false)
        .onSuccess(
            answer -> {
              if (answeringSince == null || answer.late()) {
                answeringSince = answer.at();
              }
              send(answer.claimed());
            })
        .onFailure(
            e -> {
              answeringSince = null;
              LOG.warn("could not look for unsent help requests: {}", e.getMessage());
            })
        .onComplete(ar -> sweeping = false);
  }

  private void send(List<HelpRequest> requests) {
    for (HelpRequest r : requests) {
      LOG.warn(
          "help request for alert {} to {} was committed but not sent; sending it now",
          r.alertId(),
          r.station().code());
      metrics.unsentRequestRecovered(r.severity());
      station
          .notify(r)
          .onSuccess(v -> alerts.notified(r))
          .onFailure(
              e ->
                  // The claim lapses and a later sweep, here or on another node, tries again.
                  LOG.warn(
                      "help request for alert {} to {} not sent, tried again shortly: {}",
                      r.alertId(),
                      r.station().code(),
                      e.getMessage()));
    }
  }
}
