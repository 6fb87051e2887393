package org.caregrid.alerting.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;

/** Alerting meters; the names follow STYLE §5.4. */
public final class MicrometerAlertingMetrics implements AlertingMetrics {
  static final String EVALUATED = "caregrid.alerting.inputs";
  static final String RAISED = "caregrid.alerting.alerts.raised";
  static final String ESCALATED = "caregrid.alerting.alerts.escalated";
  static final String ASKED_AGAIN = "caregrid.alerting.alerts.asked.again";
  static final String STORE_FAILURES = "caregrid.alerting.store.failures";
  static final String NOTIFICATIONS = "caregrid.alerting.notifications";
  static final String NOTIFICATIONS_FAILED = "caregrid.alerting.notifications.failed";
  static final String TICKS = "caregrid.alerting.ticks";
  static final String RECOVERED = "caregrid.alerting.help.requests.recovered";
  static final String TICK_DURATION = "caregrid.alerting.tick.duration";
  static final String TICK_RESIDENTS = "caregrid.alerting.tick.residents";
  static final String TICK_DEVICES = "caregrid.alerting.tick.devices";
  static final String ACCEPT = "caregrid.alerting.accept.duration";
  static final String ON_SITE = "caregrid.alerting.on.site.duration";

  /**
   * Histogram buckets of the answer times, the report's limits among them (60 s and 180 s to
   * accept, 15 min to be on site), so Prometheus can record the report's shares and percentiles.
   */
  private static final Duration[] ANSWER_BUCKETS = {
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofSeconds(60),
    Duration.ofSeconds(120),
    Duration.ofSeconds(180),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(15),
    Duration.ofMinutes(30),
    Duration.ofHours(1)
  };

  private final MeterRegistry registry;
  // registered up front: evaluated() runs for every message, a tagged look-up each time would cost
  private final Map<Input, Counter> evaluated = new EnumMap<>(Input.class);
  private final Counter ticks;
  private final Timer tickDuration;
  private final Counter tickResidents;
  private final Counter tickDevices;
  private final Timer onSite;

  public MicrometerAlertingMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (Input input : Input.values()) {
      evaluated.put(input, registry.counter(EVALUATED, "kind", input.code()));
    }
    ticks = registry.counter(TICKS);
    // buckets, so that a pass's percentiles over any window can be read from two scrapes
    tickDuration =
        Timer.builder(TICK_DURATION)
            .description("one shard's time-based pass")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    tickResidents = registry.counter(TICK_RESIDENTS);
    tickDevices = registry.counter(TICK_DEVICES);
    for (Severity severity : Severity.values()) {
      answers(ACCEPT, "raised to accepted").tag("severity", severity.code()).register(registry);
    }
    onSite = answers(ON_SITE, "raised to staff on site").register(registry);
  }

  private static Timer.Builder answers(String name, String description) {
    return Timer.builder(name).description(description).serviceLevelObjectives(ANSWER_BUCKETS);
  }

  @Override
  public void ticked(int residents, int devices, long nanos) {
    ticks.increment();
    tickResidents.increment(residents);
    tickDevices.increment(devices);
    tickDuration.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void accepted(Severity severity, Duration waited) {
    answers(ACCEPT, "raised to accepted")
        .tag("severity", severity.code())
        .register(registry)
        .record(waited);
  }

  @Override
  public void onSite(Duration after) {
    onSite.record(after);
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
  public void unsentRequestRecovered(Severity severity) {
    registry.counter(RECOVERED, "severity", severity.code()).increment();
  }

  @Override
  public void askedAgain(Severity severity) {
    registry.counter(ASKED_AGAIN, "severity", severity.code()).increment();
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
