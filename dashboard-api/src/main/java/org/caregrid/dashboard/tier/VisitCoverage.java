package org.caregrid.dashboard.tier;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;

/**
 * Visit coverage per unit (visits done on time, in percent), for the tier views and the city's
 * daily indicators. The platform records no visits yet: {@link #NOT_RECORDED} answers for none, and
 * the figure stays null. Visits, when they come, implement this on the same connection.
 */
public interface VisitCoverage {
  VisitCoverage NOT_RECORDED = (c, from, to) -> Map.of();

  /**
   * @return unit (station) id → percent of visits due in [from, to) that were done on time; units
   *     without visits due are absent
   */
  Map<Integer, Double> byUnit(Connection c, Instant from, Instant to) throws SQLException;
}
