package org.caregrid.alerting.alert;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What rules find becomes stored alerts here: each finding is written on the database worker pool,
 * then the change is announced on {@code care.alerts.changed} and the help requests of a new
 * alert's first routing step are handed on to be sent. Callable from any event loop.
 *
 * <p>What concerns one cause (resident and kind) is written in the order the rules found it, one
 * after the other: a fall downgraded by its cancel a moment later must not be overwritten by the
 * raise it follows, which two database workers would otherwise be free to commit last.
 */
public final class Alerts {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
  private static final Duration RETRY_FIRST = Duration.ofMillis(500);
  private static final Duration RETRY_MAX = Duration.ofSeconds(30);
  private static final Duration KEEP_TRYING = Duration.ofMinutes(30);

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final AlertStore store;
  private final Clock clock;
  private final AlertingMetrics metrics;
  private final Consumer<List<HelpRequest>> send;
  private final ConcurrentHashMap<Cause, Future<?>> pending = new ConcurrentHashMap<>();

  private record Cause(AlertKind kind, int residentKey) {}

  /**
   * @param send takes the help requests of each newly routed alert, after their commit
   */
  public Alerts(
      Vertx vertx,
      WorkerExecutor db,
      AlertStore store,
      Clock clock,
      AlertingMetrics metrics,
      Consumer<List<HelpRequest>> send) {
    this.vertx = vertx;
    this.db = db;
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.send = send;
  }

  /**
   * Stores the finding, routes it if it opened an alert, and sends the help requests. While the
   * database is unreachable the finding is tried again with growing delays, for up to {@link
   * #KEEP_TRYING}: a rule fires once per episode, so a finding dropped here would be an alert lost.
   */
  public Future<Raised> raise(AlertCandidate candidate) {
    return inOrder(
        candidate.kind(),
        candidate.residentKey(),
        () -> {
          Promise<Raised> done = Promise.promise();
          attempt(candidate, RETRY_FIRST, clock.instant().plus(KEEP_TRYING), done);
          return done.future();
        });
  }

  /** Runs {@code work} once everything before it for the same cause has finished, well or not. */
  private <T> Future<T> inOrder(AlertKind kind, int residentKey, Supplier<Future<T>> work) {
    Cause cause = new Cause(kind, residentKey);
    Promise<T> result = Promise.promise();
    pending.compute(
        cause,
        (c, before) -> {
          Future<T> next =
              (before == null ? Future.succeededFuture() : before).transform(done -> work.get());
          next.onComplete(result);
          return result.future();
        });
    result.future().onComplete(done -> pending.remove(cause, result.future()));
    return result.future();
  }

  private void attempt(
      AlertCandidate candidate, Duration delay, Instant giveUpAt, Promise<Raised> done) {
    db.executeBlocking(() -> store.raise(candidate, clock.instant()), false)
        .onSuccess(
            raised -> {
              // the next finding for this cause waits on done: a failed hand-over must not hold it
              try {
                raised(raised);
              } finally {
                done.complete(raised);
              }
            })
        .onFailure(
            e -> {
              failed(candidate.kind(), e);
              if (clock.instant().plus(delay).isAfter(giveUpAt)) {
                LOG.error(
                    "gave up storing a {} alert for resident {}",
                    candidate.kind().code(),
                    candidate.residentKey());
                done.fail(e);
              } else {
                Duration next =
                    delay.multipliedBy(2).compareTo(RETRY_MAX) > 0
                        ? RETRY_MAX
                        : delay.multipliedBy(2);
                vertx.setTimer(delay.toMillis(), id -> attempt(candidate, next, giveUpAt, done));
              }
            });
  }

  /**
   * As {@link #raise}, for a finding replayed from stored events after a restart: skipped when an
   * alert of its kind was already raised for the resident since the cause, so a restart neither
   * repeats an alert nor loses one whose cause arrived just before the stop.
   */
  public Future<Void> raiseReplayed(AlertCandidate candidate) {
    Instant cause = Instant.ofEpochMilli(candidate.at());
    return inOrder(
            candidate.kind(),
            candidate.residentKey(),
            () ->
                db.executeBlocking(
                    () ->
                        store.raisedSince(candidate.kind(), candidate.residentKey(), cause)
                            ? null
                            : store.raise(candidate, clock.instant()),
                    false))
        .onSuccess(
            raised -> {
              if (raised != null) {
                raised(raised);
              }
            })
        .onFailure(e -> failed(candidate.kind(), e))
        .mapEmpty();
  }

  public Future<Void> restore(AlertKind kind, int residentKey, String note) {
    return inOrder(
            kind,
            residentKey,
            () ->
                db.executeBlocking(
                    () -> store.restore(kind, residentKey, clock.instant(), note), false))
        .onSuccess(closed -> closed.ifPresent(this::announce))
        .onFailure(e -> failed(kind, e))
        .mapEmpty();
  }

  public Future<Void> note(AlertKind kind, int residentKey, String note) {
    return inOrder(
            kind,
            residentKey,
            () ->
                db.executeBlocking(
                    () -> store.note(kind, residentKey, clock.instant(), note), false))
        .onFailure(e -> failed(kind, e))
        .mapEmpty();
  }

  /** Tells live consoles (dashboard-api) about a change. */
  public void announce(AlertChange change) {
    vertx.eventBus().publish(Addresses.ALERTS_CHANGED, change);
  }

  private void raised(Raised raised) {
    AlertChange change = raised.alert();
    if (raised.opened()) {
      metrics.raised(change.kind(), change.severity());
      LOG.info(
          "Alert {} raised: {} {} for resident {}",
          change.alertId(),
          change.severity().code(),
          change.kind().code(),
          change.residentKey());
      send.accept(raised.requests());
    }
    announce(change);
  }

  private void failed(AlertKind kind, Throwable e) {
    metrics.storeFailed();
    LOG.error("could not store a {} alert: {}", kind.code(), e.getMessage());
  }
}
