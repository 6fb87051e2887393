package org.caregrid.alerting.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.caregrid.core.config.ConfigException;
import org.caregrid.core.retry.Backoff;

/**
 * The {@code alerting.notify:} section. The broker itself (url, account) is core's {@code mqtt:}.
 *
 * @param mqtt the connection that publishes help requests and pendant commands
 * @param webhook the optional HTTP channel
 */
public record NotifyConfig(Mqtt mqtt, Webhook webhook) {

  public static NotifyConfig defaults() {
    return new NotifyConfig(
        new Mqtt(
            "caregrid-alerting",
            Duration.ofSeconds(5),
            Duration.ofSeconds(1),
            Duration.ofSeconds(30),
            1000),
        new Webhook(
            "", "", 5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5)));
  }

  /**
   * The notification connection to the broker ({@code alerting.notify.mqtt}).
   *
   * @param clientIdPrefix the client id is this, a dash and the node name
   * @param ackTimeout a publish the broker has not acknowledged by then fails; whole seconds
   * @param reconnectDelay the first wait after the connection drops, doubled each failed try...
   * @param maxReconnectDelay ...up to this
   * @param maxInFlight publishes awaiting the broker's PUBACK; beyond it a publish fails at once
   */
  public record Mqtt(
      String clientIdPrefix,
      Duration ackTimeout,
      Duration reconnectDelay,
      Duration maxReconnectDelay,
      int maxInFlight) {
    public Mqtt {
      if (clientIdPrefix == null || clientIdPrefix.isBlank()) {
        throw new ConfigException("alerting.notify.mqtt.client-id-prefix must not be empty");
      }
      if (ackTimeout.toMillis() < 1000 || ackTimeout.toMillis() % 1000 != 0) {
        throw new ConfigException(
            "alerting.notify.mqtt.ack-timeout must be whole seconds, at least 1s, got: "
                + ackTimeout);
      }
      positive("alerting.notify.mqtt.reconnect-delay", reconnectDelay);
      atLeast("alerting.notify.mqtt.max-reconnect-delay", maxReconnectDelay, reconnectDelay);
      if (maxInFlight < 1 || maxInFlight > 65535) {
        throw new ConfigException(
            "alerting.notify.mqtt.max-in-flight must be 1..65535, got: " + maxInFlight);
      }
    }

    /** The waits between reconnects. */
    public Backoff reconnectBackoff() {
      return new Backoff(reconnectDelay, maxReconnectDelay);
    }
  }

  /**
   * The webhook ({@code alerting.notify.webhook}): each help request POSTed as JSON, signed.
   *
   * @param url where to POST; empty switches the webhook off
   * @param secret the HMAC-SHA256 key; set it through {@code
   *     CAREGRID_ALERTING_NOTIFY_WEBHOOK_SECRET} rather than the file
   * @param attempts tries per request, the first included
   * @param initialDelay the wait before the second try, doubled before each further one...
   * @param maxDelay ...up to this
   * @param timeout one try fails when the receiver has not answered by then
   */
  public record Webhook(
      String url,
      String secret,
      int attempts,
      Duration initialDelay,
      Duration maxDelay,
      Duration timeout) {
    public Webhook {
      if (url == null) {
        throw new ConfigException("alerting.notify.webhook.url must be a URL or empty");
      }
      if (!url.isEmpty()) {
        checkUrl(url);
        if (secret == null || secret.isEmpty()) {
          throw new ConfigException(
              "alerting.notify.webhook.secret must be set when the webhook is on"
                  + " (CAREGRID_ALERTING_NOTIFY_WEBHOOK_SECRET)");
        }
      }
      if (attempts < 1 || attempts > 100) {
        throw new ConfigException(
            "alerting.notify.webhook.attempts must be 1..100, got: " + attempts);
      }
      positive("alerting.notify.webhook.initial-delay", initialDelay);
      atLeast("alerting.notify.webhook.max-delay", maxDelay, initialDelay);
      positive("alerting.notify.webhook.timeout", timeout);
    }

    public boolean enabled() {
      return !url.isEmpty();
    }

    /** The wait before try {@code attempt} (2 for the first retry): doubling, capped. */
    public Duration delayBefore(int attempt) {
      return new Backoff(initialDelay, maxDelay).delay(attempt - 2);
    }

    @Override
    public String toString() {
      return "Webhook[url=%s, secret=***, attempts=%d, initialDelay=%s, maxDelay=%s, timeout=%s]"
          .formatted(url, attempts, initialDelay, maxDelay, timeout);
    }

    private static void checkUrl(String url) {
      try {
        URI uri = new URI(url);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            || uri.getHost() == null) {
          throw new ConfigException(
              "alerting.notify.webhook.url must be an http:// or https:// URL, got: " + url);
        }
      } catch (URISyntaxException e) {
        throw new ConfigException(
            "alerting.notify.webhook.url is not a URL: " + url + " (" + e.getReason() + ")");
      }
    }
  }

  private static void positive(String key, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new ConfigException(key + " must be positive, got: " + value);
    }
  }

  private static void atLeast(String key, Duration value, Duration floor) {
    positive(key, value);
    if (value.compareTo(floor) < 0) {
      throw new ConfigException(key + " must be at least " + floor + ", got: " + value);
    }
  }
}
