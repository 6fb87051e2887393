package org.caregrid.core.db;

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
 * Listens on a PostgreSQL notification channel on a thread of its own and hands each payload to its
 * {@link Subscriber}. Each time it starts listening, the first time included, the subscriber
 * catches up once LISTEN is in effect: a change made before that, or while a lost connection was
 * down, sent a notification nobody heard. With {@link #catchingUpEvery} it also catches up every so
 * often, in case a notification was lost in a way nobody noticed. All of it runs on this thread,
 * between notifications, so a notification is never overtaken by a catch-up read before it.
 */
public final class ChannelListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelListener.class);
  private static final int WAIT_MS = 500;

  /** What a channel's notifications are for. Blocking: called on the listener's thread. */
  public interface Subscriber {
    /** Reads again everything the channel speaks of. */
    void catchUp() throws SQLException;

    /** One notification; its payload names what changed. */
    void changed(String payload) throws SQLException;
  }

  private final DataSource dataSource;
  private final String channel;
  private final Subscriber subscriber;
  private final Duration retryAfter;
  private final Thread thread;
  private Duration catchUpEvery;
  private volatile boolean running = true;

  /**
   * @param channel a channel name the triggers notify, a plain SQL identifier
   * @param retryAfter the pause before listening again on a new connection
   */
  public ChannelListener(
      DataSource dataSource, String channel, Subscriber subscriber, Duration retryAfter) {
    if (!channel.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain channel name: " + channel);
    }
    this.dataSource = dataSource;
    this.channel = channel;
    this.subscriber = subscriber;
    this.retryAfter = retryAfter;
    this.thread = new Thread(this::listen, "listen-" + channel);
    this.thread.setDaemon(true);
  }

  /** Catches up every {@code every} as well; call before {@link #start}. */
  public ChannelListener catchingUpEvery(Duration every) {
    this.catchUpEvery = every;
    return this;
  }

  public void start() {
    thread.start();
  }

  private void listen() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + channel);
        }
        subscriber.catchUp();
        long nextCatchUp = nextCatchUp();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] received = pg.getNotifications(WAIT_MS);
          if (received != null) {
            for (PGNotification n : received) {
              subscriber.changed(n.getParameter());
            }
          }
          if (catchUpEvery != null && System.nanoTime() - nextCatchUp > 0) {
            subscriber.catchUp();
            nextCatchUp = nextCatchUp();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          LOG.warn("listener on {} lost its connection: {}", channel, e.getMessage());
          pause();
        }
      }
    }
  }

  private long nextCatchUp() {
    return catchUpEvery == null ? 0 : System.nanoTime() + catchUpEvery.toNanos();
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
