package org.caregrid.bench;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Every SOS pressed and every help request a station received, matched by resident: one press per
 * resident, so each must open one alert and bring exactly one step-0 help request. Latency runs
 * from the instant the pendant's message was handed to its MQTT client (its {@code ts}) to the
 * instant the station's client had the help request, on this process's monotonic clock (publisher
 * and station are in one JVM), in microseconds; the same figure from the payload's epoch-ms {@code
 * ts} to the wall clock at arrival is kept as a cross-check. Presses made while warming up count
 * for loss and duplicates but not for latency.
 */
final class SosLedger {
  private record Press(long nanos, long epochMillis, boolean measured) {}

  private final Map<Integer, Press> pressed = new ConcurrentHashMap<>();
  private final Set<Integer> publishFailed = ConcurrentHashMap.newKeySet();
  private final Map<Integer, Long> alertIds = new ConcurrentHashMap<>();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();
  private final AtomicLong escalations = new AtomicLong();
  private final Histogram micros = new ConcurrentHistogram(3);
  private final Histogram wallMillis = new ConcurrentHistogram(3);

  /** Called just before the pendant's message is published. */
  void pressed(int resident, long nanos, long epochMillis, boolean measured) {
    pressed.put(resident, new Press(nanos, epochMillis, measured));
  }

  /** The broker did not acknowledge the press: the platform may never have seen it. */
  void publishFailed(int resident) {
    publishFailed.add(resident);
  }

  /** A help request arrived at a station. */
  void received(int resident, long alertId, int step, long nanos, long epochMillis) {
    if (step > 0) {
      escalations.incrementAndGet();
      return;
    }
    Press p = pressed.get(resident);
    if (p == null) {
      unexpected.incrementAndGet();
      return;
    }
    if (alertIds.putIfAbsent(resident, alertId) != null) {
      duplicates.incrementAndGet();
      return;
    }
    if (p.measured()) {
      micros.recordValue(Math.max(1, (nanos - p.nanos()) / 1000));
      wallMillis.recordValue(Math.max(0, epochMillis - p.epochMillis()));
    }
  }

  Set<Integer> residentsPressed() {
    return Set.copyOf(pressed.keySet());
  }

  /** The alert each resident's first step-0 help request named. */
  Map<Integer, Long> alertIds() {
    return Map.copyOf(alertIds);
  }

  long pressedCount() {
    return pressed.size();
  }

  long measuredCount() {
    return pressed.values().stream().filter(Press::measured).count();
  }

  long publishFailures() {
    return publishFailed.size();
  }

  /** Presses with no step-0 help request (yet). */
  long missing() {
    return pressed.keySet().stream().filter(r -> !alertIds.containsKey(r)).count();
  }

  long duplicates() {
    return duplicates.get();
  }

  long unexpected() {
    return unexpected.get();
  }

  long escalations() {
    return escalations.get();
  }

  long latencyCount() {
    return micros.getTotalCount();
  }

  double percentileMs(double percentile) {
    return micros.getValueAtPercentile(percentile) / 1000.0;
  }

  double maxMs() {
    return micros.getMaxValue() / 1000.0;
  }

  double wallPercentileMs(double percentile) {
    return wallMillis.getValueAtPercentile(percentile);
  }
}
