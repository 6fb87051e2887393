package org.caregrid.alerting.rule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours a resident is expected to sleep, read in their home's time zone. When {@code start} is
 * after {@code end} the window crosses midnight (22:00-06:00); equal times mean no night at all.
 */
public record NightWindow(LocalTime start, LocalTime end) {

  public boolean contains(long epochMillis, ZoneId zone) {
    LocalTime t = Instant.ofEpochMilli(epochMillis).atZone(zone).toLocalTime();
    if (start.equals(end)) {
      return false;
    }
    return crossesMidnight()
        ? !t.isBefore(start) || t.isBefore(end)
        : !t.isBefore(start) && t.isBefore(end);
  }

  /** Milliseconds of {@code [from, to)} that lie outside every night: the waking time between. */
  public long wakingMillis(long from, long to, ZoneId zone) {
    if (to <= from) {
      return 0;
    }
    long night = 0;
    if (!start.equals(end)) {
      LocalDate last = Instant.ofEpochMilli(to).atZone(zone).toLocalDate();
      for (LocalDate d = Instant.ofEpochMilli(from).atZone(zone).toLocalDate().minusDays(1);
          !d.isAfter(last);
          d = d.plusDays(1)) {
        long nightStart = millis(d, start, zone);
        long nightEnd = millis(crossesMidnight() ? d.plusDays(1) : d, end, zone);
        night += Math.max(0, Math.min(to, nightEnd) - Math.max(from, nightStart));
      }
    }
    return to - from - night;
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }

  private boolean crossesMidnight() {
    return start.isAfter(end);
  }

  private static long millis(LocalDate day, LocalTime time, ZoneId zone) {
    return ZonedDateTime.of(day, time, zone).toInstant().toEpochMilli();
  }
}
