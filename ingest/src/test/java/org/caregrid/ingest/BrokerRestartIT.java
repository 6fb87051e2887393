package org.caregrid.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.ResumingDevice;
import org.caregrid.testing.Sql;
import org.caregrid.testing.SteadyLoad;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mosquitto, with persistence on and the shipped limits, restarts three times under load: devices
 * and ingest resume their sessions, and every reading is stored exactly once. Mosquitto 2.0 does
 * not save shared subscriptions, so until ingest subscribes again the broker answers a device's
 * publish with PUBACK 0x10 (no matching subscribers) and drops it; a device that publishes at once
 * after each restart runs into that window on purpose, and must keep and resend what was not taken.
 */
@ExtendWith(VertxExtension.class)
@Timeout(180)
class BrokerRestartIT {
  private static final Path FIGURES = Path.of("target", "broker-restart.txt");
  private static final int MESSAGES = 4_000;
  private static final long EVERY_MICROS = 5_000; // 200 messages, 800 readings a second
  private static final int RESTARTS = 3;
  private static final int EARLY_MESSAGES = 10;

  // What bed-b has stored, and the first messages missing (by their place in the load), if any.
  private static final String GAPS =
      "WITH b AS (SELECT r.time FROM reading r JOIN device d ON d.id = r.device_id"
          + " WHERE d.uid = 'bed-b'),"
          + " t0 AS (SELECT min(time) AS t FROM b),"
          + " missing AS (SELECT g FROM generate_series(0, "
          + (MESSAGES - 1)
          + ") g EXCEPT SELECT round(extract(epoch FROM b.time - t0.t) * 100)::int FROM b, t0)"
          + " SELECT 'stored ' || (SELECT count(*) FROM b) || coalesce((SELECT ', missing '"
          + " || count(*) || ': ' || string_agg(g::text, ',' ORDER BY g) FROM missing), '')";

  private static final String EARLY_STORED =
      "SELECT count(*) FROM reading r JOIN device d ON d.id = r.device_id WHERE d.uid = 'bed-c'";

  @TempDir Path dir;

  @Test
  void brokerRestartsUnderLoadLoseNothing(Vertx vertx) throws Exception {
    try (TestMosquitto broker = TestMosquitto.startPersistent(dir);
        TestNode node = TestNode.start(vertx, TestServices.freshDatabase())) {
      RegistryFixture registry = new RegistryFixture(node.dataSource());
      int resident = registry.resident("Ma Yulan");
      registry.device("bed-b", DeviceKind.CARE_BED, resident);
      registry.device("bed-c", DeviceKind.CARE_BED, resident);
      IngestConfig config =
          IngestConfig.defaults()
              .withMqtt(new IngestConfig.Mqtt(2, "restart", "restart", 1000, Duration.ofMinutes(5)))
              .withCoap(IngestConfig.defaults().coap().disabled());
      IngestRole ingest =
          new IngestRole(node.node(), TestServices.broker().withUrl(broker.url()), config);
      ingest.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      List<String> figures = new ArrayList<>();
      int untaken = 0;
      long earlyStart = System.currentTimeMillis() - 3_600_000;
      try (ResumingDevice device = new ResumingDevice(broker.url());
          SteadyLoad load =
              new SteadyLoad(
                  device::publish,
                  "bed-b",
                  MESSAGES,
                  EVERY_MICROS,
                  System.currentTimeMillis() - 60_000)) {
        long storedBefore = 0;
        for (int restart = 1; restart <= RESTARTS; restart++) {
          // when: at each quarter of the load, the broker restarts
          int due = MESSAGES * restart / (RESTARTS + 1);
          await().atMost(Duration.ofSeconds(60)).until(() -> load.sent() >= due);
          if (restart == 1) {
            storedBefore = Sql.count(node.dataSource(), "SELECT count(*) FROM reading");
          }
          long down = System.nanoTime();
          broker.restart();
          long up = System.nanoTime();
          // and a device publishes as soon as the broker is back, before ingest can resubscribe
          try (ResumingDevice early = new ResumingDevice(broker.url())) {
            for (int i = 0; i < EARLY_MESSAGES; i++) {
              int seq = (restart - 1) * EARLY_MESSAGES + i;
              early.publish(
                  "care/bed-c/telemetry",
                  "{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":70}}"
                      .formatted(earlyStart + seq * 10L, seq));
            }
            long taken = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(ingest::brokerConnected);
            untaken += early.untaken();
            figures.add(
                "restart %d: broker down %d ms; the early device's %d messages all taken %d ms after it was back, after %d PUBACKs with no matching subscribers"
                    .formatted(
                        restart,
                        millis(down, up),
                        EARLY_MESSAGES,
                        millis(up, taken),
                        early.untaken()));
          }
        }

        // then: everything sent is stored, once
        await().atMost(Duration.ofSeconds(90)).until(() -> load.sent() == MESSAGES);
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () ->
                    assertThat(Sql.text(node.dataSource(), GAPS))
                        .isEqualTo("stored %d".formatted(4L * MESSAGES)));
        assertThat(Sql.count(node.dataSource(), EARLY_STORED))
            .isEqualTo((long) RESTARTS * EARLY_MESSAGES);
        assertThat(
                Sql.count(
                    node.dataSource(),
                    "SELECT count(*) FROM (SELECT DISTINCT device_id, metric, time FROM reading) d"))
            .isEqualTo(4L * MESSAGES + (long) RESTARTS * EARLY_MESSAGES);
        // The load was still being stored when the first restart came, and the window was hit.
        assertThat(storedBefore).isLessThan(4L * MESSAGES);
        assertThat(untaken).as("PUBACKs with no matching subscribers").isPositive();
        figures.add(
            "%d restarts, %d + %d messages acknowledged, all stored once; the load's device resent %d, waited out %d untaken"
                .formatted(
                    RESTARTS,
                    MESSAGES,
                    RESTARTS * EARLY_MESSAGES,
                    device.resends(),
                    device.untaken()));
        Files.write(
            FIGURES, figures, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      } finally {
        ingest.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static long millis(long fromNanos, long toNanos) {
    return TimeUnit.NANOSECONDS.toMillis(toNanos - fromNanos);
  }
}
