package org.caregrid.ingest.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for the database's {@code caregrid_device} notifications (sent by a trigger on COMMIT of
 * any change to a device, migration V62) on a thread of its own, and tells the registry which
 * device changed. Each time it starts listening, the first time included, it reloads the registry
 * whole once LISTEN is in effect: a change made before that, or while a lost connection was down,
 * sent a notification nobody heard. It also reloads every {@code reloadEvery}, in case a
 * notification was lost in a way nobody noticed. Reloads run on this thread, between notifications,
 * so a notification is never overtaken by a reload read before it.
 */
public final class DeviceChanges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceChanges.class);
  private static final int WAIT_MS = 500;

  private final DataSource dataSource;
  private final CachedDeviceRegistry registry;
  private final Duration reloadEvery;
  private final Duration retryAfter;
  private final Thread thread;
  private volatile boolean running = true;

  public DeviceChanges(
      DataSource dataSource,
      CachedDeviceRegistry registry,
      Duration reloadEvery,
      Duration retryAfter) {
    this.dataSource = dataSource;
    this.registry = registry;
    this.reloadEvery = reloadEvery;
    this.retryAfter = retryAfter;
    this.thread = new Thread(this::listen, "caregrid-device-changes");
    this.thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  private void listen() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN caregrid_device");
        }
        registry.loadAll();
        long nextReload = System.nanoTime() + reloadEvery.toNanos();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] received = pg.getNotifications(WAIT_MS);
          if (received != null) {
            for (PGNotification n : received) {
              registry.changed(n.getParameter());
            }
          }
          if (System.nanoTime() - nextReload > 0) {
            registry.loadAll();
            nextReload = System.nanoTime() + reloadEvery.toNanos();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          LOG.warn("device change listener lost its connection: {}", e.getMessage());
          pause();
        }
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(retryAfter.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(WAIT_MS * 4L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
