package org.caregrid.alerting.metrics;

import java.time.Duration;
import java.util.Locale;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;

/** What alerting reports, in domain words. */
public interface AlertingMetrics {

  /**
   * The rules evaluated one message from ingest. Set beside ingest's message counts, it shows
   * whether alerting keeps up.
   */
  void evaluated(Input input);

  /** A new alert was opened (repeats of an open one are not counted). */
  void raised(AlertKind kind, Severity severity);

  void storeFailed();

  /** Nobody accepted an alert in time and it went to the next tier. */
  void escalated(Severity severity);

  /** An alert nobody accepted after its last step was asked again. */
  void askedAgain(Severity severity);

  /** A channel took a notification for delivery (broker PUBACK, HTTP 2xx). */
  void notified(Channel channel);

  /** A notification could not be delivered (for the webhook: after its last try). */
  void notifyFailed(Channel channel);

  /**
   * A help request committed with its route but never taken by the broker (its node died first) was
   * published by this node's desk.
   */
  void unsentRequestRecovered(Severity severity);

  /**
   * The rules' time-based pass ran on a shard: without these, no timed rule decides anything. It
   * looked at {@code residents} residents and {@code devices} of their devices and took {@code
   * nanos}; both grow with the district, and a pass that outgrows the tick delays the shard's
   * readings.
   */
  void ticked(int residents, int devices, long nanos);

  /** Staff accepted an alert this long after it was raised. */
  void accepted(Severity severity, Duration waited);

  /** Staff reported on site this long after the alert was raised. */
  void onSite(Duration after);

  /** The ways alerting tells people; a metric label. */
  enum Channel {
    STATION_MQTT,
    WEBHOOK,
    PENDANT;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What the rules are told of; a metric label. */
  enum Input {
    READINGS,
    EVENT,
    STATUS;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  AlertingMetrics NOOP =
      new AlertingMetrics() {
        @Override
        public void evaluated(Input input) {}

        @Override
        public void raised(AlertKind kind, Severity severity) {}

        @Override
        public void storeFailed() {}

        @Override
        public void escalated(Severity severity) {}

        @Override
        public void askedAgain(Severity severity) {}

        @Override
        public void notified(Channel channel) {}

        @Override
        public void notifyFailed(Channel channel) {}

        @Override
        public void unsentRequestRecovered(Severity severity) {}

        @Override
        public void ticked(int residents, int devices, long nanos) {}

        @Override
        public void accepted(Severity severity, Duration waited) {}

        @Override
        public void onSite(Duration after) {}
      };
}
