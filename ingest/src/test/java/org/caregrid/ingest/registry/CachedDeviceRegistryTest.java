package org.caregrid.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a flood of unknown ids costs the database: the store here counts its queries and holds the
 * first one open, as a slow database would.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class CachedDeviceRegistryTest {
  private static final Device BED =
      new Device(1, new DeviceId("bed-1"), DeviceKind.CARE_BED, 1, Duration.ofSeconds(60));

  private final List<Collection<String>> queries = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicLong now = new AtomicLong();
  private WorkerExecutor db;
  private CachedDeviceRegistry registry;

  @BeforeEach
  void setUp(Vertx vertx) {
    db = vertx.createSharedWorkerExecutor("registry-test", 4);
    DeviceStore store =
        new DeviceStore() {
          @Override
          public Map<String, Enrolled> loadActive() {
            return Map.of();
          }

          @Override
          public Map<String, Enrolled> findActive(Collection<String> uids) {
            queries.add(List.copyOf(uids));
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return uids.contains("bed-1")
                ? Map.of("bed-1", new Enrolled(BED, null, KeyState.NONE))
                : Map.of();
          }
        };
    registry = new CachedDeviceRegistry(store, db, Duration.ofSeconds(10), now::get);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  @Test
  void aFloodOfUnknownIdsCostsOneQueryAtATimeAndRepeatsCostNone() {
    // given a thousand made-up ids, each sent twice, and an enrolled device among them, while the
    // first query is still running
    List<Future<Device>> answers = new ArrayList<>();
    answers.add(registry.require(new DeviceId("first")));
    await().atMost(Duration.ofSeconds(2)).until(() -> queries.size() == 1);
    for (int i = 0; i < 1000; i++) {
      answers.add(registry.require(new DeviceId("fake-" + i)));
      answers.add(registry.require(new DeviceId("fake-" + i)));
    }
    answers.add(registry.require(new DeviceId("bed-1")));

    release.countDown();

    // then they took two queries: the one running, and one for all that came meanwhile
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> answers.stream().allMatch(Future::isComplete));
    assertThat(queries).hasSize(2);
    assertThat(queries.get(1)).hasSize(1001);
    assertThat(answers.get(answers.size() - 1).result()).isEqualTo(BED);
    assertThat(answers.get(1).cause())
        .isInstanceOfSatisfying(
            RejectedException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_DEVICE));

    // and asking again within the ten seconds costs nothing; after them, one query
    assertThat(registry.require(new DeviceId("fake-7")).failed()).isTrue();
    assertThat(registry.require(new DeviceId("bed-1")).result()).isEqualTo(BED);
    assertThat(queries).hasSize(2);
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    Future<Device> later = registry.require(new DeviceId("fake-7"));
    await().atMost(Duration.ofSeconds(2)).until(later::isComplete);
    assertThat(queries).hasSize(3);
  }

  @Test
  void aChangeNotificationEndsWhatIsRememberedOfADevice() {
    release.countDown();
    Future<Device> unknown = registry.require(new DeviceId("bed-1"));
    await().atMost(Duration.ofSeconds(2)).until(unknown::isComplete);
    assertThat(queries).hasSize(1);

    registry.changed("bed-1");
    Future<Device> again = registry.require(new DeviceId("bed-1"));

    await().atMost(Duration.ofSeconds(2)).until(again::isComplete);
    assertThat(queries).hasSize(2);
  }
}
