package org.caregrid.alerting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.Map;
import org.caregrid.core.config.ConfigException;
import org.caregrid.core.config.ConfigTree;
import org.junit.jupiter.api.Test;

class NotifyConfigTest {
  /**
   * How the section sits in {@code alerting:}. A record component cannot be called {@code notify}
   * ({@link Object#notify()}), so the key is named by {@code @JsonProperty}.
   */
  record AlertingSection(@JsonProperty("notify") NotifyConfig notifications) {}

  private static NotifyConfig bind(Map<String, String> env) {
    return ConfigTree.ofEnv(env)
        .bind("alerting", AlertingSection.class, new AlertingSection(NotifyConfig.defaults()))
        .notifications();
  }

  @Test
  void defaultsBindWithTheWebhookOff() {
    NotifyConfig config = bind(Map.of());

    assertThat(config).isEqualTo(NotifyConfig.defaults());
    assertThat(config.webhook().enabled()).isFalse();
    assertThat(ConfigTree.keys("alerting", new AlertingSection(NotifyConfig.defaults())))
        .contains("alerting.notify.webhook.url", "alerting.notify.mqtt.ack-timeout")
        .doesNotContain("alerting.notify.webhook.enabled");
  }

  @Test
  void takesTheWebhookSecretFromTheEnvironment() {
    NotifyConfig config =
        bind(
            Map.of(
                "CAREGRID_ALERTING_NOTIFY_WEBHOOK_URL", "https://stations.example/hook",
                "CAREGRID_ALERTING_NOTIFY_WEBHOOK_SECRET", "s3cret",
                "CAREGRID_ALERTING_NOTIFY_WEBHOOK_INITIAL_DELAY", "250ms"));

    assertThat(config.webhook().enabled()).isTrue();
    assertThat(config.webhook().secret()).isEqualTo("s3cret");
    assertThat(config.webhook().initialDelay()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.webhook().toString()).doesNotContain("s3cret");
  }

  @Test
  void refusesAWebhookWithoutSecret() {
    assertThatThrownBy(
            () ->
                bind(Map.of("CAREGRID_ALERTING_NOTIFY_WEBHOOK_URL", "https://stations.example/h")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CAREGRID_ALERTING_NOTIFY_WEBHOOK_SECRET");
  }

  @Test
  void refusesAWebhookUrlThatIsNotHttp() {
    assertThatThrownBy(() -> webhook("ftp://stations.example/h"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("alerting.notify.webhook.url");
  }

  @Test
  void refusesAnAckTimeoutInFractionsOfASecond() {
    assertThatThrownBy(() -> bind(Map.of("CAREGRID_ALERTING_NOTIFY_MQTT_ACK_TIMEOUT", "1500ms")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("alerting.notify.mqtt.ack-timeout");
  }

  @Test
  void delaysDoubleFromTheInitialOneUpToTheMaximum() {
    NotifyConfig.Webhook webhook = webhook("http://127.0.0.1:9/h");

    assertThat(webhook.delayBefore(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(webhook.delayBefore(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(webhook.delayBefore(4)).isEqualTo(Duration.ofSeconds(4));
    assertThat(webhook.delayBefore(5)).isEqualTo(Duration.ofSeconds(5));
    assertThat(webhook.delayBefore(60)).isEqualTo(Duration.ofSeconds(5));
  }

  private static NotifyConfig.Webhook webhook(String url) {
    return new NotifyConfig.Webhook(
        url, "k", 5, Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(5));
  }
}
