package org.caregrid.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.caregrid.alerting.notify.Futures.result;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.caregrid.alerting.metrics.MicrometerAlertingMetrics;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.testing.TestServices;
import org.caregrid.testing.TopicSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PendantCommandsIT {
  private static final Instant NOW = Instant.parse("2025-12-01T02:10:40Z");

  private Vertx vertx;
  private MqttPublisher mqtt;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    mqtt =
        new MqttPublisher(
            vertx,
            TestServices.broker(),
            NotifyConfig.defaults().mqtt(),
            "it-" + System.nanoTime());
    result(mqtt.start());
  }

  @AfterEach
  void tearDown() throws Exception {
    result(mqtt.stop());
    result(vertx.close());
  }

  @Test
  void tellsEachPendantOfTheResidentThatHelpIsComing() throws Exception {
    // given two pendants listening to their command topics
    MqttConfig broker = TestServices.broker();
    String run = Long.toString(System.nanoTime());
    List<String> pendants = List.of("sos-a-" + run, "sos-b-" + run);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    PendantCommands commands =
        new PendantCommands(
            mqtt, Clock.fixed(NOW, ZoneOffset.UTC), new MicrometerAlertingMetrics(meters));
    try (TopicSubscriber a =
            new TopicSubscriber(broker.url(), PendantCommands.topic(pendants.get(0)));
        TopicSubscriber b =
            new TopicSubscriber(broker.url(), PendantCommands.topic(pendants.get(1)))) {

      // when
      result(commands.helpComing(42, "Qingshan community station", pendants));

      // then each got the command on its own topic, at QoS 1
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> a.received().size() + b.received().size() == 2);
      JsonObject expected =
          new JsonObject()
              .put("type", "help_coming")
              .put("alert", 42)
              .put("station", "Qingshan community station")
              .put("ts", NOW.toEpochMilli());
      assertThat(a.received())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.topic()).isEqualTo("care/" + pendants.get(0) + "/cmd");
                assertThat(r.qos()).isEqualTo(1);
                assertThat(r.json()).isEqualTo(expected);
              });
      assertThat(b.received())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.topic()).isEqualTo("care/" + pendants.get(1) + "/cmd");
                assertThat(r.json()).isEqualTo(expected);
              });
      assertThat(meters.counter("caregrid.alerting.notifications", "channel", "pendant").count())
          .isEqualTo(2);
    }
  }
}
