package org.caregrid.alerting.rule;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.caregrid.alerting.AlertingConfig;
import org.caregrid.core.alert.AlertKind;
import org.caregrid.core.alert.Severity;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;
import org.caregrid.core.reading.ReadingBatch;

/**
 * Pulse too high for too long: the mean over a sliding window (by the readings' own time) at or
 * above the limit. Raises once per episode; a new episode starts when the mean falls below it.
 *
 * <p>Not thread-safe: one instance belongs to one Vert.x context, so each device's state is only
 * ever touched by one thread.
 */
public final class HeartRateRule {
  private final AlertingConfig.HeartRate config;
  private final Map<Integer, Window> windows = new HashMap<>();

  private static final class Window {
    final ArrayDeque<Reading> readings = new ArrayDeque<>();
    double sum;
    boolean raised;
  }

  public HeartRateRule(AlertingConfig.HeartRate config) {
    this.config = config;
  }

  public Optional<AlertCandidate> onReadings(ReadingBatch batch) {
    Optional<AlertCandidate> found = Optional.empty();
    for (Reading r : batch.readings()) {
      if (r.metric() == Metric.HR) {
        Optional<AlertCandidate> c = add(batch, r);
        if (c.isPresent()) {
          found = c;
        }
      }
    }
    return found;
  }

  private Optional<AlertCandidate> add(ReadingBatch batch, Reading r) {
    Window w = windows.computeIfAbsent(batch.device().key(), k -> new Window());
    Reading newest = w.readings.peekLast();
    if (newest != null && r.time() <= newest.time()) {
      return Optional.empty(); // a redelivery or an out-of-order reading: the window moves forward
    }
    w.readings.addLast(r);
    w.sum += r.value();
    long windowStart = r.time() - config.window().toMillis();
    while (w.readings.peekFirst().time() <= windowStart) {
      w.sum -= w.readings.pollFirst().value();
    }
    double mean = w.sum / w.readings.size();
    if (mean < config.high()) {
      w.raised = false;
      return Optional.empty();
    }
    if (w.raised || w.readings.size() < config.minReadings()) {
      return Optional.empty();
    }
    w.raised = true;
    String detail =
        String.format(
            Locale.ROOT,
            "mean heart rate %.0f/min over %d s (limit %.0f)",
            mean,
            config.window().toSeconds(),
            config.high());
    return Optional.of(
        new AlertCandidate(
            AlertKind.VITAL_LIMIT,
            Severity.HIGH,
            batch.device().residentKey(),
            batch.device().key(),
            r.time(),
            detail));
  }
}
