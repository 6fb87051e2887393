package org.caregrid.dashboard.report;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;

/**
 * The programme's targets the report measures against. Answer times are the telecare figures TSA
 * members publish (97.5 % of calls within 60 s, 99 % within 3 min: research/domain.md §1.4); the
 * service circle and the bed count are the programme's own.
 */
public final class Targets {
  /** New family care beds a year. */
  public static final int BEDS_PER_YEAR = 10;

  public static final Duration ACCEPT_FAST = Duration.ofSeconds(60);
  public static final double ACCEPT_FAST_PCT = 97.5;
  public static final Duration ACCEPT_SLOW = Duration.ofSeconds(180);
  public static final double ACCEPT_SLOW_PCT = 99.0;

  /** The 15-minute service circle: staff at the door within this time of the call. */
  public static final Duration ON_SITE = Duration.ofMinutes(15);

  private Targets() {}

  /**
   * The bed target for the days {@code from} to {@code to}, both included: each calendar year's
   * share of its days times {@link #BEDS_PER_YEAR}, so a whole year is exactly the yearly target
   * and a leap day counts no more than any other day's share.
   */
  public static double bedsFor(LocalDate from, LocalDate to) {
    return BEDS_PER_YEAR * years(from, to);
  }

  /**
   * The whole-bed target of the programme years (calendar years) the days {@code from} to {@code
   * to} fall in: beds are built a whole one at a time, and the programme counts them per year.
   */
  public static int bedsForYears(LocalDate from, LocalDate to) {
    return BEDS_PER_YEAR * (to.getYear() - from.getYear() + 1);
  }

  private static double years(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
    double years = 0;
    for (int y = from.getYear(); y <= to.getYear(); y++) {
      LocalDate start = y == from.getYear() ? from : LocalDate.of(y, 1, 1);
      LocalDate end = y == to.getYear() ? to : LocalDate.of(y, 12, 31);
      years += (double) (end.toEpochDay() - start.toEpochDay() + 1) / Year.of(y).length();
    }
    return years;
  }
}
