package org.caregrid.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.caregrid.alerting.notify.Futures.failure;
import static org.caregrid.alerting.notify.Futures.result;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.caregrid.alerting.metrics.MicrometerAlertingMetrics;
import org.caregrid.alerting.routing.HelpRequest;
import org.caregrid.core.config.MqttConfig;
import org.caregrid.core.error.UnavailableException;
import org.caregrid.testing.FreePorts;
import org.caregrid.testing.TestServices;
import org.caregrid.testing.TopicSubscriber;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StationMqttNotifierIT {
  private Vertx vertx;
  private SimpleMeterRegistry meters;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    meters = new SimpleMeterRegistry();
  }

  @AfterEach
  void tearDown() throws Exception {
    result(vertx.close());
  }

  @Test
  void deliversTheHelpRequestOnItsStationTopicOnceTheBrokerAcknowledged() throws Exception {
    // given a panel listening to every station's topic
    MqttConfig broker = TestServices.broker();
    String station = "cs-" + System.nanoTime();
    MqttPublisher mqtt = publisher(broker, NotifyConfig.defaults().mqtt());
    result(mqtt.start());
    try (TopicSubscriber panel = new TopicSubscriber(broker.url(), "care/stations/+/alerts");
        StationMqttNotifier notifier = notifier(mqtt)) {
      HelpRequest request = HelpRequests.fallAt(station, 42);

      // when
      result(notifier.notify(request));

      // then this station's topic, and only it, got the JSON at QoS 1
      await().atMost(Duration.ofSeconds(10)).until(() -> !panel.received().isEmpty());
      TopicSubscriber.Received got = panel.received().get(0);
      assertThat(got.topic()).isEqualTo("care/stations/" + station + "/alerts");
      assertThat(got.qos()).isEqualTo(1);
      assertThat(got.json()).isEqualTo(HelpRequestJson.toJson(request));
      assertThat(got.json().getString("accept_by")).isEqualTo("2025-12-01T02:11:05.123Z");
      assertThat(panel.received()).hasSize(1);
      assertThat(counted("caregrid.alerting.notifications")).isEqualTo(1);
    }
  }

  @Test
  void completesOnlyWhenTheBrokerHasAcknowledged() throws Exception {
    // given a notifier whose PUBACKs the line holds back
    MqttConfig broker = TestServices.broker();
    CuttableLine line = new CuttableLine(vertx, broker.url());
    MqttPublisher mqtt =
        publisher(broker.withUrl(result(line.start())), NotifyConfig.defaults().mqtt());
    result(mqtt.start());
    String station = "cs-" + System.nanoTime();
    try (TopicSubscriber panel =
            new TopicSubscriber(broker.url(), StationMqttNotifier.topic(station));
        StationMqttNotifier notifier = notifier(mqtt)) {
      result(line.holdReplies());

      // when
      Future<Void> sent = notifier.notify(HelpRequests.fallAt(station, 7));

      // then the broker has it, but without its PUBACK the request is not done
      await().atMost(Duration.ofSeconds(10)).until(() -> !panel.received().isEmpty());
      assertThat(sent.isComplete()).isFalse();

      // when the PUBACK gets through, then it is
      result(line.releaseReplies());
      result(sent);
      assertThat(counted("caregrid.alerting.notifications")).isEqualTo(1);
    }
  }

  @Test
  void failsWhenThePubackTakesLongerThanTheAckTimeout() throws Exception {
    MqttConfig broker = TestServices.broker();
    CuttableLine line = new CuttableLine(vertx, broker.url());
    NotifyConfig.Mqtt oneSecond =
        new NotifyConfig.Mqtt(
            "it-notify", Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 100);
    MqttPublisher mqtt = publisher(broker.withUrl(result(line.start())), oneSecond);
    result(mqtt.start());
    try (StationMqttNotifier notifier = notifier(mqtt)) {
      result(line.holdReplies());

      Throwable failure = failure(notifier.notify(HelpRequests.fallAt("cs-late", 8)));

      assertThat(failure).isInstanceOf(UnavailableException.class).hasMessageContaining("PUBACK");
      assertThat(counted("caregrid.alerting.notifications.failed")).isEqualTo(1);
    }
  }

  @Test
  void failsAtOnceWhileTheLineIsDownAndDeliversAgainAfterReconnecting() throws Exception {
    // given a notifier connected through a line the test can cut
    MqttConfig broker = TestServices.broker();
    CuttableLine line = new CuttableLine(vertx, broker.url());
    MqttConfig throughLine = broker.withUrl(result(line.start()));
    NotifyConfig.Mqtt quickRetry =
        new NotifyConfig.Mqtt(
            "it-notify", Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(200), 100);
    MqttPublisher mqtt = publisher(throughLine, quickRetry);
    result(mqtt.start());
    String station = "cs-" + System.nanoTime();
    try (TopicSubscriber panel =
            new TopicSubscriber(broker.url(), StationMqttNotifier.topic(station));
        StationMqttNotifier notifier = notifier(mqtt)) {

      // when the line is cut and stays cut
      line.cut();
      await().atMost(Duration.ofSeconds(10)).until(() -> !mqtt.isConnected());
      long before = System.nanoTime();
      Throwable failure = failure(notifier.notify(HelpRequests.fallAt(station, 1)));

      // then a request fails at once, as unavailable, and is counted
      assertThat(failure).isInstanceOf(UnavailableException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
      assertThat(counted("caregrid.alerting.notifications.failed")).isEqualTo(1);

      // when the line is back
      line.mend();
      await().atMost(Duration.ofSeconds(10)).until(mqtt::isConnected);
      result(notifier.notify(HelpRequests.fallAt(station, 2)));

      // then requests are delivered again
      await().atMost(Duration.ofSeconds(10)).until(() -> !panel.received().isEmpty());
      assertThat(panel.received())
          .extracting(r -> r.json().getLong("alert_id"))
          .containsExactly(2L);
    }
  }

  @Test
  void connectsThroughTheNextAddressWhenTheFirstDoesNotAnswer() throws Exception {
    // given a list whose first address nothing listens on
    MqttConfig broker = TestServices.broker();
    MqttConfig list = broker.withUrl("tcp://127.0.0.1:" + FreePorts.tcp() + "," + broker.url());
    String station = "cs-" + System.nanoTime();
    MqttPublisher mqtt = publisher(list, NotifyConfig.defaults().mqtt());

    // when
    result(mqtt.start());

    // then help requests go out through the second
    try (TopicSubscriber panel = new TopicSubscriber(broker.url(), "care/stations/+/alerts");
        StationMqttNotifier notifier = notifier(mqtt)) {
      result(notifier.notify(HelpRequests.fallAt(station, 43)));
      await().atMost(Duration.ofSeconds(10)).until(() -> !panel.received().isEmpty());
      assertThat(panel.received().get(0).topic()).isEqualTo("care/stations/" + station + "/alerts");
    }
  }

  @Test
  void startFailsNamingTheSettingWhenNoBrokerAnswers() throws Exception {
    MqttConfig nowhere = MqttConfig.defaults().withUrl("tcp://127.0.0.1:" + FreePorts.tcp());

    Throwable failure = failure(publisher(nowhere, NotifyConfig.defaults().mqtt()).start());

    assertThat(failure).hasMessageContaining("mqtt.url");
  }

  private MqttPublisher publisher(MqttConfig broker, NotifyConfig.Mqtt config) {
    return new MqttPublisher(vertx, broker, config, "it-" + System.nanoTime());
  }

  private StationMqttNotifier notifier(MqttPublisher mqtt) {
    return new StationMqttNotifier(mqtt, new MicrometerAlertingMetrics(meters));
  }

  private double counted(String meter) {
    return meters.counter(meter, "channel", "station_mqtt").count();
  }
}
