package org.caregrid.alerting.routing;

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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The escalation timers. The deadline of each alert awaiting acceptance is stored with it; here a
 * Vert.x timer per alert fires at that deadline and asks the {@link RouteStore} to escalate if the
 * alert is still unaccepted. At start, and every sweep, the deadlines are read back from the
 * database, so timers survive a restart and one node's missed timers are picked up by another. All
 * state is confined to the event loop of the context that called {@link #start}.
 */
public final class Escalations {
  private static final Logger LOG = LoggerFactory.getLogger(Escalations.class);

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final RouteStore routes;
  private final Clock clock;
  private final Duration sweepEvery;
  private final Consumer<Escalation> escalated;
  private final Map<Long, Long> timers = new HashMap<>();
  private long sweeper = -1;
  private Context context;

  /**
   * @param escalated told each escalation made, after its commit, to announce and send it
   */
  public Escalations(
      Vertx vertx,
      WorkerExecutor db,
      RouteStore routes,
      Clock clock,
      Duration sweepEvery,
      Consumer<Escalation> escalated) {
    this.vertx = vertx;
    this.db = db;
    this.routes = routes;
    this.clock = clock;
    this.sweepEvery = sweepEvery;
    this.escalated = escalated;
  }

  /** Resumes the timers stored in the database; then keeps sweeping. */
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    sweeper = vertx.setPeriodic(sweepEvery.toMillis(), id -> sweep());
    return sweep();
  }

  public void stop() {
    vertx.cancelTimer(sweeper);
    timers.values().forEach(vertx::cancelTimer);
    timers.clear();
  }

  /** Escalates the alert at {@code at} unless it is accepted by then; callable from any thread. */
  public void schedule(long alertId, Instant at) {
    context.runOnContext(v -> scheduleHere(alertId, at));
  }

  /** Forgets the alert's timer: it was accepted or closed. Callable from any thread. */
  public void cancel(long alertId) {
    context.runOnContext(v -> cancelHere(alertId));
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
        .onSuccess(
            done ->
                done.ifPresent(
                    e -> {
                      if (!e.requests().isEmpty()) {
                        scheduleHere(alertId, e.requests().get(0).acceptBy());
                      }
                      escalated.accept(e);
                    }))
        .onFailure(
            e ->
                LOG.warn(
                    "escalation of alert {} failed, retried by the sweep: {}",
                    alertId,
                    e.getMessage()));
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
