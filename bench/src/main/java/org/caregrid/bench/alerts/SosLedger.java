package org.caregrid.bench.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 *
 * <p>Where the time goes: given the instant each alert's transaction began (its "raised" audit row,
 * written by the platform's clock, the same wall clock as here), each latency splits into press to
 * transaction (broker, ingest, event bus, rule shard, wait for a database worker) and transaction
 * to arrival (the transaction, the hop to the publisher, broker, station).
 */
public final class SosLedger {
  private record Press(long nanos, long epochMicros, boolean measured) {}

  private record Sample(long pressNanos, long micros) {}

  private final Map<Integer, Press> pressed = new ConcurrentHashMap<>();
  private final Set<Integer> publishFailed = ConcurrentHashMap.newKeySet();
  private final Map<Integer, Long> alertIds = new ConcurrentHashMap<>();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong unexpected = new AtomicLong();
  private final AtomicLong escalations = new AtomicLong();
  private final Histogram micros = new ConcurrentHistogram(3);
  private final Histogram wallMillis = new ConcurrentHistogram(3);
  private final Map<Integer, Long> arrivedMicros = new ConcurrentHashMap<>();
  private final Histogram toTransaction = new ConcurrentHistogram(3);
  private final Histogram fromTransaction = new ConcurrentHistogram(3);
  private final Histogram passthrough = new ConcurrentHistogram(3);
  private final Queue<Sample> samples = new ConcurrentLinkedQueue<>();

  /**
   * Called just before the pendant's message is published.
   *
   * @param epochMicros the wall clock; the payload's {@code ts} is its milliseconds
   */
  public void pressed(int resident, long nanos, long epochMicros, boolean measured) {
    pressed.put(resident, new Press(nanos, epochMicros, measured));
  }

  /** The broker did not acknowledge the press: the platform may never have seen it. */
  void publishFailed(int resident) {
    publishFailed.add(resident);
  }

  /** A help request arrived at a station. */
  void received(int resident, long alertId, int step, long nanos, long epochMicros) {
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
      long latency = Math.max(1, (nanos - p.nanos()) / 1000);
      micros.recordValue(latency);
      samples.add(new Sample(p.nanos(), latency));
      wallMillis.recordValue(Math.max(0, epochMicros / 1000 - p.epochMicros() / 1000));
      arrivedMicros.put(resident, epochMicros);
    }
  }

  /** A press reached a plain subscriber straight from the broker. */
  void passedThrough(int resident, long nanos) {
    Press p = pressed.get(resident);
    if (p != null && p.measured()) {
      passthrough.recordValue(Math.max(1, (nanos - p.nanos()) / 1000));
    }
  }

  /**
   * The slowest measured press of each {@code window}, counted from the first measured press: a
   * stretch of the run that is not like the rest (the platform still warming up, a stall) shows as
   * windows of its own rather than hiding in one percentile.
   */
  List<Double> slowestMsByWindow(Duration window) {
    long first = samples.stream().mapToLong(Sample::pressNanos).min().orElse(0);
    SortedMap<Long, Long> slowest = new TreeMap<>();
    for (Sample s : samples) {
      slowest.merge((s.pressNanos() - first) / window.toNanos(), s.micros(), Math::max);
    }
    return slowest.values().stream().map(us -> us / 1000.0).toList();
  }

  /**
   * The given percentile of the latencies of measured presses made from {@code fromNanos} to {@code
   * toNanos} (this process's monotonic clock); presses of that stretch with no help request yet are
   * not in it (see {@link #missingPressedBetween}).
   */
  public double percentileMsPressedBetween(long fromNanos, long toNanos, double percentile) {
    Histogram h = new Histogram(3);
    for (Sample s : samples) {
      if (s.pressNanos() >= fromNanos && s.pressNanos() < toNanos) {
        h.recordValue(s.micros());
      }
    }
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Presses made from {@code fromNanos} to {@code toNanos} with no help request (yet). */
  public long missingPressedBetween(long fromNanos, long toNanos) {
    return pressed.entrySet().stream()
        .filter(e -> e.getValue().nanos() >= fromNanos && e.getValue().nanos() < toNanos)
        .filter(e -> !alertIds.containsKey(e.getKey()))
        .count();
  }

  /** Press to a plain subscriber of the pendants' topic, through the broker alone. */
  double passthroughMs(double percentile) {
    return passthrough.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Splits each measured latency at its transaction's start (epoch microseconds, by resident). */
  void splitAt(Map<Integer, Long> transactionMicros) {
    arrivedMicros.forEach(
        (resident, arrived) -> {
          Long began = transactionMicros.get(resident);
          if (began != null) {
            toTransaction.recordValue(Math.max(0, began - pressed.get(resident).epochMicros()));
            fromTransaction.recordValue(Math.max(0, arrived - began));
          }
        });
  }

  /** Press to the start of the alert's transaction, after {@link #splitAt}. */
  double toTransactionMs(double percentile) {
    return toTransaction.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Start of the alert's transaction to the help request's arrival, after {@link #splitAt}. */
  double fromTransactionMs(double percentile) {
    return fromTransaction.getValueAtPercentile(percentile) / 1000.0;
  }

  public Set<Integer> residentsPressed() {
    return Set.copyOf(pressed.keySet());
  }

  /** The alert each resident's first step-0 help request named. */
  public Map<Integer, Long> alertIds() {
    return Map.copyOf(alertIds);
  }

  public long pressedCount() {
    return pressed.size();
  }

  long measuredCount() {
    return pressed.values().stream().filter(Press::measured).count();
  }

  public long publishFailures() {
    return publishFailed.size();
  }

  /** Presses with no step-0 help request (yet). */
  public long missing() {
    return pressed.keySet().stream().filter(r -> !alertIds.containsKey(r)).count();
  }

  public long duplicates() {
    return duplicates.get();
  }

  public long unexpected() {
    return unexpected.get();
  }

  public long escalations() {
    return escalations.get();
  }

  public long latencyCount() {
    return micros.getTotalCount();
  }

  public double percentileMs(double percentile) {
    return micros.getValueAtPercentile(percentile) / 1000.0;
  }

  public double maxMs() {
    return micros.getMaxValue() / 1000.0;
  }

  double wallPercentileMs(double percentile) {
    return wallMillis.getValueAtPercentile(percentile);
  }
}
