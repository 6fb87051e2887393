package org.caregrid.bench.scale;

import java.util.Map;
import java.util.TreeMap;

/**
 * Alerting's time-based pass (the device-offline sweep among the timed rules), from two scrapes of
 * the platform's {@code caregrid_alerting_tick_*} meters: passes run, residents and devices each
 * looked at, and the median pass from the duration histogram's buckets between the scrapes.
 */
record SweepTimes(double passes, double residents, double devices, Map<Double, Double> buckets) {
  private static final String DURATION = "caregrid_alerting_tick_duration_seconds";

  static SweepTimes parse(String scrape) {
    Map<Double, Double> buckets = new TreeMap<>();
    double passes = 0;
    double residents = 0;
    double devices = 0;
    for (String line :
        scrape.lines().filter(l -> l.startsWith("caregrid_alerting_tick")).toList()) {
      double value = value(line);
      if (line.startsWith(DURATION + "_bucket{")) {
        // "le" is the last label; others (the node's roles) may end in "le" too
        int le = line.lastIndexOf("le=\"") + 4;
        String bound = line.substring(le, line.indexOf('"', le));
        buckets.put(
            "+Inf".equals(bound) ? Double.POSITIVE_INFINITY : Double.parseDouble(bound), value);
      } else if (line.startsWith(DURATION + "_count")) {
        passes = value;
      } else if (line.startsWith("caregrid_alerting_tick_residents_total")) {
        residents = value;
      } else if (line.startsWith("caregrid_alerting_tick_devices_total")) {
        devices = value;
      }
    }
    return new SweepTimes(passes, residents, devices, buckets);
  }

  /** The largest pass now in the meter's recent window, in seconds. */
  static double recentMax(String scrape) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(DURATION + "_max"))
        .mapToDouble(SweepTimes::value)
        .max()
        .orElse(0);
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
  }

  /** What ran since {@code before}. */
  SweepTimes since(SweepTimes before) {
    Map<Double, Double> delta = new TreeMap<>();
    buckets.forEach((le, n) -> delta.put(le, n - before.buckets.getOrDefault(le, 0.0)));
    return new SweepTimes(
        passes - before.passes, residents - before.residents, devices - before.devices, delta);
  }

  /** The upper bound of the bucket holding the {@code q} quantile, in seconds. */
  double quantile(double q) {
    double total = buckets.getOrDefault(Double.POSITIVE_INFINITY, passes);
    for (Map.Entry<Double, Double> b : buckets.entrySet()) {
      if (b.getValue() >= q * total) {
        return b.getKey();
      }
    }
    return Double.NaN;
  }
}
