package org.caregrid.ingest.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.caregrid.core.db.Migrations;
import org.caregrid.core.db.ReadingDays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage chores, on timers: daily partitions prepared ahead (plain PostgreSQL), rollups of the
 * minutes that closed (checked every 15 s), retention every hour. Each runs on the database worker
 * pool; a failure is logged and the next tick tries again.
 */
public final class StorageUpkeep {
  private static final Logger LOG = LoggerFactory.getLogger(StorageUpkeep.class);
  private static final long PREPARE_DAYS_EVERY_MS = 3_600_000;
  private static final long ROLLUP_EVERY_MS = 15_000;
  private static final long RETENTION_EVERY_MS = 3_600_000;

  private final Vertx vertx;
  private final WorkerExecutor db;
  private final DataSource dataSource;
  private final Rollups rollups;
  private final Duration retention;
  private final List<Long> timers = new ArrayList<>();

  public StorageUpkeep(
      Vertx vertx, WorkerExecutor db, DataSource dataSource, Rollups rollups, Duration retention) {
    this.vertx = vertx;
    this.db = db;
    this.dataSource = dataSource;
    this.rollups = rollups;
    this.retention = retention;
  }

  /** Prepares today's partitions now (before the first write), then starts the timers. */
  public Future<Void> start() {
    return run("prepare reading partitions", () -> ReadingDays.prepare(dataSource))
        .compose(v -> db.executeBlocking(() -> Migrations.inspect(dataSource), false))
        .map(
            storage -> {
              Retention dropper = new Retention(dataSource, storage, Clock.systemUTC(), retention);
              every(
                  PREPARE_DAYS_EVERY_MS,
                  "prepare reading partitions",
                  () -> ReadingDays.prepare(dataSource));
              every(ROLLUP_EVERY_MS, "roll up readings", rollups::run);
              every(RETENTION_EVERY_MS, "apply retention", dropper::run);
              return null;
            });
  }

  public void stop() {
    timers.forEach(vertx::cancelTimer);
    timers.clear();
  }

  private void every(long periodMs, String what, Callable<?> job) {
    timers.add(vertx.setPeriodic(periodMs, id -> run(what, job)));
  }

  private Future<Void> run(String what, Callable<?> job) {
    return db.executeBlocking(job, false)
        .onFailure(e -> LOG.warn("Could not {}: {}", what, e.getMessage()))
        .recover(e -> Future.succeededFuture())
        .mapEmpty();
  }
}
