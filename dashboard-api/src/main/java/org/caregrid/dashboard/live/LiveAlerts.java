package org.caregrid.dashboard.live;

import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
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
 * client then keeps what its user may see. Used on the HTTP server's event loop only.
 */
final class LiveAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(LiveAlerts.class);

  private final EventBus bus;
  private final WorkerExecutor db;
  private final AlertSnapshots snapshots;
  private final Set<LiveClient> clients = new LinkedHashSet<>();
  private MessageConsumer<AlertChange> consumer;

  LiveAlerts(EventBus bus, WorkerExecutor db, AlertSnapshots snapshots) {
    this.bus = bus;
    this.db = db;
    this.snapshots = snapshots;
  }

  /**
   * Called from a request handler, so that the consumer runs on the server's event loop, as the
   * clients do, and goes away with the server's verticle.
   */
  void add(LiveClient client) {
    if (consumer == null) {
      consumer = bus.consumer(Addresses.ALERTS_CHANGED, m -> changed(m.body().alertId()));
    }
    clients.add(client);
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
