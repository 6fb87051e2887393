package org.caregrid.alerting.alert;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.caregrid.alerting.alert.Change.Action;
import org.caregrid.alerting.metrics.AlertingMetrics;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.alerting.rule.AlertCandidate;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Outcome;
import org.caregrid.core.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What rules find becomes stored alerts here: each finding is written on the database worker pool,
 * then the {@link AlertListener} is told what was committed (a new alert with its first routing
 * step, a repeat, a restore, a note), as is each station's receipt of a help request. Callable from
 * any event loop; the listener is told on the loop of the context that created this (the alert
 * desk's), handed there by the worker that committed, so the news takes one hop, not two.
 *
 * <p>What concerns one cause (resident and kind) is written in the order the rules found it, one
 * after the other: a fall downgraded by its cancel a moment later must not be overwritten by the
 * raise it follows, which two database workers would otherwise be free to commit last.
 */
public final class Alerts {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
  // Never more than 2 s apart: an SOS waiting here goes out within 2 s of the database's return (a
  // failover promotes the standby in about 10 s), and each try costs one connection attempt.
  private static final Backoff RETRY = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2));
  private static final Duration KEEP_TRYING = Duration.ofMinutes(30);

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final AlertStore store;
  private final Clock clock;
  private final AlertingMetrics metrics;
  private final AlertListener listener;
  private final Context desk;
  private final ConcurrentHashMap<Cause, Future<?>> pending = new ConcurrentHashMap<>();

  private record Cause(AlertKind kind, int residentKey) {}

  /**
   * @param listener told each committed change, on the loop of the context creating this
   */
  public Alerts(
      Vertx vertx,
      WorkerExecutor db,
      AlertStore store,
      Clock clock,
      AlertingMetrics metrics,
      AlertListener listener) {
    this.vertx = vertx;
    this.db = db;
    this.store = store;
    this.clock = clock;
    this.metrics = metrics;
    this.listener = listener;
    this.desk = vertx.getOrCreateContext();
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
          attempt(candidate, 0, clock.instant().plus(KEEP_TRYING), done);
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
      AlertCandidate candidate, int retry, Instant giveUpAt, Promise<Raised> done) {
    write(() -> store.raise(candidate, clock.instant()), this::raised)
        .onSuccess(done::complete)
        .onFailure(
            e -> {
              failed(candidate.kind(), e);
              Duration delay = RETRY.delay(retry);
              if (clock.instant().plus(delay).isAfter(giveUpAt)) {
                LOG.error(
                    "gave up storing a {} alert for resident {}",
                    candidate.kind().code(),
                    candidate.residentKey());
                done.fail(e);
              } else {
                vertx.setTimer(
                    delay.toMillis(), id -> attempt(candidate, retry + 1, giveUpAt, done));
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
                write(
                    () ->
                        store.raisedSince(candidate.kind(), candidate.residentKey(), cause)
                            ? null
                            : store.raise(candidate, clock.instant()),
                    raised -> {
                      if (raised != null) {
                        raised(raised);
                      }
                    }))
        .onFailure(e -> failed(candidate.kind(), e))
        .mapEmpty();
  }

  public Future<Void> restore(AlertKind kind, int residentKey, String note) {
    return inOrder(
            kind,
            residentKey,
            () ->
                write(
                    () -> store.restore(kind, residentKey, clock.instant(), note),
                    closed ->
                        closed.ifPresent(
                            c ->
                                listener.changed(
                                    c, Change.bySystem(Action.RESTORED, Outcome.RESTORED, note)))))
        .onFailure(e -> failed(kind, e))
        .mapEmpty();
  }

  public Future<Void> note(AlertKind kind, int residentKey, String note) {
    return inOrder(
            kind,
            residentKey,
            () ->
                write(
                    () -> store.note(kind, residentKey, clock.instant(), note),
                    open ->
                        open.ifPresent(
                            c -> listener.changed(c, Change.bySystem(Action.NOTED, null, note)))))
        .onFailure(e -> failed(kind, e))
        .mapEmpty();
  }

  /**
   * Records that a station's panel received the request; the first one moves it to notified. While
   * the database is unreachable the record is tried again, up to the request's accept deadline: a
   * receipt left unrecorded makes the other desks' sweep ({@code UnsentRequests}) send the request
   * a second time once the database is back.
   */
  public Future<Void> notified(HelpRequest request) {
    Promise<Void> done = Promise.promise();
    recordNotified(request, 0, done);
    return done.future();
  }

  private void recordNotified(HelpRequest request, int retry, Promise<Void> done) {
    write(
            () -> store.notified(request.alertId(), request.station().key(), clock.instant()),
            changed ->
                changed.ifPresent(
                    c ->
                        listener.changed(
                            c, Change.bySystem(Action.NOTIFIED, null, request.station().code()))))
        .onSuccess(v -> done.complete())
        .onFailure(
            e -> {
              Duration delay = RETRY.delay(retry);
              if (clock.instant().plus(delay).isAfter(request.acceptBy())) {
                LOG.warn(
                    "could not record alert {} as notified: {}", request.alertId(), e.getMessage());
                done.fail(e);
              } else {
                vertx.setTimer(delay.toMillis(), id -> recordNotified(request, retry + 1, done));
              }
            });
  }

  /**
   * Runs {@code work} on a database worker. Its result goes from that worker straight to the desk's
   * loop, where {@code tell} hands it to the listener; the returned future completes on the
   * caller's loop.
   */
  private <T> Future<T> write(Callable<T> work, Consumer<T> tell) {
    return db.executeBlocking(
        () -> {
          T result = work.call();
          desk.runOnContext(v -> tell.accept(result));
          return result;
        },
        false);
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
      listener.raised(change, raised.step());
    } else {
      listener.repeated(change);
    }
  }

  private void failed(AlertKind kind, Throwable e) {
    metrics.storeFailed();
    LOG.error("could not store a {} alert: {}", kind.code(), e.getMessage());
  }
}
