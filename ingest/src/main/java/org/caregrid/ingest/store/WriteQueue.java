package org.caregrid.ingest.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.caregrid.core.error.UnavailableException;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;
import org.caregrid.core.retry.Backoff;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.pipeline.Admission;
import org.caregrid.ingest.pipeline.ReadingSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects accepted batches and writes them in large COPYs, when {@code batch-size} readings are
 * waiting or the oldest has waited {@code max-age}. Each offer's future completes after the COMMIT
 * that holds it. A failed write is retried with backoff, never dropped: the transports then hold
 * back their acknowledgements and the devices' data stays with the broker or the device.
 *
 * <p>Thread-safe: offers come from every ingest verticle.
 */
public final class WriteQueue implements ReadingSink {
  private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);
  private static final Backoff RETRY = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final BatchWriter writer;
  private final IngestConfig.Writer config;
  private final IngestMetrics metrics;

  private List<Pending> pending = new ArrayList<>();
  private int pendingReadings;
  private int uncommitted;
  private long oldestPendingAt;
  private int inFlight;
  private boolean failing;
  private boolean stopped;
  private long timerId = -1;

  private record Pending(ReadingBatch batch, Promise<Void> committed) {}

  public WriteQueue(
      Vertx vertx,
      WorkerExecutor db,
      BatchWriter writer,
      IngestConfig.Writer config,
      IngestMetrics metrics) {
    this.vertx = vertx;
    this.db = db;
    this.writer = writer;
    this.config = config;
    this.metrics = metrics;
  }

  /** Starts the age check. */
  public synchronized void start() {
    long period = Math.max(1, config.maxAge().toMillis() / 2);
    timerId = vertx.setPeriodic(period, id -> flushIfDue(false));
  }

  /**
   * Stops the age check and retries. What is not committed by then stays unacknowledged: the broker
   * redelivers it to the next consumer.
   */
  public synchronized void stop() {
    stopped = true;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  @Override
  public Future<Void> send(ReadingBatch batch, Admission admission) {
    return admission == Admission.ALWAYS ? offer(batch) : tryOffer(batch);
  }

  /**
   * Queues {@code batch} unless {@code capacity} readings already wait: then fails at once with
   * {@link UnavailableException}, so a transport without a broker behind it can say "retry later".
   */
  public Future<Void> tryOffer(ReadingBatch batch) {
    synchronized (this) {
      if (uncommitted + batch.size() > config.capacity()) {
        return Future.failedFuture(
            new UnavailableException(
                "%d readings are waiting for the database".formatted(uncommitted)));
      }
    }
    return offer(batch);
  }

  /** Queues {@code batch}; the future completes once it is committed. */
  public Future<Void> offer(ReadingBatch batch) {
    Promise<Void> committed = Promise.promise();
    synchronized (this) {
      uncommitted += batch.size();
      if (pending.isEmpty()) {
        oldestPendingAt = System.nanoTime();
      }
      pending.add(new Pending(batch, committed));
      pendingReadings += batch.size();
    }
    flushIfDue(false);
    return committed.future();
  }

  /** Readings accepted but not yet committed. */
  public synchronized int backlog() {
    return uncommitted;
  }

  /** Writes whatever is waiting, however little: for shutdown and tests. */
  public void flushNow() {
    flushIfDue(true);
  }

  private void flushIfDue(boolean force) {
    List<Pending> taken;
    synchronized (this) {
      if (pending.isEmpty() || inFlight >= config.maxInFlight()) {
        return;
      }
      boolean full = pendingReadings >= config.batchSize();
      boolean old = System.nanoTime() - oldestPendingAt >= config.maxAge().toNanos();
      if (!(force || full || old)) {
        return;
      }
      taken = pending;
      pending = new ArrayList<>();
      pendingReadings = 0;
      inFlight++;
    }
    write(taken, 0);
  }

  private void write(List<Pending> batch, int attempt) {
    List<ReadingBatch> rows = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      rows.add(p.batch());
    }
    long started = System.nanoTime();
    db.executeBlocking(() -> writer.write(rows), false)
        .onSuccess(inserted -> committed(batch, started))
        .onFailure(e -> retryLater(batch, attempt, e));
  }

  private void committed(List<Pending> batch, long started) {
    long now = System.currentTimeMillis();
    int readings = 0;
    for (Pending p : batch) {
      readings += p.batch().size();
      long messageOldest = Long.MAX_VALUE;
      for (Reading r : p.batch().readings()) {
        messageOldest = Math.min(messageOldest, r.time());
      }
      // Once per message, from its oldest reading: the readings of one message share their fate.
      metrics.publishToCommit(now - messageOldest);
    }
    metrics.committed(readings, System.nanoTime() - started);
    synchronized (this) {
      inFlight--;
      uncommitted -= readings;
      if (failing) {
        failing = false;
        LOG.info("Database writes succeed again");
      }
    }
    for (Pending p : batch) {
      p.committed().complete();
    }
    flushIfDue(false);
  }

  private void retryLater(List<Pending> batch, int attempt, Throwable e) {
    metrics.writeFailed();
    synchronized (this) {
      if (stopped) {
        giveUp(batch, e);
        return;
      }
      if (!failing) {
        failing = true;
        LOG.warn("Database write failed, retrying until it succeeds: {}", e.getMessage());
      }
    }
    long backoff = RETRY.delay(attempt).toMillis();
    vertx.setTimer(backoff, id -> retry(batch, attempt + 1, e));
  }

  /** A retry that comes due after {@link #stop} must not reach for a worker pool that is gone. */
  private void retry(List<Pending> batch, int attempt, Throwable last) {
    synchronized (this) {
      if (stopped) {
        giveUp(batch, last);
        return;
      }
    }
    write(batch, attempt);
  }

  /** Leaves the batch to the broker, which redelivers what was never acknowledged. */
  private synchronized void giveUp(List<Pending> batch, Throwable cause) {
    inFlight--;
    batch.forEach(p -> uncommitted -= p.batch().size());
    UnavailableException gone = new UnavailableException("stopped before commit", cause);
    batch.forEach(p -> p.committed().fail(gone));
  }
}
