package org.caregrid.dashboard.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listens to a Server-Sent Events stream of the API, as the browser's EventSource does, and keeps
 * every event for assertions. Close it to disconnect.
 *
 * <pre>{@code
 * try (SseRecorder live = SseRecorder.open(vertx, port, client.sessionCookie(), "/alerts/stream", null)) {
 *   await().until(() -> live.events().size() == 1);
 * }
 * }</pre>
 */
public final class SseRecorder implements AutoCloseable {
  /** One event; {@code id} and {@code event} null when the server sent none. */
  public record Event(String id, String event, String data) {
    public JsonObject json() {
      return new JsonObject(data);
    }
  }

  private final HttpClient http;
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final StringBuilder pending = new StringBuilder();
  private volatile int status;
  private volatile boolean connected;
  private volatile boolean ended;

  private SseRecorder(HttpClient http) {
    this.http = http;
  }

  /**
   * Connects and returns once the response's status is known.
   *
   * @param session the session cookie's value (null: none)
   * @param path below {@code /api/v1}
   * @param lastEventId sent as {@code Last-Event-ID} (null: none)
   */
  public static SseRecorder open(
      Vertx vertx, int port, String session, String path, String lastEventId) {
    SseRecorder recorder =
        new SseRecorder(
            vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)));
    recorder
        .http
        .request(HttpMethod.GET, "/api/v1" + path)
        .compose(
            req -> {
              if (session != null) {
                req.putHeader("Cookie", ApiClient.COOKIE + "=" + session);
              }
              if (lastEventId != null) {
                req.putHeader("Last-Event-ID", lastEventId);
              }
              // Listen before sending, so the handlers are in place when the first bytes arrive:
              // registered later, a chunk (": connected") or the end could pass unseen.
              Future<HttpClientResponse> response = req.response().onSuccess(recorder::listen);
              return req.end().compose(v -> response);
            })
        .await();
    return recorder;
  }

  private void listen(HttpClientResponse resp) {
    status = resp.statusCode();
    resp.handler(buffer -> received(buffer.toString()));
    resp.endHandler(v -> ended = true);
    resp.exceptionHandler(e -> ended = true);
  }

  /** The response status: 200 for a stream, else a problem body follows. */
  public int status() {
    return status;
  }

  /** True once the server's {@code : connected} comment arrived. */
  public boolean connected() {
    return connected;
  }

  /** True once the server ended the stream (or the connection broke). */
  public boolean ended() {
    return ended;
  }

  /** The alert events so far, heartbeats left out. */
  public List<Event> events() {
    return events.stream().filter(e -> !"heartbeat".equals(e.event())).toList();
  }

  /** How many heartbeats the stream sent so far. */
  public long heartbeats() {
    return events.stream().filter(e -> "heartbeat".equals(e.event())).count();
  }

  /** The ids of the events so far, in order. */
  public List<String> ids() {
    return events().stream().map(Event::id).toList();
  }

  private synchronized void received(String chunk) {
    pending.append(chunk);
    int end;
    while ((end = pending.indexOf("\n\n")) >= 0) {
      String block = pending.substring(0, end);
      pending.delete(0, end + 2);
      parse(block);
    }
  }

  private void parse(String block) {
    String id = null;
    String event = null;
    StringBuilder data = null;
    for (String line : block.split("\n", -1)) {
      if (line.startsWith(":")) {
        connected |= line.equals(": connected");
      } else if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("event: ")) {
        event = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data = data == null ? new StringBuilder() : data.append('\n');
        data.append(line.substring(6));
      }
    }
    if (data != null) {
      events.add(new Event(id, event, data.toString()));
    }
  }

  @Override
  public void close() {
    http.close().await();
  }
}
