package org.caregrid.dashboard.bigscreen;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
import java.util.Set;
import org.caregrid.core.bus.Addresses;
import org.caregrid.dashboard.auth.Principal;
import org.caregrid.dashboard.auth.StaffRole;

/**
 * The command centre's big screen: {@code GET /bigscreen} (everything the screen shows, names
 * masked) and {@code GET /bigscreen/stream}, Server-Sent Events that say only that something
 * changed ({@code event: changed}, at most one every {@link #COALESCE_MS} ms) and beat every {@link
 * #HEARTBEAT_MS} ms, so that no resident's data travels on it. The page fetches the snapshot again
 * on each change. Kiosks read these, and staff with a console may too.
 */
public final class BigScreenApi {
  static final long COALESCE_MS = 500;
  static final long HEARTBEAT_MS = 15_000;

  private final BigScreenQueries queries;
  private final WorkerExecutor db;
  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();
  private Vertx vertx;
  private MessageConsumer<Object> changes;
  private long heartbeat = -1;
  private boolean pending;

  public BigScreenApi(BigScreenQueries queries, WorkerExecutor db) {
    this.queries = queries;
    this.db = db;
  }

  /** Mounts the routes; call on the HTTP server's context, whose loop then serves the stream. */
  public void mount(Router api, Vertx vertx) {
    this.vertx = vertx;
    api.get("/bigscreen").handler(this::snapshot);
    api.get("/bigscreen/stream").handler(this::stream);
    changes = vertx.eventBus().consumer(Addresses.ALERTS_CHANGED, m -> changed());
    heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> send(": beat\n\n"));
  }

  /** Stops the stream's timer and consumer and ends the open streams. */
  public void close() {
    if (heartbeat >= 0) {
      vertx.cancelTimer(heartbeat);
    }
    if (changes != null) {
      changes.unregister();
    }
    for (HttpServerResponse r : Set.copyOf(clients)) {
      r.end();
    }
    clients.clear();
  }

  private static Principal reader(RoutingContext ctx) {
    Principal who = Principal.of(ctx);
    if (who.role() == StaffRole.FAMILY_DOCTOR || who.role() == StaffRole.CITY_PLATFORM) {
      ctx.fail(403);
      return null;
    }
    return who;
  }

  private void snapshot(RoutingContext ctx) {
    Principal who = reader(ctx);
    if (who == null) {
      return;
    }
    db.executeBlocking(() -> queries.snapshot(who), false)
        .onSuccess(
            s -> {
              if (s == null) {
                ctx.fail(404);
              } else {
                ctx.response().putHeader("Cache-Control", "no-store");
                ctx.json(s);
              }
            })
        .onFailure(ctx::fail);
  }

  private void stream(RoutingContext ctx) {
    if (reader(ctx) == null) {
      return;
    }
    HttpServerResponse response = ctx.response();
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-store");
    response.write(": connected\n\n");
    clients.add(response);
    response.closeHandler(v -> clients.remove(response));
    response.exceptionHandler(e -> clients.remove(response));
  }

  private void changed() {
    if (pending) {
      return;
    }
    pending = true;
    vertx.setTimer(
        COALESCE_MS,
        id -> {
          pending = false;
          send("event: changed\ndata: {}\n\n");
        });
  }

  private void send(String frame) {
    for (HttpServerResponse r : Set.copyOf(clients)) {
      if (r.writeQueueFull()) {
        // A screen that cannot keep up misses ticks, not data: it reloads on the next one.
        continue;
      }
      r.write(frame);
    }
  }
}
