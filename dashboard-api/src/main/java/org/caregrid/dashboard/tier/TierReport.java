package org.caregrid.dashboard.tier;

import java.time.LocalDate;
import java.util.Map;

/**
 * Every unit's figures over a range of days.
 *
 * @param figures unit id → figures, for every unit under the district centre
 */
public record TierReport(
    LocalDate from, LocalDate to, TierTree tree, Map<Integer, TierFigures> figures) {

  public TierReport {
    figures = Map.copyOf(figures);
  }
}
