package org.caregrid.alerting.resident;

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
 * Listens for the database's {@code caregrid_resident} notifications (sent by triggers when a
 * resident, their care plan or their devices change) on a thread of its own, and reloads that
 * resident. Each time it starts listening, the first time included, it reloads everyone once LISTEN
 * is in effect: a change made before that, or while a lost connection was down, sent a notification
 * nobody heard.
 */
public final class ResidentChanges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ResidentChanges.class);
  private static final int WAIT_MS = 500;

  private final DataSource dataSource;
  private final ResidentDirectory directory;
  private final Duration retryAfter;
  private final Thread thread;
  private volatile boolean running = true;

  public ResidentChanges(DataSource dataSource, ResidentDirectory directory, Duration retryAfter) {
    this.dataSource = dataSource;
    this.directory = directory;
    this.retryAfter = retryAfter;
    this.thread = new Thread(this::listen, "caregrid-resident-changes");
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
          s.execute("LISTEN caregrid_resident");
        }
        directory.loadAll();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] received = pg.getNotifications(WAIT_MS);
          if (received != null) {
            for (PGNotification n : received) {
              int key = Integer.parseInt(n.getParameter());
              directory.reload(key);
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          LOG.warn("resident change listener lost its connection: {}", e.getMessage());
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
