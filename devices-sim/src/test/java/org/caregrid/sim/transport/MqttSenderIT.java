package org.caregrid.sim.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.Telemetry;
import org.caregrid.testing.TestMosquitto;
import org.caregrid.testing.TopicSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A simulated device against a real Mosquitto of its own, with nobody subscribed at first. */
@Timeout(60)
class MqttSenderIT {
  @TempDir Path dir;

  @Test
  void keepsAMessageNoSubscriberTookAndSendsItAgainUntilOneDoes() throws Exception {
    // given a broker where ingest is not subscribed (as for a moment after a broker restart)
    try (TestMosquitto broker = TestMosquitto.start(dir)) {
      Traffic traffic = new Traffic();
      MqttSender device = MqttSender.connect(broker.url(), "it-bed-1", null, false, traffic);
      try {
        // when the device sends one reading, answered PUBACK 0x10 (no matching subscribers)
        long now = System.currentTimeMillis();
        device.telemetry(new Telemetry(7, List.of(new Reading(Metric.SPO2, now, 97))));
        await().atMost(Duration.ofSeconds(10)).until(() -> traffic.resent() >= 2);
        assertThat(traffic.acknowledged()).as("the retained online status only").isEqualTo(1);

        // and ingest joins its share group
        try (TopicSubscriber ingest =
            new TopicSubscriber(broker.url(), "$share/ingest/care/+/telemetry")) {
          // then the reading arrives once, and counts as acknowledged once
          await()
              .atMost(Duration.ofSeconds(10))
              .until(() -> traffic.acknowledged() == 2 && !ingest.received().isEmpty());
          assertThat(ingest.on("care/it-bed-1/telemetry")).hasSize(1);
          assertThat(ingest.received().get(0).json().getLong("seq")).isEqualTo(7);
          assertThat(traffic.failed()).isZero();
          assertThat(traffic.sent()).isEqualTo(2);
        }
      } finally {
        device.close();
      }
    }
  }
}
