package org.caregrid.dashboard.tier;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Visit coverage per unit (visits done on time, in percent), for the tier views and the city's
 * daily indicators. The visits package implements it on the same connection; the tiers know nothing
 * of visits beyond this figure.
 */
public interface VisitCoverage {
  /**
   * @return unit (station) id → percent of visits due in [from, to) that were done on time; units
   *     without visits due are absent
   */
  Map<Integer, Double> byUnit(Connection c, Instant from, Instant to) throws SQLException;
}
