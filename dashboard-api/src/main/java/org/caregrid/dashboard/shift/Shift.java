package org.caregrid.dashboard.shift;

import java.time.LocalTime;
import java.util.Optional;

/**
 * The two shifts of a station's day: stations keep 24 h manual duty (research/domain.md §1.5), and
 * two 12-hour shifts are our default (decision 0028). A night shift belongs to the day it starts on
 * and ends the next morning.
 */
public enum Shift {
  DAY("day", LocalTime.of(8, 0), LocalTime.of(20, 0)),
  NIGHT("night", LocalTime.of(20, 0), LocalTime.of(8, 0));

  private final String code;
  private final LocalTime starts;
  private final LocalTime ends;

  Shift(String code, LocalTime starts, LocalTime ends) {
    this.code = code;
    this.starts = starts;
    this.ends = ends;
  }

  /** The name in {@code duty_shift.shift} and in the API. */
  public String code() {
    return code;
  }

  public LocalTime starts() {
    return starts;
  }

  public LocalTime ends() {
    return ends;
  }

  public static Optional<Shift> fromCode(String code) {
    for (Shift s : values()) {
      if (s.code.equals(code)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
