package org.caregrid.dashboard.visit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.caregrid.dashboard.tier.VisitCoverage;

/**
 * Visit coverage for the tier views, the big screen and the city's indicators: each community
 * station's due days, added up the tiers to the street and the district.
 */
public final class JdbcVisitCoverage implements VisitCoverage {
  private static final String PARENTS = "SELECT id, parent_id FROM station";

  private final VisitQueries queries;
  private final Clock clock;

  public JdbcVisitCoverage(VisitQueries queries, Clock clock) {
    this.queries = queries;
    this.clock = clock;
  }

  @Override
  public Map<Integer, Double> byUnit(Connection c, Instant from, Instant to) throws SQLException {
    LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
    Map<Integer, Coverage> community = queries.byStation(c, first, last, clock.instant());
    Map<Integer, Integer> parents = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(PARENTS);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        parents.put(rs.getInt(1), rs.getObject(2, Integer.class));
      }
    }
    Map<Integer, Coverage> units = new HashMap<>();
    community.forEach(
        (station, f) -> {
          // a cycle cannot come from the tier tree; the bound only keeps a bad row from looping
          Integer unit = station;
          for (int depth = 0; unit != null && depth < parents.size() + 1; depth++) {
            units.merge(unit, f, Coverage::plus);
            unit = parents.get(unit);
          }
        });
    Map<Integer, Double> pct = new HashMap<>();
    units.forEach(
        (unit, f) -> {
          if (f.coveragePct() != null) {
            pct.put(unit, f.coveragePct());
          }
        });
    return pct;
  }
}
