package org.caregrid.ingest.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.bus.BusCodecs;
import org.caregrid.core.codec.Codecs;
import org.caregrid.core.device.Device;
import org.caregrid.core.device.DeviceId;
import org.caregrid.core.device.DeviceKind;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.ingest.IngestConfig;
import org.caregrid.ingest.metrics.IngestMetrics;
import org.caregrid.ingest.pipeline.Inbound;
import org.caregrid.ingest.pipeline.RangeCheck;
import org.caregrid.ingest.pipeline.ReadingPipeline;
import org.caregrid.ingest.pipeline.Refusals;
import org.caregrid.ingest.registry.DeviceRegistry;
import org.caregrid.ingest.rejection.RejectionLog;
import org.caregrid.ingest.store.WriteQueue;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * CoAP's answer when the writer is full, without a database or a network: the commit is held open,
 * so the queue stays full, and the pipeline's outcome is mapped to the response as {@link
 * DeviceRequests} maps it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class CoapCapacityTest {
  private static final long RETRY_AFTER_S = 5;
  private static final Device BED =
      new Device(1, new DeviceId("bed-001"), DeviceKind.CARE_BED, 1, Duration.ofSeconds(15));

  private final CountDownLatch release = new CountDownLatch(1);
  private WorkerExecutor db;
  private WriteQueue queue;
  private ReadingPipeline pipeline;

  @BeforeEach
  void setUp(Vertx vertx) {
    BusCodecs.register(vertx);
    db = vertx.createSharedWorkerExecutor("coap-capacity-test", 1);
    IngestConfig.Writer config =
        new IngestConfig.Writer(
            4, Duration.ofMillis(10), 1, 4, IngestConfig.defaults().writer().format());
    queue =
        new WriteQueue(
            vertx,
            db,
            batches -> {
              release.await();
              return batches.size();
            },
            config,
            IngestMetrics.NOOP);
    queue.start();
    DeviceRegistry registry =
        new DeviceRegistry() {
          @Override
          public Future<Device> require(DeviceId id) {
            return id.equals(BED.id())
                ? Future.succeededFuture(BED)
                : Future.failedFuture(new RejectedException(Reason.UNKNOWN_DEVICE, "unknown"));
          }

          @Override
          public Future<Optional<byte[]>> psk(DeviceId id) {
            return Future.succeededFuture(Optional.empty());
          }
        };
    Clock clock = Clock.systemUTC();
    pipeline =
        new ReadingPipeline(
            new Codecs(clock),
            registry,
            new RangeCheck(clock, Duration.ofMinutes(5), Duration.ofDays(365)),
            new Refusals(16 * 1024, new RejectionLog(vertx, db, null, 10), IngestMetrics.NOOP),
            queue,
            vertx.eventBus(),
            IngestMetrics.NOOP);
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    queue.stop();
    db.close();
  }

  private static byte[] fourReadings(int seq) {
    return ("{\"ts\":%d,\"seq\":%d,\"m\":{\"hr\":72,\"rr\":14,\"spo2\":97,\"temp\":36.6}}"
            .formatted(System.currentTimeMillis(), seq))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Response answer(Future<Void> outcome) {
    return outcome.succeeded()
        ? CoapReplies.changed()
        : CoapReplies.failure(outcome.cause(), RETRY_AFTER_S);
  }

  @Test
  void aRequestArrivingWhileTheWriterIsFullIsAnswered503WithMaxAge() {
    // given the writer holding its capacity, uncommitted
    Future<Void> first =
        pipeline.accept(Inbound.coap(BED.id(), fourReadings(1), System.currentTimeMillis(), -1));
    assertThat(first.isComplete()).isFalse();

    // when another request arrives
    Future<Void> second =
        pipeline.accept(Inbound.coap(BED.id(), fourReadings(2), System.currentTimeMillis(), -1));

    // then it is answered at once: 5.03, come back after Max-Age
    assertThat(second.failed()).isTrue();
    Response busy = answer(second);
    assertThat(busy.getCode()).isEqualTo(ResponseCode.SERVICE_UNAVAILABLE);
    assertThat(busy.getOptions().getMaxAge()).isEqualTo(RETRY_AFTER_S);

    // and the first gets its 2.04 only once its commit is done
    release.countDown();
    await().atMost(Duration.ofSeconds(2)).until(first::isComplete);
    assertThat(answer(first).getCode()).isEqualTo(ResponseCode.CHANGED);
  }

  @Test
  void anMqttMessageAtTheSameMomentQueuesAndIsStored() {
    pipeline.accept(Inbound.coap(BED.id(), fourReadings(1), System.currentTimeMillis(), -1));

    Future<Void> mqtt =
        pipeline.accept(Inbound.mqtt(BED.id(), fourReadings(2), System.currentTimeMillis(), null));

    assertThat(mqtt.isComplete()).isFalse();
    release.countDown();
    await().atMost(Duration.ofSeconds(2)).until(mqtt::succeeded);
  }
}
