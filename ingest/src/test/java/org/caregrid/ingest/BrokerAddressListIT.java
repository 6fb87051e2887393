package org.caregrid.ingest;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.RegistryFixture;
import org.caregrid.testing.Sql;
import org.caregrid.testing.TestDevices;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TestNode;
import org.caregrid.testing.TestServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** mqtt.url may list several broker addresses: ingest consumes from the first that answers. */
@ExtendWith(VertxExtension.class)
@Timeout(90)
class BrokerAddressListIT {
  @TempDir Path dir;

  @Test
  void ingestConsumesFromTheSecondAddressWhenTheFirstIsDown(Vertx vertx) throws Exception {
    try (TestMosquitto broker = TestMosquitto.start(dir);
        TestNode node = TestNode.start(vertx, TestServices.freshDatabase())) {
      RegistryFixture registry = new RegistryFixture(node.dataSource());
      registry.device("bed-l", DeviceKind.CARE_BED, registry.resident("Zhou Min"));
      // given an address nothing listens on, then the broker's
      String urls = "tcp://127.0.0.1:" + FreePorts.tcp() + ", " + broker.url();
      IngestConfig config =
          IngestConfig.defaults()
              .withMqtt(new IngestConfig.Mqtt(1, "list", "list", 1000, Duration.ofMinutes(1)))
              .withCoap(IngestConfig.defaults().coap().disabled());
      IngestRole ingest = new IngestRole(node.node(), TestServices.broker().withUrl(urls), config);
      ingest.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try (TestDevices devices = new TestDevices(broker.url())) {
        // when a device publishes
        long t0 = System.currentTimeMillis() - 10_000;
        for (int i = 0; i < 20; i++) {
          devices.publish(
              "care/bed-l/telemetry",
              "{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":70,\"rr\":14,\"in_bed\":1,\"movement\":3}}"
                  .formatted(t0 + i * 10L, i));
        }
        // then ingest, connected through the second address, stores every reading
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Sql.count(node.dataSource(), "SELECT count(*) FROM reading") == 80);
      } finally {
        ingest.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      }
    }
  }
}
