package org.caregrid.alerting.resident;

import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.caregrid.core.db.ChannelListener;

/**
 * Tells the directory of the database's {@code caregrid_resident} notifications, sent by triggers
 * when a resident, their care plan or their devices change: each names the resident to reload. The
 * directory reloads everyone each time listening starts ({@link ChannelListener}).
 */
public final class ResidentChanges implements AutoCloseable {
  private final ChannelListener listener;

  public ResidentChanges(DataSource dataSource, ResidentDirectory directory, Duration retryAfter) {
    this.listener =
        new ChannelListener(
            dataSource,
            "caregrid_resident",
            new ChannelListener.Subscriber() {
              @Override
              public void catchUp() throws SQLException {
                directory.loadAll();
              }

              @Override
              public void changed(String key) throws SQLException {
                directory.reload(Integer.parseInt(key));
              }
            },
            retryAfter);
  }

  public void start() {
    listener.start();
  }

  @Override
  public void close() {
    listener.close();
  }
}
