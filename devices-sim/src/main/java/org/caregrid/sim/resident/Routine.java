package org.caregrid.sim.resident;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A resident's days, drawn one at a time from their seed and the date, so any moment can be asked
 * about in any order and the same seed always gives the same life. Night trips are capped so the
 * resident is back in bed before they get up for the day.
 */
public final class Routine {
  private static final int KEEP_DAYS = 4;

  private final long seed;
  private final boolean dementia;
  private final ZoneId zone;
  private final Map<LocalDate, DayPlan> days =
      new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<LocalDate, DayPlan> eldest) {
          return size() > KEEP_DAYS;
        }
      };

  public Routine(long seed, boolean dementia, ZoneId zone) {
    this.seed = seed;
    this.dementia = dementia;
    this.zone = zone;
  }

  public ZoneId zone() {
    return zone;
  }

  /** Where the resident is at {@code at}. */
  public synchronized Whereabouts at(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    LocalDate date = local.toLocalDate();
    int second = local.toLocalTime().toSecondOfDay();
    DayPlan today = day(date);
    if (second < today.wake().toSecondOfDay()) {
      DayPlan yesterday = day(date.minusDays(1));
      int sinceBedtime = second + 86_400 - yesterday.bedtime().toSecondOfDay();
      int untilWake = today.wake().toSecondOfDay() - second;
      // A trip that would still be under way at waking time is cut short: back in bed first.
      return untilWake < 15 * 60 ? Whereabouts.ASLEEP : yesterday.night(sinceBedtime);
    }
    if (second >= today.bedtime().toSecondOfDay()) {
      return today.night(second - today.bedtime().toSecondOfDay());
    }
    return today.daytime(second);
  }

  /** The local time at {@code at}, for rhythms that follow the home's clock. */
  public LocalTime localTime(Instant at) {
    return at.atZone(zone).toLocalTime();
  }

  private DayPlan day(LocalDate date) {
    return days.computeIfAbsent(
        date, d -> DayPlan.draw(new Random(seed * 31 + d.toEpochDay()), dementia));
  }
}
