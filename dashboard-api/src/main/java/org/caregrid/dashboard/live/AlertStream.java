package org.caregrid.dashboard.live;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.caregrid.dashboard.api.ApiFailures;
import org.caregrid.dashboard.auth.Credential;
import org.caregrid.dashboard.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/alerts/stream}: the alerts the user may see, as Server-Sent Events, each with
 * the id of the alert's latest audit row. A client that comes back with {@code Last-Event-ID} (the
 * header the browser's EventSource sends, or {@code ?lastEventId=}) first gets every visible alert
 * that changed after that id, once and as it is now, then the changes as they happen. A client that
 * cannot keep up is dropped and counted rather than buffered without bound; it reconnects and
 * replays what it missed. A stream ends when its session does (sign-out, expiry, a disabled user),
 * within one session check. A {@code heartbeat} event every {@link #HEARTBEAT} lets the console
 * tell a stream that went silent (a dead link, a proxy holding it) from one with nothing to say.
 */
public final class AlertStream {
  static final String DROPPED = "caregrid.dashboard.live.dropped";

  private static final Logger LOG = LoggerFactory.getLogger(AlertStream.class);

  /** About 400 bytes an event: room for a full replay, bounded all the same. */
  private static final int WRITE_QUEUE_BYTES = 1024 * 1024;

  /** Alerts replayed at most; a client away longer reloads the list instead. */
  static final int REPLAY_LIMIT = 1_000;

  private static final int WAITING_LIMIT = 1_000;

  /** Inside the 7 s of silence after which the console calls the link down. */
  static final Duration HEARTBEAT = Duration.ofSeconds(5);

  private final WorkerExecutor db;
  private final AlertSnapshots snapshots;
  private final LiveAlerts hub;
  private final Counter dropped;

  /**
   * @param sessionCheck how often open streams ask whether their session still lives
   */
  public AlertStream(
      Vertx vertx,
      WorkerExecutor db,
      DataSource dataSource,
      MeterRegistry meters,
      Duration sessionCheck) {
    this.db = db;
    this.snapshots = new AlertSnapshots(dataSource);
    this.hub = new LiveAlerts(vertx, db, snapshots, sessionCheck);
    this.dropped = meters.counter(DROPPED);
  }

  public void handle(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    long after = lastEventId(ctx);
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .setWriteQueueMaxSize(WRITE_QUEUE_BYTES)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": connected\n\n");
    LiveClient[] self = new LiveClient[1];
    LiveClient client =
        new LiveClient(
            response,
            who,
            Credential.of(ctx),
            WAITING_LIMIT,
            () -> {
              dropped.increment();
              hub.remove(self[0]);
            });
    self[0] = client;
    hub.add(client);
    long heartbeat = ctx.vertx().setPeriodic(HEARTBEAT.toMillis(), id -> client.heartbeat());
    response.closeHandler(
        v -> {
          ctx.vertx().cancelTimer(heartbeat);
          hub.remove(client);
        });
    if (after < 0) {
      client.replayed(List.of());
      return;
    }
    db.executeBlocking(() -> snapshots.since(after, who, REPLAY_LIMIT), false)
        .onSuccess(client::replayed)
        .onFailure(
            e -> {
              LOG.warn("could not replay alerts after {}: {}", after, e.getMessage());
              hub.remove(client);
              client.close();
            });
  }

  /** The id to resume after, or -1 to start with what happens from now on. */
  private static long lastEventId(RoutingContext ctx) {
    String raw = ctx.request().getHeader("Last-Event-ID");
    if (raw == null || raw.isBlank()) {
      raw = ctx.queryParams().get("lastEventId");
    }
    if (raw == null || raw.isBlank()) {
      return -1;
    }
    try {
      long id = Long.parseLong(raw.strip());
      if (id < 0) {
        throw ApiFailures.badRequest("lastEventId must be a non-negative whole number");
      }
      return id;
    } catch (NumberFormatException e) {
      throw ApiFailures.badRequest("lastEventId must be a non-negative whole number");
    }
  }
}
