package org.caregrid.dashboard.live;

import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caregrid.dashboard.auth.Credential;
import org.caregrid.dashboard.auth.Principal;

/**
 * One open stream. While its replay is read, live changes wait in a bounded queue; then the replay
 * goes out, then the queue, then changes as they come. An alert is never sent again with the same
 * or an older audit id, so a change both replayed and announced reaches the client once.
 */
final class LiveClient {
  /** Alerts remembered for that check: far more than are open at once in a district. */
  private static final int REMEMBERED = 10_000;

  private final HttpServerResponse response;
  private final Principal who;
  private final Credential credential;
  private final int queueLimit;
  private final Runnable onDrop;
  private final ArrayDeque<AlertSnapshot> waiting = new ArrayDeque<>();
  private final Map<Long, Long> sent =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
          return size() > REMEMBERED;
        }
      };
  private boolean replaying = true;
  private boolean closed;

  /**
   * @param credential what the stream was opened with, asked again while it runs
   * @param queueLimit live changes held while the replay is read; more and the client is dropped
   * @param onDrop called once when the client is dropped for being too slow
   */
  LiveClient(
      HttpServerResponse response,
      Principal who,
      Credential credential,
      int queueLimit,
      Runnable onDrop) {
    this.response = response;
    this.who = who;
    this.credential = credential;
    this.queueLimit = queueLimit;
    this.onDrop = onDrop;
  }

  Credential credential() {
    return credential;
  }

  /** A change as it happens. */
  void live(AlertSnapshot s) {
    if (closed || !s.visibleTo(who)) {
      return;
    }
    if (!replaying) {
      send(s);
    } else if (waiting.size() < queueLimit) {
      waiting.add(s);
    } else {
      drop();
    }
  }

  /** The replay is read (empty without a Last-Event-ID): send it, then what waited. */
  void replayed(List<AlertSnapshot> replay) {
    replay.forEach(this::send);
    replaying = false;
    while (!waiting.isEmpty() && !closed) {
      send(waiting.poll());
    }
  }

  /** Says the stream is alive; carries no id, so a reconnect still resumes after the last alert. */
  void heartbeat() {
    if (!closed && !response.writeQueueFull()) {
      response.write("event: heartbeat\ndata: {}\n\n");
    }
  }

  /**
   * Ends the stream; the browser's EventSource reconnects with its Last-Event-ID, and is refused
   * (401) when the session has ended.
   */
  void close() {
    if (!closed) {
      closed = true;
      waiting.clear();
      response.end();
    }
  }

  private void send(AlertSnapshot s) {
    if (closed) {
      return;
    }
    Long last = sent.get(s.alert().id());
    if (last != null && s.eventId() <= last) {
      return;
    }
    if (response.writeQueueFull()) {
      drop();
      return;
    }
    sent.put(s.alert().id(), s.eventId());
    response.write(s.frame());
  }

  private void drop() {
    closed = true;
    waiting.clear();
    onDrop.run();
    response.reset();
  }
}
