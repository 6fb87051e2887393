package org.caregrid.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.ResumingDevice;
import org.caregrid.testing.Sql;
import org.caregrid.testing.SteadyLoad;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mosquitto, with persistence on and the shipped limits, restarts under load: devices and ingest
 * resume their sessions, and every reading is stored exactly once.
 */
@ExtendWith(VertxExtension.class)
@Timeout(150)
@Disabled(
    "Mosquitto 2.0.11 drops what arrives for a shared subscription restored from persistence"
        + " until ingest subscribes again (24 of 4,000 messages here): the reproduction of the open"
        + " defect in README Deployment and failover")
class BrokerRestartIT {
  private static final int MESSAGES = 4_000;
  private static final long EVERY_MICROS = 5_000; // 200 messages, 800 readings a second

  // What is stored, and the first messages missing (by their place in the load), if any.
  private static final String GAPS =
      "WITH t0 AS (SELECT min(time) AS t FROM reading),"
          + " missing AS (SELECT g FROM generate_series(0, "
          + (MESSAGES - 1)
          + ") g EXCEPT SELECT round(extract(epoch FROM r.time - t0.t) * 100)::int"
          + " FROM reading r, t0)"
          + " SELECT 'stored ' || (SELECT count(*) FROM reading) || coalesce((SELECT ', missing '"
          + " || count(*) || ': ' || string_agg(g::text, ',' ORDER BY g) FROM missing), '')";

  @TempDir Path dir;

  @Test
  void aBrokerRestartUnderLoadLosesNothing(Vertx vertx) throws Exception {
    try (TestMosquitto broker = TestMosquitto.startPersistent(dir);
        TestNode node = TestNode.start(vertx, TestServices.freshDatabase())) {
      RegistryFixture registry = new RegistryFixture(node.dataSource());
      registry.device("bed-b", DeviceKind.CARE_BED, registry.resident("Ma Yulan"));
      IngestConfig config =
          IngestConfig.defaults()
              .withMqtt(new IngestConfig.Mqtt(2, "restart", "restart", 1000, Duration.ofMinutes(5)))
              .withCoap(IngestConfig.defaults().coap().disabled());
      IngestRole ingest =
          new IngestRole(node.node(), TestServices.broker().withUrl(broker.url()), config);
      ingest.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      try (ResumingDevice device = new ResumingDevice(broker.url());
          SteadyLoad load =
              new SteadyLoad(
                  device::publish,
                  "bed-b",
                  MESSAGES,
                  EVERY_MICROS,
                  System.currentTimeMillis() - 60_000)) {
        // when: a quarter in, the broker restarts
        await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() >= MESSAGES / 4);
        long storedBefore = Sql.count(node.dataSource(), "SELECT count(*) FROM reading");
        broker.restart();

        // then: everything sent is stored, once, and ingest took part after the restart
        await().atMost(Duration.ofSeconds(90)).until(() -> load.sent() == MESSAGES);
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () ->
                    assertThat(Sql.text(node.dataSource(), GAPS))
                        .startsWith("stored %d".formatted(4L * MESSAGES)));
        assertThat(
                Sql.count(
                    node.dataSource(),
                    "SELECT count(*) FROM (SELECT DISTINCT device_id, metric, time FROM reading) d"))
            .isEqualTo(4L * MESSAGES);
        assertThat(storedBefore).isLessThan(4L * MESSAGES);
      } finally {
        ingest.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }
}
