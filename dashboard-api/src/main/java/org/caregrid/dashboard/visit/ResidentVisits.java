package org.caregrid.dashboard.visit;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.List;

/**
 * A resident's assessment, plan and latest visits, as their record shows them.
 *
 * @param category null when the resident has not been assessed
 * @param nextDue null without a plan
 * @param visits newest first
 */
public record ResidentVisits(
    Category category, RiskLevel riskLevel, LocalDate nextDue, List<Past> visits) {

  /** A visit made. */
  public record Past(
      long id,
      LocalDate visitedOn,
      LocalDate dueOn,
      boolean onTime,
      String visitor,
      VisitType type,
      JsonObject findings,
      String followUp) {}
}
