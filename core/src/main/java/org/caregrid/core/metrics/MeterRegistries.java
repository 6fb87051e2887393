package org.caregrid.core.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The one Prometheus registry of a node, scraped at {@code /metrics}. */
public final class MeterRegistries {
  private MeterRegistries() {}

  /**
   * A registry with the common tags set once, and JVM heap, GC, thread and CPU meters bound.
   *
   * @param node the node's name, to tell scrapes of several nodes apart
   * @param roles the roles this node runs, e.g. {@code ingest,alerting}
   */
  public static PrometheusMeterRegistry prometheus(String node, String roles) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("node", node, "role", roles);
    // promtool check metrics: every meter has its HELP text, and none breaks its naming rules
    // (process.cpu.time is in ns, system.cpu.count ends as a summary would; process.cpu.usage
    // and the JVM's own meters say the same).
    registry
        .config()
        .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
        .meterFilter(MeterFilter.deny(id -> id.getName().equals("system.cpu.count")))
        .meterFilter(MeterDescriptions.FILTER);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    return registry;
  }
}
