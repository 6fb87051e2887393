package org.caregrid.bench.coap;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * What one phase of CoAP load got back: answers by outcome, CoAP retransmissions, and the latency
 * of the 2.04s (send to answer, handshake included for a device's first request). Requests/s counts
 * the 2.04s that arrived inside the phase's window; the last requests, answered after it, still
 * count for loss.
 */
final class Tally {
  private final long start;
  private final long end;
  private final LongAdder changed = new LongAdder();
  private final LongAdder changedInWindow = new LongAdder();
  private final LongAdder unavailable = new LongAdder();
  private final LongAdder otherCodes = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retransmissions = new LongAdder();
  private final Histogram micros = new ConcurrentHistogram(3);
  private final LongAccumulator lastAnswer = new LongAccumulator(Math::max, 0);

  /** A window from now to {@code end} (System.nanoTime); Long.MAX_VALUE for no end. */
  Tally(long end) {
    this.start = System.nanoTime();
    this.end = end;
  }

  void add(DtlsDevices.Answer a) {
    retransmissions.add(a.retransmissions());
    lastAnswer.accumulate(a.completedAt());
    switch (a.outcome()) {
      case CHANGED -> {
        changed.increment();
        if (a.completedAt() <= end) {
          changedInWindow.increment();
        }
        micros.recordValue(Math.max(1, a.nanos() / 1000));
      }
      case UNAVAILABLE -> unavailable.increment();
      case OTHER_CODE -> otherCodes.increment();
      case TIMEOUT -> timeouts.increment();
      case FAILED -> failed.increment();
    }
  }

  /** 2.04s per second of the window (of the whole phase when it had no set end). */
  double perSecond() {
    return changedInWindow.sum() / seconds();
  }

  /** The window's length, or until the last answer when it had no set end. */
  double seconds() {
    return ((end == Long.MAX_VALUE ? lastAnswer.get() : end) - start) / 1e9;
  }

  long changed() {
    return changed.sum();
  }

  long unavailable() {
    return unavailable.sum();
  }

  long otherCodes() {
    return otherCodes.sum();
  }

  long timeouts() {
    return timeouts.sum();
  }

  long failed() {
    return failed.sum();
  }

  long retransmissions() {
    return retransmissions.sum();
  }

  double percentileMs(double percentile) {
    return micros.getValueAtPercentile(percentile) / 1000.0;
  }

  double maxMs() {
    return micros.getMaxValue() / 1000.0;
  }
}
