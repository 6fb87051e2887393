package org.caregrid.alerting.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;

/** Alerting meters; the names follow STYLE §5.4. */
public final class MicrometerAlertingMetrics implements AlertingMetrics {
  static final String EVALUATED = "caregrid.alerting.inputs";
  static final String RAISED = "caregrid.alerting.alerts.raised";
  static final String ESCALATED = "caregrid.alerting.alerts.escalated";
  static final String STORE_FAILURES = "caregrid.alerting.store.failures";
  static final String NOTIFICATIONS = "caregrid.alerting.notifications";
  static final String NOTIFICATIONS_FAILED = "caregrid.alerting.notifications.failed";

  private final MeterRegistry registry;
  // registered up front: evaluated() runs for every message, a tagged look-up each time would cost
  private final Map<Input, Counter> evaluated = new EnumMap<>(Input.class);

  public MicrometerAlertingMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Input input : Input.values()) {
      evaluated.put(input, registry.counter(EVALUATED, "kind", input.code()));
    }
  }

  @Override
  public void evaluated(Input input) {
    evaluated.get(input).increment();
  }

  @Override
  public void raised(AlertKind kind, Severity severity) {
    // Both tags come from enums: a small, closed set of series.
    registry.counter(RAISED, "kind", kind.code(), "severity", severity.code()).increment();
  }

  @Override
  public void escalated(Severity severity) {
    registry.counter(ESCALATED, "severity", severity.code()).increment();
  }

  @Override
  public void storeFailed() {
    registry.counter(STORE_FAILURES).increment();
  }

  @Override
  public void notified(Channel channel) {
    registry.counter(NOTIFICATIONS, "channel", channel.code()).increment();
  }

  @Override
  public void notifyFailed(Channel channel) {
    registry.counter(NOTIFICATIONS_FAILED, "channel", channel.code()).increment();
  }
}
