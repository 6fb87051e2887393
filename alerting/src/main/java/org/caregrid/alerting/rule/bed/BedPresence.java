package org.caregrid.alerting.rule.bed;

import java.util.Optional;
import org.caregrid.core.event.EventBatch;
import org.caregrid.core.event.EventType;
import org.caregrid.core.reading.Metric;
import org.caregrid.core.reading.Reading;

/**
 * Whether a resident is in bed, from {@code bed_exit}/{@code bed_enter} events and {@code in_bed}
 * readings, and since when. An event is a change at its own time; a reading is one only when it
 * differs from what was known, so the first reading tells the state but not since when.
 */
final class BedPresence {
  static final long UNKNOWN = Long.MIN_VALUE;

  private Boolean inBed;
  private long since = UNKNOWN;
  private long lastAt = UNKNOWN;

  /** The presence an event reports, if it is about the bed. */
  static Optional<Boolean> of(EventBatch e) {
    EventType t = e.event().type();
    return t == EventType.BED_ENTER
        ? Optional.of(true)
        : t == EventType.BED_EXIT ? Optional.of(false) : Optional.empty();
  }

  /** The presence an {@code in_bed} reading reports. */
  static Optional<Boolean> of(Reading r) {
    return r.metric() == Metric.IN_BED ? Optional.of(r.value() >= 0.5) : Optional.empty();
  }

  /**
   * Records an observation; true when it changed the known state. Observations older than the last
   * one are ignored (redeliveries, late batches).
   */
  boolean observe(boolean in, long at, boolean isChange) {
    if (at < lastAt) {
      return false;
    }
    lastAt = at;
    if (inBed != null && inBed == in) {
      return false;
    }
    since = inBed != null || isChange ? at : UNKNOWN;
    inBed = in;
    return true;
  }

  boolean known() {
    return inBed != null;
  }

  boolean inBed() {
    return Boolean.TRUE.equals(inBed);
  }

  boolean outOfBed() {
    return Boolean.FALSE.equals(inBed);
  }

  /** When the current state began, or {@link #UNKNOWN}. */
  long since() {
    return since;
  }
}
