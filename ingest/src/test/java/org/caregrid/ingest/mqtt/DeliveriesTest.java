package org.caregrid.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.caregrid.core.error.Reason;
import org.caregrid.core.error.RejectedException;
import org.caregrid.core.error.UnavailableException;
import org.caregrid.ingest.metrics.MicrometerIngestMetrics;
import org.caregrid.ingest.pipeline.Inbound;
import org.caregrid.ingest.pipeline.Pipeline;
import org.caregrid.ingest.pipeline.Refusals;
import org.caregrid.ingest.rejection.RejectionLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MQTT side of "acknowledged means stored", without a broker or a database: the pipeline's
 * commit is a promise the test holds open, and the PUBACKs are recorded.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 5, timeUnit = TimeUnit.SECONDS)
class DeliveriesTest {
  private static final byte[] PAYLOAD =
      "{\"ts\":1,\"m\":{\"hr\":72}}".getBytes(StandardCharsets.UTF_8);

  private final List<Promise<Void>> commits = new CopyOnWriteArrayList<>();
  private final List<Inbound> received = new CopyOnWriteArrayList<>();
  private final List<Integer> acked = new CopyOnWriteArrayList<>();
  private final AtomicInteger resumed = new AtomicInteger();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private Context context;
  private Deliveries deliveries;

  @BeforeEach
  void setUp(Vertx vertx) {
    context = vertx.getOrCreateContext();
    Pipeline held =
        msg -> {
          received.add(msg);
          Promise<Void> commit = Promise.promise();
          commits.add(commit);
          return commit.future();
        };
    deliveries =
        new Deliveries(
            context,
            Map.of(CareTopic.Channel.TELEMETRY, held, CareTopic.Channel.EVENT, held),
            (messageId, qos) -> acked.add(messageId),
            resumed::incrementAndGet,
            new Refusals(
                16 * 1024,
                new RejectionLog(vertx, null, null, 0),
                new MicrometerIngestMetrics(meters)));
  }

  private void deliver(String topic, int messageId) {
    context.runOnContext(v -> deliveries.arrived(topic, messageId, 1, PAYLOAD, null));
  }

  private void awaitReceived(int n) {
    await().atMost(Duration.ofSeconds(2)).until(() -> received.size() == n);
  }

  @Test
  void aMessageOnATopicNamingNoValidDeviceIsCountedAndAcknowledged() {
    // when a message arrives on a topic whose id no device can have
    deliver("care/-bad!id/telemetry", 9);

    // then it is acknowledged (never redelivered), counted, and no pipeline sees it
    await().atMost(Duration.ofSeconds(2)).until(() -> acked.equals(List.of(9)));
    assertThat(received).isEmpty();
    assertThat(
            meters
                .get("caregrid.ingest.rejected")
                .tag("transport", "mqtt")
                .tag("reason", "bad_topic")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aTelemetryMessageIsAcknowledgedOnlyAfterItsCommit() {
    // given a reading handed to the pipeline whose commit is held open
    deliver("care/bed-001/telemetry", 7);
    awaitReceived(1);

    // then there is no PUBACK yet
    assertThat(received.get(0).sender().value()).isEqualTo("bed-001");
    assertThat(acked).isEmpty();

    // when the commit completes, then the PUBACK follows
    commits.get(0).complete();
    await().atMost(Duration.ofSeconds(2)).until(() -> acked.equals(List.of(7)));
    assertThat(resumed).hasValue(0);
  }

  @Test
  void acknowledgementsFollowArrivalOrderWhateverOrderTheCommitsComeIn() {
    deliver("care/bed-001/telemetry", 1);
    deliver("care/bed-002/telemetry", 2);
    awaitReceived(2);

    commits.get(1).complete();
    Future<Void> settled = Future.future(p -> context.runOnContext(v -> p.complete()));
    await().until(settled::isComplete);
    assertThat(acked).isEmpty();

    commits.get(0).complete();
    await().atMost(Duration.ofSeconds(2)).until(() -> acked.equals(List.of(1, 2)));
  }

  @Test
  void aRejectedMessageIsAcknowledgedSoTheBrokerDoesNotRedeliverItForEver() {
    deliver("care/bed-001/event", 3);
    awaitReceived(1);

    commits.get(0).fail(new RejectedException(Reason.DECODE, "not valid JSON"));

    await().atMost(Duration.ofSeconds(2)).until(() -> acked.equals(List.of(3)));
    assertThat(resumed).hasValue(0);
  }

  @Test
  void aMessageThatWasNotStoredIsNeverAcknowledgedAndTheSessionStartsOver() {
    deliver("care/bed-001/telemetry", 4);
    deliver("care/bed-001/telemetry", 5);
    awaitReceived(2);

    commits.get(0).fail(new UnavailableException("database away"));
    commits.get(1).complete();

    await().atMost(Duration.ofSeconds(2)).until(() -> resumed.get() == 1);
    Future<Void> settled = Future.future(p -> context.runOnContext(v -> p.complete()));
    await().until(settled::isComplete);
    assertThat(acked).isEmpty();
  }

  @Test
  void aMessageOnATopicWithoutAPipelineIsAcknowledgedAndDropped() {
    deliver("care/bed-001/unknown", 9);

    await().atMost(Duration.ofSeconds(2)).until(() -> acked.equals(List.of(9)));
    assertThat(received).isEmpty();
  }
}
