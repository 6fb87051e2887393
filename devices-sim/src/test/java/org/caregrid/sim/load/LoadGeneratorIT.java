package org.caregrid.sim.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TopicSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The load generator against a real Mosquitto of its own: every publish counted and timed. */
@Timeout(60)
class LoadGeneratorIT {
  @TempDir Path dir;

  @Test
  void everyPublishIsAcknowledgedCountedAndTimedWithProgressLines() throws Exception {
    // given a broker, a member of ingest's share group, and a short run of 2,000 devices at 2,000
    // messages/s
    try (TestMosquitto broker = TestMosquitto.start(dir);
        TopicSubscriber ingest =
            new TopicSubscriber(broker.url(), "$share/ingest/care/+/telemetry")) {
      LoadOptions options =
          new LoadOptions(
              broker.url(),
              "it-load-",
              2_000,
              2_000,
              Duration.ofSeconds(3),
              1,
              2,
              20,
              0,
              Duration.ofSeconds(1));
      ByteArrayOutputStream progress = new ByteArrayOutputStream();

      // when it runs
      LoadSummary summary;
      try (LoadGenerator load = LoadGenerator.connect(options)) {
        summary = load.run(new PrintStream(progress, true, StandardCharsets.UTF_8));
      }

      // then everything sent was acknowledged, with latencies recorded
      assertThat(summary.failed()).isZero();
      assertThat(summary.acknowledged()).isEqualTo(summary.sent()).isGreaterThan(1_000);
      // paced: never above the target (a busy machine may keep it below)
      assertThat(summary.achievedRate()).isPositive().isLessThan(2_200.0);
      assertThat(summary.ackLatencyMs().count()).isEqualTo(summary.acknowledged());
      assertThat(summary.ackLatencyMs().p99()).isPositive();
      assertThat(progress.toString(StandardCharsets.UTF_8).lines()).hasSizeGreaterThanOrEqualTo(2);

      // and the summary is JSON for benchmarks
      JsonNode json = new ObjectMapper().readTree(summary.toJson());
      assertThat(json.path("acknowledged").asLong()).isEqualTo(summary.acknowledged());
      assertThat(json.path("ack_latency_ms").has("p99_9")).isTrue();
    }
  }

  @Test
  void aMessageNoSubscriberTookIsNotCountedAcknowledged() throws Exception {
    // given a broker where no ingest is subscribed (as for a moment after a broker restart)
    try (TestMosquitto broker = TestMosquitto.start(dir)) {
      LoadOptions options =
          new LoadOptions(
              broker.url(),
              "it-none-",
              100,
              200,
              Duration.ofSeconds(1),
              1,
              1,
              20,
              0,
              Duration.ofSeconds(1));

      // when it runs
      LoadSummary summary;
      try (LoadGenerator load = LoadGenerator.connect(options)) {
        summary =
            load.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      }

      // then the broker's PUBACK 0x10 (no matching subscribers) counts as failed, not acknowledged
      assertThat(summary.sent()).isPositive();
      assertThat(summary.acknowledged()).isZero();
      assertThat(summary.failed()).isEqualTo(summary.sent());
    }
  }

  @Test
  void refusesMoreThanAHundredThousandDevicesAndARemoteBrokerUnlessAllowed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new LoadOptions(
                    "tcp://127.0.0.1:1883",
                    "x-",
                    100_001,
                    10,
                    Duration.ofSeconds(1),
                    1,
                    1,
                    20,
                    0,
                    Duration.ofSeconds(1)))
        .hasMessageContaining("devices");
    LoadOptions remote =
        new LoadOptions(
            "tcp://192.0.2.1:1883",
            "x-",
            10,
            10,
            Duration.ofSeconds(1),
            1,
            1,
            20,
            0,
            Duration.ofSeconds(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> remote.requireLoopback(false))
        .hasMessageContaining("--allow-remote");
  }
}
