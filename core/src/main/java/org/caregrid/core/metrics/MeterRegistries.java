package org.caregrid.core.metrics;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
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
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    return registry;
  }
}
