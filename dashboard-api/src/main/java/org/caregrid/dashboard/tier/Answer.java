package org.caregrid.dashboard.tier;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How fast alerts were answered in a unit: how many were measured, the median and 90th percentile
 * in seconds, and the share within each limit (seconds → percent). Null figures when none were.
 */
public record Answer(long n, Double p50Seconds, Double p90Seconds, Map<Long, Double> withinPct) {
  public static final Answer NONE = new Answer(0, null, null, Map.of());

  public Answer {
    // values may be null (none measured), which Map.copyOf refuses
    withinPct = Collections.unmodifiableMap(new LinkedHashMap<>(withinPct));
  }
}
