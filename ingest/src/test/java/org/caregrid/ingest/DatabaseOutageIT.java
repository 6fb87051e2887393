package org.caregrid.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.search.Search;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.config.DatabaseConfig;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.SteadyLoad;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The database goes away for 30 s under load: afterwards every reading is stored exactly once. */
@ExtendWith(VertxExtension.class)
@Timeout(180)
class DatabaseOutageIT {
  private static final int MESSAGES = 6_000;
  private static final long EVERY_MICROS = 6_000; // about 167 messages, 667 readings a second

  @TempDir Path dir;

  @Test
  void everyReadingPublishedThroughAThirtySecondOutageIsStoredOnce(Vertx vertx) throws Exception {
    DatabaseConfig database = TestServices.freshDatabase();
    try (TestMosquitto broker = TestMosquitto.start(dir);
        TestNode node = TestNode.start(vertx, database)) {
      RegistryFixture registry = new RegistryFixture(node.dataSource());
      registry.device("bed-o", DeviceKind.CARE_BED, registry.resident("Hu Lan"));
      IngestConfig config =
          IngestConfig.defaults()
              .withMqtt(new IngestConfig.Mqtt(2, "outage", "outage", 1000, Duration.ofMinutes(5)))
              .withCoap(IngestConfig.defaults().coap().disabled());
      IngestRole ingest =
          new IngestRole(node.node(), TestServices.broker().withUrl(broker.url()), config);
      ingest.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      try (TestDevices devices = new TestDevices(broker.url());
          SteadyLoad load =
              new SteadyLoad(
                  devices, "bed-o", MESSAGES, EVERY_MICROS, System.currentTimeMillis() - 120_000)) {
        // when: a fifth of the way in, the database refuses every connection for 30 s
        await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= MESSAGES / 5);
        TestServices.setReachable(database, false);
        ScheduledFuture<Void> restored =
            load.after(30, () -> TestServices.setReachable(database, true));
        await("unacknowledged messages pile up at the broker")
            .atMost(Duration.ofSeconds(30))
            .until(() -> gauge(node, "caregrid.ingest.unacked.messages") > 100);
        await("the database is back").atMost(Duration.ofSeconds(40)).until(restored::isDone);
        restored.get();

        // then: once everything is sent and the backlog drains, each reading is there once
        await().atMost(Duration.ofSeconds(60)).until(() -> load.sent() == MESSAGES);
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    Sql.count(node.dataSource(), "SELECT count(*) FROM reading") == 4L * MESSAGES);
        assertThat(
                Sql.count(
                    node.dataSource(),
                    "SELECT count(*) FROM (SELECT DISTINCT device_id, metric, time FROM reading) d"))
            .isEqualTo(4L * MESSAGES);
        assertThat(
                Search.in(node.meters()).name("caregrid.ingest.write.failures").counter().count())
            .isPositive();
      } finally {
        ingest.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static double gauge(TestNode node, String name) {
    return Search.in(node.meters()).name(name).gauge().value();
  }
}
