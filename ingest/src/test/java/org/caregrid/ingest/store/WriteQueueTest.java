package org.caregrid.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.error.UnavailableException;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.metrics.MicrometerIngestMetrics;
import org.caregrid.ingest.pipeline.Admission;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The writer's side of "acknowledged means stored", without a database: the batch writer is a
 * stand-in that fails, or holds the commit open, as the test says.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class WriteQueueTest {
  private static final Device BED =
      new Device(1, new DeviceId("bed-001"), DeviceKind.CARE_BED, 1, Duration.ofSeconds(15));

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final List<List<ReadingBatch>> committed = new CopyOnWriteArrayList<>();
  private WorkerExecutor db;

  @BeforeEach
  void setUp(Vertx vertx) {
    db = vertx.createSharedWorkerExecutor("write-queue-test", 2);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  static ReadingBatch readings(int seq, int n) {
    List<Reading> rs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rs.add(new Reading(Metric.HR, 1_000L * seq + i, 70 + i));
    }
    return new ReadingBatch(BED, seq, rs, 0);
  }

  private WriteQueue queue(Vertx vertx, BatchWriter writer, int capacity) {
    IngestConfig.Writer config =
        new IngestConfig.Writer(
            1, Duration.ofMillis(10), 1, capacity, IngestConfig.defaults().writer().format());
    WriteQueue q = new WriteQueue(vertx, db, writer, config, new MicrometerIngestMetrics(meters));
    q.start();
    return q;
  }

  @Test
  void aBatchIsCommittedOnlyWhenItsWriteCommits(Vertx vertx) throws Exception {
    // given a writer that holds the commit until the test lets it go
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WriteQueue q =
        queue(
            vertx,
            batches -> {
              writing.countDown();
              release.await();
              committed.add(batches);
              return batches.size();
            },
            100);

    // when a batch is offered
    Future<Void> stored = q.send(readings(1, 2), Admission.ALWAYS);

    // then it is not committed while the write is held
    assertThat(writing.await(2, TimeUnit.SECONDS)).isTrue();
    assertThat(stored.isComplete()).isFalse();
    assertThat(q.backlog()).isEqualTo(2);

    // when the write commits, then so is the batch
    release.countDown();
    await().atMost(Duration.ofSeconds(2)).until(stored::succeeded);
    assertThat(committed).hasSize(1);
    assertThat(q.backlog()).isZero();
    q.stop();
  }

  @Test
  void aFailedWriteIsTriedAgainUntilItCommitsAndNothingIsDropped(Vertx vertx) {
    // given a database that refuses three writes, then takes them
    AtomicInteger calls = new AtomicInteger();
    WriteQueue q =
        queue(
            vertx,
            batches -> {
              if (calls.incrementAndGet() <= 3) {
                throw new SQLException("connection refused");
              }
              committed.add(batches);
              return batches.size();
            },
            100);

    Future<Void> stored = q.send(readings(1, 3), Admission.ALWAYS);

    await().atMost(Duration.ofSeconds(5)).until(stored::isComplete);
    assertThat(stored.succeeded()).isTrue();
    assertThat(calls).hasValue(4);
    assertThat(committed).singleElement().satisfies(b -> assertThat(b).hasSize(1));
    assertThat(committed.get(0).get(0).readings()).hasSize(3);
    assertThat(meters.counter("caregrid.ingest.write.failures").count()).isEqualTo(3.0);
    q.stop();
  }

  @Test
  void atCapacityOnlyWhatMayWaitIsQueued(Vertx vertx) throws Exception {
    // given a writer held open and a queue of 4 readings' capacity, full
    CountDownLatch release = new CountDownLatch(1);
    WriteQueue q =
        queue(
            vertx,
            batches -> {
              release.await();
              committed.add(batches);
              return batches.size();
            },
            4);
    Future<Void> first = q.send(readings(1, 4), Admission.ALWAYS);

    // when more arrives
    Future<Void> refused = q.send(readings(2, 1), Admission.WITHIN_CAPACITY);
    Future<Void> queued = q.send(readings(3, 1), Admission.ALWAYS);

    // then what may not wait is refused at once, and the rest waits for its commit
    assertThat(refused.failed()).isTrue();
    assertThat(refused.cause()).isInstanceOf(UnavailableException.class);
    assertThat(queued.isComplete()).isFalse();
    release.countDown();
    await().atMost(Duration.ofSeconds(2)).until(() -> first.succeeded() && queued.succeeded());
    q.stop();
  }
}
