package org.caregrid.dashboard.live;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.MessageConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.caregrid.core.alert.AlertChange;
import org.caregrid.core.bus.Addresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans alert changes out to the connected streams. Each change on {@code care.alerts.changed} is
 * read back once, whatever the number of clients, for its latest audit id and its stations; every
 * client then keeps what its user may see. A stream lasts only as long as the session it was opened
 * with. Used on the HTTP server's event loop only.
 */
final class LiveAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(LiveAlerts.class);

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final AlertSnapshots snapshots;
  private final Duration recheck;
  private final Set<LiveClient> clients = new LinkedHashSet<>();
  private MessageConsumer<AlertChange> consumer;
  private boolean checking;
  private boolean checkFailing;

  /**
   * @param recheck how often every stream's session is asked again: a stream ends at most this long
   *     after its session does
   */
  LiveAlerts(Vertx vertx, WorkerExecutor db, AlertSnapshots snapshots, Duration recheck) {
    this.vertx = vertx;
    this.db = db;
    this.snapshots = snapshots;
    this.recheck = recheck;
  }

  /**
   * Called from a request handler, so that the consumer and the session check run on the server's
   * event loop, as the clients do, and go away with the server's verticle.
   */
  void add(LiveClient client) {
    if (consumer == null) {
      consumer =
          vertx.eventBus().consumer(Addresses.ALERTS_CHANGED, m -> changed(m.body().alertId()));
      vertx.setPeriodic(recheck.toMillis(), id -> recheck());
    }
    clients.add(client);
  }

  /**
   * Ends the streams whose session has ended (signed out, expired, user disabled) or whose token
   * was revoked. Sign-out may happen on another node, so each is asked of the database; all in one
   * task, and never two at once.
   */
  private void recheck() {
    if (clients.isEmpty() || checking) {
      return;
    }
    checking = true;
    List<LiveClient> open = List.copyOf(clients);
    db.executeBlocking(
            () -> {
              List<LiveClient> ended = new ArrayList<>();
              for (LiveClient c : open) {
                if (!c.credential().live()) {
                  ended.add(c);
                }
              }
              return ended;
            },
            false)
        .onComplete(v -> checking = false)
        .onSuccess(
            ended -> {
              checkFailing = false;
              ended.forEach(
                  c -> {
                    clients.remove(c);
                    c.close();
                  });
            })
        // The database is away: the streams stay, the next check asks again, one line per outage.
        .onFailure(
            e -> {
              if (!checkFailing) {
                LOG.warn("could not check the live streams' sessions: {}", e.getMessage());
              }
              checkFailing = true;
            });
  }

  void remove(LiveClient client) {
    clients.remove(client);
  }

  private void changed(long alertId) {
    if (clients.isEmpty()) {
      return;
    }
    // ordered: snapshots reach the clients in the order the changes were announced
    db.executeBlocking(() -> snapshots.latest(alertId), true)
        .onSuccess(found -> found.ifPresent(s -> List.copyOf(clients).forEach(c -> c.live(s))))
        .onFailure(
            e -> {
              // A change the clients would never see: better they reconnect and replay it.
              LOG.warn("could not read alert {} for the live stream: {}", alertId, e.getMessage());
              List.copyOf(clients).forEach(LiveClient::close);
              clients.clear();
            });
  }
}
