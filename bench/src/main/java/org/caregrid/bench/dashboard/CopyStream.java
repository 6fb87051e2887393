package org.caregrid.bench.dashboard;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Binary COPY batches into one table on a connection and thread of its own, one commit per batch,
 * so the seeder can fill several tables at once. A few batches may wait; the producer blocks beyond
 * that, so memory stays bounded.
 */
final class CopyStream implements AutoCloseable {
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> batches = new ArrayBlockingQueue<>(4);
  private final Thread writer;
  private volatile Exception failure;
  private long rows;

  /**
   * @param copy e.g. {@code COPY reading (time, device_id, metric, value) FROM STDIN (FORMAT
   *     binary)}
   */
  CopyStream(DataSource db, String copy, String name) {
    writer =
        new Thread(
            () -> {
              try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                CopyManager api = c.unwrap(PGConnection.class).getCopyAPI();
                for (byte[] batch = batches.take(); batch != END; batch = batches.take()) {
                  api.copyIn(copy, new ByteArrayInputStream(batch));
                  c.commit();
                }
              } catch (SQLException | IOException | RuntimeException e) {
                failure = e;
                batches.clear();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "copy-" + name);
    writer.start();
  }

  void write(BinaryCopy batch) throws InterruptedException {
    failIfFailed();
    rows += batch.rows();
    batches.put(batch.finish());
  }

  long rows() {
    return rows;
  }

  /** Waits for every batch to be committed. */
  @Override
  public void close() throws InterruptedException {
    if (writer.isAlive()) {
      batches.put(END);
    }
    writer.join();
    failIfFailed();
  }

  private void failIfFailed() {
    if (failure != null) {
      throw new IllegalStateException("COPY failed: " + failure.getMessage(), failure);
    }
  }
}
