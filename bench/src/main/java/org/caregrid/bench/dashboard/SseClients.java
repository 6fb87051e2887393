package org.caregrid.bench.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.bench.rig.WallClock;

/**
 * Consoles holding {@code GET /api/v1/alerts/stream} open, one HTTP/1.1 connection each, all on one
 * Vert.x event loop. Each notes an event's arrival time first, then reads its {@code id} and the
 * alert's id from its data and tells the ledger. Each client signs in with the cookie it is given.
 */
final class SseClients implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  private final HttpClient http;
  private final FanOutLedger ledger;
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong unreadable = new AtomicLong();
  private final AtomicLong closed = new AtomicLong();

  SseClients(int port, List<String> cookies, FanOutLedger ledger) throws Exception {
    this.ledger = ledger;
    http =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
            new PoolOptions().setHttp1MaxSize(cookies.size() + 1));
    List<Future<Void>> open = new ArrayList<>();
    for (int i = 0; i < cookies.size(); i++) {
      open.add(connect(i, cookies.get(i)));
    }
    Future.all(open).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  private Future<Void> connect(int client, String cookie) {
    return http.request(
            new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setURI("/api/v1/alerts/stream")
                .putHeader("Cookie", cookie)
                .putHeader("Accept", "text/event-stream")
                .setIdleTimeout(0))
        .compose(req -> req.send())
        .compose(
            resp -> {
              if (resp.statusCode() != 200) {
                return Future.failedFuture("stream answered HTTP " + resp.statusCode());
              }
              StringBuilder pending = new StringBuilder();
              resp.handler(chunk -> onChunk(client, pending, chunk));
              resp.endHandler(v -> closed.incrementAndGet());
              resp.exceptionHandler(e -> closed.incrementAndGet());
              return Future.succeededFuture();
            });
  }

  /** Events end with a blank line; a chunk may hold several, or part of one. */
  private void onChunk(int client, StringBuilder pending, Buffer chunk) {
    long nanos = System.nanoTime();
    long wallMicros = WallClock.micros();
    pending.append(chunk.toString());
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String event = pending.substring(0, end);
      pending.delete(0, end + 2);
      onEvent(client, event, nanos, wallMicros);
    }
  }

  private void onEvent(int client, String event, long nanos, long wallMicros) {
    long id = -1;
    String type = "message";
    StringBuilder data = new StringBuilder();
    for (String line : event.split("\n", -1)) {
      if (line.startsWith("id:")) {
        id = Long.parseLong(line.substring(3).trim());
      } else if (line.startsWith("event:")) {
        type = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5).trim());
      }
    }
    if (!"alert".equals(type)) {
      return;
    }
    events.incrementAndGet();
    try {
      ledger.received(client, id, new JsonObject(data.toString()).getLong("id"), nanos, wallMicros);
    } catch (RuntimeException e) {
      unreadable.incrementAndGet();
    }
  }

  /** {@code alert} events received, by all clients together. */
  long events() {
    return events.get();
  }

  long unreadable() {
    return unreadable.get();
  }

  /** Streams the server ended or broke. */
  long closed() {
    return closed.get();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }
}
