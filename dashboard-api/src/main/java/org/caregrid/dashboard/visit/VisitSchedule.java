package org.caregrid.dashboard.visit;

import java.time.LocalDate;

/**
 * When visits fall due, whether one came on time, and when a due day is missed. Days are the home's
 * calendar days. Pure: the stores pass in what the database knows.
 */
public final class VisitSchedule {
  private final VisitsConfig config;

  public VisitSchedule(VisitsConfig config) {
    this.config = config;
  }

  public VisitsConfig config() {
    return config;
  }

  /** The next due day after a visit on {@code visitedOn}. */
  public LocalDate nextDue(LocalDate visitedOn, RiskLevel level) {
    return visitedOn.plusDays(config.every().days(level));
  }

  /**
   * The due day of a plan after a (re)assessment: a new plan is due a full interval after the last
   * visit, or today without one; a higher risk level may bring a plan forward, never push it back.
   *
   * @param planned the plan's current due day; null for a new plan
   * @param lastVisit null when the resident has had none
   */
  public LocalDate assessed(
      LocalDate planned, LocalDate lastVisit, LocalDate today, RiskLevel level) {
    LocalDate fresh = lastVisit == null ? today : nextDue(lastVisit, level);
    return planned == null || fresh.isBefore(planned) ? fresh : planned;
  }

  /**
   * The day a visit is due: the plan's day, or today when the resident's monitoring has shown no
   * activity, if that is sooner.
   */
  public LocalDate due(LocalDate planned, LocalDate today, boolean quiet) {
    return quiet && today.isBefore(planned) ? today : planned;
  }

  public TaskStatus status(LocalDate due, LocalDate today) {
    if (today.isAfter(due)) {
      return TaskStatus.OVERDUE;
    }
    return due.isAfter(today.plusDays(config.ahead().toDays()))
        ? TaskStatus.UPCOMING
        : TaskStatus.DUE;
  }

  /** Whether a visit on {@code visitedOn} answered the day {@code due} on time. */
  public boolean onTime(LocalDate visitedOn, LocalDate due) {
    return !visitedOn.isAfter(due.plusDays(config.grace().toDays()));
  }

  /** Whether {@code due}, still unvisited on {@code today}, can no longer be met on time. */
  public boolean missed(LocalDate due, LocalDate today) {
    return today.isAfter(due.plusDays(config.grace().toDays()));
  }
}
