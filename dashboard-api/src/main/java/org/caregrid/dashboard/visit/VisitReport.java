package org.caregrid.dashboard.visit;

import java.time.LocalDate;
import java.util.List;

/**
 * 建档率 and visit coverage for the due days {@code from} to {@code to}, per community station and for
 * the district.
 *
 * @param district the sum over every station; null for a view of one station
 */
public record VisitReport(
    LocalDate from, LocalDate to, List<StationFigures> stations, Coverage district) {

  /** One community station's figures. */
  public record StationFigures(int id, String code, String name, Coverage figures) {}
}
