package org.caregrid.alerting.rule.vital;

import java.util.ArrayDeque;
import org.caregrid.alerting.rule.VitalBand;
import org.caregrid.core.reading.Reading;

/**
 * One device's readings of one vital sign: a sliding window by the readings' own time, plus the
 * reading before the latest, so a sparse series (spot checks a few times a day) can be judged too.
 */
final class VitalSeries {
  enum Verdict {
    BEYOND,
    CLEAR,
    UNDECIDED
  }

  private final ArrayDeque<Reading> window = new ArrayDeque<>();
  private Reading previous;
  private Reading latest;
  boolean raised;

  /** Adds a reading; false (and ignored) when it is not newer than the latest: a redelivery. */
  boolean add(Reading r, long windowMillis) {
    if (latest != null && r.time() <= latest.time()) {
      return false;
    }
    previous = latest;
    latest = r;
    window.addLast(r);
    long start = r.time() - windowMillis;
    while (window.peekFirst().time() <= start) {
      window.pollFirst();
    }
    return true;
  }

  /**
   * A window holding at least {@code minReadings} is judged by its mean. A sparse series, where the
   * latest reading is alone in its window (spot checks a few times a day), is judged by its last
   * two readings when they are at most {@code pairWithinMillis} apart: both beyond the band, or
   * both clear of it. Anything else decides nothing: a lone reading, so a single spike never
   * alerts, and the first readings of a dense series until the window holds enough.
   */
  Verdict judge(VitalBand band, int minReadings, long pairWithinMillis) {
    if (window.size() >= minReadings) {
      double mean = mean();
      return band.beyond(mean)
          ? Verdict.BEYOND
          : band.clearOf(mean) ? Verdict.CLEAR : Verdict.UNDECIDED;
    }
    if (window.size() > 1
        || previous == null
        || latest.time() - previous.time() > pairWithinMillis) {
      return Verdict.UNDECIDED;
    }
    if (band.beyond(previous.value()) && band.beyond(latest.value())) {
      return Verdict.BEYOND;
    }
    if (band.clearOf(previous.value()) && band.clearOf(latest.value())) {
      return Verdict.CLEAR;
    }
    return Verdict.UNDECIDED;
  }

  boolean judgedByMean(int minReadings) {
    return window.size() >= minReadings;
  }

  /** Summed afresh each time, so no rounding error builds up over a long-running series. */
  double mean() {
    double sum = 0;
    for (Reading r : window) {
      sum += r.value();
    }
    return sum / window.size();
  }

  int size() {
    return window.size();
  }

  Reading previous() {
    return previous;
  }

  Reading latest() {
    return latest;
  }
}
