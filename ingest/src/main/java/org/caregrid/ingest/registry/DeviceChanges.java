package org.caregrid.ingest.registry;

import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.caregrid.core.db.ChannelListener;

/**
 * Tells the registry of the database's {@code caregrid_device} notifications, sent by a trigger on
 * COMMIT of any change to a device (migration V62): each names the device that changed. The
 * registry reloads whole each time listening starts, and every {@code reloadEvery} in case a
 * notification was lost in a way nobody noticed ({@link ChannelListener}).
 */
public final class DeviceChanges implements AutoCloseable {
  private final ChannelListener listener;

  public DeviceChanges(
      DataSource dataSource,
      CachedDeviceRegistry registry,
      Duration reloadEvery,
      Duration retryAfter) {
    this.listener =
        new ChannelListener(
                dataSource,
                "caregrid_device",
                new ChannelListener.Subscriber() {
                  @Override
                  public void catchUp() throws SQLException {
                    registry.loadAll();
                  }

                  @Override
                  public void changed(String uid) {
                    registry.changed(uid);
                  }
                },
                retryAfter)
            .catchingUpEvery(reloadEvery);
  }

  public void start() {
    listener.start();
  }

  @Override
  public void close() {
    listener.close();
  }
}
