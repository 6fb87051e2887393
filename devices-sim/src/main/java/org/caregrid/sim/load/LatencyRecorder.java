package org.caregrid.sim.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies recorded from any thread (Paho's callback threads, the station subscriber's) into an
 * HdrHistogram, read as a whole for the summary and by interval for the progress line.
 */
final class LatencyRecorder {
  private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(10);

  private final Recorder recorder = new Recorder(MAX_NANOS, 3);
  private final Histogram total = new Histogram(MAX_NANOS, 3);
  private Histogram interval;

  void record(long nanos) {
    recorder.recordValue(Math.max(0, Math.min(nanos, MAX_NANOS)));
  }

  /** What was recorded since the last call; also added to the total. Call from one thread. */
  synchronized Histogram interval() {
    interval = recorder.getIntervalHistogram(interval);
    total.add(interval);
    return interval;
  }

  /** Everything recorded, after a last {@link #interval}. */
  synchronized Histogram total() {
    interval();
    return total.copy();
  }

  /** Milliseconds, to a tenth, of a value a histogram of nanoseconds holds. */
  static double millis(long nanos) {
    return Math.round(nanos / 100_000.0) / 10.0;
  }
}
