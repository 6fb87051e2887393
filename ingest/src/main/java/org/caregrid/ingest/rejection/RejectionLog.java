package org.caregrid.ingest.rejection;

import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps rejected messages for inspection without letting a flood of bad input load the database: at
 * most {@code BUFFER} wait in memory (the rest are only counted), and they are written once a
 * second in one batch, after which the table is trimmed to the newest {@code kept} rows.
 *
 * <p>Thread-safe: every ingest verticle records here.
 */
public final class RejectionLog {
  private static final Logger LOG = LoggerFactory.getLogger(RejectionLog.class);
  private static final int BUFFER = 1_000;
  private static final long FLUSH_EVERY_MS = 1_000;

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final JdbcRejectionStore store;
  private final int kept;
  private List<RejectedMessage> buffer = new ArrayList<>();
  private long timerId = -1;
  private boolean writing;

  public RejectionLog(Vertx vertx, WorkerExecutor db, JdbcRejectionStore store, int kept) {
    this.vertx = vertx;
    this.db = db;
    this.store = store;
    this.kept = kept;
  }

  public synchronized void start() {
    timerId = vertx.setPeriodic(FLUSH_EVERY_MS, id -> flush());
  }

  public synchronized void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  /** Returns false when the buffer is full and the message is only counted. */
  public synchronized boolean record(RejectedMessage message) {
    if (kept == 0 || buffer.size() >= BUFFER) {
      return false;
    }
    buffer.add(message);
    return true;
  }

  /** Writes what is buffered now; the periodic flush calls this too. */
  public void flush() {
    List<RejectedMessage> batch;
    synchronized (this) {
      if (buffer.isEmpty() || writing) {
        return;
      }
      batch = buffer;
      buffer = new ArrayList<>();
      writing = true;
    }
    db.executeBlocking(
            () -> {
              store.insert(batch);
              return store.trimTo(kept);
            },
            false)
        .onComplete(
            ar -> {
              synchronized (this) {
                writing = false;
              }
              if (ar.failed()) {
                LOG.warn(
                    "Could not keep {} rejected messages: {}",
                    batch.size(),
                    ar.cause().getMessage());
              }
            });
  }
}
