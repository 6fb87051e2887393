package org.caregrid.alerting.escalation;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.caregrid.alerting.alert.AlertListener;
import org.caregrid.alerting.alert.Change;
import org.caregrid.alerting.alert.Responder;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.routing.Deadline;
import org.caregrid.alerting.routing.Escalation;
import org.caregrid.alerting.routing.RouteStep;
import org.caregrid.alerting.routing.RouteStore;
import org.caregrid.core.alert.AlertChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation timers. The deadline of each alert awaiting acceptance is stored with it; here a
 * Vert.x timer per alert fires at that deadline and asks the {@link RouteStore} to escalate if the
 * alert is still unaccepted, and the listener is told of each step taken. As a listener itself it
 * sets a timer for each new alert's first deadline and forgets the timer of an alert someone took
 * or closed. After the last step the same deadline times each time the alert is asked again, until
 * someone accepts (decision 0015). At start, and every sweep, the deadlines are read back from the
 * database, so timers survive a restart and one node's missed timers are picked up by another. All
 * state is confined to the event loop of the context that created this.
 */
public final class Escalations implements AlertListener {
  private static final Logger LOG = LoggerFactory.getLogger(Escalations.class);

  private final Vertx vertx;
  private final Context context;
  private final WorkerExecutor db;
  private final RouteStore routes;
  private final Clock clock;
  private final Duration sweepEvery;
  private final AlertingMetrics metrics;
  private final AlertListener listener;
  private final Map<Long, Long> timers = new HashMap<>();
  private long sweeper = -1;

  /**
   * @param listener told each escalation made, after its commit
   */
  public Escalations(
      Vertx vertx,
      WorkerExecutor db,
      RouteStore routes,
      Clock clock,
      Duration sweepEvery,
      AlertingMetrics metrics,
      AlertListener listener) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.db = db;
    this.routes = routes;
    this.clock = clock;
    this.sweepEvery = sweepEvery;
    this.metrics = metrics;
    this.listener = listener;
  }

  /** Resumes the timers stored in the database; then keeps sweeping. */
  public Future<Void> start() {
    sweeper = vertx.setPeriodic(sweepEvery.toMillis(), id -> sweep());
    return sweep();
  }

  public void stop() {
    vertx.cancelTimer(sweeper);
    timers.values().forEach(vertx::cancelTimer);
    timers.clear();
  }

  @Override
  public void raised(AlertChange alert, RouteStep step) {
    step.acceptBy().ifPresent(at -> schedule(alert.alertId(), at));
  }

  @Override
  public void accepted(AlertChange alert, Change change, Responder responder) {
    cancel(alert.alertId());
  }

  @Override
  public void changed(AlertChange alert, Change change) {
    if (!alert.state().isOpen()) {
      cancel(alert.alertId());
    }
  }

  /** Escalates the alert at {@code at} unless it is accepted by then; callable from any thread. */
  private void schedule(long alertId, Instant at) {
    onContext(() -> scheduleHere(alertId, at));
  }

  /** Forgets the alert's timer: it was accepted or closed. Callable from any thread. */
  private void cancel(long alertId) {
    onContext(() -> cancelHere(alertId));
  }

  private void onContext(Runnable work) {
    if (Vertx.currentContext() == context) {
      work.run();
    } else {
      context.runOnContext(v -> work.run());
    }
  }

  private void scheduleHere(long alertId, Instant at) {
    Long previous = timers.remove(alertId);
    if (previous != null) {
      vertx.cancelTimer(previous);
    }
    long delay = Math.max(1, Duration.between(clock.instant(), at).toMillis());
    timers.put(alertId, vertx.setTimer(delay, id -> fire(alertId)));
  }

  private void cancelHere(long alertId) {
    Long timer = timers.remove(alertId);
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }

  private void fire(long alertId) {
    timers.remove(alertId);
    db.executeBlocking(() -> routes.escalateIfDue(alertId, clock.instant()), false)
        .onSuccess(done -> done.ifPresent(this::escalated))
        .onFailure(
            e ->
                LOG.warn(
                    "escalation of alert {} failed, retried by the sweep: {}",
                    alertId,
                    e.getMessage()));
  }

  private void escalated(Escalation e) {
    e.step().acceptBy().ifPresent(at -> scheduleHere(e.alert().alertId(), at));
    if (e.again()) {
      metrics.askedAgain(e.alert().severity());
    } else {
      metrics.escalated(e.alert().severity());
    }
    listener.escalated(e.alert(), e.step());
  }

  private Future<Void> sweep() {
    return db.executeBlocking(routes::awaiting, false)
        .onSuccess(this::resume)
        .onFailure(e -> LOG.warn("could not read escalation deadlines: {}", e.getMessage()))
        .mapEmpty();
  }

  private void resume(List<Deadline> deadlines) {
    for (Deadline d : deadlines) {
      if (!timers.containsKey(d.alertId())) {
        scheduleHere(d.alertId(), d.at());
      }
    }
  }
}
