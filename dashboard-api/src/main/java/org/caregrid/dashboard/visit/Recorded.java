package org.caregrid.dashboard.visit;

import java.time.LocalDate;

/**
 * What recording a visit came to.
 *
 * @param dueOn the due day the visit answered
 * @param nextDue the plan's next due day after it
 */
public record Recorded(
    long visitId,
    int residentId,
    LocalDate visitedOn,
    LocalDate dueOn,
    boolean onTime,
    LocalDate nextDue) {

  /** A visit that was not recorded, and why. */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    private final Refusal why;

    Refused(Refusal why) {
      super(why.name(), null, false, false);
      this.why = why;
    }

    public Refusal why() {
      return why;
    }
  }

  /** Why a visit was not recorded. */
  public enum Refusal {
    /** No plan for this resident that the user can see. */
    NO_PLAN,
    /** The visit day is after today in the resident's home. */
    IN_FUTURE
  }
}
